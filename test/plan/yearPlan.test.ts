import fc from "fast-check";
import { LocalizedError } from "../../src/i18n";
import { yearPlanMessages, yearPlanNoteText } from "../../src/plan/messages";
import type { RosterEntry, YearPlan, YearPlanParams } from "../../src/plan/types";
import { planYear } from "../../src/plan/yearPlan";
import { toUnits } from "../../src/quota/allocate";
import type { RepHistory } from "../../src/sheet/aggregate";
import { planQuotas } from "../../src/sheet/quotaPlan";

function rep(name: string, total: number, byMonth: Record<string, number> = {}, team?: string): RepHistory {
  return { name, key: name.trim().toLowerCase(), total, rows: 1, byMonth, ...(team ? { team } : {}) } as RepHistory;
}

/** A year of monthly sales for 2025 from twelve numbers. */
function months2025(values: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  values.forEach((v, k) => (out[`2025-${String(k + 1).padStart(2, "0")}`] = v));
  return out;
}

const ALL_2025 = Array.from({ length: 12 }, (_, k) => `2025-${String(k + 1).padStart(2, "0")}`);

function agg(reps: RepHistory[], periods: string[] = []) {
  return { reps, periods };
}

const params = (over: Partial<YearPlanParams> = {}): YearPlanParams => ({
  method: "bottomup",
  target: 1200000,
  periods: 12,
  roundTo: 100,
  growth: 0,
  phasing: { kind: "equal" },
  start: "2026-01",
  uplift: 0,
  locks: [],
  roster: null,
  ...over,
});

function errorOf(f: () => unknown): LocalizedError {
  try {
    f();
  } catch (e) {
    if (e instanceof LocalizedError) return e;
    throw e;
  }
  throw new Error("expected an error");
}

/** Both ways exact, in units. */
function expectExact(plan: YearPlan): void {
  const unit = plan.params.roundTo;
  const U = (x: number) => toUnits(x, unit);
  for (const row of plan.rows) {
    expect(row.schedule).toHaveLength(plan.params.periods);
    expect(row.schedule.reduce((a, b) => a + U(b), 0)).toBe(U(row.quota));
  }
  plan.periodTargets.forEach((t, j) => expect(plan.rows.reduce((a, r) => a + U(r.schedule[j]), 0)).toBe(U(t)));
  expect(plan.periodTargets.reduce((a, b) => a + U(b), 0)).toBe(U(plan.planTotal));
  expect(plan.rows.reduce((a, r) => a + U(r.quota), 0)).toBe(U(plan.planTotal));
}

const trio = agg([rep("Anna", 600000, months2025([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 12])), rep("Erik", 300000, months2025(new Array(12).fill(1))), rep("Sofia", 100000, months2025([6, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))], ALL_2025);

describe("planYear: defaults", () => {
  it("keeps planQuotas' annual quotas exactly and makes the schedule exact both ways", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 12 }).filter((h) => h.some((x) => x > 0)),
        fc.integer({ min: 0, max: 1e9 }),
        fc.constantFrom(1, 2, 3, 4, 6, 7, 12, 13),
        fc.constantFrom(1, 10, 100, 1000, 0.01),
        fc.constantFrom("topdown", "bottomup", "forecast") as fc.Arbitrary<"topdown" | "bottomup" | "forecast">,
        (history, target, periods, roundTo, method) => {
          const a = agg(history.map((h, i) => rep(`R${i}`, h)));
          const p = params({ method, target: method === "forecast" ? null : target, periods, roundTo, growth: method === "forecast" ? 0.1 : 0 });
          const plan = planYear(a, p);
          const flat = planQuotas(a, p);
          expect(plan.rows.map((r) => r.quota)).toEqual(flat.rows.map((r) => r.quota));
          expect(plan.rows.map((r) => r.periodQuota)).toEqual(flat.rows.map((r) => r.periodQuota));
          expect(plan.planTotal).toBe(flat.total);
          expectExact(plan);
          expect(plan.periodLabels).toHaveLength(periods);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("makes the period targets add up to the plan total (100,000,000 in 12 months of 1,000)", () => {
    const a = agg([rep("A", 123457), rep("B", 98765), rep("C", 55555)]);
    const plan = planYear(a, params({ target: 100000000, roundTo: 1000 }));
    expect(plan.periodTargets.reduce((x, y) => x + y, 0)).toBe(100000000);
    // 100,000,000 ÷ 12 = 8,333,333.3: four months get 8,334,000 and eight 8,333,000
    expect([...new Set(plan.periodTargets)].sort()).toEqual([8333000, 8334000]);
    expectExact(plan);
  });

  it("labels months, quarters and other periods from the start", () => {
    expect(planYear(trio, params({ start: "2026-07" })).periodLabels.slice(5, 7)).toEqual(["2026-12", "2027-01"]);
    expect(planYear(trio, params({ periods: 4 })).periodLabels).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    expect(planYear(trio, params({ periods: 4, start: "2026-02" })).periodLabels).toEqual(["2026-02", "2026-05", "2026-08", "2026-11"]);
    expect(planYear(trio, params({ periods: 2 })).periodLabels).toEqual(["2026-P1", "2026-P2"]);
  });
});

describe("planYear: phasing", () => {
  it("history: a rep who sells most in December gets most in December", () => {
    const plan = planYear(trio, params({ phasing: { kind: "history" } }));
    const anna = plan.rows[0];
    expect(anna.quota).toBe(720000);
    expect(anna.schedule[11]).toBe(Math.max(...anna.schedule));
    expect([375600, 375700]).toContain(anna.schedule[11]); // 720,000 × 12 ÷ 23 = 375,652.2: floor or ceiling in hundreds
    expect(plan.rows[1].schedule).toEqual(new Array(12).fill(30000));
    expect(plan.rows[2].schedule[0]).toBe(Math.max(...plan.rows[2].schedule));
    expectExact(plan);
  });

  it("team: everyone follows the team's monthly pattern", () => {
    const plan = planYear(trio, params({ phasing: { kind: "team" } }));
    // team months: Jan 6+1+... — every rep peaks where the team does (December)
    for (const row of plan.rows) expect(row.schedule[11]).toBe(Math.max(...row.schedule));
    expectExact(plan);
  });

  it("pattern: one weight per period", () => {
    const plan = planYear(trio, params({ phasing: { kind: "pattern", weights: [8, 8, 9, 9, 8, 7, 5, 6, 9, 10, 10, 11] } }));
    expect(plan.periodTargets).toEqual([96000, 96000, 108000, 108000, 96000, 84000, 60000, 72000, 108000, 120000, 120000, 132000]);
    expectExact(plan);
    expect(errorOf(() => planYear(trio, params({ phasing: { kind: "pattern", weights: [1, 2, 3] } }))).key).toBe("patternLength");
    expect(errorOf(() => planYear(trio, params({ phasing: { kind: "pattern", weights: new Array(12).fill(0) } }))).key).toBe("patternAllZero");
    expect(errorOf(() => planYear(trio, params({ phasing: { kind: "pattern", weights: [1, -1, ...new Array(10).fill(1)] } }))).messageIn("en")).toContain("weight 2");
  });

  it("history: a rep without sales by month falls back to the team pattern, with a note", () => {
    const a = agg([...trio.reps, rep("Johan", 50000, {})], ALL_2025);
    const plan = planYear(a, params({ phasing: { kind: "history" } }));
    expect(plan.notes.map((n) => n.key)).toContain("noteHistoryFallback");
    const noteText = yearPlanNoteText(plan.notes.find((n) => n.key === "noteHistoryFallback") as YearPlan["notes"][number], "sv");
    expect(noteText).toContain("Johan");
    expect(plan.rows[3].schedule[11]).toBe(Math.max(...plan.rows[3].schedule));
    expectExact(plan);
  });

  it("history: no fallback note for a rep whose quota is 0 (nothing to phase)", () => {
    // Bo has no sales at all: a bottom-up quota of 0, so the team's pattern is never used for him.
    const a = agg([...trio.reps, rep("Bo", 0, {})], ALL_2025);
    const plan = planYear(a, params({ phasing: { kind: "history" } }));
    expect(plan.rows[3]).toMatchObject({ rep: "Bo", quota: 0 });
    expect(plan.notes.map((n) => n.key)).not.toContain("noteHistoryFallback");
    expectExact(plan);
  });

  it("quarterly plans phase by quarter", () => {
    const plan = planYear(trio, params({ periods: 4, phasing: { kind: "history" } }));
    // Anna: Q1 3, Q2 3, Q3 3, Q4 14 of 23 → 93,913.04 ×3 and 438,260.87, each rounded down or up
    const [q1, q2, q3, q4] = plan.rows[0].schedule;
    for (const q of [q1, q2, q3]) expect([93900, 94000]).toContain(q);
    expect([438200, 438300]).toContain(q4);
    expect(plan.periodLabels).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    expectExact(plan);
  });

  it("history needs dates and periods that split the year", () => {
    expect(errorOf(() => planYear(agg(trio.reps, []), params({ phasing: { kind: "history" } }))).key).toBe("needsDates");
    expect(errorOf(() => planYear(trio, params({ periods: 5, phasing: { kind: "team" } }))).key).toBe("needsCalendar");
  });
});

const hire = (over: Partial<RosterEntry>): RosterEntry => ({ rep: "Nina", start: "2026-03-01", end: null, ramp: [0.25, 0.5, 0.75], full: 10000, source: "Roster!A2", ...over });

describe("planYear: roster", () => {
  it("a new hire gets Full × ramp from the start month, fixed first; the others share the rest", () => {
    const plan = planYear(trio, params({ roster: [hire({})] }));
    const nina = plan.rows[3];
    expect(nina.schedule).toEqual([0, 0, 2500, 5000, 7500, 10000, 10000, 10000, 10000, 10000, 10000, 10000]);
    expect(nina.quota).toBe(85000);
    expect(nina.rostered).toBe(true);
    expect(plan.rows.slice(0, 3).reduce((a, r) => a + r.quota, 0)).toBe(1200000 - 85000);
    expect(plan.notes.map((n) => n.key)).toContain("noteNewHire");
    expectExact(plan);
  });

  it("a start within a month counts from the next whole month", () => {
    const plan = planYear(trio, params({ roster: [hire({ start: "2026-03-15" })] }));
    expect(plan.rows[3].schedule.slice(0, 5)).toEqual([0, 0, 0, 2500, 5000]);
  });

  it("tenure counts from the start even before the plan", () => {
    const plan = planYear(trio, params({ roster: [hire({ start: "2025-12-01" })] }));
    expect(plan.rows[3].schedule.slice(0, 4)).toEqual([5000, 7500, 10000, 10000]);
  });

  it("without Full, the median full-month quota of the tenured reps, with a note", () => {
    const plan = planYear(trio, params({ roster: [hire({ full: null, ramp: null, start: "2026-01-01" })] }));
    // tenured quotas 720,000 / 360,000 / 120,000: median 360,000 a year = 30,000 a month
    expect(plan.rows[3].schedule).toEqual(new Array(12).fill(30000));
    expect(plan.notes.find((n) => n.key === "noteMedianFull")?.params.amount).toBe(30000);
  });

  it("a leaver gets nothing after the end date; the rest goes to the others", () => {
    const plan = planYear(trio, params({ roster: [{ rep: "erik ", start: null, end: "2026-06-30", ramp: null, full: null }] }));
    const erik = plan.rows[1];
    expect(erik.quota).toBe(180000);
    expect(erik.schedule.slice(6)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(erik.schedule.slice(0, 6)).toEqual(new Array(6).fill(30000));
    expect(plan.rows[0].quota + plan.rows[2].quota).toBe(1020000);
    expect(plan.rows[0].quota).toBe(874300); // 6:1 of the rest: 874,285.7
    expect(plan.notes.map((n) => n.key)).toContain("noteLeaver");
    expectExact(plan);
  });

  it("an end within a month leaves that month out", () => {
    const plan = planYear(trio, params({ roster: [{ rep: "Erik", start: null, end: "2026-06-15", ramp: null, full: null }] }));
    expect(plan.rows[1].schedule.slice(4, 7)).toEqual([30000, 0, 0]);
  });

  it("refuses bad roster lines, naming the rep and the line", () => {
    expect(errorOf(() => planYear(trio, params({ roster: [hire({ start: "2026-02-30" })] }))).messageIn("en")).toMatch(/Nina.*Roster!A2/);
    expect(errorOf(() => planYear(trio, params({ roster: [hire({ end: "2026-01-01" })] }))).key).toBe("rosterEndBeforeStart");
    expect(errorOf(() => planYear(trio, params({ roster: [hire({ ramp: [0.5, 2] })] }))).key).toBe("rosterBadRamp");
    expect(errorOf(() => planYear(trio, params({ roster: [hire({}), hire({ rep: " NINA" })] }))).key).toBe("rosterTwice");
    expect(errorOf(() => planYear(trio, params({ periods: 5, roster: [hire({})] }))).key).toBe("rosterNeedsCalendar");
  });
});

describe("planYear: locks and uplift", () => {
  it("a lock fixes a rep's quota (matched like SUMIFS); the others share what is left by the method", () => {
    const plan = planYear(trio, params({ locks: [{ rep: "  sofia ", amount: 300000 }] }));
    expect(plan.rows[2].quota).toBe(300000);
    expect(plan.rows[2].locked).toBe(true);
    expect(plan.rows[0].quota).toBe(600000);
    expect(plan.rows[1].quota).toBe(300000);
    expect(plan.notes.map((n) => n.key)).toContain("noteLocked");
    expectExact(plan);
  });

  it("refuses locks above the plan total, naming them, and locks naming nobody", () => {
    const over = errorOf(() => planYear(trio, params({ locks: [{ rep: "Anna", amount: 1000000 }, { rep: "Erik", amount: 300000 }] })));
    expect(over.key).toBe("fixedExceed");
    expect(over.messageIn("en")).toContain("1,300,000, more than the plan total 1,200,000: Anna, Erik");
    expect(over.messageIn("sv")).toContain("Erik");
    const unknown = errorOf(() => planYear(trio, params({ locks: [{ rep: "Zed", amount: 1 }] })));
    expect(unknown.messageIn("en")).toContain("\"Zed\"");
    expect(unknown.messageIn("sv")).toContain("\"Zed\"");
    expect(errorOf(() => planYear(trio, params({ locks: [{ rep: "Anna", amount: 1 }, { rep: "ANNA", amount: 2 }] }))).key).toBe("lockTwice");
  });

  it("a plan start whose twelve months leave Excel's dates is refused, naming the range", () => {
    for (const start of ["9999-02", "1899-12", "10000-01"]) {
      const e = errorOf(() => planYear(trio, params({ start })));
      expect([start, e.key]).toEqual([start, "badStart"]);
      expect(e.messageIn("en")).toContain(`"${start}" is not a month from 1900-01 to 9999-01`);
    }
    expect(planYear(trio, params({ start: "9999-01" })).periodLabels[11]).toBe("9999-12");
    expect(planYear(trio, params({ start: "1900-01" })).periodLabels[0]).toBe("1900-01");
  });

  it("a rep locked twice is named as the plan shows the rep, not as the second lock spells it", () => {
    const twice = errorOf(() => planYear(trio, params({ locks: [{ rep: " anna", amount: 1 }, { rep: "ANNA ", amount: 2 }] })));
    expect(twice.messageIn("en")).toBe("Anna is locked twice; give one amount per rep.");
    expect(twice.messageIn("sv")).toBe("Anna är låst två gånger; ange ett belopp per säljare.");
  });

  it("the uplift note writes its percentages in the reader's language, rounded to a tenth", () => {
    const plan = planYear(trio, params({ target: 999999, uplift: 0.125 }));
    const note = plan.notes.find((n) => n.key === "noteUplift");
    if (!note) throw new Error("no uplift note");
    // 999,999 × 1.125 rounds to 1,125,000: 112.5001125 % of the target, shown as 112.5 %.
    expect(yearPlanNoteText(note, "en")).toBe("Uplift 12.5 %: the quotas add up to 1,125,000, 112.5 % of the target 999,999.");
    expect(yearPlanNoteText(note, "sv")).toBe("Påslag 12,5 %: kvoterna summerar till 1\u00a0125\u00a0000, 112,5 % av målet 999\u00a0999.");
  });

  it("every rep locked: the locks must add up to the plan total", () => {
    const locks = [
      { rep: "Anna", amount: 600000 },
      { rep: "Erik", amount: 300000 },
      { rep: "Sofia", amount: 200000 },
    ];
    expect(errorOf(() => planYear(trio, params({ locks }))).key).toBe("nobodyLeft");
    expect(planYear(trio, params({ locks: [...locks.slice(0, 2), { rep: "Sofia", amount: 300000 }] })).planTotal).toBe(1200000);
  });

  it("uplift: the quotas add up to target × (1 + uplift)", () => {
    const plan = planYear(trio, params({ uplift: 0.1 }));
    expect(plan.target).toBe(1200000);
    expect(plan.planTotal).toBe(1320000);
    expect(plan.coverage).toBe(1.1);
    expect(plan.rows.map((r) => r.quota)).toEqual([792000, 396000, 132000]);
    expect(plan.notes.map((n) => n.key)).toContain("noteUplift");
    expectExact(plan);
    expect(errorOf(() => planYear(trio, params({ uplift: -0.1 }))).key).toBe("badUplift");
  });

  it("refuses a start that is no month", () => {
    expect(errorOf(() => planYear(trio, params({ start: "2026-13" }))).messageIn("sv")).toContain("2026-13");
  });
});

describe("planYear: teams", () => {
  it("a team's quota and schedule are the sums of its reps'", () => {
    const a = agg([rep("A", 500, {}, "North"), rep("B", 300, {}, "South"), rep("C", 200, {}, "north")]);
    const plan = planYear(a, params({ target: 10007, roundTo: 1, periods: 4 }));
    expect(plan.teams.map((t) => t.team)).toEqual(["North", "South"]);
    const north = plan.teams[0];
    expect(north.quota).toBe(plan.rows[0].quota + plan.rows[2].quota);
    expect(north.schedule).toEqual(plan.rows[0].schedule.map((x, j) => x + plan.rows[2].schedule[j]));
    expect(plan.teams.reduce((s, t) => s + t.quota, 0)).toBe(10007);
    expect(plan.rows[1].team).toBe("South");
    expect(planYear(trio, params()).teams).toEqual([]);
  });
});

describe("planYear: edge cases", () => {
  it("a period gives up its extra unit when no rep can fill it, with a note naming it", () => {
    const a = agg([rep("A", 2, months2025([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])), rep("B", 2, months2025([0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]))], ALL_2025);
    const plan = planYear(a, params({ target: 200, phasing: { kind: "history" } }));
    expect(plan.periodTargets.slice(0, 4)).toEqual([100, 0, 100, 0]);
    const n = plan.notes.find((x) => x.key === "notePeriodTargets");
    expect(n?.params.periods).toBe("2026-02");
    expectExact(plan);
  });

  it("forecast with uplift and a lock: the others share the rest by their forecasts", () => {
    const plan = planYear(trio, params({ method: "forecast", target: null, growth: 0, uplift: 0.1, locks: [{ rep: "Sofia", amount: 100000 }] }));
    expect(plan.target).toBe(1000000);
    expect(plan.planTotal).toBe(1100000);
    // forecasts 600,000 / 300,000 / 100,000; Sofia locked at 100,000; 1,000,000 left, split 6:3
    expect(plan.rows.map((r) => r.quota)).toEqual([666700, 333300, 100000]);
    expectExact(plan);
  });

  it("a lock on a new hire spreads the lock over the roster months by the ramp", () => {
    const plan = planYear(trio, params({ roster: [hire({ start: "2026-07-01", ramp: [0.5] })], locks: [{ rep: "nina", amount: 33000 }] }));
    const nina = plan.rows[3];
    expect(nina).toMatchObject({ quota: 33000, locked: true, rostered: true });
    expect(nina.schedule.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(nina.schedule[6]).toBe(3000); // 0.5 of 5.5 weights → 3,000; then 6,000 a month
    expect(nina.schedule.slice(7)).toEqual([6000, 6000, 6000, 6000, 6000]);
    expectExact(plan);
  });

  it("no rounding (unit 0): the schedule is the exact shares", () => {
    const plan = planYear(trio, params({ roundTo: 0, target: 1000, periods: 4 }));
    expect(plan.rows[0].schedule).toEqual([150, 150, 150, 150]);
    expect(plan.periodTargets).toEqual([250, 250, 250, 250]);
  });
});

describe("messages", () => {
  it("every message exists in English and Swedish", () => {
    for (const [key, entry] of Object.entries(yearPlanMessages)) {
      expect([key, entry.en.length > 0, entry.sv.length > 0, entry.en !== entry.sv]).toEqual([key, true, true, true]);
    }
  });
});

describe("planYear: the flat per-period column", () => {
  it("with uplift, splits the plan total and warns about that total's rounding", () => {
    const plan = planYear(trio, params({ target: 1000000, uplift: 0.05 }));
    expect(plan.periodTotal).toBe(87500);
    expect(plan.warnings.map((w) => w.key)).not.toContain("periodTotalRounded");
    const odd = planYear(trio, params({ target: 1000000, uplift: 0.1 }));
    expect(odd.periodTotal).toBe(91700); // 1,100,000 ÷ 12 = 91,666.67
    expect(odd.warnings.find((w) => w.key === "periodTotalRounded")?.params).toMatchObject({ total: 1100000, periodTotal: 91700 });
    expect(odd.rows.reduce((a, r) => a + r.periodQuota, 0)).toBe(91700);
  });
});
