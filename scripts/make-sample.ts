/**
 * Generates samples/sales-2025.xlsx: a year of sales transactions of a small Nordic coffee
 * wholesaler, the way such exports look — a title above the header, Swedish and English
 * headers and rep names, a few messy cells (a rep name with a leading space or another case,
 * amounts typed as text in Swedish format) and a handful of December 2024 orders that a
 * `--year 2025` run leaves out.
 *
 * Deterministic: a seeded PRNG, fixed workbook dates and fixed zip entry dates, so running it
 * again gives the same bytes.
 *
 *   npx tsx scripts/make-sample.ts [out.xlsx]
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { writeFileSync } from "fs";
import path from "path";

const FIXED_DATE = new Date(Date.UTC(2026, 0, 5, 9, 0, 0));

/** mulberry32: small, fast, good enough for sample data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Rep {
  name: string;
  region: string;
  weight: number;
}

const REPS: Rep[] = [
  { name: "Anna Svensson", region: "Stockholm", weight: 1.35 },
  { name: "Erik Lindqvist", region: "Göteborg", weight: 1.1 },
  { name: "Sofia Berg", region: "Malmö", weight: 1.0 },
  { name: "Johan Ek", region: "Uppsala", weight: 0.8 },
  { name: "Peter Hall", region: "Stockholm", weight: 1.2 },
  { name: "Andrew Smith", region: "Göteborg", weight: 0.7 },
  { name: "Regina Ortiz", region: "Malmö", weight: 0.95 },
  { name: "Abigael Mwangi", region: "Norrland", weight: 0.9 },
];

interface Product {
  name: string;
  price: number;
  costRatio: number;
  maxUnits: number;
  popularity: number;
}

const PRODUCTS: Product[] = [
  { name: "Espresso Roast 1 kg", price: 289, costRatio: 0.55, maxUnits: 4, popularity: 3 },
  { name: "Filter Coffee 500 g", price: 119, costRatio: 0.5, maxUnits: 6, popularity: 4 },
  { name: "Organic Tea 100 bags", price: 149, costRatio: 0.45, maxUnits: 4, popularity: 2 },
  { name: "Burr Grinder", price: 1495, costRatio: 0.62, maxUnits: 1, popularity: 0.6 },
  { name: "Paper Cups 100-pack", price: 79, costRatio: 0.4, maxUnits: 6, popularity: 2 },
  { name: "Milk Frother", price: 649, costRatio: 0.6, maxUnits: 1, popularity: 0.8 },
  { name: "Cold Brew Kit", price: 399, costRatio: 0.5, maxUnits: 2, popularity: 1 },
];

/** Orders per month: a summer dip (July) and a Christmas peak. */
const SEASON = [0.9, 0.85, 1.0, 1.0, 1.05, 0.95, 0.6, 0.8, 1.1, 1.1, 1.15, 1.3];
const ORDERS_PER_MONTH = 226;

function pick<T>(items: T[], weight: (item: T) => number, random: () => number): T {
  const total = items.reduce((s, x) => s + weight(x), 0);
  let r = random() * total;
  for (const item of items) {
    r -= weight(item);
    if (r < 0) return item;
  }
  return items[items.length - 1];
}

function businessDay(year: number, month: number, random: () => number): Date {
  for (;;) {
    const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    const d = new Date(Date.UTC(year, month, 1 + Math.floor(random() * days)));
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6) return d;
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** "1234.5" as a Swedish user types it: "1 234,50". */
function swedishText(amount: number): string {
  const [whole, decimals] = amount.toFixed(2).split(".");
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, " ")},${decimals}`;
}

export interface SampleRow {
  date: Date;
  rep: string;
  region: string;
  product: string;
  units: number;
  amount: number | string;
  cogs: number;
}

export function sampleRows(seed = 2025): SampleRow[] {
  const random = prng(seed);
  const orders: SampleRow[] = [];
  const order = (year: number, month: number) => {
    const rep = pick(REPS, (r) => r.weight, random);
    const product = pick(PRODUCTS, (p) => p.popularity, random);
    const units = 1 + Math.floor(random() * product.maxUnits);
    const discount = [0, 0, 0, 0.05, 0.1][Math.floor(random() * 5)];
    const amount = round2(units * product.price * (1 - discount));
    const cogs = round2(amount * product.costRatio * (0.95 + random() * 0.1));
    orders.push({ date: businessDay(year, month, random), rep: rep.name, region: rep.region, product: product.name, units, amount, cogs });
  };
  for (let i = 0; i < 24; i++) order(2024, 11); // late 2024 orders still in the export
  for (let month = 0; month < 12; month++) {
    const count = Math.round(ORDERS_PER_MONTH * SEASON[month] * (0.95 + random() * 0.1));
    for (let i = 0; i < count; i++) order(2025, month);
  }
  orders.sort((a, b) => a.date.getTime() - b.date.getTime());

  // Messy cells, as hand-edited exports have them.
  const messy = prng(seed + 1);
  const someRow = (rep: string) => {
    for (;;) {
      const i = 24 + Math.floor(messy() * (orders.length - 24));
      if (orders[i].rep === rep && typeof orders[i].amount === "number") return orders[i];
    }
  };
  for (let i = 0; i < 6; i++) someRow("Erik Lindqvist").rep = " Erik Lindqvist";
  for (let i = 0; i < 4; i++) someRow("Anna Svensson").rep = "anna svensson ";
  for (let i = 0; i < 5; i++) {
    const row = someRow(REPS[i].name);
    row.amount = swedishText(row.amount as number);
  }
  return orders;
}

export async function makeSampleWorkbook(seed = 2025): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Sales Quota";
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;

  const about = workbook.addWorksheet("About");
  about.getColumn(1).width = 90;
  [
    "Nordkaffe AB: sales ledger export",
    "",
    "The Sales sheet lists every order line of 2025 (and a few late December 2024 orders).",
    "Amounts are in SEK excluding VAT; COGS is the cost of goods sold.",
    "Try: npx quota allocate samples/sales-2025.xlsx --out quotas.xlsx --year 2025 --target 1500000 --periods 12 --round 100",
  ].forEach((text, i) => (about.getCell(i + 1, 1).value = text));
  about.getCell(1, 1).font = { bold: true, size: 14 };

  const sheet = workbook.addWorksheet("Sales", { views: [{ state: "frozen", ySplit: 4 }] });
  sheet.getCell("A1").value = "Försäljning 2025 / Sales 2025: Nordkaffe AB";
  sheet.getCell("A1").font = { bold: true, size: 14 };
  sheet.getCell("A2").value = "Belopp i SEK exkl. moms / Amounts in SEK excl. VAT";
  sheet.getCell("A2").font = { italic: true };
  const header = ["Date", "Säljare", "Region", "Product", "Units", "Amount (SEK)", "COGS"];
  sheet.getRow(4).values = header;
  sheet.getRow(4).font = { bold: true };
  const widths = [12, 18, 12, 24, 8, 14, 12];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));

  const rows = sampleRows(seed);
  rows.forEach((r, i) => {
    const row = sheet.getRow(5 + i);
    row.values = [r.date, r.rep, r.region, r.product, r.units, r.amount, r.cogs];
  });
  sheet.getColumn(1).numFmt = "yyyy-mm-dd";
  sheet.getColumn(6).numFmt = "#,##0.00";
  sheet.getColumn(7).numFmt = "#,##0.00";
  sheet.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4 + rows.length, column: header.length } };

  const raw = Buffer.from(await workbook.xlsx.writeBuffer());
  // Re-pack with fixed entry dates: the zip otherwise stamps the time of the run.
  const zip = await JSZip.loadAsync(raw);
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (entry.dir) continue;
    out.file(name, await entry.async("uint8array"), { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

async function cli(): Promise<void> {
  const target = process.argv[2] ?? path.join(__dirname, "..", "samples", "sales-2025.xlsx");
  const data = await makeSampleWorkbook();
  writeFileSync(target, data);
  const rows = sampleRows();
  const total2025 = rows
    .filter((r) => r.date.getUTCFullYear() === 2025)
    .reduce((s, r) => s + (typeof r.amount === "number" ? r.amount : Number(r.amount.replace(/\s/g, "").replace(",", "."))), 0);
  process.stderr.write(`Wrote ${target}: ${rows.length} rows, 2025 sales ${total2025.toFixed(2)} SEK, ${data.length} bytes.\n`);
}

if (require.main === module) {
  cli().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
