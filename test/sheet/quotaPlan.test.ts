import fc from "fast-check";
import { LocalizedError } from "../../src/i18n";
import { fromUnits, toUnits } from "../../src/quota/allocate";
import { QuotaError } from "../../src/quota/errors";
import type { RepHistory } from "../../src/sheet/aggregate";
import { decimalsOf, formatNumber, PlanError, planQuotas, planWarningText, QuotaPlan, QuotaPlanParams } from "../../src/sheet/quotaPlan";

function rep(name: string, total: number, extra: Partial<RepHistory> = {}): RepHistory {
  return { name, key: name.trim().toLowerCase(), total, rows: 1, byMonth: {}, ...extra } as RepHistory;
}

function agg(reps: RepHistory[], periods: string[] = []) {
  return { reps, periods };
}

const base: QuotaPlanParams = { method: "bottomup", target: null, periods: 1, roundTo: 1, growth: 0 };

function units(values: number[], roundTo: number): number {
  return values.reduce((s, v) => s + toUnits(v, roundTo), 0);
}

function errorOf(f: () => unknown): LocalizedError {
  try {
    f();
  } catch (e) {
    if (e instanceof LocalizedError) return e;
    throw e;
  }
  throw new Error("expected an error");
}

const keys = (plan: QuotaPlan) => plan.warnings.map((w) => w.key);

describe("planQuotas: bottom-up", () => {
  const seed = agg([rep("A", 2000), rep("B", 2000), rep("C", 2000), rep("D", 1000), rep("E", 1000)]);

  it("gives the seed's split for a 2:1 history", () => {
    const plan = planQuotas(seed, { ...base, target: 20000 });
    expect(plan.rows.map((r) => r.quota)).toEqual([5000, 5000, 5000, 2500, 2500]);
    expect(plan.rows.map((r) => r.share)).toEqual([0.25, 0.25, 0.25, 0.125, 0.125]);
    expect(plan.rows.map((r) => r.history)).toEqual([2000, 2000, 2000, 1000, 1000]);
    expect(plan.total).toBe(20000);
    expect(plan.periodTotal).toBe(20000);
    expect(plan.warnings).toEqual([]);
  });

  it("splits the target per period with the same weights", () => {
    const plan = planQuotas(seed, { ...base, target: 240000, periods: 12 });
    expect(plan.rows.map((r) => r.quota)).toEqual([60000, 60000, 60000, 30000, 30000]);
    expect(plan.rows.map((r) => r.periodQuota)).toEqual([5000, 5000, 5000, 2500, 2500]);
    expect(plan.periodTotal).toBe(20000);
  });

  it("rounds to the unit and still adds up exactly, leftovers to the largest remainders", () => {
    const plan = planQuotas(agg([rep("A", 1), rep("B", 1), rep("C", 1)]), { ...base, target: 1000, roundTo: 100 });
    expect(plan.rows.map((r) => r.quota)).toEqual([400, 300, 300]);
    expect(plan.total).toBe(1000);
  });

  it("warns when the target is not a multiple of the rounding unit and uses the rounded whole", () => {
    const plan = planQuotas(agg([rep("A", 1), rep("B", 1)]), { ...base, target: 1050, roundTo: 100 });
    expect(plan.total).toBe(1100);
    expect(plan.rows.map((r) => r.quota)).toEqual([600, 500]);
    expect(keys(plan)).toEqual(["targetRounded"]);
    expect(planWarningText(plan.warnings[0], "en")).toBe("The target 1,050 is not a multiple of the rounding unit 100; the quotas add up to 1,100.");
  });

  it("warns when target ÷ periods has to be rounded, with the per-period total and its product", () => {
    const plan = planQuotas(agg([rep("A", 3), rep("B", 1)]), { ...base, target: 1000000, periods: 12, roundTo: 100 });
    expect(plan.total).toBe(1000000);
    expect(plan.periodTotal).toBe(83300);
    expect(plan.rows.reduce((s, r) => s + r.periodQuota, 0)).toBe(83300);
    expect(keys(plan)).toEqual(["periodTotalRounded"]);
    const en = planWarningText(plan.warnings[0], "en");
    expect(en).toContain("83,333.33");
    expect(en).toContain("83,300");
    expect(en).toContain("999,600");
    // Swedish groups with a no-break space and uses a decimal comma
    const sv = planWarningText(plan.warnings[0], "sv");
    expect(sv).toContain("83\u00a0333,33");
    expect(sv).toContain("perioder");
  });

  it("gives reps without history 0 and names them in a warning", () => {
    const plan = planQuotas(agg([rep("A", 500), rep("Zero Zed", 0), rep("B", 500)]), { ...base, target: 1000 });
    expect(plan.rows.map((r) => r.quota)).toEqual([500, 0, 500]);
    expect(keys(plan)).toEqual(["zeroHistory"]);
    expect(planWarningText(plan.warnings[0])).toBe("No history for Zero Zed: quota 0.");
  });

  it("lists at most five names in a warning, then a count", () => {
    const reps = [rep("Big", 10), ...Array.from({ length: 8 }, (_, i) => rep(`Z${i + 1}`, 0))];
    const plan = planQuotas(agg(reps), { ...base, target: 100 });
    expect(planWarningText(plan.warnings[0])).toBe("No history for Z1, Z2, Z3, Z4, Z5 (+3): quota 0.");
  });

  it("refuses a negative history, naming the rep in the user's language", () => {
    const e = errorOf(() => planQuotas(agg([rep("Anna", 100), rep("Returns Rob", -1234.5)]), { ...base, target: 1000 }));
    expect(e).toBeInstanceOf(PlanError);
    expect(e.key).toBe("negativeHistory");
    expect(e.message).toContain("Returns Rob has a negative history (-1,234.5)");
    expect(e.messageIn("sv")).toContain("Returns Rob har en negativ historik");
  });

  it("refuses an all-zero history and a missing target", () => {
    expect(errorOf(() => planQuotas(agg([rep("A", 0), rep("B", 0)]), { ...base, target: 1000 })).key).toBe("allZeroHistory");
    const missing = errorOf(() => planQuotas(agg([rep("A", 1)]), { ...base, target: null }));
    expect(missing.key).toBe("targetRequired");
    expect(missing.message).toContain("bottomup");
  });

  it("refuses no reps, bad periods, a negative rounding unit or target, and bad growth", () => {
    expect(errorOf(() => planQuotas(agg([]), { ...base, target: 1 })).key).toBe("noReps");
    const one = agg([rep("A", 1)]);
    expect(errorOf(() => planQuotas(one, { ...base, target: 1, periods: 0 }))).toBeInstanceOf(QuotaError);
    expect(errorOf(() => planQuotas(one, { ...base, target: 1, periods: 1.5 }))).toBeInstanceOf(QuotaError);
    expect(errorOf(() => planQuotas(one, { ...base, target: 1, roundTo: -1 }))).toBeInstanceOf(QuotaError);
    expect(errorOf(() => planQuotas(one, { ...base, target: -5 }))).toBeInstanceOf(QuotaError);
    expect(errorOf(() => planQuotas(one, { ...base, target: 1, growth: -1 })).key).toBe("badGrowth");
    expect(errorOf(() => planQuotas(one, { ...base, method: "sideways" as never, target: 1 })).key).toBe("unknownMethod");
  });

  it("warns that growth and weights are not used outside their methods", () => {
    const plan = planQuotas(agg([rep("A", 1)]), { ...base, target: 10, growth: 0.3, weighting: "weight" });
    expect(keys(plan)).toEqual(["growthIgnored", "weightingIgnored"]);
    expect(plan.rows[0].quota).toBe(10);
  });

  it("keeps Excel's 15 digits of a history that carries float noise", () => {
    const plan = planQuotas(agg([rep("A", 0.1 + 0.2), rep("B", 0.7)]), { ...base, target: 10 });
    expect(plan.rows[0].history).toBe(0.3);
  });

  it("adds up exactly for any history, target, unit and number of periods", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 40 }).filter((h) => h.some((x) => x > 0)),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.constantFrom(0.01, 1, 5, 100, 1000),
        fc.integer({ min: 1, max: 13 }),
        (history, targetCents, roundTo, periods) => {
          const target = targetCents / 100;
          const plan = planQuotas(agg(history.map((h, i) => rep(`R${i}`, h / 100))), { ...base, target, roundTo, periods });
          expect(units(plan.rows.map((r) => r.quota), roundTo)).toBe(toUnits(target, roundTo));
          expect(units(plan.rows.map((r) => r.periodQuota), roundTo)).toBe(toUnits(target / periods, roundTo));
          expect(plan.total).toBe(fromUnits(toUnits(target, roundTo), roundTo));
          expect(plan.periodTotal).toBe(fromUnits(toUnits(target / periods, roundTo), roundTo));
          for (const r of plan.rows) {
            expect(r.quota).toBeGreaterThanOrEqual(0);
            expect(Number.isInteger(toUnits(r.quota, roundTo))).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("planQuotas: top-down", () => {
  const reps = (n: number) => agg(Array.from({ length: n }, (_, i) => rep(`Rep ${i + 1}`, 1000 * (i + 1))));

  it("gives the seed's numbers: 600,000 a year over 5 reps is 10,000 a month each", () => {
    const plan = planQuotas(reps(5), { ...base, method: "topdown", target: 600000, periods: 12 });
    expect(plan.rows.map((r) => r.periodQuota)).toEqual([10000, 10000, 10000, 10000, 10000]);
    expect(plan.rows.map((r) => r.quota)).toEqual([120000, 120000, 120000, 120000, 120000]);
    expect(plan.rows.map((r) => r.share)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(plan.rows[2].history).toBe(3000); // history is shown even though it is not used
    expect(plan.periodTotal).toBe(50000);
  });

  it("900,000 a year over 15 reps is 5,000 a month each", () => {
    const plan = planQuotas(reps(15), { ...base, method: "topdown", target: 900000, periods: 12 });
    expect(new Set(plan.rows.map((r) => r.periodQuota))).toEqual(new Set([5000]));
  });

  it("hands leftovers of an equal split to the earlier reps", () => {
    const plan = planQuotas(reps(3), { ...base, method: "topdown", target: 10 });
    expect(plan.rows.map((r) => r.quota)).toEqual([4, 3, 3]);
  });

  it("splits by the weight column when asked", () => {
    const weighted = agg([rep("A", 0, { weight: 3 }), rep("B", 0, { weight: 1 }), rep("C", 0, { weight: 0 })]);
    const plan = planQuotas(weighted, { ...base, method: "topdown", target: 1000, weighting: "weight", periods: 4 });
    expect(plan.rows.map((r) => r.quota)).toEqual([750, 250, 0]);
    expect(plan.rows.map((r) => r.periodQuota)).toEqual([188, 62, 0]);
    expect(plan.rows.map((r) => r.share)).toEqual([0.75, 0.25, 0]);
    expect(keys(plan)).toEqual(["zeroWeight"]);
  });

  it("refuses a missing, negative or all-zero weight, naming the rep", () => {
    const p: QuotaPlanParams = { ...base, method: "topdown", target: 100, weighting: "weight" };
    const missing = errorOf(() => planQuotas(agg([rep("A", 0, { weight: 1 }), rep("No Weight", 0)]), p));
    expect(missing.key).toBe("missingWeight");
    expect(missing.message).toContain("No Weight");
    const negative = errorOf(() => planQuotas(agg([rep("Neg", 0, { weight: -2 })]), p));
    expect(negative.key).toBe("negativeWeight");
    expect(errorOf(() => planQuotas(agg([rep("A", 0, { weight: 0 })]), p)).key).toBe("allZeroWeights");
  });
});

describe("planQuotas: forecast", () => {
  it("gives the seed's number: 15,000 + 30 % = 19,500, with no target", () => {
    const plan = planQuotas(agg([rep("Abigael Mwangi", 15000)]), { ...base, method: "forecast", growth: 0.3 });
    expect(plan.rows[0].quota).toBe(19500);
    expect(plan.total).toBe(19500);
    expect(plan.params.target).toBeNull();
    expect(plan.warnings).toEqual([]);
  });

  it("rounds each forecast and splits the total per period exactly", () => {
    const plan = planQuotas(agg([rep("A", 123456), rep("B", 65432), rep("C", 0)]), { ...base, method: "forecast", growth: 0.1, periods: 12, roundTo: 100 });
    expect(plan.rows.map((r) => r.quota)).toEqual([135800, 72000, 0]);
    expect(plan.total).toBe(207800);
    expect(plan.periodTotal).toBe(17300); // 207,800 / 12 = 17,316.67 → 17,300
    expect(plan.rows.reduce((s, r) => s + r.periodQuota, 0)).toBe(17300);
    expect(plan.rows[2].periodQuota).toBe(0);
    expect(plan.rows[0].share).toBeCloseTo(135800 / 207800, 12);
    expect(keys(plan)).toEqual(["periodTotalRounded"]);
  });

  it("does not use a target, says so and compares it with the total", () => {
    const plan = planQuotas(agg([rep("A", 1000)]), { ...base, method: "forecast", growth: 0.5, target: 2000 });
    expect(plan.total).toBe(1500);
    expect(plan.params.target).toBeNull();
    expect(keys(plan)).toEqual(["targetIgnored"]);
    expect(planWarningText(plan.warnings[0])).toContain("The target 2,000 was not used; the quotas add up to 1,500.");
  });

  it("gives 0 to a negative forecast (net returns) and warns", () => {
    const plan = planQuotas(agg([rep("A", 1000), rep("Refunds", -300)]), { ...base, method: "forecast" });
    expect(plan.rows.map((r) => r.quota)).toEqual([1000, 0]);
    expect(keys(plan)).toEqual(["negativeForecastClamped"]);
  });

  it("forecasts monthly series over a horizon as long as the history for average and trend", () => {
    const months = ["2025-01", "2025-02", "2025-04"]; // March has no sales at all: counts as 0
    const a = rep("A", 600, { byMonth: { "2025-01": 100, "2025-02": 200, "2025-04": 300 } });
    const average = planQuotas(agg([a], months), { ...base, method: "forecast", forecastMethod: "average", roundTo: 0 });
    expect(average.rows[0].quota).toBeCloseTo(600, 9); // mean 150 × 4 months
    const trend = planQuotas(agg([a], months), { ...base, method: "forecast", forecastMethod: "trend", roundTo: 0 });
    // y = 100, 200, 0, 300 at x = 1..4: line 50 + 40x; next four months 250 + 290 + 330 + 370
    expect(trend.rows[0].quota).toBeCloseTo(1240, 9);
  });

  it("judges a rep hired mid-window on the months they worked, and falls back to the average for one month", () => {
    const months = ["2025-01", "2025-02", "2025-03", "2025-04"];
    const veteran = rep("Veteran", 400, { byMonth: { "2025-01": 100, "2025-02": 100, "2025-03": 100, "2025-04": 100 } });
    const hired = rep("Hired in March", 200, { byMonth: { "2025-03": 100, "2025-04": 100 } });
    const newest = rep("Hired in April", 100, { byMonth: { "2025-04": 100 } });
    const average = planQuotas(agg([veteran, hired, newest], months), { ...base, method: "forecast", forecastMethod: "average", growth: 0.5 });
    expect(average.rows.map((r) => r.quota)).toEqual([600, 600, 600]); // 100 a month × 4 months × 1.5
    expect(average.warnings).toEqual([]);
    const trend = planQuotas(agg([veteran, hired, newest], months), { ...base, method: "forecast", forecastMethod: "trend" });
    expect(trend.rows.map((r) => r.quota)).toEqual([400, 400, 400]);
    expect(keys(trend)).toEqual(["trendFellBack"]);
    expect(planWarningText(trend.warnings[0])).toBe("Only one month of history for Hired in April: forecast from the average instead of a trend.");
  });

  it("needs months for a trend and names the rep when a forecast is impossible", () => {
    expect(errorOf(() => planQuotas(agg([rep("A", 1)]), { ...base, method: "forecast", forecastMethod: "trend" })).key).toBe("needsMonths");
    const zeroMonth = rep("Zero Month", 100, { byMonth: { "2025-01": 100 } });
    const e = errorOf(() => planQuotas(agg([zeroMonth], ["2025-01", "2025-02"]), { ...base, method: "forecast", forecastMethod: "growth" }));
    expect(e.key).toBe("forecastFailed");
    expect(e.message).toMatch(/^Cannot forecast Zero Month: /);
    expect(e.messageIn("sv")).toMatch(/^Kan inte göra en prognos för Zero Month: /);
  });
});

describe("planQuotas: profit", () => {
  it("splits the target by profit and gives loss-making reps 0 with a warning", () => {
    const plan = planQuotas(agg([rep("Peter Hall", 3000), rep("Loss Lars", -500), rep("Andrew Smith", 1000)]), {
      ...base,
      method: "profit",
      target: 8000,
    });
    expect(plan.rows.map((r) => r.quota)).toEqual([6000, 0, 2000]);
    expect(plan.rows.map((r) => r.history)).toEqual([3000, -500, 1000]);
    expect(plan.rows.map((r) => r.share)).toEqual([0.75, 0, 0.25]);
    expect(keys(plan)).toEqual(["lossClamped"]);
    expect(planWarningText(plan.warnings[0])).toContain("Loss Lars");
  });

  it("refuses when no rep made a profit", () => {
    expect(errorOf(() => planQuotas(agg([rep("A", -1), rep("B", 0)]), { ...base, method: "profit", target: 10 })).key).toBe("noProfit");
  });
});

describe("helpers", () => {
  it("derives decimals from the rounding unit", () => {
    expect([100, 1, 0.5, 0.25, 0.01, 0].map(decimalsOf)).toEqual([0, 0, 1, 2, 2, 2]);
  });

  it("formats numbers per language", () => {
    expect(formatNumber(1234567.891, "en")).toBe("1,234,567.89");
    expect(formatNumber(1234567.891, "sv")).toBe("1\u00a0234\u00a0567,89");
  });
});
