import { activityAttainment } from "../../src/quota/activity";
import { expectQuotaError } from "./expectQuotaError";

describe("activityAttainment", () => {
  // The seed's SDR: 125 calls, 200 emails, 5 meetings, 20 demos in two months.
  const actuals = [125, 200, 5, 20];
  const targets = [100, 250, 10, 20];

  it("is the mean of actual ÷ target per activity", () => {
    // 1.25, 0.8, 0.5, 1 → 3.55 / 4
    expect(activityAttainment(actuals, targets)).toBeCloseTo(0.8875, 12);
  });

  it("weights the activities", () => {
    // (1·1.25 + 1·0.8 + 3·0.5 + 5·1) / 10
    expect(activityAttainment(actuals, targets, [1, 1, 3, 5])).toBeCloseTo(0.855, 12);
    expect(activityAttainment(actuals, targets, [0, 0, 1, 0])).toBe(0.5);
  });

  it("caps each activity so over-delivery on one cannot hide another", () => {
    // 1.25 capped at 1 → (1 + 0.8 + 0.5 + 1) / 4
    expect(activityAttainment(actuals, targets, null, 1)).toBeCloseTo(0.825, 12);
    expect(activityAttainment([300], [100], null, 1.2)).toBe(1.2);
    expect(activityAttainment([50], [100], null, 1.2)).toBe(0.5);
  });

  it("target 0 is #DIV/0!; other bad input is rejected by name", () => {
    expectQuotaError(() => activityAttainment([1, 2], [1, 0]), "#DIV/0!", "divideByZero", "targets");
    expectQuotaError(() => activityAttainment([1, 2], [1, -3]), "#NUM!", "notPositive", "targets");
    expectQuotaError(() => activityAttainment([1, -2], [1, 1]), "#NUM!", "negative", "actuals");
    expectQuotaError(() => activityAttainment([], []), "#N/A", "empty", "actuals");
    expectQuotaError(() => activityAttainment([1, 2], [1]), "#VALUE!", "lengthMismatch", "targets");
    expectQuotaError(() => activityAttainment([1, 2], [1, 1], [1]), "#VALUE!", "lengthMismatch", "weights");
    expectQuotaError(() => activityAttainment([1, 2], [1, 1], [0, 0]), "#DIV/0!", "allZero", "weights");
    expectQuotaError(() => activityAttainment([1, 2], [1, 1], [1, -1]), "#NUM!", "negative", "weights");
    expectQuotaError(() => activityAttainment([1, 2], [1, 1], null, 0), "#NUM!", "notPositive", "cap");
    expectQuotaError(() => activityAttainment([1, 2], [1, 1], null, NaN), "#VALUE!", "notNumber", "cap");
  });
});
