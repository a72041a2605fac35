import { formatPlanTable, formatYearPlan, planJson, TABLE_MAX_REPS } from "../../src/cli/format";
import { planYear } from "../../src/plan/yearPlan";
import type { RepHistory } from "../../src/sheet/aggregate";
import { planQuotas } from "../../src/sheet/quotaPlan";

function reps(n: number, history: (i: number) => number): RepHistory[] {
  return Array.from({ length: n }, (_, i) => ({ name: `Rep ${i + 1}`, key: `rep ${i + 1}`, total: history(i), rows: 1, byMonth: {} }));
}

describe("formatPlanTable", () => {
  it("lists every rep, in plan order, up to 50 reps", () => {
    const plan = planQuotas({ reps: reps(TABLE_MAX_REPS, (i) => i + 1), periods: [] }, { method: "bottomup", target: 1275, periods: 1, roundTo: 1, growth: 0 });
    const text = formatPlanTable(plan);
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(TABLE_MAX_REPS + 4);
    expect(lines[2]).toMatch(/^Rep 1 +1 +0\.1 % +1 +1$/);
    expect(lines[TABLE_MAX_REPS + 1]).toMatch(/^Rep 50 +50 /);
    expect(text).not.toContain("more reps");
  });

  it("prints the 50 largest quotas of 150,000 reps and says where the rest are (no stack overflow)", () => {
    const n = 150_000;
    // Rep i has history (i * 7919) mod n + 1: every value once, the largest at an odd place.
    const plan = planQuotas({ reps: reps(n, (i) => ((i * 7919) % n) + 1), periods: [] }, { method: "bottomup", target: 1_000_000_000, periods: 12, roundTo: 1, growth: 0 });
    const text = formatPlanTable(plan, "en", { sheet: "Kvoter" });
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(TABLE_MAX_REPS + 5);
    const quotas = lines.slice(2, 2 + TABLE_MAX_REPS).map((l) => Number(l.split(/\s{2,}/)[3].replace(/,/g, "")));
    const expected = plan.rows.map((r) => r.quota).sort((a, b) => b - a).slice(0, TABLE_MAX_REPS);
    expect(quotas).toEqual(expected);
    expect(lines[2 + TABLE_MAX_REPS]).toBe("… and 149,950 more reps (the 50 largest quotas are shown); all are in the Kvoter sheet.");
    // The totals line covers every rep.
    expect(lines[lines.length - 1]).toMatch(/^Total +[\d,]+ +100\.0 % +1,000,000,000 +83,333,333$/);
    expect(planJson(plan).rows).toHaveLength(n);
  });

  it("says it in Swedish, and breaks ties in favour of the earlier rep", () => {
    const plan = planQuotas({ reps: reps(60, () => 1), periods: [] }, { method: "bottomup", target: 60, periods: 1, roundTo: 1, growth: 0 });
    const lines = formatPlanTable(plan, "sv").trimEnd().split("\n");
    expect(lines[2]).toMatch(/^Rep 1 /);
    expect(lines[2 + TABLE_MAX_REPS - 1]).toMatch(/^Rep 50 /);
    expect(lines[2 + TABLE_MAX_REPS]).toBe("… och 10 säljare till (de 50 största kvoterna visas); alla finns i bladet Quotas.");
  });
});

describe("formatYearPlan: the period labels as printed", () => {
  const plan = (periods: number) => planYear(
    { reps: [{ name: "Anna", total: 600, rows: 1 }, { name: "Bo", total: 400, rows: 1 }] as unknown as RepHistory[], periods: [] },
    { method: "bottomup", target: 1000, periods, roundTo: 1, growth: 0, start: "2026-01", phasing: { kind: "equal" }, uplift: 0, locks: [], roster: null },
  );

  it("quarters are Q in English and K (kvartal) in Swedish; JSON keeps the labels", () => {
    expect(formatYearPlan(plan(4), "en")).toMatch(/\nRep\s+2026-Q1\s+2026-Q2\s+2026-Q3\s+2026-Q4\s+Quota\n/);
    expect(formatYearPlan(plan(4), "sv")).toMatch(/\nSäljare\s+2026-K1\s+2026-K2\s+2026-K3\s+2026-K4\s+Kvot\n/);
    expect(formatYearPlan(plan(12), "sv")).toContain("2026-12");
  });
});
