import { validateWeights } from "./allocate";
import { finiteResult, requireLength, requireNumbers } from "./validate";

/**
 * Combined attainment of several quotas at once (e.g. profit and volume):
 * Σ weight × attainment ÷ Σ weight. Weights ≥ 0, not all zero (#DIV/0!).
 */
export function combinedAttainment(attainments: readonly number[], weights: readonly number[]): number {
  requireNumbers(attainments, "attainments");
  requireLength(weights, attainments.length, "weights", "attainments");
  validateWeights(weights, "weights");
  let weighted = 0;
  let totalWeight = 0;
  for (let i = 0; i < attainments.length; i++) {
    weighted += weights[i] * attainments[i];
    totalWeight += weights[i];
  }
  return finiteResult(weighted / totalWeight);
}
