/**
 * The generated workbooks the benchmarks share (bench-cli.ts, bench-page.ts): sales rows like
 * an ERP export, written once with ExcelJS's streaming writer into .bench/ (git-ignored) and
 * reused while the generator version and row count match.
 */
import ExcelJS from "exceljs";
import fs from "fs";
import path from "path";
import { prng } from "./make-sample";

const root = path.resolve(__dirname, "..");
export const BENCH_DIR = path.join(root, ".bench");
const GENERATOR_VERSION = 1;
const REPS = 5000;

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Sales rows like an ERP export: 7 columns, 5,000 reps, dates across 2025. */
export async function generateSalesWorkbook(file: string, totalRows: number): Promise<void> {
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

