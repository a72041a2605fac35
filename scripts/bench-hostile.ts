/**
 * Bench: `quota allocate` on every hostile or damaged file of scripts/hostile-files.ts at real
 * size (bombs inflating to 128 MB, entries claiming 2 GB, rows and columns past Excel's grid,
 * malformed parts, other kinds of file), each in its own process under GNU time -v.
 * Goal: every one answered with exit code 1 and one line, under 1 GB and 10 s.
 *
 * Files are generated into .bench/hostile/ (git-ignored). Prints a table on stderr and the
 * result rows as JSON on the last stdout line.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import path from "path";
import { hostileCases } from "./hostile-files";

const root = path.resolve(__dirname, "..");
const dir = path.join(root, ".bench", "hostile");
const TIME = "/usr/bin/time";
const hasTime = fs.existsSync(TIME) && spawnSync(TIME, ["-v", "true"]).status === 0;

interface Row {
  bench: string;
  case: string;
  seconds: number | null;
  peakMB: number | null;
  note?: string;
}

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

function run(file: string): { code: number | null; line: string; seconds: number; peakMB: number | null } {
  const report = path.join(dir, "time.txt");
  const args = [path.join(root, "bin", "quota.js"), "allocate", file, "--out", path.join(dir, "out.xlsx"), "--year", "2025", "--target", "10000"];
  const started = process.hrtime.bigint();
  const result = hasTime
    ? spawnSync(TIME, ["-v", "-o", report, process.execPath, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, LANG: "en_US.UTF-8" } })
    : spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", env: { ...process.env, LANG: "en_US.UTF-8" } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let peakMB: number | null = null;
  if (hasTime && fs.existsSync(report)) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(fs.readFileSync(report, "utf8"));
    if (m) peakMB = Number(m[1]) / 1024;
  }
  const line = (result.stderr ?? "").split("\n").find((l) => l.trim() !== "") ?? "";
  return { code: result.status, line, seconds, peakMB };
}

function main(): Row[] {
  fs.mkdirSync(dir, { recursive: true });
  if (!hasTime) log("GNU time is not installed: peak memory is not measured.");
  const rows: Row[] = [];
  const table: string[][] = [["file", "exit", "seconds", "peak MB", "first line of stderr"]];
  let missed = 0;
  for (const c of hostileCases()) {
    const file = path.join(dir, c.file);
    log(`${c.file}: ${c.about}…`);
    fs.writeFileSync(file, c.build());
    const r = run(file);
    const answered = r.code === 1 && c.expect.test(r.line);
    const within = r.seconds < 10 && (r.peakMB === null || r.peakMB < 1024);
    if (!answered || !within) missed++;
    const flag = answered ? (within ? "" : " [over 1 GB or 10 s]") : " [unexpected answer]";
    rows.push({ bench: "hostile", case: `${c.file} (${c.about})`, seconds: r.seconds, peakMB: r.peakMB, note: `exit ${r.code}: ${r.line}${flag}` });
    table.push([c.file, String(r.code), r.seconds.toFixed(2), r.peakMB === null ? "–" : String(Math.round(r.peakMB)), `${r.line}${flag}`]);
    fs.rmSync(file, { force: true });
  }
  const widths = table[0].map((_h, i) => Math.max(...table.map((t) => t[i].length)));
  log("");
  for (const t of table) log(t.map((x, i) => (i === 4 ? x : i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  "));
  log(missed === 0 ? "\nEvery file answered with exit 1 and its line, under 1 GB and 10 s." : `\n${missed} file(s) missed the goal.`);
  return rows;
}

process.stdout.write(`${JSON.stringify(main())}\n`);
