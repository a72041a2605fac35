import * as engine from "../../src/quota";
import { quotaMessages } from "../../src/quota/errors";
import { ceilSnapped, noNegativeZero, snapToInteger, sum } from "../../src/quota/numeric";

describe("the engine barrel", () => {
  it("re-exports every method of the agreed API", () => {
    const names = [
      "topDownPerRep",
      "topDownSplit",
      "bottomUp",
      "baseline",
      "forecast",
      "forecastLinear",
      "growthValue",
      "profitQuota",
      "volumeBonus",
      "attainment",
      "activityAttainment",
      "combinedAttainment",
      "phase",
      "ramp",
      "repsNeeded",
      "assessTarget",
      "missingReviewPeriod",
      "allocate",
      "allocateEqually",
      "QuotaError",
    ];
    for (const name of names) expect(typeof (engine as Record<string, unknown>)[name]).toBe("function");
    expect(engine.DEFAULT_RAMP).toEqual([0.25, 0.5, 0.75]);
    expect(engine.FORECAST_METHODS).toEqual(["last", "average", "trend", "growth"]);
  });

  it("has every message in English and Swedish with the same placeholders", () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, entry] of Object.entries(quotaMessages)) {
      expect({ key, en: entry.en.length > 0, sv: entry.sv.length > 0 }).toEqual({ key, en: true, sv: true });
      expect({ key, sv: placeholders(entry.sv) }).toEqual({ key, sv: placeholders(entry.en) });
      expect(entry.sv).not.toBe(entry.en);
    }
  });

  it("gives a localised error naming the parameter", () => {
    try {
      engine.topDownPerRep(100, 2.5);
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(engine.QuotaError);
      const error = e as engine.QuotaError;
      expect(error.excelError).toBe("#NUM!");
      expect(error.message).toBe("reps must be a whole number of at least 1 (got 2.5).");
      expect(error.messageIn("sv")).toBe("reps måste vara ett heltal på minst 1 (fick 2.5).");
    }
  });
});

describe("numeric helpers", () => {
  it("snaps only float noise to whole numbers", () => {
    expect(snapToInteger(12.000000000000002)).toBe(12);
    expect(snapToInteger(11.999999999999998)).toBe(12);
    expect(snapToInteger(12.0001)).toBe(12.0001);
    expect(ceilSnapped(12.000000000000002)).toBe(12);
    expect(ceilSnapped(12.0001)).toBe(13);
    expect(Object.is(ceilSnapped(-0.2), 0)).toBe(true);
  });

  it("sums decimals without drift", () => {
    expect(sum([0.1, 0.2, 0.3])).toBe(0.6);
    expect(sum([1e16, 1, -1e16])).toBe(1);
    expect(sum([])).toBe(0);
  });

  it("never returns -0", () => {
    expect(Object.is(noNegativeZero(-0), 0)).toBe(true);
    expect(noNegativeZero(-2)).toBe(-2);
  });
});
