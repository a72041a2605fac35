import { QuotaError } from "./errors";
import { ceilSnapped } from "./numeric";
import { requireNonNegative, requirePositive } from "./validate";

/**
 * Capacity: the whole number of reps needed to reach the target,
 * ceiling(target ÷ (quota per rep × expected attainment)). The quotient is snapped to a whole
 * number when it is one up to float noise, so 378,000 ÷ (45,000 × 0.7) = 12 reps, not 13.
 */
export function repsNeeded(target: number, quotaPerRep: number, expectedAttainment = 1): number {
  requireNonNegative(target, "target");
  requirePositive(quotaPerRep, "quota_per_rep", "#DIV/0!");
  requirePositive(expectedAttainment, "expected_attainment", "#DIV/0!");
  const exact = target / (quotaPerRep * expectedAttainment);
  if (!Number.isFinite(exact)) throw new QuotaError("#NUM!", "tooLarge", { param: "target", value: target });
  return ceilSnapped(exact);
}
