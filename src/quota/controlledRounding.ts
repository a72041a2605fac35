import { exactScaled } from "./allocate";
import { QuotaError } from "./errors";

/**
 * Controlled rounding of a two-way table (reps × periods), exact both ways.
 *
 * Row i has a whole number of units R_i and one non-negative weight per column; its exact
 * share of column j is x_ij = R_i × w_ij ÷ Σ_j w_ij. The result gives every cell ⌊x_ij⌋ or
 * ⌈x_ij⌉ such that
 *  - every row adds up to R_i exactly,
 *  - every column adds up to its column total, and each column total is ⌊C_j⌋ or ⌈C_j⌉ of the
 *    exact column sum C_j = Σ_i x_ij (so the column totals add up to Σ R_i exactly).
 *
 * Such a rounding always exists: the fractional parts form a feasible flow (rows → columns,
 * capacity 1 per fractional cell), and a network's flow polytope has integral vertices.
 * The column totals follow the largest-remainder rule on the exact column sums (ties to the
 * earlier column) whenever that choice is feasible. Now and then it is not: a rep who sells
 * only in January and February cannot give a unit to March, however large March's remainder.
 * Then the column set is the best feasible one in that order (the greedy basis of the matroid
 * the feasible column sets form: same as largest remainder when feasible, otherwise it gives up
 * the fewest, smallest remainders).
 *
 * Which cells round up: a greedy pass over the fractional cells, largest fractional part
 * first (ties to the earlier row, then the earlier column), then augmenting paths repair the
 * rows it left short. Deterministic: the same table always gives the same result.
 *
 * Arithmetic is exact: weights become integers (a common power of two per row, as in
 * allocate.ts), shares and remainders are BigInt, and the column sums are exact fractions.
 * The cost is O(cells log cells) for the greedy pass plus a breadth-first search over the
 * columns (not the cells) per repair, so 5,000 reps × 12 months take milliseconds.
 */

export interface ControlledRounding {
  /** cells[i][j] in whole units: Σ_j cells[i][j] = rowTotals[i]; Σ_i cells[i][j] = columnTotals[j]. */
  cells: number[][];
  /** Whole units per column; Σ = Σ rowTotals. */
  columnTotals: number[];
  /** The column totals largest remainder on the exact column sums would give (equal to columnTotals when feasible). */
  largestRemainder: number[];
}

interface Fraction {
  den: bigint;
  nums: bigint[];
}

/** Σ of fractions with a shared column layout, summed as a balanced tree (exact). */
function sumFractions(parts: Fraction[], lo: number, hi: number): Fraction {
  if (hi - lo === 1) return parts[lo];
  const mid = (lo + hi) >> 1;
  const a = sumFractions(parts, lo, mid);
  const b = sumFractions(parts, mid, hi);
  if (a.den === b.den) return { den: a.den, nums: a.nums.map((n, j) => n + b.nums[j]) };
  return { den: a.den * b.den, nums: a.nums.map((n, j) => n * b.den + b.nums[j] * a.den) };
}

interface ColumnBounds {
  /** ⌊Σ fractional parts⌋ per column: the fewest cells that round up there. */
  lower: Int32Array;
  /** ⌈Σ fractional parts⌉ per column. */
  upper: Int32Array;
  /** Columns with a fractional sum, largest fractional part first, ties to the earlier column. */
  colOrder: number[];
}

/**
 * The columns' sums of fractional parts: their floors and the order of their fractional
 * parts. A double sum with a safe error bound settles it when every column's sum is clear of
 * an integer and the fractional parts are clear of each other (typical of history phasing,
 * where every rep has a denominator of their own); otherwise the sums are computed as exact
 * fractions (cheap when the rows share a few denominators, as equal or pattern phasing does).
 */
function columnBounds(groups: Map<bigint, Fraction>, approx: Float64Array, isFrac: Uint8Array, n: number, P: number): ColumnBounds {
  const lower = new Int32Array(P);
  const upper = new Int32Array(P);
  const sums = new Float64Array(P);
  for (let i = 0; i < n; i++) for (let j = 0; j < P; j++) if (isFrac[i * P + j]) sums[j] += approx[i * P + j];
  // Each term is within 3 ulp of exact and below 1; summing n terms adds at most n ulp of the sum.
  const errors = Array.from(sums, (sum) => (n + 4) * 2 ** -50 * (sum + 1));
  let clear = true;
  const fracs: number[] = [];
  for (let j = 0; j < P && clear; j++) {
    const lo = Math.floor(sums[j] - errors[j]);
    if (Math.floor(sums[j] + errors[j]) !== lo || sums[j] - errors[j] === lo) clear = false;
    lower[j] = lo;
    upper[j] = lo + 1;
    fracs.push(sums[j] - lo);
  }
  if (clear) {
    const colOrder = [...Array(P).keys()].sort((a, b) => fracs[b] - fracs[a] || a - b);
    for (let k = 1; k < P && clear; k++) {
      const a = colOrder[k - 1];
      const b = colOrder[k];
      if (fracs[a] - errors[a] <= fracs[b] + errors[b]) clear = false;
    }
    if (clear) return { lower, upper, colOrder };
  }
  const parts = [...groups.values()];
  const exact = parts.length ? sumFractions(parts, 0, parts.length) : { den: 1n, nums: new Array<bigint>(P).fill(0n) };
  const rems: bigint[] = [];
  for (let j = 0; j < P; j++) {
    const q = exact.nums[j] / exact.den;
    const rem = exact.nums[j] - q * exact.den;
    lower[j] = Number(q);
    upper[j] = lower[j] + (rem > 0n ? 1 : 0);
    rems.push(rem);
  }
  const colOrder = [...Array(P).keys()].filter((j) => upper[j] > lower[j]).sort((a, b) => (rems[a] > rems[b] ? -1 : rems[a] < rems[b] ? 1 : a - b));
  return { lower, upper, colOrder };
}

function validateRow(total: number, weights: readonly number[], periods: number, param: string): void {
  if (typeof total !== "number" || !Number.isSafeInteger(total) || total < 0) {
    throw new QuotaError("#NUM!", "notWhole", { param, min: 0, value: String(total) });
  }
  if (!Array.isArray(weights) || weights.length !== periods) {
    throw new QuotaError("#VALUE!", "lengthMismatch", { param, other: "period", expected: periods, actual: Array.isArray(weights) ? weights.length : 0 });
  }
  for (const w of weights) {
    if (typeof w !== "number" || Number.isNaN(w)) throw new QuotaError("#VALUE!", "notNumber", { param, value: String(w) });
    if (!Number.isFinite(w)) throw new QuotaError("#NUM!", "notFinite", { param });
    if (w < 0) throw new QuotaError("#NUM!", "negative", { param, value: w });
  }
}

/**
 * Rounds the table. `rowTotals[i]` are whole units ≥ 0; `weights[i]` has `periods` entries
 * ≥ 0 with a positive sum wherever the row total is positive. `rowNames` name a row in
 * messages.
 */
export function controlledRounding(
  rowTotals: readonly number[],
  weights: readonly (readonly number[])[],
  periods: number,
  rowNames: readonly string[] = [],
): ControlledRounding {
  if (!Number.isInteger(periods) || periods < 1) throw new QuotaError("#NUM!", "notWhole", { param: "periods", min: 1, value: String(periods) });
  const n = rowTotals.length;
  if (weights.length !== n) throw new QuotaError("#VALUE!", "lengthMismatch", { param: "weights", other: "row", expected: n, actual: weights.length });
  const P = periods;

  const floors = new Float64Array(n * P);
  const isFrac = new Uint8Array(n * P);
  const up = new Uint8Array(n * P); // 1 = this cell rounds up
  const remainders: bigint[] = new Array<bigint>(n * P).fill(0n);
  const rowDen: bigint[] = new Array<bigint>(n).fill(1n);
  const approx = new Float64Array(n * P); // fractional part as a double, for a fast first comparison
  const need = new Int32Array(n); // units still to round up in the row
  const groups = new Map<bigint, Fraction>();

  for (let i = 0; i < n; i++) {
    const param = rowNames[i] ?? `row ${i + 1}`;
    validateRow(rowTotals[i], weights[i], P, param);
    const total = BigInt(rowTotals[i]);
    if (total === 0n) continue;
    const w = exactScaled(weights[i]);
    const den = w.reduce((a, b) => a + b, 0n);
    if (den === 0n) throw new QuotaError("#DIV/0!", "allZero", { param });
    rowDen[i] = den;
    let given = 0n;
    let group = groups.get(den);
    if (!group) groups.set(den, (group = { den, nums: new Array<bigint>(P).fill(0n) }));
    for (let j = 0; j < P; j++) {
      const num = total * w[j];
      const floor = num / den;
      const rem = num - floor * den;
      const c = i * P + j;
      floors[c] = Number(floor);
      given += floor;
      if (rem > 0n) {
        isFrac[c] = 1;
        remainders[c] = rem;
        approx[c] = Number(rem) / Number(den);
        group.nums[j] += rem;
      }
    }
    need[i] = Number(total - given);
  }

  const { lower, upper, colOrder } = columnBounds(groups, approx, isFrac, n, P);
  let fewest = 0;
  for (let j = 0; j < P; j++) fewest += lower[j];
  let ups = 0;
  for (let i = 0; i < n; i++) ups += need[i];
  const extra = ups - fewest; // columns that take their ceiling
  const colRank = new Int32Array(P).fill(P);
  colOrder.forEach((j, r) => (colRank[j] = r));
  const cap = Int32Array.from(lower);
  for (let r = 0; r < extra; r++) cap[colOrder[r]]++;
  const count = new Int32Array(P);
  const largestRemainder = Array.from(cap);

  // Greedy pass: largest fractional part first, ties to the earlier row, then the earlier column.
  const cells: number[] = [];
  for (let c = 0; c < n * P; c++) if (isFrac[c]) cells.push(c);
  const byFraction = (a: number, b: number): number => {
    const fa = approx[a];
    const fb = approx[b];
    if (Math.abs(fa - fb) > 1e-12 * Math.max(fa, fb)) return fb - fa;
    const ia = (a / P) | 0;
    const ib = (b / P) | 0;
    const left = remainders[a] * rowDen[ib];
    const right = remainders[b] * rowDen[ia];
    return left > right ? -1 : left < right ? 1 : a - b; // cell index order = row, then column
  };
  cells.sort(byFraction);
  for (const c of cells) {
    const i = (c / P) | 0;
    const j = c - i * P;
    if (need[i] > 0 && count[j] < cap[j]) {
      up[c] = 1;
      need[i]--;
      count[j]++;
    }
  }

  // Witnesses for moving a unit between columns: pairs[j*P+k] holds rows that round up in
  // column j and could round up in column k instead (checked lazily when used).
  const pairs: number[][] = Array.from({ length: P * P }, () => []);
  const movable = (r: number, j: number, k: number) => up[r * P + j] === 1 && isFrac[r * P + k] === 1 && up[r * P + k] === 0;
  const setUp = (r: number, j: number) => {
    up[r * P + j] = 1;
    count[j]++;
    for (let k = 0; k < P; k++) if (isFrac[r * P + k] && !up[r * P + k]) pairs[j * P + k].push(r);
  };
  const setDown = (r: number, j: number) => {
    up[r * P + j] = 0;
    count[j]--;
    for (let k = 0; k < P; k++) if (up[r * P + k]) pairs[k * P + j].push(r);
  };
  let anyShort = false;
  for (let i = 0; i < n; i++) if (need[i] > 0) anyShort = true;
  if (anyShort) {
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < P; j++) {
        if (!up[r * P + j]) continue;
        for (let k = 0; k < P; k++) if (isFrac[r * P + k] && !up[r * P + k]) pairs[j * P + k].push(r);
      }
    }
  }
  const witness = (j: number, k: number): number => {
    const stack = pairs[j * P + k];
    while (stack.length > 0 && !movable(stack[stack.length - 1], j, k)) stack.pop();
    return stack.length > 0 ? stack[stack.length - 1] : -1;
  };

  const prev = new Int32Array(P);
  const via = new Int32Array(P);
  /** Breadth-first search over columns from `roots` to a column where `isSink` holds; applies the moves, returns the root used or -1. */
  const shift = (roots: number[], isSink: (j: number) => boolean): number => {
    prev.fill(-2);
    const queue: number[] = [];
    let sink = -1;
    for (const r of roots) {
      if (prev[r] !== -2) continue;
      prev[r] = -1;
      queue.push(r);
      if (isSink(r)) {
        sink = r;
        break;
      }
    }
    for (let q = 0; sink < 0 && q < queue.length; q++) {
      const j = queue[q];
      for (let k = 0; k < P && sink < 0; k++) {
        if (prev[k] !== -2) continue;
        const w = witness(j, k);
        if (w < 0) continue;
        prev[k] = j;
        via[k] = w;
        queue.push(k);
        if (isSink(k)) sink = k;
      }
    }
    if (sink < 0) return -1;
    let col = sink;
    while (prev[col] !== -1) {
      const from = prev[col];
      setDown(via[col], from);
      setUp(via[col], col);
      col = from;
    }
    return col;
  };

  /** Gives every short row its missing units within the column caps; false if that is impossible. */
  const fillRows = (): boolean => {
    for (let i = 0; i < n; i++) {
      while (need[i] > 0) {
        const roots: number[] = [];
        for (let j = 0; j < P; j++) if (isFrac[i * P + j] && !up[i * P + j]) roots.push(j);
        // Try the row's own columns first (no moves), then longer paths.
        const direct = roots.find((j) => count[j] < cap[j]);
        let root = direct ?? -1;
        if (root < 0) {
          // shift() moves a unit out of the root column and into a column with room; the root then has room for row i.
          root = shift(roots, (j) => count[j] < cap[j]);
          if (root < 0) return false;
        }
        setUp(i, root);
        need[i]--;
      }
    }
    return true;
  };

  if (!fillRows()) {
    // Largest remainder by column is not feasible for this table: allow every column its
    // ceiling, then restore the floors and pick the best feasible set of ceilings.
    for (let j = 0; j < P; j++) cap[j] = upper[j];
    if (!fillRows()) throw new Error("controlledRounding: no feasible rounding (internal error)");
    for (let t = 0; t < P; t++) {
      while (count[t] < lower[t]) {
        const roots: number[] = [];
        for (let j = 0; j < P; j++) if (j !== t && count[j] > lower[j]) roots.push(j);
        if (shift(roots, (j) => j === t) < 0) throw new Error("controlledRounding: column floor unreachable (internal error)");
      }
    }
    // Exchange a ceiling from a less preferred column to a more preferred one while possible:
    // a set of columns is the best feasible one exactly when no such exchange exists.
    let improved = true;
    while (improved) {
      improved = false;
      for (const e of colOrder) {
        if (count[e] > lower[e]) continue;
        const givers = colOrder.filter((f) => colRank[f] > colRank[e] && count[f] > lower[f]).reverse();
        for (const f of givers) {
          if (shift([f], (j) => j === e) >= 0) {
            improved = true;
            break;
          }
        }
      }
    }
  }

  const out: number[][] = [];
  const columnTotals = new Array<number>(P).fill(0);
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(P);
    for (let j = 0; j < P; j++) {
      const c = i * P + j;
      row[j] = floors[c] + up[c];
      columnTotals[j] += row[j];
    }
    out.push(row);
  }
  for (let j = 0; j < P; j++) {
    let floorSum = 0;
    for (let i = 0; i < n; i++) floorSum += floors[i * P + j];
    largestRemainder[j] += floorSum;
  }
  return { cells: out, columnTotals, largestRemainder };
}
