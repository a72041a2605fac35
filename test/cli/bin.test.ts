/**
 * The installed command as users run it (`npx quota`, `npm run demo`): bin/quota.js in a child
 * process, and the bundled sample workbook it ships with.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import path from "path";
import { makeSampleWorkbook } from "../../scripts/make-sample";
import { quotaRows, readWorkbook, tempDir } from "./support";

const root = path.resolve(__dirname, "..", "..");
const bin = path.join(root, "bin", "quota.js");
const sample = path.join(root, "samples", "sales-2025.xlsx");

function quota(args: string[], cwd = root) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "", LC_MESSAGES: "" } });
}

describe("bin/quota.js", () => {
  it("shows help", () => {
    const r = quota(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("quota allocate <in.xlsx> --out <out.xlsx>");
    expect(r.stderr).toBe("");
  });

  it("fails with one line and exit code 1, no stack trace", () => {
    const r = quota(["allocate", "no-such-file.xlsx", "--out", "o.xlsx", "--target", "1"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("Cannot find the input file no-such-file.xlsx.\n");
  });

  it("runs the demo on the bundled sample: the quotas add up to the target", async () => {
    const dir = tempDir();
    const out = path.join(dir, "quotas.xlsx");
    const r = quota(["allocate", sample, "--out", out, "--year", "2025", "--target", "1500000", "--periods", "12", "--round", "100"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\nTotal\s+1,333,638\s+100\.0 %\s+1,500,000\s+125,000\n\nPeriod targets \(sum 1,500,000\):\n2026-01 {2}125,000 {3}2026-02/);
    for (const name of ["Anna Svensson", "Erik Lindqvist", "Sofia Berg", "Johan Ek", "Peter Hall", "Andrew Smith", "Regina Ortiz", "Abigael Mwangi"]) {
      expect(r.stdout).toContain(name);
    }
    expect(r.stderr).toContain("2,673 rows read, 2,649 used, 24 outside the dates, 0 skipped.");
    const q = (await readWorkbook(out)).getWorksheet("Quotas")!;
    const { rows, totals } = quotaRows(q);
    expect(rows).toHaveLength(8);
    expect(totals[3]).toBe(1500000);
    expect(totals[4]).toBe(125000);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30000);

  it("ships the sample exactly as scripts/make-sample.ts generates it", async () => {
    const generated = await makeSampleWorkbook();
    expect(Buffer.compare(generated, fs.readFileSync(sample))).toBe(0);
  }, 30000);
});
