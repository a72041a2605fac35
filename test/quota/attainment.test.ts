import { attainment } from "../../src/quota/attainment";
import { expectQuotaError } from "./expectQuotaError";

describe("attainment", () => {
  it("is actual ÷ quota as a decimal", () => {
    expect(attainment(9000, 10000)).toBe(0.9);
    expect(attainment(19500, 15000)).toBe(1.3);
    expect(attainment(0, 5000)).toBe(0);
    expect(attainment(-500, 5000)).toBe(-0.1); // net returns
  });

  it("quota 0 is #DIV/0!, a negative quota #NUM!", () => {
    expectQuotaError(() => attainment(100, 0), "#DIV/0!", "divideByZero", "quota");
    expectQuotaError(() => attainment(100, -5), "#NUM!", "notPositive", "quota");
    expectQuotaError(() => attainment(NaN, 5), "#VALUE!", "notNumber", "actual");
    expectQuotaError(() => attainment(1, Infinity), "#NUM!", "notFinite", "quota");
  });
});
