import { bottomUp } from "../../src/quota/bottomup";
import { expectQuotaError } from "./expectQuotaError";

describe("bottomUp", () => {
  it("gives the seed's split for a 2:2:2:1:1 history", () => {
    expect(bottomUp(20000, [2, 2, 2, 1, 1])).toEqual([5000, 5000, 5000, 2500, 2500]);
  });

  it("shares the period target in proportion to history and sums exactly", () => {
    const history = [120000.5, 98000.25, 45000, 0, 31000.75];
    const parts = bottomUp(1500000, history, 12, 100);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(125000); // 1,500,000 / 12
    expect(parts[3]).toBe(0);
    // exact shares in hundreds: 510.20, 416.67, 191.33, 0, 131.81 → floors 1,248; the two
    // leftover hundreds go to the largest remainders (.81 and .67)
    expect(parts).toEqual([51000, 41700, 19100, 0, 13200]);
    expect(bottomUp(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(bottomUp(10, [1, 3], 1, 0)).toEqual([2.5, 7.5]);
  });

  it("rejects negative history (#NUM!), an all-zero history (#DIV/0!), an empty one (#N/A)", () => {
    expectQuotaError(() => bottomUp(100, [5, -1]), "#NUM!", "negative", "history");
    expectQuotaError(() => bottomUp(100, [0, 0, 0]), "#DIV/0!", "allZero", "history");
    expectQuotaError(() => bottomUp(100, []), "#N/A", "empty", "history");
    expectQuotaError(() => bottomUp(100, [1, NaN]), "#VALUE!", "notNumber", "history");
    expectQuotaError(() => bottomUp(100, [1, Infinity]), "#NUM!", "notFinite", "history");
    expectQuotaError(() => bottomUp(-100, [1]), "#NUM!", "negative", "target");
    expectQuotaError(() => bottomUp(100, [1], 0), "#NUM!", "notWhole", "periods");
    expectQuotaError(() => bottomUp(100, [1], 1, -10), "#NUM!", "negative", "round_to");
  });
});
