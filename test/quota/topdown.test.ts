import { topDownPerRep, topDownSplit } from "../../src/quota/topdown";
import { expectQuotaError } from "./expectQuotaError";

describe("topDownPerRep", () => {
  it("gives the seed's numbers exactly", () => {
    expect(topDownPerRep(600000, 5, 12)).toBe(10000);
    expect(topDownPerRep(900000, 15, 12)).toBe(5000);
  });

  it("defaults to one period and rounding to whole units", () => {
    expect(topDownPerRep(1000, 3)).toBe(333);
    expect(topDownPerRep(1000, 3, 1, 0)).toBeCloseTo(333.3333333333, 9);
    expect(topDownPerRep(1000, 3, 1, 0.01)).toBe(333.33);
    expect(topDownPerRep(125000, 4, 1, 1000)).toBe(31000); // 31,250 → nearest thousand
    expect(topDownPerRep(0, 4)).toBe(0);
  });

  it("rounds half away from zero", () => {
    expect(topDownPerRep(5, 2)).toBe(3);
    expect(topDownPerRep(250, 1, 1, 100)).toBe(300);
  });

  it("rejects a negative target, a rep count below one or not whole, and bad periods", () => {
    expectQuotaError(() => topDownPerRep(-1, 5), "#NUM!", "negative", "target");
    expectQuotaError(() => topDownPerRep(100, 0), "#NUM!", "notWhole", "reps");
    expectQuotaError(() => topDownPerRep(100, -2), "#NUM!", "notWhole", "reps");
    expectQuotaError(() => topDownPerRep(100, 2.5), "#NUM!", "notWhole", "reps");
    expectQuotaError(() => topDownPerRep(100, 2, 0), "#NUM!", "notWhole", "periods");
    expectQuotaError(() => topDownPerRep(100, 2, 1.5), "#NUM!", "notWhole", "periods");
    expectQuotaError(() => topDownPerRep(100, 2, 1, -1), "#NUM!", "negative", "round_to");
    expectQuotaError(() => topDownPerRep(NaN, 2), "#VALUE!", "notNumber", "target");
    expectQuotaError(() => topDownPerRep(Infinity, 2), "#NUM!", "notFinite", "target");
    expectQuotaError(() => topDownPerRep(100, NaN), "#VALUE!", "notNumber", "reps");
    expectQuotaError(() => topDownPerRep(1e300, 1), "#NUM!", "tooLarge", "target");
  });
});

describe("topDownSplit", () => {
  it("splits the seed's monthly target equally", () => {
    expect(topDownSplit(600000, 5, 12)).toEqual([10000, 10000, 10000, 10000, 10000]);
    expect(topDownSplit(900000, 15, 12)).toEqual(new Array(15).fill(5000));
  });

  it("sums exactly, leftovers to the earlier reps on ties", () => {
    expect(topDownSplit(100, 3)).toEqual([34, 33, 33]);
    expect(topDownSplit(1000, 3, 1, null, 100)).toEqual([400, 300, 300]);
    expect(topDownSplit(1, 3, 1, null, 0.01)).toEqual([0.34, 0.33, 0.33]);
  });

  it("splits the period target (target ÷ periods, rounded) by weights", () => {
    // 1,000,000 / 12 = 83,333.33 → 83,300 in hundreds; weights 3:2:1
    const parts = topDownSplit(1000000, 3, 12, [3, 2, 1], 100);
    // 833 hundreds × 3:2:1 = 416.5, 277.67, 138.83 → 416, 277, 138 + the 2 leftovers to .83 and .67
    expect(parts).toEqual([41600, 27800, 13900]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(83300);
    expect(topDownSplit(10, 2, 1, [1, 1], 0)).toEqual([5, 5]);
    expect(topDownSplit(10, 2, 1, [0, 1])).toEqual([0, 10]);
  });

  it("rejects bad targets, counts, weights and rounding", () => {
    expectQuotaError(() => topDownSplit(-5, 2), "#NUM!", "negative", "target");
    expectQuotaError(() => topDownSplit(100, 0), "#NUM!", "notWhole", "reps");
    expectQuotaError(() => topDownSplit(100, 1.5), "#NUM!", "notWhole", "reps");
    expectQuotaError(() => topDownSplit(100, 2, 0), "#NUM!", "notWhole", "periods");
    expectQuotaError(() => topDownSplit(100, 2, 1, [1]), "#VALUE!", "lengthMismatch", "weights");
    expectQuotaError(() => topDownSplit(100, 2, 1, [1, -1]), "#NUM!", "negative", "weights");
    expectQuotaError(() => topDownSplit(100, 2, 1, [0, 0]), "#DIV/0!", "allZero", "weights");
    expectQuotaError(() => topDownSplit(100, 2, 1, [1, NaN]), "#VALUE!", "notNumber", "weights");
    expectQuotaError(() => topDownSplit(100, 2, 1, null, -1), "#NUM!", "negative", "round_to");
  });
});
