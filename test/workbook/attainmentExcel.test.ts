/**
 * The Attainment sheet through the Excel adapter (FakeExcel + ExcelWorkbook): the review of a
 * stored plan read from the workbook, and a large sheet written in requests under the 5 MB
 * limit with a bounded number of syncs.
 */
import { buildAttainmentWritePlan } from "../../src/plan/attainmentSheet";
import { reviewPlan } from "../../src/plan/review";
import { reviewFromWorkbook } from "../../src/plan/reviewSource";
import { readStoredPlan, storedPlanOf, storedPlanWritePlan } from "../../src/plan/stored";
import type { YearPlan } from "../../src/plan/types";
import { ExcelWorkbook } from "../../src/workbook/excel";
import type { CellValue } from "../../src/workbook/port";
import { FAKE_PAYLOAD_LIMIT_BYTES, FakeExcel } from "../support/excelMock";

const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`);

/** `reps` reps with 1,200 a year, 100 a month, from 2025-01. */
function monthlyPlan(reps: number): YearPlan {
  const rows = Array.from({ length: reps }, (_, i) => ({
    rep: `Rep ${String(i + 1).padStart(5, "0")}`, history: 0, share: 0, quota: 1200, periodQuota: 100, team: i % 2 ? "North" : "South", locked: false, rostered: false, schedule: MONTHS.map(() => 100),
  }));
  return {
    method: "bottomup",
    params: { method: "bottomup", target: 1200 * reps, periods: 12, roundTo: 1, growth: 0, phasing: { kind: "pattern", weights: MONTHS.map(() => 1) }, start: "2025-01", uplift: 0, locks: [], roster: [] },
    rows, total: 1200 * reps, periodTotal: 100 * reps, warnings: [], target: 1200 * reps, planTotal: 1200 * reps, coverage: 1,
    periodLabels: MONTHS, periodTargets: MONTHS.map(() => 100 * reps), teams: [], notes: [],
  } as unknown as YearPlan;
}

function storedOf(reps: number) {
  return storedPlanOf(monthlyPlan(reps), {
    createdAt: "2025-07-01T10:00:00.000Z",
    madeBy: "quota test",
    source: { file: null, sheet: "Sales", headerRow: 1, columns: { rep: "Rep", amount: "Amount", date: "Date", costs: [], weight: null, team: null }, filter: { year: 2025 }, skipInvalid: false, roster: null },
    outputSheet: "Quotas",
  });
}

test("a stored plan reviewed from the workbook through Office.js: right figures, the Attainment sheet written", async () => {
  const reps = 200;
  // Each rep sells (i mod 3) × 50 a month in January–June: 0, 50 or 100 against 100.
  const sales: CellValue[][] = [["Rep", "Date", "Amount"]];
  for (let i = 0; i < reps; i++) for (let m = 0; m < 6; m++) sales.push([`Rep ${String(i + 1).padStart(5, "0")}`, new Date(Date.UTC(2025, m, 10)), (i % 3) * 50]);
  sales.push(["Newcomer", new Date(Date.UTC(2025, 2, 1)), 70]);
  const fake = new FakeExcel({ sheets: [{ name: "Sales", rows: sales }] });
  const port = new ExcelWorkbook({ run: fake.runner });
  const stored = storedOf(reps);
  await port.apply(storedPlanWritePlan(stored));
  const read = await readStoredPlan(port);
  expect(read?.result.rows).toHaveLength(reps);

  const { review, aggregation, sourceSheet } = await reviewFromWorkbook(port, read!, "2025-06");
  expect(sourceSheet).toBe("Sales");
  expect(aggregation.rowsUsed).toBe(reps * 6 + 1);
  expect(review.periods).toEqual(MONTHS.slice(0, 6));
  expect(review.total.quotaToDate).toBe(reps * 600);
  // 67 reps at 100, 67 at 50, 66 at 0 (i mod 3 = 2, 1, 0)
  const actual = [...Array(reps).keys()].reduce((s, i) => s + (i % 3) * 50 * 6, 0);
  expect(review.total.actualToDate).toBe(actual);
  expect(review.atOrAbove).toBeCloseTo(66 / 200, 10);
  expect(review.unmatched).toEqual([{ rep: "Newcomer", actualToDate: 70 }]);

  const plan = buildAttainmentWritePlan(review, { source: "Sales", createdAt: new Date(Date.UTC(2025, 6, 1)) }, 1, "en");
  await port.apply(plan);
  const sheet = fake.sheet("Attainment");
  expect(fake.rejected).toEqual([]);
  // Header row, then the reps in plan order: rep, team, quota, quota to date, actual to date, attainment.
  expect(sheet.value(0, 0)).toBe("Rep");
  expect([0, 1, 2, 3, 4, 5].map((c) => sheet.value(2, c))).toEqual(["Rep 00002", "North", 1200, 600, 300, 0.5]);
  // The bands are conditional formats, as the .xlsx adapter writes them.
  expect(sheet.conditionalFormats.length).toBeGreaterThanOrEqual(3);
  // The source is not touched.
  expect(fake.sheet("Sales").value(1, 2)).toBe(0);
});

test("a 20,000-rep Attainment sheet goes to Excel in requests under 5 MB, with a bounded number of syncs", async () => {
  const reps = 20_000;
  const stored = storedOf(reps);
  const review = reviewPlan({
    start: "2025-01",
    periodLabels: stored.result.periodLabels,
    rows: stored.result.rows,
    actuals: stored.result.rows.map((r, i) => ({ name: r.rep, byMonth: Object.fromEntries(MONTHS.map((m) => [m, 80 + (i % 41) + 0.25])) })),
    through: "2025-12",
  });
  const plan = buildAttainmentWritePlan(review, { source: "sales.xlsx, Sales", createdAt: new Date(Date.UTC(2026, 0, 5)) }, 1, "en");
  const cells = plan.blocks.reduce((s, b) => s + b.values.length * (b.values[0]?.length ?? 0), 0);
  expect(cells).toBeGreaterThan(reps * 19);

  const fake = new FakeExcel({ sheets: [{ name: "Sales", rows: [["Rep", "Date", "Amount"]] }] });
  const port = new ExcelWorkbook({ run: fake.runner });
  fake.resetLog();
  await port.apply(plan);
  expect(fake.rejected).toEqual([]);
  const sizes = fake.requests.map((r) => r.requestBytes);
  // Big enough that one request could not hold it all, and split below the limit.
  expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(FAKE_PAYLOAD_LIMIT_BYTES);
  expect(sizes.reduce((a, b) => Math.max(a, b), 0)).toBeLessThan(FAKE_PAYLOAD_LIMIT_BYTES);
  // One sync per request, and a handful of requests for 380,000 cells (not one per row or block of rows).
  expect(fake.syncCalls).toBeLessThanOrEqual(sizes.length + 1);
  expect(sizes.length).toBeLessThanOrEqual(8);
  const sheet = fake.sheet("Attainment");
  expect(sheet.value(reps, 0)).toBe("Rep 20000");
});
