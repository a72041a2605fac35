import { DEFAULT_RAMP, ramp } from "../../src/quota/ramp";
import { expectQuotaError } from "./expectQuotaError";

describe("ramp", () => {
  it("uses 25 %, 50 %, 75 %, then 100 % by default", () => {
    expect(DEFAULT_RAMP).toEqual([0.25, 0.5, 0.75]);
    expect([1, 2, 3, 4, 5, 24].map((m) => ramp(10000, m))).toEqual([2500, 5000, 7500, 10000, 10000, 10000]);
  });

  it("uses a given schedule and the full quota past its end", () => {
    const schedule = [0, 0.1, 0.3, 0.6, 0.9];
    expect([1, 2, 3, 4, 5, 6].map((m) => ramp(20000, m, schedule))).toEqual([0, 2000, 6000, 12000, 18000, 20000]);
    expect(ramp(20000, 1, [])).toBe(20000);
  });

  it("rejects month < 1 or not whole, shares outside 0..1 and a negative quota", () => {
    expectQuotaError(() => ramp(10000, 0), "#NUM!", "notWhole", "month");
    expectQuotaError(() => ramp(10000, -3), "#NUM!", "notWhole", "month");
    expectQuotaError(() => ramp(10000, 1.5), "#NUM!", "notWhole", "month");
    expectQuotaError(() => ramp(10000, NaN), "#VALUE!", "notNumber", "month");
    expectQuotaError(() => ramp(10000, 1, [25, 50, 75]), "#NUM!", "notShare", "schedule");
    expectQuotaError(() => ramp(10000, 1, [0.5, -0.1]), "#NUM!", "notShare", "schedule");
    expectQuotaError(() => ramp(10000, 1, [0.5, NaN]), "#VALUE!", "notNumber", "schedule");
    expectQuotaError(() => ramp(-1, 1), "#NUM!", "negative", "full_quota");
  });

  it("keeps the default schedule immutable", () => {
    expect(Object.isFrozen(DEFAULT_RAMP)).toBe(true);
  });
});
