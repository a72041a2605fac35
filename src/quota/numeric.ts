/**
 * Small numeric helpers. Values typed by users are decimals (0.7, 1.1) that binary doubles
 * hold only approximately, so a quotient that is a whole number on paper can come out a few
 * ulps off (700000 / (100000 × 0.7) = 10.000000000000002). Where a result is rounded up or
 * compared with a limit, values within a relative 1e-9 of a whole number count as that number
 * (the same tolerance the allocation uses when converting to rounding units).
 */
export const SNAP_TOLERANCE = 1e-9;

/** The whole number nearest to x when x is within float noise of it, else x itself. */
export function snapToInteger(x: number): number {
  const nearest = Math.round(x);
  return Math.abs(x - nearest) <= SNAP_TOLERANCE * Math.max(1, Math.abs(x)) ? nearest : x;
}

/** Ceiling that does not turn float noise above a whole number into one more. */
export function ceilSnapped(x: number): number {
  const c = Math.ceil(snapToInteger(x));
  return c === 0 ? 0 : c; // no -0
}

/** Sum with Neumaier compensation, so long columns of decimals do not drift. */
export function sum(values: readonly number[]): number {
  let total = 0;
  let compensation = 0;
  for (const v of values) {
    const t = total + v;
    compensation += Math.abs(total) >= Math.abs(v) ? total - t + v : v - t + total;
    total = t;
  }
  return total + compensation;
}

/** Turns -0 into 0 (Excel shows no negative zero; tests compare with Object.is). */
export function noNegativeZero(x: number): number {
  return x === 0 ? 0 : x;
}
