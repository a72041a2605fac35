import { finiteResult, requireNonNegative } from "./validate";

/**
 * Volume bonus: units sold above the volume quota × bonus per unit, 0 when the quota is not
 * passed (seed: 17 phones sold, quota 15, 200 per phone above → 400).
 */
export function volumeBonus(unitsSold: number, quotaUnits: number, bonusPerUnit: number): number {
  requireNonNegative(unitsSold, "units_sold");
  requireNonNegative(quotaUnits, "quota_units");
  requireNonNegative(bonusPerUnit, "bonus_per_unit");
  const above = unitsSold - quotaUnits;
  return above > 0 ? finiteResult(above * bonusPerUnit) : 0;
}
