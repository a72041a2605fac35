/**
 * Bench: aggregate 1,048,576 generated sales rows (in memory, as a sheet snapshot) into 5,000
 * reps and allocate a target, beside a bare single-pass sum loop over the same rows in the
 * same run. Goal: the pipeline within 3× the bare loop.
 *
 * The snapshot holds what a read gives: rep names as text, dates as Excel serials (as
 * Excel's `values` delivers them) and amounts as numbers. Both contenders walk the same
 * arrays; the bare loop only adds numbers into a Map by rep name, the pipeline also trims and
 * case-folds names, parses every cell, applies the year filter, sums by month and plans.
 * Prints result rows as JSON on the last stdout line.
 */
import { aggregate } from "../src/sheet/aggregate";
import { detectTable } from "../src/sheet/detect";
import { planQuotas } from "../src/sheet/quotaPlan";
import type { CellValue, SheetSnapshot } from "../src/workbook/port";
import { prng } from "./make-sample";

const ROWS = 1_048_576;
const REPS = 5000;
const RUNS = 9;

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const rssMB = () => process.memoryUsage().rss / 2 ** 20;
const maxRssMB = () => process.resourceUsage().maxRSS / 1024;

function makeSnapshot(): SheetSnapshot {
  const random = prng(42);
  const names = Array.from({ length: REPS }, (_, i) => `Rep ${String(i + 1).padStart(4, "0")}`);
  const jan1 = 45658; // 2025-01-01 as an Excel serial
  const rows: CellValue[][] = [["Date", "Sales rep", "Amount"]];
  for (let i = 0; i < ROWS; i++) {
    rows.push([jan1 + Math.floor(random() * 365), names[Math.floor(random() * REPS)], Math.round(random() * 1_000_000) / 100]);
  }
  return { sheet: "Sales", firstRow: 1, columns: [1, 2, 3], rows };
}

/** The floor: one pass, add each amount into a Map by the rep cell as it stands. */
function bareSum(rows: CellValue[][]): Map<CellValue, number> {
  const sums = new Map<CellValue, number>();
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    sums.set(row[1], (sums.get(row[1]) ?? 0) + (row[2] as number));
  }
  return sums;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): unknown[] {
  log(`Generating ${ROWS.toLocaleString("en-US")} rows for ${REPS.toLocaleString("en-US")} reps…`);
  const snapshot = makeSnapshot();
  const head = { ...snapshot, rows: snapshot.rows.slice(0, 50) };
  const detected = detectTable(head);
  if (!detected) throw new Error("the generated header was not detected");
  const table = { ...detected, lastDataRow: snapshot.firstRow + snapshot.rows.length - 1 };
  const mapping = { ...detected.suggested };
  gc();
  const baseRss = rssMB();
  log(`Data in memory: ${baseRss.toFixed(0)} MB RSS.`);

  const pipeline = () => {
    const aggregation = aggregate(snapshot, table, mapping, { value: "amount", year: 2025 });
    return planQuotas(aggregation, { method: "bottomup", target: 100_000_000, periods: 12, roundTo: 100, growth: 0 });
  };

  // Warm up both (JIT), then alternate runs so neither gets the quieter moments.
  bareSum(snapshot.rows);
  const check = pipeline();
  const bareCheck = bareSum(snapshot.rows);
  if (check.rows.length !== REPS || bareCheck.size !== REPS) throw new Error("unexpected rep count");
  if (check.total !== 100_000_000) throw new Error("quotas do not add up");

  const bareTimes: number[] = [];
  const pipeTimes: number[] = [];
  let barePeak = 0;
  let pipePeak = 0;
  for (let run = 0; run < RUNS; run++) {
    gc();
    let before = rssMB();
    let t = process.hrtime.bigint();
    bareSum(snapshot.rows);
    bareTimes.push(Number(process.hrtime.bigint() - t) / 1e9);
    barePeak = Math.max(barePeak, rssMB() - before);
    gc();
    before = rssMB();
    t = process.hrtime.bigint();
    pipeline();
    pipeTimes.push(Number(process.hrtime.bigint() - t) / 1e9);
    pipePeak = Math.max(pipePeak, rssMB() - before);
  }
  // Each run times the two back to back, so a busy moment hits both; the median of those
  // paired ratios is steadier on a shared machine than a ratio of separate medians.
  const bare = median(bareTimes);
  const pipe = median(pipeTimes);
  const ratio = median(pipeTimes.map((t, i) => t / bareTimes[i]));
  log(`median of ${RUNS}: bare loop ${bare.toFixed(3)} s, pipeline ${pipe.toFixed(3)} s; paired ratio ${ratio.toFixed(2)}× (goal ≤ 3×)`);
  return [
    { bench: "engine", case: `bare sum loop, 1,048,576 rows → 5,000 reps (median of ${RUNS})`, seconds: bare, peakMB: maxRssMB(), note: `+${barePeak.toFixed(0)} MB over the data` },
    {
      bench: "engine",
      case: `aggregate + bottom-up plan, same rows (median of ${RUNS})`,
      seconds: pipe,
      peakMB: maxRssMB(),
      note: `+${pipePeak.toFixed(0)} MB over the data; ${ratio.toFixed(2)}× the bare loop (goal ≤ 3×)`,
    },
  ];
}

process.stdout.write(`${JSON.stringify(main())}\n`);
