/**
 * A stored plan back into its inputs (the rule `quota refresh` and the wizard's "Update the
 * plan" share), the per-rep changes between the stored plan and the plan made again, and the
 * month a review defaults to.
 */
import { allocateOptionsOf, planChanges } from "../../src/cli/lifecycle";
import { diffPlans } from "../../src/plan/planDiff";
import { lastActualMonth } from "../../src/plan/reviewSource";
import type { StoredPlan } from "../../src/plan/stored";
import { storedMapping, storedPlanInputs } from "../../src/plan/storedInputs";
import { StoredSourceError } from "../../src/plan/storedSource";
import { detectTable } from "../../src/sheet/detect";

function stored(over: { params?: Partial<StoredPlan["params"]>; source?: Partial<StoredPlan["source"]>; schedule?: boolean } = {}): StoredPlan {
  return {
    format: 1,
    createdAt: "2026-01-05T09:00:00.000Z",
    madeBy: "test",
    source: {
      file: "sales.xlsx",
      sheet: "Sales",
      headerRow: 1,
      columns: { rep: "Rep", amount: "Amount", date: "Date", costs: ["COGS"], weight: "Weight", team: "Team" },
      filter: { from: "2025-01-01", to: "2025-12-31" },
      skipInvalid: true,
      roster: "Roster",
      ...over.source,
    },
    params: {
      method: "topdown",
      target: 72000,
      periods: 12,
      roundTo: 100,
      growth: 0,
      weighting: "weight",
      phasing: { kind: "pattern", weights: [1, 1, 2, 1, 1, 2, 1, 1, 2, 1, 1, 2] },
      start: "2026-01",
      uplift: 0.05,
      locks: [{ rep: "Bo", amount: 24000 }],
      roster: [{ rep: "Nils", start: "2026-04-01", end: null, ramp: [0.5], full: 2000 }],
      ...over.params,
    },
    outputSheet: "Kvoter",
    ...(over.schedule === undefined ? {} : { schedule: over.schedule }),
    result: { periodLabels: [], target: 72000, planTotal: 75600, rows: [] },
  } as StoredPlan;
}

describe("storedPlanInputs", () => {
  test("gives back every input the plan was made with", () => {
    const i = storedPlanInputs(stored());
    expect(i).toMatchObject({
      sheet: "Sales",
      columns: { rep: "Rep", amount: "Amount", date: "Date", costs: [], weight: "Weight", team: "Team" },
      year: null,
      skipInvalid: true,
      method: "topdown",
      target: 72000,
      periods: 12,
      roundTo: 100,
      weighting: "weight",
      start: "2026-01",
      uplift: 0.05,
      locks: [{ rep: "Bo", amount: 24000 }],
      roster: [{ rep: "Nils", start: "2026-04-01", end: null, ramp: [0.5], full: 2000 }],
      rosterSource: "Roster",
      outputSheet: "Kvoter",
      // A plan stored before the layout was recorded showed the schedule.
      schedule: true,
    });
    expect(i.phasing).toEqual({ kind: "pattern", weights: [1, 1, 2, 1, 1, 2, 1, 1, 2, 1, 1, 2] });
    // The range's last day is whole: up to its last millisecond.
    expect(i.from?.toISOString()).toBe("2025-01-01T00:00:00.000Z");
    expect(i.to?.toISOString()).toBe("2025-12-31T23:59:59.999Z");
  });

  test("keeps only the columns the method used: costs for profit, the weight for weighted top-down", () => {
    const profit = storedPlanInputs(stored({ params: { method: "profit", weighting: undefined }, source: { filter: { year: 2025 } }, schedule: false }));
    expect(profit.columns.costs).toEqual(["COGS"]);
    expect(profit.columns.weight).toBeNull();
    expect(profit.weighting).toBe("equal");
    expect(profit.year).toBe(2025);
    expect(profit.from).toBeNull();
    expect(profit.schedule).toBe(false);
  });

  test("is what `quota refresh` gives `quota allocate`", () => {
    const options = allocateOptionsOf(stored(), "plan.xlsx", "out.xlsx", { json: false, lang: null, letters: false });
    expect(options).toMatchObject({ sheet: "Sales", rep: "Rep", value: "Amount", date: "Date", weights: "Weight", costs: null, team: "Team", round: 100, target: 72000, sheetOut: "Kvoter", start: "2026-01", uplift: 0.05 });
    expect(options.to?.toISOString()).toBe("2025-12-31T23:59:59.999Z");
    expect(options.locks).toEqual([{ rep: "Bo", amount: 24000 }]);
  });
});

describe("storedMapping", () => {
  const table = detectTable({
    sheet: "Sales",
    firstRow: 1,
    columns: [1, 2, 3, 4, 5],
    rows: [
      ["TEAM", "rep ", "Date", "Amount", "Weight"],
      ["North", "Anna", new Date(Date.UTC(2025, 0, 3)), 100, 1],
      ["South", "Bo", new Date(Date.UTC(2025, 1, 3)), 200, 2],
    ],
  })!;

  test("finds the stored columns by their header text (trimmed, any case), wherever they moved", () => {
    const i = storedPlanInputs(stored());
    expect(storedMapping(table, { ...i.columns, costs: [] }, "Sales")).toEqual({ rep: 2, amount: 4, date: 3, units: null, costs: [], weight: 5, team: 1 });
  });

  test("names the stored column whose header is gone, in English and Swedish", () => {
    let error: unknown = null;
    try {
      storedMapping(table, { rep: "Rep", amount: "Belopp", date: null, costs: [], weight: null, team: null }, "Sales");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoredSourceError);
    const e = error as StoredSourceError;
    expect(e.messageIn("en")).toBe('The plan\'s column "Belopp" is no longer in sheet "Sales". Columns there: TEAM, rep, Date, Amount, Weight.');
    expect(e.messageIn("sv")).toBe('Planens kolumn "Belopp" finns inte längre på bladet "Sales". Kolumner där: TEAM, rep, Date, Amount, Weight.');
  });
});

describe("diffPlans", () => {
  const before = [
    { rep: "Anna", quota: 12000, schedule: [6000, 6000] },
    { rep: "Bo", quota: 24000, schedule: [12000, 12000] },
    { rep: "Cai", quota: 36000, schedule: [18000, 18000] },
  ];

  test("the same plan has no changes", () => {
    const d = diffPlans(before, before.map((r) => ({ ...r, rep: ` ${r.rep.toUpperCase()}`, schedule: [...r.schedule] })));
    expect(d.changes).toEqual([]);
    expect(d.unchanged).toBe(3);
    expect([d.totalBefore, d.totalAfter]).toEqual([72000, 72000]);
    expect(planChanges(before, before, "en")).toEqual([]);
  });

  test("lists each rep's old and new quota and the difference, a new schedule, reps added and removed", () => {
    const after = [
      { rep: "Anna", quota: 13000, schedule: [6500, 6500] },
      { rep: "Bo", quota: 24000, schedule: [10000, 14000] },
      { rep: "Dan", quota: 35000, schedule: [17500, 17500] },
    ];
    const d = diffPlans(before, after);
    expect(d.changes).toEqual([
      { rep: "Anna", before: 12000, after: 13000, difference: 1000, scheduleOnly: false },
      { rep: "Bo", before: 24000, after: 24000, difference: 0, scheduleOnly: true },
      { rep: "Dan", before: null, after: 35000, difference: 35000, scheduleOnly: false },
      { rep: "Cai", before: 36000, after: null, difference: -36000, scheduleOnly: false },
    ]);
    expect(d.unchanged).toBe(0);
    expect([d.totalBefore, d.totalAfter]).toEqual([72000, 72000]);
    expect(planChanges(before, after, "en")).toEqual(["Anna 12,000 → 13,000", "Bo new schedule", "Dan new: 35,000", "Cai gone: 36,000"]);
  });
});

describe("lastActualMonth (the review's default month)", () => {
  const plan = stored({ params: { start: "2025-04" } }); // April 2025 – March 2026

  test("is the last month with actuals within the plan, not the current month or the plan's last", () => {
    expect(lastActualMonth(plan, ["2025-01", "2025-04", "2025-09", "2025-07"])).toBe("2025-09");
  });

  test("ignores actuals before the plan starts or after it ends", () => {
    expect(lastActualMonth(plan, ["2025-03", "2025-05", "2026-04", "2027-01"])).toBe("2025-05");
    expect(lastActualMonth(plan, ["2026-03"])).toBe("2026-03");
  });

  test("is the plan's first month when no actual falls in the plan yet", () => {
    expect(lastActualMonth(plan, [])).toBe("2025-04");
    expect(lastActualMonth(plan, ["2024-12", "2025-03"])).toBe("2025-04");
  });
});
