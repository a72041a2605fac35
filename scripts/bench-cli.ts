/**
 * Bench: the `quota` command on generated 100,000-row and 1,048,576-row workbooks (the second
 * is a full Excel sheet: header + 1,048,575 rows), time and peak memory of the child process,
 * beside LibreOffice converting the same file to CSV when `soffice` is installed.
 * Goal: faster than LibreOffice, peak memory under 1 GB.
 *
 * Workbooks are generated once with ExcelJS's streaming writer into .bench/ (git-ignored) and
 * reused while the generator version matches. Prints result rows as JSON on the last line.
 */
import ExcelJS from "exceljs";
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { prng } from "./make-sample";

const root = path.resolve(__dirname, "..");
const cacheDir = path.join(root, ".bench");
const GENERATOR_VERSION = 1;
const REPS = 5000;

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

/** Sales rows like an ERP export: 7 columns, 5,000 reps, dates across 2025. */
async function generate(file: string, totalRows: number): Promise<void> {
  const stamp = `${file}.json`;
  const want = JSON.stringify({ version: GENERATOR_VERSION, totalRows });
  if (fs.existsSync(file) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === want) return;
  log(`Generating ${path.relative(root, file)} (${totalRows.toLocaleString("en-US")} rows)…`);
  const started = Date.now();
  const random = prng(totalRows);
  const reps = Array.from({ length: REPS }, (_, i) => `Rep ${String(i + 1).padStart(4, "0")}`);
  const regions = ["North", "South", "East", "West", "Central"];
  const products = ["Espresso Roast 1 kg", "Filter Coffee 500 g", "Organic Tea", "Burr Grinder", "Paper Cups", "Milk Frother"];
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = writer.addWorksheet("Sales");
  sheet.columns = [
    { header: "Date", key: "date", width: 12, style: { numFmt: "yyyy-mm-dd" } },
    { header: "Sales rep", key: "rep", width: 14 },
    { header: "Region", key: "region", width: 10 },
    { header: "Product", key: "product", width: 20 },
    { header: "Units", key: "units", width: 8 },
    { header: "Amount", key: "amount", width: 12, style: { numFmt: "#,##0.00" } },
    { header: "COGS", key: "cogs", width: 12, style: { numFmt: "#,##0.00" } },
  ];
  const start = Date.UTC(2025, 0, 1);
  for (let i = 1; i < totalRows; i++) {
    const units = 1 + Math.floor(random() * 10);
    const amount = Math.round(units * (50 + random() * 950) * 100) / 100;
    sheet
      .addRow({
        date: new Date(start + Math.floor(random() * 365) * 86_400_000),
        rep: reps[Math.floor(random() * REPS)],
        region: regions[Math.floor(random() * regions.length)],
        product: products[Math.floor(random() * products.length)],
        units,
        amount,
        cogs: Math.round(amount * (0.4 + random() * 0.3) * 100) / 100,
      })
      .commit();
  }
  sheet.commit();
  await writer.commit();
  fs.writeFileSync(stamp, want);
  log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s, ${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MB`);
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
