import { QuotaError } from "./errors";
import { sum } from "./numeric";
import { finiteResult, requireLength, requireNumber, requireNumbers, requireWhole } from "./validate";

export type ForecastMethod = "last" | "average" | "trend" | "growth";

export const FORECAST_METHODS: readonly ForecastMethod[] = Object.freeze(["last", "average", "trend", "growth"] as const);

/**
 * Least-squares line through (xs, ys), evaluated at `at`. Written as ȳ + b·(at − x̄) with
 * centred sums, which loses less precision than a + b·x when x is far from the data.
 * Returns null when all xs are equal (no line exists). Inputs are validated by the caller.
 */
function lineAt(ys: readonly number[], xs: readonly number[], at: number): number | null {
  if (xs.every((x) => x === xs[0])) return null;
  const n = ys.length;
  const meanX = sum(xs) / n;
  const meanY = sum(ys) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - meanX;
    sxx += dx * dx;
    sxy += dx * (ys[i] - meanY);
  }
  return meanY + (sxy / sxx) * (at - meanX);
}

/** GROWTH's fit: the least-squares line through (x, ln y), exponentiated. ys must be > 0. */
function exponentialAt(ys: readonly number[], xs: readonly number[], at: number): number | null {
  const line = lineAt(ys.map(Math.log), xs, at);
  return line === null ? null : Math.exp(line);
}

function requireAllPositive(values: readonly number[], param: string): void {
  for (const v of values) if (v <= 0) throw new QuotaError("#NUM!", "growthNeedsPositive", { param, value: v });
}

/** 1, 2, …, n: the period numbers Excel users pass as known_x's. */
function periodNumbers(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/**
 * Excel's FORECAST.LINEAR(x, known_y's, known_x's) (also FORECAST): the least-squares line
 * a + b·x at x. As in Excel: lists of different lengths or empty → #N/A, all known_x's equal
 * → #DIV/0!.
 */
export function forecastLinear(x: number, knownY: readonly number[], knownX: readonly number[]): number {
  requireNumber(x, "x");
  requireNumbers(knownY, "known_y");
  requireNumbers(knownX, "known_x");
  requireLength(knownX, knownY.length, "known_x", "known_y", "#N/A");
  const value = lineAt(knownY, knownX, x);
  if (value === null) throw new QuotaError("#DIV/0!", "noSpread", { param: "known_x" });
  return finiteResult(value);
}

/**
 * Excel's GROWTH(known_y's, known_x's, new_x) for one new x: fits y = b·mˣ by least squares
 * on ln y and returns b·m^new_x. Any known y ≤ 0 → #NUM!; lists of different lengths → #N/A;
 * all known_x's equal → #DIV/0! (no curve can be fitted).
 */
export function growthValue(knownY: readonly number[], knownX: readonly number[], newX: number): number {
  requireNumbers(knownY, "known_y");
  requireNumbers(knownX, "known_x");
  requireLength(knownX, knownY.length, "known_x", "known_y", "#N/A");
  requireNumber(newX, "new_x");
  requireAllPositive(knownY, "known_y");
  const value = exponentialAt(knownY, knownX, newX);
  if (value === null) throw new QuotaError("#DIV/0!", "noSpread", { param: "known_x" });
  return finiteResult(value);
}

/**
 * Forecast quota from a history (oldest first), plus growth (seed: 15,000 + 30 % = 19,500).
 * - last: the last value × (1 + growth)
 * - average: the mean × (1 + growth)
 * - trend: FORECAST.LINEAR(n + horizon, history, {1..n}) × (1 + growth)
 * - growth: GROWTH(history, {1..n}, n + horizon) × (1 + growth)
 * `horizon` (periods after the last one) matters only for trend and growth. Empty history →
 * #N/A; unknown method → #VALUE!; growth method with a value ≤ 0 → #NUM!; trend or growth
 * with a single value → #DIV/0! (a line needs two points, as FORECAST.LINEAR says). growth < −1 (a fall
 * of more than 100 %) → #NUM!.
 */
export function forecast(history: readonly number[], growth = 0, method: ForecastMethod = "last", horizon = 1): number {
  requireNumbers(history, "history");
  requireNumber(growth, "growth");
  if (growth < -1) throw new QuotaError("#NUM!", "belowMinimum", { param: "growth", min: -1, value: growth });
  if (!FORECAST_METHODS.includes(method)) {
    throw new QuotaError("#VALUE!", "unknownMethod", { value: String(method), allowed: FORECAST_METHODS.join(", ") });
  }
  requireWhole(horizon, "horizon", 1);
  const n = history.length;
  let base: number;
  switch (method) {
    case "last":
      base = history[n - 1];
      break;
    case "average":
      base = sum(history) / n;
      break;
    case "trend":
    case "growth": {
      if (method === "growth") requireAllPositive(history, "history");
      if (n < 2) throw new QuotaError("#DIV/0!", "tooFewValues", { method, param: "history", min: 2, count: n });
      const xs = periodNumbers(n);
      // 1..n with n ≥ 2 always has a spread, so the fit exists
      base = (method === "trend" ? lineAt(history, xs, n + horizon) : exponentialAt(history, xs, n + horizon)) as number;
      break;
    }
  }
  return finiteResult(base * (1 + growth));
}
