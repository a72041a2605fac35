import { finiteResult, requireNumber } from "./validate";

/**
 * Profit quota: revenue − (COGS + acquisition cost). Any finite amounts are accepted, as in
 * a spreadsheet formula: credits and returns can make a figure negative.
 */
export function profitQuota(revenue: number, cogs: number, acquisitionCost: number): number {
  requireNumber(revenue, "revenue");
  requireNumber(cogs, "cogs");
  requireNumber(acquisitionCost, "acquisition_cost");
  return finiteResult(revenue - (cogs + acquisitionCost));
}
