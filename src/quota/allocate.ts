import { QuotaError } from "./errors";

/**
 * The one rule every split in the product goes through (dinero.js-style, over integer units):
 * the whole is expressed as a whole number of rounding units, each part gets the floor of its
 * exact share, and the leftover units go one by one to the largest remainders, ties to the
 * earlier entry. The parts therefore always add up exactly to the (rounded) whole.
 *
 * Shares are computed exactly: every double weight is an exact binary fraction, so scaling all
 * weights by a common power of two gives BigInts and the remainders compare without any
 * floating-point error.
 */

/** Rounds `value` to a multiple of `roundTo` (half away from zero); roundTo 0 = unchanged. */
export function roundToUnit(value: number, roundTo: number): number {
  if (roundTo === 0) return value;
  return fromUnits(toUnits(value, roundTo, "value"), roundTo);
}

/** The whole number of rounding units nearest to value (half away from zero). */
export function toUnits(value: number, roundTo: number, param = "target"): number {
  const ratio = value / roundTo;
  // Division by a decimal unit such as 0.01 leaves float noise (123.45/0.01 = 12344.999…);
  // snap values within 1e-9 of a half-unit boundary before rounding.
  const snapped = Math.abs(ratio - Math.round(ratio)) < 1e-9 * Math.max(1, Math.abs(ratio)) ? Math.round(ratio) : ratio;
  const units = Math.sign(snapped) * Math.round(Math.abs(snapped));
  if (!Number.isSafeInteger(units)) throw new QuotaError("#NUM!", "tooLarge", { param, value });
  return units === 0 ? 0 : units; // no -0
}

/** units × roundTo, computed so decimal units (0.01, 0.05) give the nearest decimal result. */
export function fromUnits(units: number, roundTo: number): number {
  const inverse = 1 / roundTo;
  if (roundTo < 1 && Math.abs(inverse - Math.round(inverse)) < 1e-9) return units / Math.round(inverse);
  return units * roundTo;
}

/** Exact integer form of non-negative finite doubles, all scaled by the same power of two. */
export function exactScaled(weights: readonly number[]): bigint[] {
  const shifts: number[] = [];
  const mantissas: bigint[] = [];
  let maxShift = 0;
  for (const w of weights) {
    let x = w;
    let k = 0;
    while (!Number.isInteger(x)) {
      x *= 2; // exact: x < 2^53 here, so doubling never overflows or rounds
      k++;
    }
    shifts.push(k);
    mantissas.push(BigInt(x));
    if (k > maxShift) maxShift = k;
  }
  return mantissas.map((m, i) => m << BigInt(maxShift - shifts[i]));
}

/**
 * Splits `units` (a whole number ≥ 0) in proportion to `weights` by largest remainder, ties
 * to the earlier entry. Weights must be finite and ≥ 0 with a positive sum (checked by caller).
 */
export function splitUnits(units: number, weights: readonly number[]): number[] {
  const scaled = exactScaled(weights);
  const total = scaled.reduce((a, b) => a + b, 0n);
  const whole = BigInt(units);
  const parts: number[] = new Array(weights.length);
  const remainders: bigint[] = new Array(weights.length);
  let given = 0n;
  for (let i = 0; i < scaled.length; i++) {
    const numerator = whole * scaled[i];
    const floor = numerator / total;
    parts[i] = Number(floor);
    remainders[i] = numerator - floor * total;
    given += floor;
  }
  let left = Number(whole - given);
  if (left > 0) {
    const order = remainders.map((_, i) => i);
    // Largest remainder first; a stable sort keeps ties in row order (earlier row first).
    order.sort((a, b) => (remainders[a] > remainders[b] ? -1 : remainders[a] < remainders[b] ? 1 : a - b));
    for (let j = 0; left > 0; j++, left--) parts[order[j]] += 1;
  }
  return parts;
}

export function validateWeights(weights: readonly number[], param: string): void {
  if (weights.length === 0) throw new QuotaError("#N/A", "empty", { param });
  let sum = 0;
  for (const w of weights) {
    if (typeof w !== "number" || Number.isNaN(w)) throw new QuotaError("#VALUE!", "notNumber", { param, value: String(w) });
    if (!Number.isFinite(w)) throw new QuotaError("#NUM!", "notFinite", { param });
    if (w < 0) throw new QuotaError("#NUM!", "negative", { param, value: w });
    sum += w;
  }
  if (sum === 0) throw new QuotaError("#DIV/0!", "allZero", { param });
}

export function validateRoundTo(roundTo: number): void {
  if (typeof roundTo !== "number" || Number.isNaN(roundTo)) throw new QuotaError("#VALUE!", "notNumber", { param: "round_to", value: String(roundTo) });
  if (!Number.isFinite(roundTo)) throw new QuotaError("#NUM!", "notFinite", { param: "round_to" });
  if (roundTo < 0) throw new QuotaError("#NUM!", "negative", { param: "round_to", value: roundTo });
}

export function validateAmount(value: number, param: string): void {
  if (typeof value !== "number" || Number.isNaN(value)) throw new QuotaError("#VALUE!", "notNumber", { param, value: String(value) });
  if (!Number.isFinite(value)) throw new QuotaError("#NUM!", "notFinite", { param });
  if (value < 0) throw new QuotaError("#NUM!", "negative", { param, value });
}

/**
 * The weights times one power of two, chosen so the largest is close to 1. Multiplying by a
 * power of two is exact, so proportions and the rounding of (total × w) ÷ Σw are unchanged,
 * but tiny (5e-324) or huge (1e308) weights no longer underflow or overflow the sum.
 */
function scaleToUnitRange(weights: readonly number[]): number[] {
  let max = 0;
  for (const w of weights) if (w > max) max = w; // a loop: spreading a million weights overflows the stack
  let exponent = -Math.floor(Math.log2(max));
  let scaled = weights.slice();
  while (exponent !== 0) {
    const step = Math.max(-1000, Math.min(1000, exponent)); // 2^±1000 is a finite double
    const factor = 2 ** step;
    scaled = scaled.map((w) => w * factor);
    exponent -= step;
  }
  return scaled;
}

/**
 * Allocates `total` in proportion to `weights`, in multiples of `roundTo`.
 * The total is first rounded to a multiple of `roundTo` (that rounded whole is what the parts
 * sum to exactly); roundTo 0 means no rounding: plain proportional shares.
 * `totalParam` names the total in messages (e.g. "annual" for phasing).
 */
export function allocate(total: number, weights: readonly number[], roundTo = 1, param = "weights", totalParam = "target"): number[] {
  validateAmount(total, totalParam);
  validateRoundTo(roundTo);
  validateWeights(weights, param);
  if (roundTo === 0) {
    const scaled = scaleToUnitRange(weights);
    const sum = scaled.reduce((a, b) => a + b, 0);
    return scaled.map((w) => (total * w) / sum);
  }
  const parts = splitUnits(toUnits(total, roundTo, totalParam), weights);
  return parts.map((u) => fromUnits(u, roundTo));
}

/** Equal split: `count` parts of `total`, largest-remainder rounding (earlier parts get leftovers). */
export function allocateEqually(total: number, count: number, roundTo = 1): number[] {
  return allocate(total, new Array<number>(count).fill(1), roundTo, "reps");
}
