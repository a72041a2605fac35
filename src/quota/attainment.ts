import { finiteResult, requireNumber, requirePositive } from "./validate";

/**
 * Quota attainment: actual ÷ quota (1 = 100 %). The quota must be > 0 (0 → #DIV/0!,
 * negative → #NUM!); the actual may be negative (net returns).
 */
export function attainment(actual: number, quota: number): number {
  requireNumber(actual, "actual");
  requirePositive(quota, "quota", "#DIV/0!");
  return finiteResult(actual / quota);
}
