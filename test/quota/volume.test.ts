import { volumeBonus } from "../../src/quota/volume";
import { expectQuotaError } from "./expectQuotaError";

describe("volumeBonus", () => {
  it("gives the seed's 17 sold, quota 15, 200 each above → 400", () => {
    expect(volumeBonus(17, 15, 200)).toBe(400);
  });

  it("is 0 at or below the quota", () => {
    expect(volumeBonus(15, 15, 200)).toBe(0);
    expect(volumeBonus(3, 15, 200)).toBe(0);
    expect(volumeBonus(20, 0, 0)).toBe(0);
    expect(volumeBonus(17.5, 15, 10)).toBe(25);
  });

  it("rejects negative or non-numeric arguments", () => {
    expectQuotaError(() => volumeBonus(-1, 15, 200), "#NUM!", "negative", "units_sold");
    expectQuotaError(() => volumeBonus(17, -15, 200), "#NUM!", "negative", "quota_units");
    expectQuotaError(() => volumeBonus(17, 15, -200), "#NUM!", "negative", "bonus_per_unit");
    expectQuotaError(() => volumeBonus(NaN, 15, 200), "#VALUE!", "notNumber", "units_sold");
  });
});
