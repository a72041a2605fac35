import { allocate, validateRoundTo } from "./allocate";
import { requireNonNegative, requireWhole } from "./validate";

/**
 * Bottom-up quota: the period target (target ÷ periods, rounded to `roundTo`) shared in
 * proportion to each rep's history. Parts sum exactly to that rounded whole. History must be
 * ≥ 0 (negative → #NUM!) and not all zero (#DIV/0!: nothing to share by); empty → #N/A.
 */
export function bottomUp(target: number, history: readonly number[], periods = 1, roundTo = 1): number[] {
  requireNonNegative(target, "target");
  requireWhole(periods, "periods", 1);
  validateRoundTo(roundTo);
  return allocate(target / periods, history, roundTo, "history", "target");
}
