import { baseline } from "../../src/quota/baseline";
import { expectQuotaError } from "./expectQuotaError";

describe("baseline", () => {
  it("is last year's revenue ÷ 12 by default", () => {
    expect(baseline([600000])).toBe(50000);
    expect(baseline(600000)).toBe(50000);
    expect(baseline([100000, 200000, 300000], 12)).toBe(50000);
    expect(baseline([90, 30], 4)).toBe(30);
  });

  it("adds decimals without drift and accepts negative rows (returns)", () => {
    expect(baseline([0.1, 0.2, 0.3], 1)).toBe(0.6);
    expect(baseline(new Array(10).fill(0.1), 1)).toBe(1);
    expect(baseline([1200, -200], 2)).toBe(500);
    expect(Object.is(baseline([5, -5], 3), 0)).toBe(true);
  });

  it("rejects empty revenue (#N/A), bad values and periods", () => {
    expectQuotaError(() => baseline([]), "#N/A", "empty", "revenue");
    expectQuotaError(() => baseline([1, NaN]), "#VALUE!", "notNumber", "revenue");
    expectQuotaError(() => baseline([1, -Infinity]), "#NUM!", "notFinite", "revenue");
    expectQuotaError(() => baseline([1], 0), "#NUM!", "notWhole", "periods");
    expectQuotaError(() => baseline([1], 2.5), "#NUM!", "notWhole", "periods");
  });
});
