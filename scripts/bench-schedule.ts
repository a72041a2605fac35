/**
 * Bench: the year plan's schedule for 5,000 reps × 12 months. Controlled rounding (exact both
 * ways: each rep's months add up to the rep's quota and each month's reps to the month's
 * target) beside the one-way split of the same amounts (largest remainder per rep, so only the
 * reps' totals are exact), in the same run. Weights are each rep's own monthly sales (decimal
 * amounts, a denominator per rep: the costly case); a second pair uses one pattern for all.
 * Last, planYear end to end on an aggregation of the same reps with history phasing.
 * Prints result rows as JSON on the last stdout line.
 */
import { splitUnits } from "../src/quota/allocate";
import { controlledRounding } from "../src/quota/controlledRounding";
import { planYear } from "../src/plan/yearPlan";
import type { RepHistory } from "../src/sheet/aggregate";
import { prng } from "./make-sample";

const REPS = 5000;
const PERIODS = 12;
const RUNS = 7;

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

const maxRssMB = () => process.resourceUsage().maxRSS / 1024;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(f: () => unknown): number {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

function main(): unknown[] {
  const random = prng(7);
  const quotas = Array.from({ length: REPS }, () => Math.floor(random() * 5000)); // units of 100: up to 500,000 a rep
  const own = quotas.map(() => Array.from({ length: PERIODS }, () => Math.round(random() * 10_000_000) / 100));
  const pattern = [8, 8, 9, 9, 8, 7, 5, 6, 9, 10, 10, 11];
  const shared = quotas.map(() => pattern);
  const oneWay = (weights: number[][]) => weights.map((w, i) => splitUnits(quotas[i], w));

  // Check once: both exact on the rows, controlled rounding on the columns too.
  const rounded = controlledRounding(quotas, own, PERIODS);
  rounded.cells.forEach((row, i) => {
    if (row.reduce((a, b) => a + b, 0) !== quotas[i]) throw new Error("a row does not add up");
  });
  for (let j = 0; j < PERIODS; j++) {
    if (rounded.cells.reduce((a, row) => a + row[j], 0) !== rounded.columnTotals[j]) throw new Error("a column does not add up");
  }
  const flat = oneWay(own);
  const drift = Array.from({ length: PERIODS }, (_, j) => Math.abs(flat.reduce((a, row) => a + row[j], 0) - rounded.columnTotals[j]));
  log(`one-way split: monthly totals off the exact column targets by up to ${Math.max(...drift)} units; controlled rounding: 0.`);

  const reps: RepHistory[] = quotas.map((q, i) => {
    const byMonth: Record<string, number> = {};
    own[i].forEach((v, k) => (byMonth[`2025-${String(k + 1).padStart(2, "0")}`] = v));
    return { name: `Rep ${i + 1}`, key: `rep ${i + 1}`, total: own[i].reduce((a, b) => a + b, 0), rows: 12, byMonth };
  });
  const months = Array.from({ length: 12 }, (_, k) => `2025-${String(k + 1).padStart(2, "0")}`);
  const plan = () =>
    planYear(
      { reps, periods: months },
      { method: "bottomup", target: 1_000_000_000, periods: 12, roundTo: 100, growth: 0, phasing: { kind: "history" }, start: "2026-01", uplift: 0, locks: [], roster: null },
    );

  const cases: { name: string; f: () => unknown; times: number[] }[] = [
    { name: "one-way split (largest remainder per rep), own monthly weights", f: () => oneWay(own), times: [] },
    { name: "controlled rounding (exact both ways), own monthly weights", f: () => controlledRounding(quotas, own, PERIODS), times: [] },
    { name: "one-way split, one pattern for all", f: () => oneWay(shared), times: [] },
    { name: "controlled rounding, one pattern for all", f: () => controlledRounding(quotas, shared, PERIODS), times: [] },
    { name: "planYear, history phasing, bottom-up", f: plan, times: [] },
  ];
  for (const c of cases) c.f(); // warm up
  for (let run = 0; run < RUNS; run++) for (const c of cases) c.times.push(time(c.f));
  const rows = cases.map((c) => ({ bench: "schedule", case: `${c.name}, 5,000 reps × 12 (median of ${RUNS})`, seconds: median(c.times), peakMB: maxRssMB() }));
  const ratio = (a: number, b: number) => `${(rows[a].seconds / rows[b].seconds).toFixed(1)}× the one-way split`;
  (rows[1] as { note?: string }).note = ratio(1, 0);
  (rows[3] as { note?: string }).note = ratio(3, 2);
  for (const r of rows) log(`${r.case}: ${r.seconds.toFixed(3)} s`);
  return rows;
}

process.stdout.write(`${JSON.stringify(main())}\n`);
