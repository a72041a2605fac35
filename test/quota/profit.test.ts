import { profitQuota } from "../../src/quota/profit";
import { expectQuotaError } from "./expectQuotaError";

describe("profitQuota", () => {
  it("is revenue − (COGS + acquisition cost)", () => {
    expect(profitQuota(10000, 6000, 1500)).toBe(2500);
    expect(profitQuota(1000, 800, 400)).toBe(-200); // a loss stays visible
    expect(profitQuota(0.3, 0.1, 0.1)).toBeCloseTo(0.1, 15);
    expect(Object.is(profitQuota(100, 50, 50), 0)).toBe(true);
  });

  it("rejects values that are not finite numbers, naming the argument", () => {
    expectQuotaError(() => profitQuota(NaN, 1, 1), "#VALUE!", "notNumber", "revenue");
    expectQuotaError(() => profitQuota(1, Infinity, 1), "#NUM!", "notFinite", "cogs");
    expectQuotaError(() => profitQuota(1, 1, "x" as unknown as number), "#VALUE!", "notNumber", "acquisition_cost");
    expectQuotaError(() => profitQuota(1e308, -1e308, 0), "#NUM!", "resultTooLarge");
  });
});
