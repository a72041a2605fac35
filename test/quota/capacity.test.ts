import fc from "fast-check";
import { repsNeeded } from "../../src/quota/capacity";
import { expectQuotaError } from "./expectQuotaError";

describe("repsNeeded", () => {
  it("is the ceiling of target ÷ (quota × expected attainment)", () => {
    expect(repsNeeded(600000, 50000)).toBe(12);
    expect(repsNeeded(600000, 50000, 1)).toBe(12);
    expect(repsNeeded(600001, 50000)).toBe(13);
    expect(repsNeeded(600000, 50000, 0.8)).toBe(15);
    expect(repsNeeded(1000000, 120000, 0.85)).toBe(10); // 9.8 → 10
    expect(repsNeeded(0, 50000)).toBe(0);
  });

  it("does not add a rep for float noise in an exact quotient", () => {
    // 45,000 × 0.7 = 31,499.999999999996 in binary, so the raw quotient is 12.000000000000002
    expect(378000 / (45000 * 0.7)).toBeGreaterThan(12);
    expect(repsNeeded(378000, 45000, 0.7)).toBe(12);
    expect(repsNeeded(31500, 45000, 0.7)).toBe(1);
  });

  it("still rounds up a real shortfall", () => {
    expect(repsNeeded(12.000001, 1)).toBe(13);
    expect(repsNeeded(378001, 45000, 0.7)).toBe(13);
  });

  it("covers the target with the fewest reps (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 500 }).map((k) => k * 1000),
        fc.constantFrom(0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1, 1.1),
        (reps, quota, rate) => {
          // a target that is exactly `reps` reps' worth on paper
          const target = Math.round(reps * quota * rate * 100) / 100;
          expect(repsNeeded(target, quota, rate)).toBe(reps);
          expect(repsNeeded(target + 1, quota, rate)).toBe(reps + 1);
        },
      ),
    );
  });

  it("rejects bad input", () => {
    expectQuotaError(() => repsNeeded(-1, 50000), "#NUM!", "negative", "target");
    expectQuotaError(() => repsNeeded(100, 0), "#DIV/0!", "divideByZero", "quota_per_rep");
    expectQuotaError(() => repsNeeded(100, -5), "#NUM!", "notPositive", "quota_per_rep");
    expectQuotaError(() => repsNeeded(100, 5, 0), "#DIV/0!", "divideByZero", "expected_attainment");
    expectQuotaError(() => repsNeeded(100, 5, -0.5), "#NUM!", "notPositive", "expected_attainment");
    expectQuotaError(() => repsNeeded(NaN, 5), "#VALUE!", "notNumber", "target");
    expectQuotaError(() => repsNeeded(1e308, 1e-300), "#NUM!", "tooLarge", "target");
  });
});
