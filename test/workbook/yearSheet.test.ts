import type { YearPlan } from "../../src/plan/types";
import { CellBlock, columnLetter, PlanValue, WritePlan } from "../../src/workbook/plan";
import { buildQuotaWritePlan, QuotaProvenance } from "../../src/workbook/quotaSheet";
import { annualPlan, periodHeader, periodHeaders, TEAM_TABLE_NAME } from "../../src/workbook/yearSheet";
import { months, yearPlan } from "./yearFixtures";

const createdAt = new Date(Date.UTC(2026, 0, 15, 8, 30, 0));
const provenance: QuotaProvenance = {
  sourceSheet: "Sales",
  sourceFile: "sales-2025.xlsx",
  columns: { rep: "Säljare", amount: "Amount (SEK)", date: "Date", team: "Team" },
  createdAt,
  filter: { year: 2025 },
  rowsRead: 100,
  rowsUsed: 100,
  roster: "staff.xlsx, sheet Roster",
};

/** Every written cell as "A1" → value, with its number format. */
function cells(wp: WritePlan): Map<string, { value: PlanValue; format: string | null; block: CellBlock }> {
  const out = new Map<string, { value: PlanValue; format: string | null; block: CellBlock }>();
  for (const block of wp.blocks) {
    block.values.forEach((r, i) =>
      r.forEach((value, j) => {
        const address = `${columnLetter(block.column + j)}${block.row + i}`;
        if (out.has(address)) throw new Error(`two blocks write ${address}`);
        if (value !== null) out.set(address, { value, format: block.columnFormats?.[j] ?? null, block });
      }),
    );
  }
  return out;
}

function rowValues(c: ReturnType<typeof cells>, r: number, from: number, to: number): PlanValue[] {
  return Array.from({ length: to - from + 1 }, (_, k) => c.get(`${columnLetter(from + k)}${r}`)?.value ?? null);
}

/** The audit block (label in A, value in B) from its heading down. */
function audit(wp: WritePlan, heading = "How these quotas were made"): Map<string, { value: PlanValue; format: string | null }> {
  const c = cells(wp);
  let r = 1;
  while (c.get(`A${r}`)?.value !== heading) if (++r > 500) throw new Error("no audit block");
  const out = new Map<string, { value: PlanValue; format: string | null }>();
  for (r++; c.has(`A${r}`); r++) out.set(String(c.get(`A${r}`)!.value), { value: c.get(`B${r}`)?.value ?? null, format: c.get(`B${r}`)?.format ?? null });
  return out;
}

const MONTH_HEADERS = ["Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026", "Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026", "Dec 2026"];

describe("buildQuotaWritePlan for a year plan", () => {
  const plan = yearPlan();
  const wp = buildQuotaWritePlan(plan, provenance);
  const c = cells(wp);
  // A Rep, B Team, C Note, D–O Jan–Dec, P Quota, Q History

  it("lays out the schedule: rep × month with real month names, the quota as the row total", () => {
    expect(rowValues(c, 1, 1, 17)).toEqual(["Rep", "Team", "Note", ...MONTH_HEADERS, "Quota", "History"]);
    expect(c.get("A1")!.block.bold).toBe(true);
    expect(rowValues(c, 2, 1, 17)).toEqual(["Anna Svensson", "North", "locked", ...months([30000, 12]), 360000, 300000]);
    expect(rowValues(c, 4, 1, 17)).toEqual(["Nora New", "South", "new hire (ramp)", 0, 0, 0, 5000, 10000, 15000, ...months([20000, 6]), 150000, 0]);
    expect(rowValues(c, 5, 1, 3)).toEqual(["=Lars", "South", "leaver"]);
    expect(c.get("C3")).toBeUndefined(); // Erik: nothing to note
    // Each row's periods add up to its quota (the row-total column).
    for (let r = 2; r <= 5; r++) {
      const periods = rowValues(c, r, 4, 15) as number[];
      expect(periods.reduce((s, x) => s + x, 0)).toBe(c.get(`P${r}`)!.value);
    }
    expect(["A2", "B2", "C2", "D2", "O2", "P2", "Q2"].map((a) => c.get(a)!.format)).toEqual(["@", "@", "@", "#,##0", "#,##0", "#,##0", "#,##0"]);
    expect(c.has("A6")).toBe(false); // the totals row belongs to the table
  });

  it("totals both ways in the table's totals row: each period's target and the plan total, native sums only", () => {
    const t = wp.tables[0];
    expect(t.name).toBe("SalesQuotas");
    expect(t.range).toEqual({ sheet: "Quotas", firstRow: 1, firstColumn: 1, lastRow: 5, lastColumn: 17 });
    expect(t.showTotals).toBe(true);
    expect(t.columns.map((x) => x.name)).toEqual(["Rep", "Team", "Note", ...MONTH_HEADERS, "Quota", "History"]);
    expect(t.columns[0].totals).toEqual({ label: "Total" });
    expect(t.columns[1].totals ?? null).toBeNull();
    expect(t.columns.slice(3, 15).map((x) => (x.totals as { value: number }).value)).toEqual(plan.periodTargets);
    expect(t.columns[15].totals).toEqual({ function: "sum", value: 1260000 });
    expect(t.columns[16].totals).toEqual({ function: "sum", value: 950000 });
    expect(plan.periodTargets.reduce((s, x) => s + x, 0)).toBe(1260000);
    expect(wp.result).toEqual({ sheet: "Quotas", firstRow: 1, firstColumn: 1, lastRow: 6, lastColumn: 17 });
    // Values only: no formula in any block (the totals are the table's SUBTOTALs), no SALES function.
    for (const block of wp.blocks) for (const r of block.values) for (const v of r) expect(typeof v === "object" && v !== null && !(v instanceof Date)).toBe(false);
  });

  it("adds a table by team below, its months under the schedule's, with its own totals", () => {
    expect(c.get("A8")!.value).toBe("Quotas by team");
    expect(rowValues(c, 9, 1, 16)).toEqual(["Team", "Reps", "Share", ...MONTH_HEADERS, "Quota"]);
    expect(rowValues(c, 10, 1, 16)).toEqual(["North", 2, 840000 / 1260000, ...months([70000, 12]), 840000]);
    expect(rowValues(c, 11, 1, 5)).toEqual(["South", 2, 420000 / 1260000, 45000, 45000]);
    expect(c.get("C10")!.format).toBe("0.0%");
    const team = wp.tables[1];
    expect(team.name).toBe(TEAM_TABLE_NAME);
    expect(team.range).toEqual({ sheet: "Quotas", firstRow: 9, firstColumn: 1, lastRow: 11, lastColumn: 16 });
    expect(team.columns.slice(3, 15).map((x) => (x.totals as { value: number }).value)).toEqual(plan.periodTargets);
    expect(team.columns[15].totals).toEqual({ function: "sum", value: 1260000 });
    expect(team.columns[1].totals).toEqual({ function: "sum", value: 4 });
    // Its totals row (12) stays clear of the block below.
    expect([...c.keys()].some((a) => /^[A-Z]+12$/.test(a))).toBe(false);
  });

  it("records the year plan in the audit block: phasing, start, target, uplift, plan total and coverage, locks, roster, notes", () => {
    const block = audit(wp);
    expect(c.get("A14")!.value).toBe("How these quotas were made");
    expect(block.get("Phasing")!.value).toBe("history: each rep's own months (the team's pattern where a rep has none)");
    expect(block.get("First period")!.value).toBe("Jan 2026");
    expect(block.get("Company target")).toEqual({ value: 1200000, format: "#,##0" });
    expect(block.get("Uplift (over-assignment)")).toEqual({ value: 0.05, format: "0.0%" });
    expect(block.get("Plan total (Σ quotas)")).toEqual({ value: 1260000, format: "#,##0" });
    expect(block.get("Coverage (plan total ÷ target)")).toEqual({ value: 1.05, format: "0.0%" });
    // Side by side: the four lines follow each other.
    const labels = [...block.keys()];
    const at = labels.indexOf("Company target");
    expect(labels.slice(at, at + 4)).toEqual(["Company target", "Uplift (over-assignment)", "Plan total (Σ quotas)", "Coverage (plan total ÷ target)"]);
    expect(block.get("Locked: Anna Svensson")).toEqual({ value: 360000, format: "#,##0" });
    expect(block.get("Roster")!.value).toBe("staff.xlsx, sheet Roster");
    expect(block.get("Roster: Nora New")!.value).toBe("starts 2026-04-01; ramp 25 %, 50 %, 75 %; full quota 20,000 a month");
    expect(block.get("Roster: =Lars")!.value).toBe("ends 2026-06-30");
    expect(block.get("Note")!.value).toBe("Locked by hand: Anna Svensson. The others share what is left.");
    expect(block.get("Team column")!.value).toBe("Team");
    // The shared lines are there too.
    expect(block.get("Source sheet")!.value).toBe("Sales");
    expect(block.get("Created (UTC)")).toEqual({ value: createdAt, format: "yyyy-mm-dd hh:mm" });
  });

  it("leaves out the flat per-period total and its rounding warning: the schedule's columns add up to the plan total", () => {
    const rounded: YearPlan = {
      ...yearPlan(),
      periodTotal: 105000,
      warnings: [{ key: "periodTotalRounded", params: { total: 1260000, periods: 12, exact: 105000.5, round: 100, periodTotal: 105000, product: 1260000 } }],
    };
    const texts = [...cells(buildQuotaWritePlan(rounded, provenance)).values()].map((x) => String(x.value));
    expect(texts.filter((x) => /per period add up|is not a multiple/.test(x))).toEqual([]);
    // The annual table keeps both: it has the per-period column they describe.
    const annualTexts = [...cells(buildQuotaWritePlan(annualPlan(rounded), provenance)).values()].map((x) => String(x.value));
    expect(annualTexts).toContain("Quotas per period add up to");
    expect(annualTexts.some((x) => x.includes("is not a multiple of the rounding unit"))).toBe(true);
  });

  it("prints landscape, one page wide, with the header row on every page", () => {
    expect(wp.pageSetup).toEqual({ orientation: "landscape", fitToWidth: 1, fitToHeight: 0, printTitleRows: { first: 1, last: 1 } });
    expect(wp.freezeRows).toBe(1);
    // An annual plan's sheet keeps the workbook's print defaults.
    expect(buildQuotaWritePlan({ ...plan, rows: plan.rows, periodLabels: undefined } as unknown as YearPlan, provenance).pageSetup).toBeUndefined();
  });

  it("sets widths: month columns alike and wide enough, the audit values' column wide enough for a date", () => {
    const width = (col: number) => wp.columnWidths.find((w) => w.column === col)!.width;
    const monthWidths = Array.from({ length: 12 }, (_, k) => width(4 + k));
    expect(new Set(monthWidths).size).toBe(1);
    expect(monthWidths[0]).toBeGreaterThanOrEqual("130,000".length + 1);
    expect(width(1)).toBeGreaterThanOrEqual("Rows skipped (unreadable cells)".length);
    expect(width(2)).toBeGreaterThanOrEqual("yyyy-mm-dd hh:mm".length);
    expect(width(16)).toBeGreaterThanOrEqual("1,260,000".length);
  });

  it("charts quota vs history from the schedule's columns", () => {
    const chart = wp.charts[0];
    expect(chart.series.map((s) => s.values.firstColumn)).toEqual([17, 16]);
    expect(chart.categories).toMatchObject({ firstRow: 2, lastRow: 5, firstColumn: 1 });
    expect(chart.anchor.firstRow).toBeGreaterThan(14 + audit(wp).size);
  });

  it("without teams: Note in B, no team table, the audit block right below the schedule", () => {
    const solo = buildQuotaWritePlan(yearPlan(false), provenance);
    const cc = cells(solo);
    expect(rowValues(cc, 1, 1, 4)).toEqual(["Rep", "Note", "Jan 2026", "Feb 2026"]);
    expect(rowValues(cc, 1, 14, 17)).toEqual(["Dec 2026", "Quota", "History", null]);
    expect(solo.tables).toHaveLength(1);
    expect(solo.tables[0].range.lastColumn).toBe(16);
    expect(cc.get("A8")!.value).toBe("How these quotas were made");
    const width = (col: number) => solo.columnWidths.find((w) => w.column === col)!.width;
    expect(width(2)).toBeGreaterThanOrEqual("yyyy-mm-dd hh:mm".length);
  });

  it("speaks Swedish: month names, headers, notes and the audit block", () => {
    const sv = buildQuotaWritePlan(plan, provenance, "Kvoter", "sv");
    const cc = cells(sv);
    expect(rowValues(cc, 1, 1, 5)).toEqual(["Säljare", "Team", "Obs", "jan 2026", "feb 2026"]);
    expect(rowValues(cc, 1, 15, 17)).toEqual(["dec 2026", "Kvot", "Historik"]);
    expect(["C2", "C4", "C5"].map((a) => cc.get(a)!.value)).toEqual(["låst", "nyanställd (upprampning)", "slutar"]);
    expect(cc.get("A8")!.value).toBe("Kvoter per team");
    const block = audit(sv, "Så togs kvoterna fram");
    expect(block.get("Företagets mål")!.value).toBe(1200000);
    expect(block.get("Täckning (planens summa ÷ målet)")!.value).toBe(1.05);
    expect(block.get("Obs")!.value).toBe("Låsta för hand: Anna Svensson. De andra delar på resten.");
    expect(block.get("Personallista: Nora New")!.value).toBe("börjar 2026-04-01; upprampning 25 %, 50 %, 75 %; full kvot 20\u00a0000 per månad");
    expect(sv.tables[0].columns[0].totals).toEqual({ label: "Totalt" });
  });
});

describe("period headers", () => {
  it.each<[string, "en" | "sv", number, string]>([
    ["2026-01", "en", 1, "Jan 2026"],
    ["2026-05", "sv", 1, "maj 2026"],
    ["2026-Q1", "en", 3, "Q1 2026"],
    ["2026-Q4", "sv", 3, "K4 2026"],
    ["2026-02", "en", 3, "Feb–Apr 2026"],
    ["2026-11", "sv", 3, "nov 2026–jan 2027"],
    ["2026-P2", "en", 1, "P2 2026"],
    ["whatever", "en", 1, "whatever"],
  ])("%s (%s, %d months) → %s", (label, locale, span, header) => {
    expect(periodHeader(label, locale, span)).toBe(header);
  });

  it("labels a quarterly plan's columns and keeps them unique", () => {
    const plan = yearPlan();
    expect(periodHeaders({ ...plan, periodLabels: ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"] })).toEqual(["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]);
    expect(periodHeaders({ ...plan, periodLabels: ["x", "x"] })).toEqual(["x", "x (2)"]);
  });
});

describe("the team table with a rep in no team", () => {
  it("adds a (no team) row so the table adds up to the plan total", () => {
    const plan = yearPlan();
    // Nora, a new hire from the roster, has no team: the engine's teams leave her out.
    plan.rows[2] = { ...plan.rows[2], team: null };
    plan.teams[1] = { team: "South", quota: 270000, schedule: months([45000, 6], [0, 6]) };
    const wp = buildQuotaWritePlan(plan, provenance);
    const c = cells(wp);
    expect(rowValues(c, 11, 1, 2)).toEqual(["South", 1]);
    expect(rowValues(c, 12, 1, 2)).toEqual(["(no team)", 1]);
    expect(c.get("P12")!.value).toBe(150000);
    const team = wp.tables[1];
    expect(team.range.lastRow).toBe(12);
    expect(team.columns[15].totals).toEqual({ function: "sum", value: 1260000 });
    expect(team.columns.slice(3, 15).map((x) => (x.totals as { value: number }).value)).toEqual(plan.periodTargets);
    expect(cells(buildQuotaWritePlan(plan, provenance, "Kvoter", "sv")).get("A12")!.value).toBe("(inget team)");
  });
});
