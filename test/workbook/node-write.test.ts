/**
 * The safe write behind `quota … --out`: exclusive, unpredictable temporary files, refusal of
 * folders, FIFOs, devices and read-only files, links replaced rather than followed, modes,
 * and cleanup on SIGINT/SIGTERM (in a child process).
 */
import { execFileSync, spawn } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { Readable } from "stream";
import { checkOutputTarget, OutputFileError, writeFileSafely } from "../../src/workbook/node-write";

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quota-write-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const bytes = (text: string) => () => Readable.from([Buffer.from(text)]);

describe("writeFileSafely", () => {
  it("writes a new file with the default mode (0666 minus the umask) and leaves no temporary file", async () => {
    const dir = tempDir();
    const out = path.join(dir, "out.xlsx");
    await writeFileSafely(out, bytes("new"));
    expect(fs.readFileSync(out, "utf8")).toBe("new");
    expect(fs.statSync(out).mode & 0o777).toBe(0o666 & ~process.umask());
    expect(fs.readdirSync(dir)).toEqual(["out.xlsx"]);
  });

  it("keeps the mode of the file it replaces", async () => {
    const dir = tempDir();
    const out = path.join(dir, "out.xlsx");
    fs.writeFileSync(out, "old");
    fs.chmodSync(out, 0o640);
    await writeFileSafely(out, bytes("new"));
    expect(fs.readFileSync(out, "utf8")).toBe("new");
    expect(fs.statSync(out).mode & 0o777).toBe(0o640);
  });

  it("never opens a link planted at the old predictable temporary name", async () => {
    const dir = tempDir();
    const out = path.join(dir, "out.xlsx");
    const victim = path.join(dir, "victim.txt");
    fs.writeFileSync(victim, "precious");
    const planted = path.join(dir, `.out.xlsx.${process.pid}.tmp`);
    fs.symlinkSync(victim, planted);
    await writeFileSafely(out, bytes("new"));
    expect(fs.readFileSync(victim, "utf8")).toBe("precious");
    expect(fs.lstatSync(planted).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(planted)).toBe(victim);
    expect(fs.readFileSync(out, "utf8")).toBe("new");
  });

  it("never reuses an existing file or link that has the random name: it draws another", async () => {
    const dir = tempDir();
    const out = path.join(dir, "out.xlsx");
    const victim = path.join(dir, "victim.txt");
    fs.writeFileSync(victim, "precious");
    fs.writeFileSync(path.join(dir, ".out.xlsx.aaaa.tmp"), "someone's file");
    fs.symlinkSync(victim, path.join(dir, ".out.xlsx.bbbb.tmp"));
    const names = ["aaaa", "bbbb", "cccc"];
    const drawn: string[] = [];
    await writeFileSafely(out, bytes("new"), { randomName: () => (drawn.push(names[drawn.length]), names[drawn.length - 1]) });
    expect(drawn).toEqual(["aaaa", "bbbb", "cccc"]);
    expect(fs.readFileSync(path.join(dir, ".out.xlsx.aaaa.tmp"), "utf8")).toBe("someone's file");
    expect(fs.readFileSync(victim, "utf8")).toBe("precious");
    expect(fs.existsSync(path.join(dir, ".out.xlsx.cccc.tmp"))).toBe(false);
    expect(fs.readFileSync(out, "utf8")).toBe("new");
  });

  it("uses a different, unpredictable temporary name on each write", async () => {
    const dir = tempDir();
    const seen: string[] = [];
    const watcher = fs.watch(dir, (_e, name) => name && name.endsWith(".tmp") && seen.push(name));
    await writeFileSafely(path.join(dir, "a.xlsx"), bytes("1"));
    await writeFileSafely(path.join(dir, "a.xlsx"), bytes("2"));
    await new Promise((r) => setTimeout(r, 50));
    watcher.close();
    const names = [...new Set(seen)];
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const n of names) expect(n).toMatch(/^\.a\.xlsx\.[0-9a-f]{24}\.tmp$/);
    expect(names.some((n) => n.includes(String(process.pid)))).toBe(false);
  });

  it("replaces a symbolic link at the target with the new file; the file it pointed to is untouched", async () => {
    const dir = tempDir();
    const elsewhere = path.join(dir, "elsewhere.xlsx");
    fs.writeFileSync(elsewhere, "theirs");
    const out = path.join(dir, "out.xlsx");
    fs.symlinkSync(elsewhere, out);
    await writeFileSafely(out, bytes("new"));
    expect(fs.lstatSync(out).isFile()).toBe(true);
    expect(fs.readFileSync(out, "utf8")).toBe("new");
    expect(fs.readFileSync(elsewhere, "utf8")).toBe("theirs");
  });

  it("removes the temporary file and keeps the old target when the source fails", async () => {
    const dir = tempDir();
    const out = path.join(dir, "out.xlsx");
    fs.writeFileSync(out, "old");
    const failing = () =>
      Readable.from(
        (async function* () {
          yield Buffer.from("half");
          throw new Error("disk full");
        })(),
      );
    await expect(writeFileSafely(out, failing)).rejects.toThrow("disk full");
    expect(fs.readFileSync(out, "utf8")).toBe("old");
    expect(fs.readdirSync(dir)).toEqual(["out.xlsx"]);
  });
});

describe("checkOutputTarget refuses what must not be replaced", () => {
  it("a folder", () => {
    const dir = tempDir();
    const e = (() => {
      try {
        checkOutputTarget(dir, "out");
      } catch (error) {
        return error as OutputFileError;
      }
    })();
    expect(e).toBeInstanceOf(OutputFileError);
    expect(e!.message).toBe("--out out is a folder, not a file; name the workbook to write.");
    expect(e!.messageIn("sv")).toBe("--out out är en mapp, inte en fil; ange arbetsboken som ska skrivas.");
  });

  it("a FIFO and a device", () => {
    const dir = tempDir();
    const fifo = path.join(dir, "pipe.xlsx");
    execFileSync("mkfifo", [fifo]);
    expect(() => checkOutputTarget(fifo, "pipe.xlsx")).toThrow("--out pipe.xlsx names a FIFO/device, not a file; name an ordinary file.");
    expect(() => checkOutputTarget("/dev/null", "/dev/null")).toThrow("--out /dev/null names a FIFO/device, not a file");
  });

  it("a read-only file, left as it was", async () => {
    const dir = tempDir();
    const out = path.join(dir, "ro.xlsx");
    fs.writeFileSync(out, "keep");
    fs.chmodSync(out, 0o444);
    await expect(writeFileSafely(out, bytes("new"), { shown: "ro.xlsx" })).rejects.toThrow("--out ro.xlsx is read-only; it was left as it is.");
    expect(fs.readFileSync(out, "utf8")).toBe("keep");
    expect(fs.readdirSync(dir)).toEqual(["ro.xlsx"]);
  });

  it("accepts an absent path, a writable file and a link", () => {
    const dir = tempDir();
    expect(checkOutputTarget(path.join(dir, "new.xlsx"))).toEqual({ kind: "absent" });
    fs.writeFileSync(path.join(dir, "f.xlsx"), "x");
    fs.chmodSync(path.join(dir, "f.xlsx"), 0o600);
    expect(checkOutputTarget(path.join(dir, "f.xlsx"))).toEqual({ kind: "file", mode: 0o600 });
    fs.symlinkSync("/dev/null", path.join(dir, "l.xlsx"));
    expect(checkOutputTarget(path.join(dir, "l.xlsx"))).toEqual({ kind: "link" });
  });
});

describe("an interrupted write (child process)", () => {
  const script = path.join(__dirname, "support", "slow-write.ts");

  function interrupt(signal: NodeJS.Signals): Promise<{ code: number | null; dir: string; tmp: string }> {
    const dir = tempDir();
    const out = path.join(dir, "out.xlsx");
    fs.writeFileSync(out, "old");
    const child = spawn(process.execPath, ["--require", "tsx/cjs", script, out], { stdio: ["ignore", "pipe", "inherit"] });
    return new Promise((resolve, reject) => {
      let text = "";
      let tmp = "";
      child.stdout.on("data", (d) => {
        text += String(d);
        const m = /^ready (\S+)/m.exec(text);
        if (m && !tmp) {
          tmp = m[1];
          child.kill(signal);
        }
      });
      child.on("error", reject);
      child.on("exit", (code) => resolve({ code, dir, tmp }));
    });
  }

  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s removes the temporary file and exits with %i; the old file stays", async (signal, code) => {
    const r = await interrupt(signal);
    expect(r.tmp).toMatch(/^\.out\.xlsx\.[0-9a-f]+\.tmp$/);
    expect(r.code).toBe(code);
    expect(fs.readdirSync(r.dir)).toEqual(["out.xlsx"]);
    expect(fs.readFileSync(path.join(r.dir, "out.xlsx"), "utf8")).toBe("old");
  }, 30000);
});
