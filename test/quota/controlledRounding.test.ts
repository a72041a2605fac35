import fc from "fast-check";
import { controlledRounding } from "../../src/quota/controlledRounding";
import { QuotaError } from "../../src/quota/errors";

/*
 * Controlled rounding: both margins exact, every cell the floor or ceiling of its exact share,
 * column totals the floor or ceiling of the exact column sums, deterministic; and the column
 * totals follow largest remainder whenever that is feasible (checked by brute force).
 */

const big = (x: number) => BigInt(x);

/** Exact share R × w ÷ Σw as a fraction (integer weights). */
function share(total: number, weights: number[], j: number): [bigint, bigint] {
  const den = weights.reduce((a, b) => a + b, 0);
  return [big(total) * big(weights[j]), big(den)];
}

function floorCeil([num, den]: [bigint, bigint]): [bigint, bigint] {
  const f = num / den;
  return [f, f * den === num ? f : f + 1n];
}

/** Exact Σ_i x_ij as a fraction. */
function columnSum(totals: number[], weights: number[][], j: number): [bigint, bigint] {
  let num = 0n;
  let den = 1n;
  totals.forEach((t, i) => {
    if (t === 0) return;
    const [a, b] = share(t, weights[i], j);
    num = num * b + a * den;
    den = den * b;
  });
  return [num, den];
}

const tables = fc
  .record({
    periods: fc.integer({ min: 1, max: 13 }),
    reps: fc.integer({ min: 0, max: 9 }),
    sparse: fc.boolean(),
  })
  .chain(({ periods, reps, sparse }) =>
    fc.record({
      periods: fc.constant(periods),
      totals: fc.array(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 1e9 })), { minLength: reps, maxLength: reps }),
      weights: fc.array(
        fc
          .array(sparse ? fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 9 })) : fc.integer({ min: 0, max: 1e6 }), {
            minLength: periods,
            maxLength: periods,
          })
          .map((ws) => (ws.some((w) => w > 0) ? ws : ws.map((_, j) => (j === 0 ? 1 : 0)))),
        { minLength: reps, maxLength: reps },
      ),
    }),
  );

function checkExact(totals: number[], weights: number[][], periods: number): void {
  const { cells, columnTotals } = controlledRounding(totals, weights, periods);
  expect(cells).toHaveLength(totals.length);
  cells.forEach((row, i) => {
    expect(row).toHaveLength(periods);
    expect(row.reduce((a, b) => a + b, 0)).toBe(totals[i]);
    row.forEach((cell, j) => {
      const [lo, hi] = totals[i] === 0 ? [0n, 0n] : floorCeil(share(totals[i], weights[i], j));
      expect(big(cell) >= lo && big(cell) <= hi).toBe(true);
    });
  });
  for (let j = 0; j < periods; j++) {
    expect(cells.reduce((a, row) => a + row[j], 0)).toBe(columnTotals[j]);
    const [lo, hi] = floorCeil(columnSum(totals, weights, j));
    expect(big(columnTotals[j]) >= lo && big(columnTotals[j]) <= hi).toBe(true);
  }
  expect(columnTotals.reduce((a, b) => a + b, 0)).toBe(totals.reduce((a, b) => a + b, 0));
}

describe("controlledRounding", () => {
  it("random tables: both margins exact, every cell and column total within one unit of exact", () => {
    fc.assert(
      fc.property(tables, ({ totals, weights, periods }) => {
        checkExact(totals, weights, periods);
      }),
      { numRuns: 250 },
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(tables, ({ totals, weights, periods }) => {
        expect(controlledRounding(totals, weights, periods)).toEqual(controlledRounding(totals, weights, periods));
      }),
      { numRuns: 100 },
    );
  });

  it("decimal weights (history sums): rows and columns still exact", () => {
    const decimalTables = fc.record({
      totals: fc.array(fc.integer({ min: 0, max: 1e7 }), { minLength: 1, maxLength: 30 }),
      seed: fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: 12, maxLength: 12 }),
    });
    fc.assert(
      fc.property(decimalTables, ({ totals, seed }) => {
        const weights = totals.map((_, i) => seed.map((w, j) => (((i + 1) * (j + 3)) % 7 === 0 && j !== i % 12 ? 0 : w * (1 + ((i * j) % 5) / 10))));
        const { cells, columnTotals } = controlledRounding(totals, weights, 12);
        cells.forEach((row, i) => {
          expect(row.reduce((a, b) => a + b, 0)).toBe(totals[i]);
          const sum = weights[i].reduce((a, b) => a + b, 0);
          if (totals[i] > 0) row.forEach((cell, j) => expect(Math.abs(cell - (totals[i] * weights[i][j]) / sum)).toBeLessThan(1 + 1e-6));
        });
        for (let j = 0; j < 12; j++) expect(cells.reduce((a, row) => a + row[j], 0)).toBe(columnTotals[j]);
        expect(columnTotals.reduce((a, b) => a + b, 0)).toBe(totals.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 100 },
    );
  });

  it("column totals follow largest remainder (ties to the earlier column) when feasible, else the best feasible set", () => {
    const small = fc
      .record({ periods: fc.integer({ min: 2, max: 4 }), reps: fc.integer({ min: 1, max: 3 }) })
      .chain(({ periods, reps }) =>
        fc.record({
          periods: fc.constant(periods),
          totals: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: reps, maxLength: reps }),
          weights: fc.array(
            fc.array(fc.integer({ min: 0, max: 3 }), { minLength: periods, maxLength: periods }).map((ws) => (ws.some((w) => w > 0) ? ws : ws.map(() => 1))),
            { minLength: reps, maxLength: reps },
          ),
        }),
      );
    // Sparse 0/1 weights and small totals: now and then largest remainder is not feasible.
    const sparse = fc
      .record({ periods: fc.integer({ min: 3, max: 4 }), reps: fc.integer({ min: 2, max: 3 }) })
      .chain(({ periods, reps }) =>
        fc.record({
          periods: fc.constant(periods),
          totals: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: reps, maxLength: reps }),
          weights: fc.array(
            fc.array(fc.integer({ min: 0, max: 1 }), { minLength: periods, maxLength: periods }).map((ws) => (ws.some((w) => w > 0) ? ws : ws.map(() => 1))),
            { minLength: reps, maxLength: reps },
          ),
        }),
      );
    fc.assert(
      fc.property(fc.oneof(small, sparse), ({ totals, weights, periods }) => {
        const n = totals.length;
        const cellRange = totals.map((t, i) => weights[i].map((_, j) => (t === 0 ? [0n, 0n] : floorCeil(share(t, weights[i], j)))));
        // Every feasible vector of column totals, by brute force over floor/ceil choices.
        const feasible = new Set<string>();
        const choose = (c: number, picked: bigint[][]): void => {
          if (c === n * periods) {
            if (picked.every((row, i) => row.reduce((a, b) => a + b, 0n) === big(totals[i]))) {
              feasible.add(JSON.stringify([...Array(periods).keys()].map((j) => Number(picked.reduce((a, row) => a + row[j], 0n)))));
            }
            return;
          }
          const i = Math.floor(c / periods);
          const j = c % periods;
          const [lo, hi] = cellRange[i][j];
          for (const v of lo === hi ? [lo] : [lo, hi]) {
            picked[i][j] = v;
            choose(c + 1, picked);
          }
        };
        choose(0, totals.map(() => new Array<bigint>(periods).fill(0n)));
        const { columnTotals } = controlledRounding(totals, weights, periods);
        expect(feasible.has(JSON.stringify(columnTotals))).toBe(true);
        // Largest remainder on the exact column sums (floats are exact enough at this size).
        const exact = [...Array(periods).keys()].map((j) => columnSum(totals, weights, j));
        const units = exact.map(([num, den]) => Number(num / den));
        let left = totals.reduce((a, b) => a + b, 0) - units.reduce((a, b) => a + b, 0);
        const order = [...Array(periods).keys()].sort((a, b) => {
          const [na, da] = exact[a];
          const [nb, db] = exact[b];
          const diff = (na % da) * db - (nb % db) * da;
          return diff > 0n ? -1 : diff < 0n ? 1 : a - b;
        });
        const floors = units.slice();
        for (let k = 0; left > 0; k++, left--) units[order[k]]++;
        if (feasible.has(JSON.stringify(units))) expect(columnTotals).toEqual(units);
        // Otherwise the best feasible set of rounded-up columns, taken greedily in that order.
        const ceilings = exact.map(([num, den]) => (num % den === 0n ? 0 : 1));
        const vectors = [...feasible].map((v) => JSON.parse(v) as number[]).filter((v) => v.every((t, j) => t >= floors[j] && t <= floors[j] + ceilings[j]));
        expect(vectors.length).toBeGreaterThan(0); // a controlled rounding always exists
        const chosen: number[] = [];
        for (const j of order) {
          if (exact[j][0] % exact[j][1] === 0n) continue;
          if (vectors.some((v) => [...chosen, j].every((c) => v[c] > floors[c]))) chosen.push(j);
        }
        expect(columnTotals.map((t, j) => t > floors[j])).toEqual(floors.map((_, j) => chosen.includes(j)));
      }),
      { numRuns: 1500 },
    );
  });

  it("gives up a column's remainder when no rep can fill it", () => {
    // Rep 1 sells only in periods 1–2, rep 2 only in 3–4: largest remainder would give periods 1
    // and 2 a unit each, which rep 2 cannot supply.
    const { cells, columnTotals } = controlledRounding([1, 1], [[1, 1, 0, 0], [0, 0, 1, 1]], 4);
    expect(cells).toEqual([[1, 0, 0, 0], [0, 0, 1, 0]]);
    expect(columnTotals).toEqual([1, 0, 1, 0]);
    expect(controlledRounding([1, 1], [[1, 1, 0, 0], [0, 0, 1, 1]], 4).largestRemainder).toEqual([1, 1, 0, 0]);
  });

  it("rounds a 3 × 4 table exactly both ways", () => {
    const { cells, columnTotals } = controlledRounding([10, 7, 5], [[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]], 4);
    expect(cells.map((r) => r.reduce((a, b) => a + b, 0))).toEqual([10, 7, 5]);
    expect(columnTotals).toEqual([6, 6, 5, 5]); // 22 ÷ 4 = 5.5: the first two periods take the extra unit
    expect(cells).toEqual([
      [3, 3, 2, 2],
      [2, 2, 2, 1],
      [1, 1, 1, 2],
    ]);
  });

  it("refuses a positive row with no weight, naming it", () => {
    expect(() => controlledRounding([5], [[0, 0]], 2, ["Anna"])).toThrow(QuotaError);
    expect(() => controlledRounding([5], [[0, 0]], 2, ["Anna"])).toThrow(/Anna/);
    expect(() => controlledRounding([1.5], [[1, 1]], 2)).toThrow(QuotaError);
    expect(() => controlledRounding([1], [[1]], 2)).toThrow(QuotaError);
  });
});
