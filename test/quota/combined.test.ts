import { combinedAttainment } from "../../src/quota/combined";
import { expectQuotaError } from "./expectQuotaError";

describe("combinedAttainment", () => {
  it("is Σ weight × attainment ÷ Σ weight", () => {
    // profit 90 % weighted 60, volume 120 % weighted 40
    expect(combinedAttainment([0.9, 1.2], [60, 40])).toBeCloseTo(1.02, 12);
    expect(combinedAttainment([0.9, 1.2], [0.6, 0.4])).toBeCloseTo(1.02, 12);
    expect(combinedAttainment([0.5, 1], [1, 1])).toBe(0.75);
    expect(combinedAttainment([0.8, 5], [1, 0])).toBe(0.8);
  });

  it("rejects empty lists, mismatched lengths and bad weights", () => {
    expectQuotaError(() => combinedAttainment([], []), "#N/A", "empty", "attainments");
    expectQuotaError(() => combinedAttainment([1, 1], [1]), "#VALUE!", "lengthMismatch", "weights");
    expectQuotaError(() => combinedAttainment([1, 1], [0, 0]), "#DIV/0!", "allZero", "weights");
    expectQuotaError(() => combinedAttainment([1, 1], [1, -1]), "#NUM!", "negative", "weights");
    expectQuotaError(() => combinedAttainment([1, NaN], [1, 1]), "#VALUE!", "notNumber", "attainments");
  });
});
