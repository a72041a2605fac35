import { periodMonths, periodOfMonth, addMonths } from "../../src/plan/periods";
import { reviewPlan, ReviewError, ReviewInput } from "../../src/plan/review";

const months = (start: string, n: number) => Array.from({ length: n }, (_, i) => addMonths(start, i));

function monthlyPlan(): ReviewInput {
  return {
    start: "2026-01",
    periodLabels: months("2026-01", 12),
    rows: [
      { rep: "Anna Svensson", team: "North", quota: 120_000, schedule: new Array(12).fill(10_000) },
      { rep: "Johan Ek", team: "North", quota: 60_000, schedule: new Array(12).fill(5_000) },
      { rep: "Sofia Berg", team: "South", quota: 24_000, schedule: [0, 0, 0, 1_000, 2_000, 3_000, 3_000, 3_000, 3_000, 3_000, 3_000, 3_000] },
    ],
    actuals: [
      { name: " anna svensson", byMonth: { "2026-01": 12_000, "2026-02": 9_000, "2026-03": 11_000, "2026-04": 50_000, "2025-12": 7_000 } },
      { name: "Johan Ek", byMonth: { "2026-01": 4_000, "2026-02": 4_000, "2026-03": 4_000 } },
      { name: "Nils Nyman", byMonth: { "2026-02": 2_500 } },
    ],
    through: "2026-03",
  };
}

describe("periods", () => {
  test("months, quarters and other counts map to calendar months", () => {
    expect(periodMonths("2026-11", 4)).toEqual([
      ["2026-11", "2026-12", "2027-01"],
      ["2027-02", "2027-03", "2027-04"],
      ["2027-05", "2027-06", "2027-07"],
      ["2027-08", "2027-09", "2027-10"],
    ]);
    expect(periodMonths("2026-01", 5).map((p) => p.length)).toEqual([1, 1, 1, 1, 1]);
    expect(periodOfMonth("2026-01", 4, "2026-06")).toBe(1);
    expect(periodOfMonth("2026-01", 4, "2025-12")).toBe(-1);
    expect(periodOfMonth("2026-01", 4, "2027-01")).toBe(-1);
  });
});

describe("reviewPlan", () => {
  test("hand-computed attainment, projection and the share at or above quota", () => {
    const r = reviewPlan(monthlyPlan());
    expect(r.periods).toEqual(["2026-01", "2026-02", "2026-03"]);
    const [anna, johan, sofia] = r.rows;
    // Anna: 12,000 + 9,000 + 11,000 = 32,000 against 30,000; April and last December are outside.
    expect(anna.rep).toBe("Anna Svensson");
    expect(anna.quotaToDate).toBe(30_000);
    expect(anna.actualToDate).toBe(32_000);
    expect(anna.attainment).toBeCloseTo(32 / 30, 12);
    expect(anna.projection).toBe(128_000); // 32,000 ÷ 3 × 12
    expect(anna.byPeriod[1]).toEqual({ period: "2026-02", quota: 10_000, actual: 9_000, attainment: 0.9 });
    expect(johan.actualToDate).toBe(12_000);
    expect(johan.attainment).toBeCloseTo(0.8, 12);
    // Sofia starts in April: no quota yet, so no attainment (not 0 %, not infinite).
    expect(sofia.quotaToDate).toBe(0);
    expect(sofia.attainment).toBeNull();
    expect(r.distribution).toEqual({ below: 1, near: 0, atOrAbove: 1 });
    expect(r.atOrAbove).toBe(0.5);
    expect(r.unmatched).toEqual([{ rep: "Nils Nyman", actualToDate: 2_500 }]);
    expect(r.actualsOutside).toBe(57_000);
    expect(r.total.quotaToDate).toBe(45_000);
    expect(r.total.actualToDate).toBe(44_000);
    expect(r.teams.map((t) => [t.team, t.quotaToDate, t.actualToDate])).toEqual([
      ["North", 45_000, 44_000],
      ["South", 0, 0],
    ]);
    expect(r.teams[0].quota).toBe(180_000);
  });

  test("a quarterly plan counts a quarter once its last month is in", () => {
    const input: ReviewInput = {
      start: "2026-01",
      periodLabels: ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"],
      rows: [{ rep: "A", team: null, quota: 400, schedule: [100, 100, 100, 100] }],
      actuals: [{ name: "a", byMonth: { "2026-01": 30, "2026-02": 30, "2026-03": 60, "2026-04": 500 } }],
      through: "2026-05",
    };
    const r = reviewPlan(input);
    expect(r.periods).toEqual(["2026-Q1"]);
    expect(r.rows[0].actualToDate).toBe(120);
    expect(r.rows[0].attainment).toBeCloseTo(1.2, 12);
    expect(r.rows[0].projection).toBe(480);
    expect(r.actualsOutside).toBe(500);
    expect(r.teams).toEqual([]);
  });

  test("through before the first period ends, or not a month, is refused with a message", () => {
    expect(() => reviewPlan({ ...monthlyPlan(), through: "2025-12" })).toThrow(/No period of the plan has ended by 2025-12: the first period ends in 2026-01/);
    expect(() => reviewPlan({ ...monthlyPlan(), through: "2026-3" })).toThrow(ReviewError);
    try {
      reviewPlan({ ...monthlyPlan(), through: "March" });
    } catch (e) {
      expect((e as ReviewError).messageIn("sv")).toBe("\"March\" är ingen månad: skriv den som ÅÅÅÅ-MM, till exempel 2026-03.");
    }
  });

  test("a through month past the plan reviews the whole plan", () => {
    const r = reviewPlan({ ...monthlyPlan(), through: "2027-06" });
    expect(r.periods).toHaveLength(12);
    expect(r.rows[0].projection).toBe(r.rows[0].actualToDate);
  });
});
