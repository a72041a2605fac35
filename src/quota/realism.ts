import { QuotaError } from "./errors";
import { noNegativeZero } from "./numeric";
import { requireNonNegative, requireNumber } from "./validate";

/**
 * The SMART "achievable" check of a target: how much growth over the baseline (the history's
 * run-rate for the same horizon) the target asks for. Up to +30 % is ok, up to +100 % a
 * stretch, beyond that unrealistic. With no positive baseline there is nothing to compare with.
 */
export const REALISM_OK_MAX = 0.3;
export const REALISM_STRETCH_MAX = 1;

export type RealismLevel = "ok" | "stretch" | "unrealistic" | "unknown";

export interface RealismThresholds {
  /** Highest required growth still called ok (decimal: 0.3 = +30 %). */
  okMax: number;
  /** Highest required growth called a stretch; above it the target is unrealistic. */
  stretchMax: number;
}

/**
 * requiredGrowth = target ÷ baseline − 1 (0.25 = +25 %). Narrow on `level`: "unknown" (no
 * positive baseline) is the only case without a number.
 */
export type RealismAssessment =
  | { requiredGrowth: number; level: Exclude<RealismLevel, "unknown"> }
  | { requiredGrowth: null; level: "unknown" };

export const DEFAULT_REALISM_THRESHOLDS: Readonly<RealismThresholds> = Object.freeze({
  okMax: REALISM_OK_MAX,
  stretchMax: REALISM_STRETCH_MAX,
});

// A target typed as exactly +30 % (1.3 × baseline) must read as ok despite float noise.
const LIMIT_TOLERANCE = 1e-9;

export function assessTarget(
  target: number,
  baselineTotal: number,
  thresholds: RealismThresholds = DEFAULT_REALISM_THRESHOLDS,
): RealismAssessment {
  requireNonNegative(target, "target");
  requireNumber(baselineTotal, "baseline");
  const { okMax, stretchMax } = thresholds;
  if (!Number.isFinite(okMax) || !Number.isFinite(stretchMax) || okMax < 0 || stretchMax < okMax) {
    throw new QuotaError("#NUM!", "badThresholds", { ok: String(okMax), stretch: String(stretchMax) });
  }
  if (baselineTotal <= 0) return { requiredGrowth: null, level: "unknown" };
  const requiredGrowth = (target - baselineTotal) / baselineTotal;
  const level =
    requiredGrowth <= okMax + LIMIT_TOLERANCE ? "ok" : requiredGrowth <= stretchMax + LIMIT_TOLERANCE ? "stretch" : "unrealistic";
  return { requiredGrowth: noNegativeZero(requiredGrowth), level };
}

/**
 * SMART's "time-bound": true when no review period is set, i.e. `periods` is missing or not a
 * whole number of at least 1, so the wizard can warn before quotas without a time frame go out.
 */
export function missingReviewPeriod(periods: number | null | undefined): boolean {
  return typeof periods !== "number" || !Number.isInteger(periods) || periods < 1;
}
