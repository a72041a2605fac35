import fc from "fast-check";
import { allocate, allocateEqually, fromUnits, roundToUnit, splitUnits, toUnits } from "../../src/quota/allocate";
import { QuotaError } from "../../src/quota/errors";

describe("largest-remainder allocation", () => {
  it("gives the seed's bottom-up split for a 2:2:2:1:1 history", () => {
    expect(allocate(20000, [2, 2, 2, 1, 1])).toEqual([5000, 5000, 5000, 2500, 2500]);
  });

  it("hands leftover units to the largest remainders, ties to the earlier entry", () => {
    expect(allocateEqually(10, 3)).toEqual([4, 3, 3]);
    expect(allocateEqually(11, 3)).toEqual([4, 4, 3]);
    // remainders .2, .4, .4 (of 1): the later of the two equal ones loses
    expect(splitUnits(2, [1, 2, 2])).toEqual([0, 1, 1]);
    expect(splitUnits(1, [1, 2, 2])).toEqual([0, 1, 0]);
  });

  it("compares remainders exactly even for decimal weights", () => {
    // 0.1 and 0.2 are inexact doubles; the split must still be deterministic and exact
    expect(allocate(100, [0.1, 0.2, 0.3, 0.4], 1)).toEqual([10, 20, 30, 40]);
    expect(allocate(1, [1 / 3, 1 / 3, 1 / 3], 0.01)).toEqual([0.34, 0.33, 0.33]);
  });

  it("rounds the whole to the unit first, half away from zero", () => {
    expect(allocate(1050, [1, 1], 100)).toEqual([600, 500]);
    expect(roundToUnit(123.45, 0.1)).toBe(123.5);
    expect(toUnits(123.45, 0.01)).toBe(12345);
    expect(fromUnits(12345, 0.01)).toBe(123.45);
  });

  it("does not round when round_to is 0", () => {
    expect(allocate(10, [1, 2], 0)).toEqual([10 / 3, 20 / 3]);
  });

  it("rejects bad input with typed errors", () => {
    const kind = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as QuotaError).excelError;
      }
      return "none";
    };
    expect(kind(() => allocate(-1, [1]))).toBe("#NUM!");
    expect(kind(() => allocate(1, [1, -1]))).toBe("#NUM!");
    expect(kind(() => allocate(1, [0, 0]))).toBe("#DIV/0!");
    expect(kind(() => allocate(1, []))).toBe("#N/A");
    expect(kind(() => allocate(1, [NaN]))).toBe("#VALUE!");
    expect(kind(() => allocate(1, [1], -5))).toBe("#NUM!");
    expect(kind(() => allocate(1e300, [1], 1))).toBe("#NUM!");
  });

  it("always sums exactly to the rounded whole, never negative, deterministic", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.constantFrom(1, 5, 10, 100, 1000, 0.01, 0.05),
        (total, weights, roundTo) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = allocate(total, weights, roundTo);
          const units = parts.map((p) => toUnits(p, roundTo));
          expect(units.reduce((a, b) => a + b, 0)).toBe(toUnits(total, roundTo));
          expect(parts.every((p) => p >= 0)).toBe(true);
          expect(allocate(total, weights, roundTo)).toEqual(parts);
          // each part is within one unit of its exact share
          const sum = weights.reduce((a, b) => a + b, 0);
          units.forEach((u, i) => expect(Math.abs(u - (toUnits(total, roundTo) * weights[i]) / sum)).toBeLessThan(1 + 1e-6));
        },
      ),
    );
  });
});

describe("allocation without rounding (round_to 0)", () => {
  it("keeps proportions for tiny and huge weights", () => {
    expect(allocate(0.01, [5e-324], 0)).toEqual([0.01]);
    expect(allocate(100, [5e-324, 5e-324], 0)).toEqual([50, 50]);
    expect(allocate(100, [1e308, 1e308, 1e308], 0)).toEqual([100 / 3, 100 / 3, 100 / 3]);
    expect(allocate(90, [Number.MAX_VALUE, Number.MAX_VALUE / 2], 0)).toEqual([60, 30]);
  });

  it("handles more reps than a function call can take as arguments", () => {
    const parts = allocate(1e6, new Array(1_000_000).fill(3), 0);
    expect(parts[0]).toBe(1);
    expect(parts[999_999]).toBe(1);
  });
});
