/**
 * Ctrl+C and SIGTERM during the write, on the real command (bin/quota.js in a child process)
 * writing a large output: the temporary file beside --out is removed, the exit code is 130 or
 * 143, the file at --out is as it was and the input is untouched. From a CSV file (a new
 * workbook) and from an .xlsx workbook (its parts copied).
 */
import { spawn, spawnSync } from "child_process";
import { createHash } from "crypto";
import fs from "fs";
import path from "path";
import { tempDir } from "./support";

jest.setTimeout(120_000);

const bin = path.resolve(__dirname, "..", "..", "bin", "quota.js");
const TEMP = /^\.out\.xlsx\.[0-9a-f]+\.tmp$/;

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** 150,000 sales rows (about 3.7 MB): a write that takes a while. */
function bigCsv(file: string): void {
  const lines = ["Rep,Amount,Date"];
  for (let i = 0; i < 150_000; i++) lines.push(`Rep ${i % 500},${(i * 7) % 1000}.5,2025-${String((i % 12) + 1).padStart(2, "0")}-15`);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
}

/**
 * Runs `quota allocate input --out out.xlsx` and sends `signal` as soon as the temporary file
 * appears ("created": the signal may come before the command knows the file is there), or once
 * it holds 64 KB ("written": in the middle of the write).
 */
function interrupted(dir: string, input: string, signal: NodeJS.Signals, when: "created" | "written"): Promise<{ code: number | null; temp: string | null; stderr: string }> {
  const child = spawn(process.execPath, [bin, "allocate", input, "--out", "out.xlsx", "--target", "1000000"], {
    cwd: dir,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "", LC_MESSAGES: "" },
  });
  let temp: string | null = null;
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += String(d)));
  const watcher = fs.watch(dir, (_event, name) => {
    if (temp !== null || !name || !TEMP.test(String(name))) return;
    if (when === "written") {
      const size = fs.statSync(path.join(dir, String(name)), { throwIfNoEntry: false })?.size ?? 0;
      if (size < 65_536) return;
    }
    temp = String(name);
    child.kill(signal);
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => {
      watcher.close();
      resolve({ code, temp, stderr });
    });
  });
}

describe("an interrupted bin/quota.js", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    bigCsv(path.join(dir, "sales.csv"));
    // The same rows as a workbook, written by the command itself.
    const made = spawnSync(process.execPath, [bin, "allocate", "sales.csv", "--out", "sales.xlsx", "--target", "1000000"], { cwd: dir, encoding: "utf8" });
    expect(made.status).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ["sales.csv", "SIGINT", "created", 130],
    ["sales.csv", "SIGTERM", "written", 143],
    ["sales.xlsx", "SIGTERM", "created", 143],
    ["sales.xlsx", "SIGINT", "written", 130],
  ] as const)("%s, %s once the temporary file is %s: no temporary file, the old output and the input as they were, exit %i", async (input, signal, when, code) => {
    const out = path.join(dir, "out.xlsx");
    fs.writeFileSync(out, "the old output");
    const before = sha256(path.join(dir, input));
    const r = await interrupted(dir, input, signal, when);
    expect(r.temp).toMatch(TEMP); // the signal came during the write
    expect([r.code, r.stderr.includes("Wrote sheet")]).toEqual([code, false]);
    expect(fs.readdirSync(dir).sort()).toEqual(["out.xlsx", "sales.csv", "sales.xlsx"]);
    expect(fs.readFileSync(out, "utf8")).toBe("the old output");
    expect(sha256(path.join(dir, input))).toBe(before);
  });
});
