import { phase } from "../../src/quota/phase";
import { expectQuotaError } from "./expectQuotaError";

describe("phase", () => {
  it("splits the annual quota by last year's monthly pattern, summing exactly", () => {
    const lastYear = [80, 75, 90, 100, 110, 95, 70, 60, 105, 115, 120, 140];
    const months = phase(1200000, lastYear, 100);
    expect(months.reduce((a, b) => a + b, 0)).toBe(1200000);
    expect(months[11]).toBeGreaterThan(months[7]);
    expect(months.every((m) => m % 100 === 0)).toBe(true);
  });

  it("splits by percentage shares and hands leftovers to the largest remainders", () => {
    expect(phase(1000, [0.25, 0.25, 0.25, 0.25])).toEqual([250, 250, 250, 250]);
    expect(phase(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(phase(1000, [1, 2], 0)).toEqual([1000 / 3, 2000 / 3]);
    // 1,050 rounds to 1,100 in hundreds first: that rounded whole is what the months add up to
    expect(phase(1050, [1, 1], 100)).toEqual([600, 500]);
  });

  it("rejects a bad annual quota or pattern", () => {
    expectQuotaError(() => phase(-1, [1]), "#NUM!", "negative", "annual");
    expectQuotaError(() => phase(NaN, [1]), "#VALUE!", "notNumber", "annual");
    expectQuotaError(() => phase(1e300, [1]), "#NUM!", "tooLarge", "annual");
    expectQuotaError(() => phase(100, []), "#N/A", "empty", "pattern");
    expectQuotaError(() => phase(100, [0, 0]), "#DIV/0!", "allZero", "pattern");
    expectQuotaError(() => phase(100, [1, -1]), "#NUM!", "negative", "pattern");
    expectQuotaError(() => phase(100, [1], -1), "#NUM!", "negative", "round_to");
  });
});
