import { allocate, fromUnits, toUnits, validateRoundTo } from "./allocate";
import { requireLength, requireNonNegative, requireWhole } from "./validate";

/**
 * Top-down quota: the company target ÷ periods ÷ reps (seed: 600,000 a year, 12 months,
 * 5 reps → 10,000 each per month). One rep's figure, rounded to `roundTo` (half away from
 * zero; 0 = no rounding). When the whole must add up exactly, use topDownSplit.
 */
export function topDownPerRep(target: number, reps: number, periods = 1, roundTo = 1): number {
  requireNonNegative(target, "target");
  requireWhole(reps, "reps", 1);
  requireWhole(periods, "periods", 1);
  validateRoundTo(roundTo);
  const perRep = target / (periods * reps); // one division: one rounding error, not two
  return roundTo === 0 ? perRep : fromUnits(toUnits(perRep, roundTo, "target"), roundTo);
}

/**
 * The period target (target ÷ periods, rounded to `roundTo`) split over `repCount` reps,
 * equally or in proportion to `weights` (one per rep). The parts sum exactly to that rounded
 * whole; leftover units go to the largest remainders, ties to the earlier rep.
 */
export function topDownSplit(
  target: number,
  repCount: number,
  periods = 1,
  weights: readonly number[] | null = null,
  roundTo = 1,
): number[] {
  requireNonNegative(target, "target");
  requireWhole(repCount, "reps", 1);
  requireWhole(periods, "periods", 1);
  validateRoundTo(roundTo);
  if (weights !== null) requireLength(weights, repCount, "weights", "reps");
  const shares = weights ?? new Array<number>(repCount).fill(1);
  return allocate(target / periods, shares, roundTo, "weights", "target");
}
