import { assessForecast, assessTarget, DEFAULT_REALISM_THRESHOLDS, historySpan, missingReviewPeriod, REALISM_FAR_BELOW, REALISM_OK_MAX, REALISM_STRETCH_MAX, untimedHistory } from "../../src/quota/realism";
import { expectQuotaError } from "./expectQuotaError";

describe("assessTarget (SMART: achievable)", () => {
  it("exports its limits: ok up to +30 %, stretch up to +100 %", () => {
    expect(REALISM_OK_MAX).toBe(0.3);
    expect(REALISM_STRETCH_MAX).toBe(1);
    expect(DEFAULT_REALISM_THRESHOLDS).toEqual({ okMax: 0.3, stretchMax: 1 });
  });

  it("computes the required growth over the baseline and its level", () => {
    expect(assessTarget(1100000, 1000000)).toEqual({ requiredGrowth: expect.closeTo(0.1, 12), level: "ok" });
    expect(assessTarget(900000, 1000000)).toEqual({ requiredGrowth: expect.closeTo(-0.1, 12), level: "ok" });
    expect(assessTarget(1000000, 1000000)).toEqual({ requiredGrowth: 0, level: "ok" });
    expect(assessTarget(1500000, 1000000)).toEqual({ requiredGrowth: 0.5, level: "stretch" });
    expect(assessTarget(2500000, 1000000)).toEqual({ requiredGrowth: 1.5, level: "unrealistic" });
    // the seed's "10 million followers in a year" kind of target
    expect(assessTarget(10000000, 50000).level).toBe("unrealistic");
  });

  it("puts the limits themselves on the milder side, despite float noise", () => {
    expect(assessTarget(1300000, 1000000).level).toBe("ok");
    expect(assessTarget(1.3, 1).level).toBe("ok"); // 1.3 / 1 − 1 = 0.30000000000000004 in binary
    expect(assessTarget(1300001, 1000000).level).toBe("stretch");
    expect(assessTarget(2000000, 1000000).level).toBe("stretch");
    expect(assessTarget(2000001, 1000000).level).toBe("unrealistic");
  });

  it("is unknown without a positive baseline", () => {
    expect(assessTarget(100000, 0)).toEqual({ requiredGrowth: null, level: "unknown" });
    expect(assessTarget(100000, -500)).toEqual({ requiredGrowth: null, level: "unknown" });
  });

  it("accepts other limits", () => {
    expect(assessTarget(1200000, 1000000, { okMax: 0.1, stretchMax: 0.15 }).level).toBe("unrealistic");
    expect(assessTarget(1120000, 1000000, { okMax: 0.1, stretchMax: 0.15 }).level).toBe("stretch");
  });

  it("rejects bad input", () => {
    expectQuotaError(() => assessTarget(-1, 100), "#NUM!", "negative", "target");
    expectQuotaError(() => assessTarget(1, NaN), "#VALUE!", "notNumber", "baseline");
    expectQuotaError(() => assessTarget(1, 1, { okMax: 0.5, stretchMax: 0.2 }), "#NUM!", "badThresholds");
    expectQuotaError(() => assessTarget(1, 1, { okMax: NaN, stretchMax: 1 }), "#NUM!", "badThresholds");
  });
});

describe("missingReviewPeriod (SMART: time-bound)", () => {
  it("is true when no review period is set", () => {
    expect(missingReviewPeriod(null)).toBe(true);
    expect(missingReviewPeriod(undefined)).toBe(true);
    expect(missingReviewPeriod(0)).toBe(true);
    expect(missingReviewPeriod(NaN)).toBe(true);
    expect(missingReviewPeriod(2.5)).toBe(true);
  });

  it("is false for a whole number of periods", () => {
    expect(missingReviewPeriod(1)).toBe(false);
    expect(missingReviewPeriod(12)).toBe(false);
  });
});

describe("assessTarget: far below the history", () => {
  it("calls a target more than 50 % below the history farBelow (a likely unit mistake), not ok", () => {
    expect(REALISM_FAR_BELOW).toBe(-0.5);
    expect(assessTarget(348000, 1000000)).toEqual({ requiredGrowth: expect.closeTo(-0.652, 12), level: "farBelow" });
    expect(assessTarget(1500, 1500000).level).toBe("farBelow"); // thousands typed as units
    expect(assessTarget(0, 1000000).level).toBe("farBelow");
    expect(assessTarget(500000, 1000000).level).toBe("ok"); // exactly −50 % is still ok
    expect(assessTarget(0.5, 1).level).toBe("ok");
  });
});

describe("untimedHistory (SMART: time-bound, shared by the wizard and the command)", () => {
  it("measures the span of the history's months", () => {
    expect(historySpan(["2015-03", "2014-01", "2017-12"])).toEqual({ first: "2014-01", last: "2017-12", months: 48 });
    expect(historySpan(["2025-06"])).toEqual({ first: "2025-06", last: "2025-06", months: 1 });
    expect(historySpan([])).toBeNull();
  });

  it("is null once a time frame is set, and flags unlike horizons past twelve months", () => {
    expect(untimedHistory(["2014-01", "2017-12"], true)).toBeNull();
    expect(untimedHistory(["2014-01", "2017-12"], false)).toEqual({ first: "2014-01", last: "2017-12", months: 48, unlikeHorizons: true });
    expect(untimedHistory(["2025-01", "2025-12"], false)).toMatchObject({ months: 12, unlikeHorizons: false });
    expect(untimedHistory(["2024-12", "2025-12"], false)).toMatchObject({ months: 13, unlikeHorizons: true });
    expect(untimedHistory([], false)).toBeNull();
  });
});

describe("assessForecast (SMART: a forecast has no target)", () => {
  it("rates the forecasts' total against the history and names reps far from the asked growth", () => {
    const a = assessForecast([1000, 1000, 1000, 0], [1300, 2370, 400, 50], 0.3);
    expect(a.total.level).toBe("stretch");
    expect(a.total.requiredGrowth).toBeCloseTo(4120 / 3000 - 1, 9);
    // +137 % is above +100 % and twice +30 %; −60 % is more than 50 points below +30 %; a rep with no history has no growth.
    expect(a.outliers.map((o) => o.index)).toEqual([1, 2]);
    expect(a.outliers[0].growth).toBeCloseTo(1.37, 9);
  });

  it("the last result grows every rep by exactly the asked growth: nobody named", () => {
    const a = assessForecast([1000, 500], [1300, 650], 0.3);
    expect(a).toEqual({ total: { level: "ok", requiredGrowth: expect.closeTo(0.3, 9) }, outliers: [] });
    expect(assessForecast([0], [0], 0).total.level).toBe("unknown");
  });
});
