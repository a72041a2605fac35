import { allocate } from "./allocate";

/**
 * Seasonal phasing: the annual quota split over periods in proportion to a pattern (e.g. last
 * year's sales by month, or shares summing to 100 %), in multiples of `roundTo`; the periods
 * sum exactly to the rounded annual quota. Pattern ≥ 0, not all zero, not empty.
 */
export function phase(annual: number, pattern: readonly number[], roundTo = 1): number[] {
  return allocate(annual, pattern, roundTo, "pattern", "annual");
}
