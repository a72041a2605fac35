import { validateWeights } from "./allocate";
import { finiteResult, requireLength, requireNonNegatives, requirePositive } from "./validate";

/**
 * Activity attainment (calls, emails, meetings, demos): the weighted mean of actual ÷ target
 * per activity, each ratio capped at `cap` when one is given, so over-delivering on cheap
 * activities cannot hide missing ones. Weights default to equal. A target of 0 is #DIV/0!.
 */
export function activityAttainment(
  actuals: readonly number[],
  targets: readonly number[],
  weights: readonly number[] | null = null,
  cap: number | null = null,
): number {
  requireNonNegatives(actuals, "actuals");
  requireLength(targets, actuals.length, "targets", "actuals");
  for (const t of targets) requirePositive(t, "targets", "#DIV/0!");
  if (weights !== null) {
    requireLength(weights, actuals.length, "weights", "actuals");
    validateWeights(weights, "weights");
  }
  if (cap !== null) requirePositive(cap, "cap");
  let weighted = 0;
  let totalWeight = 0;
  for (let i = 0; i < actuals.length; i++) {
    const ratio = actuals[i] / targets[i];
    const w = weights === null ? 1 : weights[i];
    weighted += w * (cap === null ? ratio : Math.min(ratio, cap));
    totalWeight += w;
  }
  return finiteResult(weighted / totalWeight);
}
