import { sum } from "./numeric";
import { finiteResult, requireNumbers, requireWhole } from "./validate";

/**
 * Baseline quota: last year's (or horizon's) revenue ÷ periods, the average per period.
 * `revenue` is one total or the values to add up; rows may be negative (returns, credit
 * notes), so only the type is checked. Empty → #N/A.
 */
export function baseline(revenue: readonly number[] | number, periods = 12): number {
  const values = typeof revenue === "number" ? [revenue] : revenue;
  requireNumbers(values, "revenue");
  requireWhole(periods, "periods", 1);
  return finiteResult(sum(values) / periods);
}
