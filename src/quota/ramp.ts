import { QuotaError } from "./errors";
import { requireNonNegative, requireNumber, requireWhole } from "./validate";

/** Share of the full quota in tenure months 1, 2, 3 of a new hire; 100 % after that. */
export const DEFAULT_RAMP: readonly number[] = Object.freeze([0.25, 0.5, 0.75]);

/**
 * Ramp quota for a new hire: full quota × the schedule's share for the tenure month (1-based).
 * Past the end of the schedule the rep carries the full quota; an empty schedule means no
 * ramp. Shares are decimals between 0 and 1 (25 % = 0.25).
 */
export function ramp(fullQuota: number, month: number, schedule: readonly number[] | null = null): number {
  requireNonNegative(fullQuota, "full_quota");
  requireWhole(month, "month", 1);
  const shares = schedule ?? DEFAULT_RAMP;
  if (!Array.isArray(shares)) throw new QuotaError("#VALUE!", "notNumber", { param: "schedule", value: String(shares) });
  for (const share of shares) {
    requireNumber(share, "schedule");
    if (share < 0 || share > 1) throw new QuotaError("#NUM!", "notShare", { param: "schedule", value: share });
  }
  return month <= shares.length ? fullQuota * shares[month - 1] : fullQuota;
}
