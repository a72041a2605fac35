/**
 * Bench: the `quota` command on generated 100,000-row and 1,048,576-row workbooks (the second
 * is a full Excel sheet: header + 1,048,575 rows), time and peak memory of the child process,
 * beside LibreOffice converting the same file to CSV when `soffice` is installed.
 * Goal: faster than LibreOffice, peak memory under 1 GB.
 *
 * Workbooks are generated once with ExcelJS's streaming writer into .bench/ (git-ignored) and
 * reused while the generator version matches. Prints result rows as JSON on the last line.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { generateSalesWorkbook as generate } from "./bench-workbooks";

const root = path.resolve(__dirname, "..");
const cacheDir = path.join(root, ".bench");

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

interface Measured {
  seconds: number;
  peakMB: number | null;
  status: number | null;
  stderr: string;
}

const TIME = "/usr/bin/time";
const hasTime = fs.existsSync(TIME) && spawnSync(TIME, ["-v", "true"]).status === 0;

/** Runs a command; wall time and peak RSS (of the largest process in the tree) via GNU time -v. */
function measure(command: string, args: string[]): Measured {
  const report = path.join(cacheDir, "time.txt");
  const started = process.hrtime.bigint();
  const result = hasTime
    ? spawnSync(TIME, ["-v", "-o", report, command, ...args], { cwd: root, encoding: "utf8", maxBuffer: 256 * 2 ** 20 })
    : spawnSync(command, args, { cwd: root, encoding: "utf8", maxBuffer: 256 * 2 ** 20 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let peakMB: number | null = null;
  if (hasTime && fs.existsSync(report)) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(fs.readFileSync(report, "utf8"));
    if (m) peakMB = Number(m[1]) / 1024;
  }
  return { seconds, peakMB, status: result.status, stderr: result.stderr ?? "" };
}

/**
 * Without GNU time, the command's peak memory comes from the process itself: a wrapper runs
 * main() in-process and reports process.resourceUsage().maxRSS on exit.
 */
function measureQuota(args: string[]): Measured {
  if (hasTime) return measure(process.execPath, [path.join(root, "bin", "quota.js"), ...args]);
  const wrapper = `require("tsx/cjs");require(${JSON.stringify(path.join(root, "src/cli/main.ts"))}).main(${JSON.stringify(args)}).then((c)=>{process.stderr.write("\\nMAXRSS "+process.resourceUsage().maxRSS+"\\n");process.exitCode=c;})`;
  const m = measure(process.execPath, ["-e", wrapper]);
  const rss = /MAXRSS (\d+)/.exec(m.stderr);
  return { ...m, peakMB: rss ? Number(rss[1]) / 1024 : null };
}

function sofficeAvailable(): boolean {
  return spawnSync("soffice", ["--version"], { encoding: "utf8" }).status === 0;
}

function soffice(file: string, outDir: string): Measured {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const profile = `file://${path.join(os.tmpdir(), "lo-bench")}`;
  return measure("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "csv", "--outdir", outDir, file]);
}

async function run(): Promise<Row[]> {
  fs.mkdirSync(cacheDir, { recursive: true });
  const cases = [
    { label: "100,000 rows", rows: 100_000, file: path.join(cacheDir, "sales-100k.xlsx") },
    { label: "1,048,576 rows", rows: 1_048_576, file: path.join(cacheDir, "sales-1m.xlsx") },
  ];
  for (const c of cases) await generate(c.file, c.rows);
  const withLibreOffice = sofficeAvailable();
  if (withLibreOffice) {
    // The first start creates the profile; keep that out of the figures.
    const warm = path.join(cacheDir, "lo-warm");
    const tiny = path.join(cacheDir, "tiny.xlsx");
    if (!fs.existsSync(tiny)) await generate(tiny, 10);
    soffice(tiny, warm);
  } else {
    log("LibreOffice (soffice) is not installed: its column stays empty.");
  }
  if (!hasTime) log("GNU time is not installed: peak memory of quota comes from the process itself; LibreOffice's is not measured.");

  const rows: Row[] = [];
  for (const c of cases) {
    const out = path.join(cacheDir, `out-${c.rows}.xlsx`);
    log(`quota allocate on ${c.label}…`);
    const q = measureQuota(["allocate", c.file, "--out", out, "--year", "2025", "--target", "100000000", "--periods", "12", "--round", "100", "--json"]);
    const ok = q.status === 0 && fs.existsSync(out);
    if (!ok) log(q.stderr);
    rows.push({ bench: "cli", case: `quota allocate, ${c.label}`, seconds: q.seconds, peakMB: q.peakMB, note: ok ? `${(fs.statSync(c.file).size / 2 ** 20).toFixed(0)} MB file` : `failed (exit ${q.status})` });
    if (withLibreOffice) {
      log(`LibreOffice → CSV on ${c.label}…`);
      const lo = soffice(c.file, path.join(cacheDir, "lo"));
      const csv = path.join(cacheDir, "lo", `${path.basename(c.file, ".xlsx")}.csv`);
      const loOk = lo.status === 0 && fs.existsSync(csv);
      rows.push({
        bench: "cli",
        case: `LibreOffice → CSV, ${c.label}`,
        seconds: lo.seconds,
        peakMB: lo.peakMB,
        note: loOk ? (ok ? `quota is ${(lo.seconds / q.seconds).toFixed(1)}× faster` : "") : `failed (exit ${lo.status})`,
      });
    }
  }
  if (withLibreOffice) {
    // The same rows as a spreadsheet application saves them: unlike ExcelJS's streaming
    // writer, Excel and LibreOffice record the sheet's <dimension>, so no pass is spent
    // finding where the data ends.
    const saved = path.join(cacheDir, "lo-saved", "sales-1m.xlsx");
    const csv = path.join(cacheDir, "lo", "sales-1m.csv");
    if (!fs.existsSync(saved) && fs.existsSync(csv)) {
      log("Saving the 1,048,576 rows with LibreOffice (once)…");
      const profile = `file://${path.join(os.tmpdir(), "lo-bench")}`;
      spawnSync("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "xlsx", "--outdir", path.dirname(saved), csv], { encoding: "utf8" });
    }
    if (fs.existsSync(saved)) {
      log("quota allocate on the LibreOffice-saved 1,048,576 rows…");
      const out = path.join(cacheDir, "out-saved.xlsx");
      const q = measureQuota(["allocate", saved, "--out", out, "--target", "100000000", "--periods", "12", "--round", "100", "--json"]);
      const ok = q.status === 0 && fs.existsSync(out);
      rows.push({ bench: "cli", case: "quota allocate, 1,048,576 rows saved by LibreOffice", seconds: q.seconds, peakMB: q.peakMB, note: ok ? "file with <dimension>, as Excel saves it" : `failed (exit ${q.status})` });
    }
  }
  return rows;
}

run().then(
  (rows) => process.stdout.write(`${JSON.stringify(rows)}\n`),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
