import { buildAttainmentWritePlan, BAND_COLOURS } from "../../src/plan/attainmentSheet";
import { addMonths } from "../../src/plan/periods";
import { reviewPlan } from "../../src/plan/review";
import { layoutPlan } from "../../src/workbook/ooxml-write";

const review = () =>
  reviewPlan({
    start: "2026-01",
    periodLabels: Array.from({ length: 12 }, (_, i) => addMonths("2026-01", i)),
    rows: [
      { rep: "Anna", team: "North", quota: 120_000, schedule: new Array(12).fill(10_000) },
      { rep: "=Johan", team: "North", quota: 60_000, schedule: new Array(12).fill(5_000) },
      { rep: "Sofia", team: "South", quota: 24_000, schedule: new Array(12).fill(2_000) },
    ],
    actuals: [
      { name: "anna", byMonth: { "2026-01": 12_000, "2026-02": 9_000 } },
      { name: "=johan", byMonth: { "2026-01": 4_000, "2026-02": 5_000 } },
      { name: "Sofia", byMonth: { "2026-02": 3_700 } },
      { name: "Nils", byMonth: { "2026-02": 100 } },
    ],
    through: "2026-02",
  });

describe("the Attainment sheet", () => {
  test("a table of the review with totals, team subtotals, bands and a summary", () => {
    const plan = buildAttainmentWritePlan(review(), { source: "sales.xlsx, sheet Sales", createdAt: new Date("2026-03-02T08:00:00Z") }, 100, "en");
    expect(plan.sheet).toBe("Attainment");
    const grid = layoutPlan(plan);
    const row = (r: number, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => grid.value(r, from + i));
    expect(row(1, 1, 9)).toEqual(["Rep", "Team", "Annual quota", "Quota to date", "Actual to date", "Attainment", "Projection (run rate)", "Att. 2026-01", "Att. 2026-02"]);
    expect(row(2, 1, 7)).toEqual(["Anna", "North", 120_000, 20_000, 21_000, 1.05, 126_000]);
    expect(row(3, 1, 1)).toEqual(["=Johan"]);
    expect(grid.value(3, 6)).toBeCloseTo(0.9, 12);
    expect(grid.value(4, 8)).toBe(0); // Sofia sold nothing in January: 0 % of 2,000
    expect(plan.tables[0]).toMatchObject({ name: "SalesAttainment", showTotals: true, range: { firstRow: 1, lastRow: 4, lastColumn: 9 } });
    expect(grid.value(5, 6)).toBeCloseTo(33_700 / 34_000, 12);
    expect(plan.tables[1]).toMatchObject({ name: "SalesAttainmentTeams" });
    expect(plan.conditionalFormats?.[0]).toEqual({
      range: { sheet: "Attainment", firstRow: 2, firstColumn: 6, lastRow: 4, lastColumn: 6 },
      rules: [
        { operator: "lessThan", values: [0.9], ...BAND_COLOURS.below },
        { operator: "between", values: [0.9, 0.999999999], ...BAND_COLOURS.near },
        { operator: "greaterThanOrEqual", values: [1], ...BAND_COLOURS.above },
      ],
    });
    const summary = new Map<unknown, unknown>();
    for (let r = 1; r < 20; r++) summary.set(grid.value(r, 11), grid.value(r, 12));
    expect(summary.get("Reps at or above quota")).toBeCloseTo(1 / 3, 12);
    expect(summary.get("Expected in a healthy plan")).toBe("55–70 %");
    expect(summary.get("In the actuals, not in the plan")).toBe("Nils: 100");
    expect(plan.charts[0].series.map((s) => s.name)).toEqual(["Quota to date", "Actual to date"]);
  });

  test("in Swedish", () => {
    const plan = buildAttainmentWritePlan(review(), { source: "x", createdAt: new Date() }, 1, "sv");
    expect(plan.sheet).toBe("Måluppfyllelse");
    const grid = layoutPlan(plan);
    expect(grid.value(1, 6)).toBe("Måluppfyllelse");
    expect(grid.value(1, 8)).toBe("Uppf. 2026-01");
    // Quarters: K (kvartal) in Swedish, as in the Quotas sheet and the terminal table.
    const quarterly = { ...review(), periods: ["2026-Q1", "2026-Q2"] };
    expect(layoutPlan(buildAttainmentWritePlan(quarterly, { source: "x", createdAt: new Date() }, 1, "sv")).value(1, 9)).toBe("Uppf. 2026-K2");
    expect(layoutPlan(buildAttainmentWritePlan(quarterly, { source: "x", createdAt: new Date() }, 1, "en")).value(1, 9)).toBe("Att. 2026-Q2");
  });

  test.each(["en", "sv"] as const)("reps in no team (new hires) get a team row of their own, so the team rows add up to the total (%s)", (locale) => {
    const base = review();
    const withHire = reviewPlan({
      start: "2026-01",
      periodLabels: Array.from({ length: 12 }, (_, i) => addMonths("2026-01", i)),
      rows: [
        { rep: "Anna", team: "North", quota: 120_000, schedule: new Array(12).fill(10_000) },
        { rep: "Nora", team: null, quota: 36_000, schedule: new Array(12).fill(3_000) },
        { rep: "Sofia", team: "South", quota: 24_000, schedule: new Array(12).fill(2_000) },
        { rep: "Olle", team: "north", quota: 12_000, schedule: new Array(12).fill(1_000) },
      ],
      actuals: [
        { name: "Anna", byMonth: { "2026-01": 12_000 } },
        { name: "Nora", byMonth: { "2026-02": 2_500 } },
        { name: "Olle", byMonth: { "2026-02": 700 } },
      ],
      through: "2026-02",
    });
    expect(base.teams.map((t) => t.team)).toEqual(["North", "South"]);
    expect(withHire.teams.map((t) => [t.team, t.reps, t.quota, t.quotaToDate, t.actualToDate])).toEqual([
      ["North", 2, 132_000, 22_000, 12_700],
      ["South", 1, 24_000, 4_000, 0],
      [null, 1, 36_000, 6_000, 2_500],
    ]);
    const grid = layoutPlan(buildAttainmentWritePlan(withHire, { source: "x", createdAt: new Date() }, 1, locale));
    // Four reps in rows 2–5, totals in row 6; the team title in row 8, its header in 9, the teams from 10.
    const first = 10;
    const names = [0, 1, 2].map((k) => grid.value(first + k, 1));
    expect(names).toEqual(["North", "South", locale === "sv" ? "(inget team)" : "(no team)"]);
    const sumOf = (rows: number[], column: number) => rows.reduce((s, r) => s + (grid.value(r, column) as number), 0);
    expect(sumOf([10, 11, 12], 2)).toBe(4); // reps
    const total = withHire.total;
    for (const [column, value] of [[3, total.quota], [4, total.quotaToDate], [5, total.actualToDate], [7, total.projection]]) {
      // The team rows add up to the reps' rows (rows 2–5) and to the total.
      expect(sumOf([10, 11, 12], column)).toBe(sumOf([2, 3, 4, 5], column));
      expect(sumOf([10, 11, 12], column)).toBe(value);
    }
    expect(grid.value(first + 3, 1) ?? "").toBe("");
  });
});
