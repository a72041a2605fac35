import { QuotaError } from "./errors";
import { noNegativeZero } from "./numeric";
import { requireNonNegative, requireNumber } from "./validate";

/**
 * The SMART "achievable" check of a target: how much growth over the baseline (the history's
 * run-rate for the same horizon) the target asks for. Up to +30 % is ok, up to +100 % a
 * stretch, beyond that unrealistic; more than 50 % below it is "farBelow" (likely a unit mistake).
 * With no positive baseline there is nothing to compare with.
 */
export const REALISM_OK_MAX = 0.3;
export const REALISM_STRETCH_MAX = 1;
/**
 * A target more than 50 % below the history is no plan to shrink: it is almost always a unit
 * mistake (thousands typed as units) or a history over a longer time than the target's.
 */
export const REALISM_FAR_BELOW = -0.5;

export type RealismLevel = "ok" | "stretch" | "unrealistic" | "farBelow" | "unknown";

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
    requiredGrowth < REALISM_FAR_BELOW - LIMIT_TOLERANCE
      ? "farBelow"
      : requiredGrowth <= okMax + LIMIT_TOLERANCE
        ? "ok"
        : requiredGrowth <= stretchMax + LIMIT_TOLERANCE
          ? "stretch"
          : "unrealistic";
  return { requiredGrowth: noNegativeZero(requiredGrowth), level };
}

/**
 * SMART's "time-bound": true when no review period is set, i.e. `periods` is missing or not a
 * whole number of at least 1, so the wizard can warn before quotas without a time frame go out.
 */
export function missingReviewPeriod(periods: number | null | undefined): boolean {
  return typeof periods !== "number" || !Number.isInteger(periods) || periods < 1;
}

/** The months a dated history covers ("YYYY-MM" keys, as Aggregation.periods holds them). */
export interface HistorySpan {
  first: string;
  last: string;
  /** Calendar months from first to last, both included. */
  months: number;
}

export function historySpan(periods: readonly string[]): HistorySpan | null {
  let first: string | null = null;
  let last: string | null = null;
  for (const p of periods) {
    if (!/^\d{4}-\d{2}$/.test(p)) continue;
    if (first === null || p < first) first = p;
    if (last === null || p > last) last = p;
  }
  if (first === null || last === null) return null;
  const index = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
  return { first, last, months: index(last) - index(first) + 1 };
}

/** Histories longer than this, with no time frame set, are compared with a target over unlike horizons. */
export const HORIZON_MONTHS = 12;

/**
 * SMART's "time-bound", shared by the wizard and the `quota` command: with no time frame set
 * (no year, no date range) and a dated history, the span to warn about; null otherwise.
 * `unlikeHorizons`: the history covers more than a year, so the realism check compares a
 * target for one horizon with several years of history.
 */
export function untimedHistory(periods: readonly string[], timeFrameSet: boolean): (HistorySpan & { unlikeHorizons: boolean }) | null {
  if (timeFrameSet) return null;
  const span = historySpan(periods);
  return span ? { ...span, unlikeHorizons: span.months > HORIZON_MONTHS } : null;
}

/** A rep whose forecast grows far from the growth asked for. */
export interface ForecastOutlier {
  index: number;
  /** forecast ÷ history − 1 */
  growth: number;
}

export interface ForecastAssessment {
  /** Σ forecast ÷ Σ history − 1, rated like a target; null/"unknown" without a positive history. */
  total: RealismAssessment;
  outliers: ForecastOutlier[];
}

/**
 * SMART "achievable" for a forecast, which has no target: the forecasts' total is rated as a
 * target would be (against the history's total), and reps are flagged whose own forecast
 * growth is far from the growth asked: above +100 % (`thresholds.stretchMax`), above twice a
 * positive asked growth, or more than 50 points below it. A trend can turn +30 % into +137 %
 * for one rep; "last" never does. Reps with no positive history have no growth to compare.
 */
export function assessForecast(
  history: readonly number[],
  forecasts: readonly number[],
  askedGrowth: number,
  thresholds: RealismThresholds = DEFAULT_REALISM_THRESHOLDS,
): ForecastAssessment {
  requireNumber(askedGrowth, "growth");
  let h = 0;
  let f = 0;
  const outliers: ForecastOutlier[] = [];
  for (let i = 0; i < history.length; i++) {
    const base = history[i];
    const value = forecasts[i] ?? 0;
    h += Math.max(0, base);
    f += value;
    if (!(base > 0)) continue;
    const growth = value / base - 1;
    const far =
      growth > thresholds.stretchMax + LIMIT_TOLERANCE ||
      (askedGrowth > 0 && growth > 2 * askedGrowth + LIMIT_TOLERANCE) ||
      growth < askedGrowth - 0.5 - LIMIT_TOLERANCE;
    if (far) outliers.push({ index: i, growth: noNegativeZero(growth) });
  }
  return { total: assessTarget(Math.max(0, f), h, thresholds), outliers };
}
