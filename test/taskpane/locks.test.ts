import { initialState, reducer, type WizardState } from "../../src/taskpane/state";
import { DEFAULT_PARAMS } from "../../src/taskpane/state";
import { makePlan, parseParams, rosterLabel, showsSchedule } from "../../src/taskpane/pipeline";
import { lockProblem, readLocks } from "../../src/taskpane/updatePlan";
import { readRosterSheet } from "../../src/taskpane/rosterSheet";
import { readLockAmount, readPhasing } from "../../src/plan/yearParams";
import { parseLockArg, parsePhasingArg } from "../../src/cli/yearArgs";
import type { Aggregation } from "../../src/sheet/aggregate";
import { FakePort } from "./fakePort";

function history(totals: [string, number][], team?: (name: string) => string): Aggregation {
  return {
    reps: totals.map(([name, total]) => ({ name, total, rows: 1, byMonth: { "2025-01": total }, ...(team ? { team: team(name) } : {}) })),
    periods: ["2025-01"],
    rowsRead: totals.length,
    rowsUsed: totals.length,
    rowsOutOfRange: 0,
    skipped: [],
  } as unknown as Aggregation;
}

const NOW = new Date(Date.UTC(2025, 5, 1));

describe("locks in the wizard's state", () => {
  test("setLock adds or replaces (matched like SUMIFS), unlock and keepLocks drop", () => {
    let s: WizardState = initialState();
    expect(s.locks).toEqual([]);
    s = reducer(s, { type: "setLock", rep: "Anna", amount: "5000" });
    s = reducer(s, { type: "setLock", rep: "Bertil", amount: "1 000" });
    s = reducer(s, { type: "setLock", rep: " anna", amount: "6000" });
    expect(s.locks).toEqual([
      { rep: " anna", amount: "6000" },
      { rep: "Bertil", amount: "1 000" },
    ]);
    s = reducer(s, { type: "unlock", rep: "ANNA" });
    expect(s.locks).toEqual([{ rep: "Bertil", amount: "1 000" }]);
    const same = reducer(s, { type: "keepLocks", reps: ["bertil", "Cecilia"] });
    expect(same).toBe(s);
    expect(reducer(s, { type: "keepLocks", reps: ["Cecilia"] }).locks).toEqual([]);
    // Start over drops the locks and the roster with the other parameters.
    s = reducer(s, { type: "setRoster", sheet: "Roster" });
    const reset = reducer(s, { type: "reset" });
    expect([reset.locks, reset.roster]).toEqual([[], null]);
  });

  test("the roster choice: reading, read, failed (only for the sheet still chosen)", () => {
    let s = reducer(initialState(), { type: "setRoster", sheet: "Roster" });
    expect(s.roster).toMatchObject({ sheet: "Roster", status: "reading" });
    expect(reducer(s, { type: "rosterRead", sheet: "Other", entries: [] })).toBe(s);
    s = reducer(s, { type: "rosterRead", sheet: "Roster", entries: [{ rep: "Nina", start: "2026-03-01", end: null, ramp: [0.5], full: 1000 }] });
    expect(s.roster).toMatchObject({ status: "done", entries: [{ rep: "Nina" }] });
    s = reducer(s, { type: "setRoster", sheet: null });
    expect(s.roster).toBeNull();
  });
});

describe("locks, weights and the roster through the shared pipeline", () => {
  test("amounts are read in the user's number format; a bad one gives the engine's message naming the rep", () => {
    expect(readLocks([{ rep: "Anna", amount: "7 500,5" }], "sv")).toEqual({ locks: [{ rep: "Anna", amount: 7500.5 }], bad: null });
    expect(readLocks([{ rep: "Anna", amount: "7,500" }], "en").locks).toEqual([{ rep: "Anna", amount: 7500 }]);
    const bad = lockProblem(readLocks([{ rep: "Bertil", amount: "-5" }], "en").bad!);
    expect(bad.messageIn("en")).toBe("The lock for Bertil must be an amount of 0 or more (got -5).");
    expect(bad.messageIn("sv")).toContain("Bertil");
    // One rule: the command's --lock reads its amount the same way.
    expect(readLockAmount("-5", (x) => Number(x))).toBeNull();
    expect(() => parseLockArg("Bertil=-5")).toThrow();
  });

  test("a lock fixes the rep's quota and the others re-split the rest exactly; the sheet shows the schedule", () => {
    const base = parseParams({ ...DEFAULT_PARAMS, target: "20000" }, "en").params!;
    const params = { ...base, year: { ...base.year!, locks: [{ rep: "anna", amount: 8000 }] } };
    const r = makePlan(history([["Anna", 2000], ["Bertil", 2000], ["Cecilia", 1000]]), params, NOW);
    if (!r.ok) throw r.error;
    expect(r.value.rows.map((x) => [x.rep, x.quota, x.locked])).toEqual([
      ["Anna", 8000, true],
      ["Bertil", 8000, false],
      ["Cecilia", 4000, false],
    ]);
    expect(r.value.rows.reduce((a, x) => a + x.quota, 0)).toBe(20000);
    expect(r.value.params.locks).toEqual([{ rep: "anna", amount: 8000 }]);
    expect(showsSchedule(params)).toBe(true);
    expect(showsSchedule(base)).toBe(false);
    const over = makePlan(history([["Anna", 1]]), { ...base, year: { ...base.year!, locks: [{ rep: "Anna", amount: 25000 }] } }, NOW);
    expect(over.ok).toBe(false);
    expect((over as { error: Error }).error.message).toContain("Anna");
  });

  test("custom weights: the command's W,W,… reading, one weight per period", () => {
    const p = { ...DEFAULT_PARAMS, target: "1000", periods: "4", phasing: "pattern" as const };
    expect(parseParams({ ...p, weights: "1,2,3,4" }, "en").params!.year!.phasing).toEqual({ kind: "pattern", weights: [1, 2, 3, 4] });
    expect(parseParams({ ...p, weights: "1;2;3" }, "en").errors.weights).toBe("weightsCount");
    expect(parseParams({ ...p, weights: "1,x,3,4" }, "en").errors.weights).toBe("invalidWeights");
    expect(parseParams({ ...p, weights: "0,0,0,0" }, "en").errors.weights).toBe("invalidWeights");
    expect(parseParams({ ...p, weights: "" }, "en").errors.weights).toBe("invalidWeights");
    expect(parsePhasingArg("1,2,3,4")).toEqual(readPhasing("1,2,3,4", Number));
  });

  test("teams: subtotals per team", () => {
    const base = parseParams({ ...DEFAULT_PARAMS, target: "900" }, "en").params!;
    const r = makePlan(history([["A", 1], ["B", 1], ["C", 1]], (n) => (n === "C" ? "East" : "West")), base, NOW);
    if (!r.ok) throw r.error;
    expect(r.value.teams.map((t) => [t.team, t.quota])).toEqual([
      ["West", 600],
      ["East", 300],
    ]);
  });

  test("the roster is read from a sheet of the workbook with the sheet layer's reader; errors name the cell", async () => {
    const port = new FakePort([
      { name: "Roster", rows: [["Rep", "Start", "Ramp", "Full"], ["Nina", "2026-03-01", "50%, 75%", 1000]] },
      { name: "Bad", rows: [["Rep", "Start"], ["Nina", "not a date"]] },
    ]);
    const [roster, bad] = await port.listSheets();
    const entries = await readRosterSheet(port, roster);
    expect(entries).toMatchObject([{ rep: "Nina", start: "2026-03-01", ramp: [0.5, 0.75], full: 1000 }]);
    await expect(readRosterSheet(port, bad)).rejects.toThrow(/Bad!B2/);
    expect(rosterLabel("sales.xlsx", "Roster")).toBe("sales.xlsx#Roster");
    expect(rosterLabel(null, "Roster")).toBe("Roster");
    // A new hire on the roster gets Full × ramp, marked as rostered.
    const base = parseParams({ ...DEFAULT_PARAMS, target: "20000", start: "2026-01" }, "en").params!;
    const r = makePlan(history([["Anna", 1000]]), { ...base, roster: entries }, NOW);
    if (!r.ok) throw r.error;
    const nina = r.value.rows.find((x) => x.rep === "Nina")!;
    expect(nina).toMatchObject({ rostered: true, quota: 500 + 750 + 8 * 1000 });
    expect(nina.schedule.slice(0, 4)).toEqual([0, 0, 500, 750]);
  });
});
