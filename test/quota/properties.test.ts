import fc from "fast-check";
import { fromUnits, toUnits } from "../../src/quota/allocate";
import { bottomUp } from "../../src/quota/bottomup";
import { phase } from "../../src/quota/phase";
import { topDownPerRep, topDownSplit } from "../../src/quota/topdown";

/*
 * Every split in the engine: for random targets, weights and rounding units the parts are
 * non-negative multiples of the unit, deterministic, and add up exactly to the rounded whole.
 */

const roundUnits = fc.constantFrom(1, 5, 10, 100, 1000, 0.01, 0.05, 0.1, 0.5, 2.5);
// whole amounts and amounts with cents, up to a billion
const targets = fc.oneof(
  fc.integer({ min: 0, max: 1e9 }),
  fc.integer({ min: 0, max: 1e11 }).map((cents) => cents / 100),
);
const weightLists = fc
  .array(fc.oneof(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.integer({ min: 0, max: 1000 }), fc.constant(0)), {
    minLength: 1,
    maxLength: 40,
  })
  .filter((ws) => ws.some((w) => w > 0));
const periodCounts = fc.constantFrom(1, 2, 3, 4, 6, 7, 12, 13, 52);

function expectExactSplit(parts: number[], whole: number, roundTo: number, count: number): void {
  expect(parts).toHaveLength(count);
  const units = parts.map((p) => toUnits(p, roundTo));
  units.forEach((u, i) => {
    expect(u).toBeGreaterThanOrEqual(0);
    expect(fromUnits(u, roundTo)).toBe(parts[i]); // each part is exactly a multiple of the unit
  });
  expect(units.reduce((a, b) => a + b, 0)).toBe(toUnits(whole, roundTo));
}

describe("split properties", () => {
  it("topDownSplit: equal or weighted, sums exactly to target ÷ periods rounded", () => {
    fc.assert(
      fc.property(targets, weightLists, periodCounts, roundUnits, fc.boolean(), (target, weights, periods, roundTo, weighted) => {
        const reps = weights.length;
        const parts = topDownSplit(target, reps, periods, weighted ? weights : null, roundTo);
        expectExactSplit(parts, target / periods, roundTo, reps);
        expect(topDownSplit(target, reps, periods, weighted ? weights : null, roundTo)).toEqual(parts);
        if (!weighted) {
          // equal split: parts differ by at most one unit and the larger ones come first
          const units = parts.map((p) => toUnits(p, roundTo));
          expect(Math.max(...units) - Math.min(...units)).toBeLessThanOrEqual(1);
          expect([...units].sort((a, b) => b - a)).toEqual(units);
        }
      }),
    );
  });

  it("bottomUp: shares of history sum exactly to target ÷ periods rounded", () => {
    fc.assert(
      fc.property(targets, weightLists, periodCounts, roundUnits, (target, history, periods, roundTo) => {
        const parts = bottomUp(target, history, periods, roundTo);
        expectExactSplit(parts, target / periods, roundTo, history.length);
        expect(bottomUp(target, history, periods, roundTo)).toEqual(parts);
        // a rep with no history gets nothing
        history.forEach((h, i) => {
          if (h === 0) expect(parts[i]).toBe(0);
        });
      }),
    );
  });

  it("phase: the periods sum exactly to the rounded annual quota", () => {
    fc.assert(
      fc.property(targets, weightLists, roundUnits, (annual, pattern, roundTo) => {
        const parts = phase(annual, pattern, roundTo);
        expectExactSplit(parts, annual, roundTo, pattern.length);
        expect(phase(annual, pattern, roundTo)).toEqual(parts);
      }),
    );
  });

  it("without rounding (round_to 0) the parts are the exact proportional shares", () => {
    fc.assert(
      fc.property(targets, weightLists, periodCounts, (target, weights, periods) => {
        const parts = bottomUp(target, weights, periods, 0);
        const sum = parts.reduce((a, b) => a + b, 0);
        expect(parts.every((p) => p >= 0)).toBe(true);
        expect(Math.abs(sum - target / periods)).toBeLessThanOrEqual(1e-9 * Math.max(1, target / periods));
      }),
    );
  });

  it("topDownPerRep is the equal share when the whole divides evenly", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 1, max: 50 }),
        periodCounts,
        fc.constantFrom(1, 10, 100, 0.01, 0.05),
        (unitsPerRep, reps, periods, roundTo) => {
          const perRep = fromUnits(unitsPerRep, roundTo);
          const target = fromUnits(unitsPerRep * reps * periods, roundTo);
          expect(topDownPerRep(target, reps, periods, roundTo)).toBe(perRep);
          expect(topDownSplit(target, reps, periods, null, roundTo)).toEqual(new Array(reps).fill(perRep));
        },
      ),
    );
  });
});
