/**
 * The SALES.* custom functions. Each one is a thin face over src/quota: read the arguments
 * the way Excel passes them, call the engine, shape the result, map failures to Excel errors.
 *
 * custom-functions-metadata-plugin builds functions.json from these JSDoc blocks and appends
 * the CustomFunctions.associate calls itself. It reads only top-level `function` declarations
 * and plain parameter types, so:
 * - a parameter that takes a number or a range is `unknown[][]` (metadata: type any,
 *   dimensionality matrix). Excel then passes a literal 5 as [[5]] and a range as its rows
 *   (a scalar parameter never sees a range as a whole, so nothing could spill in its shape);
 * - ranges are `unknown[][]` rather than `number[][]` so blank cells ("" or null, counted as 0),
 *   text and TRUE/FALSE reach us as they are and get a message naming the cell;
 * - the TypeScript types describe what Excel is asked for, not what arrives: omitted optional
 *   arguments arrive as null and every value is checked at run time.
 * Help links follow help.ts (HELP_URL#<id in lower case>).
 * Every function is tagged @requiresParameterAddresses and declares the invocation as its
 * last parameter, so a bad cell's message can give its address. Excel passes the addresses
 * only to functions whose result is a matrix, so every function returns rows of cells, a
 * single value as [[value]] (a 1×1 result shows as a plain value and spills nothing).
 * Without addresses (older hosts, constants, array constants) messages name the position.
 * Functions return (never throw) a CustomFunctions.Error; spilled results may hold an error
 * in a single cell, as Excel's own array formulas do.
 */
import { Locale } from "../i18n";
import { QuotaError } from "../quota/errors";
import * as activity from "../quota/activity";
import * as attainmentMethod from "../quota/attainment";
import * as baselineMethod from "../quota/baseline";
import * as bottomup from "../quota/bottomup";
import * as capacity from "../quota/capacity";
import * as combined from "../quota/combined";
import * as forecastMethod from "../quota/forecast";
import * as phaseMethod from "../quota/phase";
import * as profit from "../quota/profit";
import * as rampMethod from "../quota/ramp";
import * as topdown from "../quota/topdown";
import * as volume from "../quota/volume";
import { parameterAddresses } from "./addresses";
import {
  asMatrix,
  elementwise,
  isBlank,
  isSingleCell,
  optionalMatrix,
  optionalNumber,
  rangeNumbers,
  requiredNumber,
  requireSameShape,
  reshape,
  Shape,
  shapeOf,
  vectorNumbers,
} from "./args";
import { checkFinite, excelResult } from "./excelErrors";

function rangeArgument(value: unknown, param: string): { cells: unknown[][]; shape: Shape } {
  const cells = asMatrix(value, param);
  const shape = shapeOf(cells);
  if (shape.rows === 0 || shape.columns === 0) throw new QuotaError("#N/A", "empty", { param });
  return { cells, shape };
}

/** A 1×1 result holding an error is that error, so Excel shows its message for the cell. */
function unwrapSingle(result: unknown[][]): unknown[][] | CustomFunctions.Error {
  if (result.length === 1 && result[0].length === 1 && result[0][0] instanceof CustomFunctions.Error) {
    return result[0][0] as CustomFunctions.Error;
  }
  return result;
}

function optionalRangeNumbers(
  value: unknown,
  param: string,
  base: Shape,
  baseParam: string,
  locale: Locale,
  address: string | undefined,
): number[] | null {
  const cells = optionalMatrix(value, param);
  if (cells === null) return null;
  requireSameShape(cells, param, base, baseParam);
  return rangeNumbers(cells, param, locale, address);
}

/**
 * Top-down quota: target ÷ periods ÷ reps, or the target split over a range of reps, equally or by weights, summing exactly.
 * @customfunction QUOTA_TOPDOWN
 * @param target The target for the whole horizon, e.g. the company's annual sales goal.
 * @param reps The number of reps, or the range of rep cells (the quotas spill in its shape).
 * @param [periods] Periods in the horizon, e.g. 12 for months of a year. Default 1.
 * @param [weights] One weight per rep cell, same shape as reps. Default: an equal split.
 * @param [round_to] Rounding unit, e.g. 100; 0 means no rounding. Default 1.
 * @returns {number[][]} Each rep's quota per period.
 * @helpurl https://localhost:3000/help.html#quota_topdown
 * @requiresParameterAddresses
 */
export function quotaTopdown(
  target: number,
  reps: unknown[][],
  periods?: number,
  weights?: unknown[][],
  round_to?: number,
  invocation?: CustomFunctions.Invocation,
) {
  return excelResult((locale) => {
    const at = parameterAddresses(invocation, ["target", "reps", "periods", "weights", "round_to"]);
    const total = requiredNumber(target, "target", locale, at.target);
    const periodCount = optionalNumber(periods, 1, "periods", locale, at.periods);
    const unit = optionalNumber(round_to, 1, "round_to", locale, at.round_to);
    const { cells, shape } = rangeArgument(reps, "reps");
    const first = cells[0][0];
    // A single number is a head count; rep cells hold names, so a text cell is one rep.
    if (isSingleCell(shape) && (typeof first !== "string" || isBlank(first))) {
      optionalRangeNumbers(weights, "weights", shape, "reps", locale, at.weights); // checked; one weight cannot change a split
      const count = requiredNumber(first, "reps", locale, at.reps);
      return [[checkFinite(topdown.topDownPerRep(total, count, periodCount, unit))]];
    }
    const weightValues = optionalRangeNumbers(weights, "weights", shape, "reps", locale, at.weights);
    const parts = topdown.topDownSplit(total, shape.rows * shape.columns, periodCount, weightValues, unit);
    return reshape(parts.map(checkFinite), shape);
  });
}

/**
 * Bottom-up quota: the target split in proportion to each rep's history, summing exactly.
 * @customfunction QUOTA_BOTTOMUP
 * @param target The target for the whole horizon.
 * @param history Each rep's past sales (the quotas spill in its shape).
 * @param [periods] Periods in the horizon, e.g. 12 for months of a year. Default 1.
 * @param [round_to] Rounding unit, e.g. 100; 0 means no rounding. Default 1.
 * @returns {number[][]} Each rep's quota per period.
 * @helpurl https://localhost:3000/help.html#quota_bottomup
 * @requiresParameterAddresses
 */
export function quotaBottomup(target: number, history: unknown[][], periods?: number, round_to?: number, invocation?: CustomFunctions.Invocation) {
  return excelResult((locale) => {
    const at = parameterAddresses(invocation, ["target", "history", "periods", "round_to"]);
    const total = requiredNumber(target, "target", locale, at.target);
    const periodCount = optionalNumber(periods, 1, "periods", locale, at.periods);
    const unit = optionalNumber(round_to, 1, "round_to", locale, at.round_to);
    const { cells, shape } = rangeArgument(history, "history");
    const parts = bottomup.bottomUp(total, rangeNumbers(cells, "history", locale, at.history), periodCount, unit);
    return reshape(parts.map(checkFinite), shape);
  });
}

/**
 * Baseline quota: last period's revenue ÷ periods, the average per period.
 * @customfunction QUOTA_BASELINE
 * @param revenue Revenue of the last year (or horizon): a number or a range to add up.
 * @param [periods] Periods to spread it over. Default 12 (months).
 * @returns {number[][]} The baseline per period (one cell).
 * @helpurl https://localhost:3000/help.html#quota_baseline
 * @requiresParameterAddresses
 */
export function quotaBaseline(revenue: unknown[][], periods?: number, invocation?: CustomFunctions.Invocation) {
  return excelResult((locale) => {
    const at = parameterAddresses(invocation, ["revenue", "periods"]);
    const { cells } = rangeArgument(revenue, "revenue");
    const periodCount = optionalNumber(periods, 12, "periods", locale, at.periods);
    return [[checkFinite(baselineMethod.baseline(rangeNumbers(cells, "revenue", locale, at.revenue), periodCount))]];
  });
}

/**
 * Forecast quota: the last result (or average, trend, growth fit) plus growth.
 * @customfunction QUOTA_FORECAST
 * @param history Past results, oldest first: a number, a row or a column.
 * @param [growth] Growth on top of the forecast, e.g. 0.3 for 30 %. Default 0.
 * @param [method] "last", "average", "trend" (FORECAST.LINEAR) or "growth" (GROWTH). Default "last".
 * @param [horizon] How many periods after the last one to forecast. Default 1.
 * @returns {number[][]} The forecast quota (one cell).
 * @helpurl https://localhost:3000/help.html#quota_forecast
 * @requiresParameterAddresses
 */
export function quotaForecast(history: unknown[][], growth?: number, method?: string, horizon?: number, invocation?: CustomFunctions.Invocation) {
  return excelResult((locale) => {
    const at = parameterAddresses(invocation, ["history", "growth", "method", "horizon"]);
    const { cells } = rangeArgument(history, "history");
    // A history with nothing in it is missing data (#N/A), not a row of zeros.
    const values = cells.every((row) => row.every(isBlank)) ? [] : vectorNumbers(cells, "history", locale, at.history);
    const growthRate = optionalNumber(growth, 0, "growth", locale, at.growth);
    const steps = optionalNumber(horizon, 1, "horizon", locale, at.horizon);
    return [[checkFinite(forecastMethod.forecast(values, growthRate, forecastMethodOf(method), steps))]];
  });
}

function forecastMethodOf(value: unknown): forecastMethod.ForecastMethod {
  if (isBlank(value)) return "last";
  const name = String(value).trim().toLowerCase();
  const { FORECAST_METHODS } = forecastMethod;
  const found = FORECAST_METHODS.find((m) => m === name);
  if (!found) throw new QuotaError("#VALUE!", "unknownMethod", { value: String(value), allowed: FORECAST_METHODS.join(", ") });
  return found;
}

/**
 * Profit quota: revenue − (COGS + acquisition cost), cell by cell.
 * @customfunction PROFIT_QUOTA
 * @param revenue Revenue: a number or a range.
 * @param cogs Cost of goods sold: a number or a range of the same shape.
 * @param acquisition_cost Customer acquisition cost: a number or a range of the same shape.
 * @returns {number[][]} The profit per cell.
 * @helpurl https://localhost:3000/help.html#profit_quota
 * @requiresParameterAddresses
 */
export function profitQuota(revenue: unknown[][], cogs: unknown[][], acquisition_cost: unknown[][], invocation?: CustomFunctions.Invocation) {
  return excelResult((locale) => {
    const at = parameterAddresses(invocation, ["revenue", "cogs", "acquisition_cost"]);
    return unwrapSingle(
      elementwise(
        [
          { value: revenue, param: "revenue", address: at.revenue },
          { value: cogs, param: "cogs", address: at.cogs },
          { value: acquisition_cost, param: "acquisition_cost", address: at.acquisition_cost },
        ],
        locale,
        ([r, c, a]) => profit.profitQuota(r, c, a),
      ),
    );
  });
}

/**
 * Volume bonus: units sold above the quota × bonus per unit, cell by cell.
 * @customfunction VOLUME_BONUS
 * @param units_sold Units sold: a number or a range.
 * @param quota_units The volume quota in units: a number or a range of the same shape.
 * @param bonus_per_unit Bonus for each unit above the quota: a number or a range of the same shape.
 * @returns {number[][]} The bonus per cell (0 when the quota is not passed).
 * @helpurl https://localhost:3000/help.html#volume_bonus
 * @requiresParameterAddresses
 */
export function volumeBonus(units_sold: unknown[][], quota_units: unknown[][], bonus_per_unit: unknown[][], invocation?: CustomFunctions.Invocation) {
  return excelResult((locale) => {
    const at = parameterAddresses(invocation, ["units_sold", "quota_units", "bonus_per_unit"]);
    return unwrapSingle(
      elementwise(
        [
          { value: units_sold, param: "units_sold", address: at.units_sold },
          { value: quota_units, param: "quota_units", address: at.quota_units },
          { value: bonus_per_unit, param: "bonus_per_unit", address: at.bonus_per_unit },
        ],
        locale,
        ([u, q, b]) => volume.volumeBonus(u, q, b),
      ),
    );
  });
}

/**
 * Quota attainment: actual ÷ quota, cell by cell (1 = 100 %).
 * @customfunction QUOTA_ATTAINMENT
 * @param actual Actual results: a number or a range.
 * @param quota The quotas: a number or a range of the same shape.
 * @returns {number[][]} Attainment per cell.
 * @helpurl https://localhost:3000/help.html#quota_attainment
 * @requiresParameterAddresses
 */
export function quotaAttainment(actual: unknown[][], quota: unknown[][], invocation?: CustomFunctions.Invocation) {
  return excelResult((locale) => {
    const at = parameterAddresses(invocation, ["actual", "quota"]);
    return unwrapSingle(
      elementwise(
        [
          { value: actual, param: "actual", address: at.actual },
          { value: quota, param: "quota", address: at.quota },
        ],
        locale,
        ([a, q]) => attainmentMethod.attainment(a, q),
      ),
    );
  });
}

/**
 * Activity attainment: the weighted mean of actual ÷ target per activity (calls, emails, meetings, demos).
 * @customfunction ACTIVITY_ATTAINMENT
 * @param actuals Activities done, one cell per activity.
 * @param targets Activity targets, same shape as actuals.
 * @param [weights] Weight of each activity, same shape. Default: equal weights.
 * @param [cap] Highest attainment one activity can count for, e.g. 1.2. Default: no cap.
 * @returns {number[][]} The combined activity attainment (one cell).
 * @helpurl https://localhost:3000/help.html#activity_attainment
 * @requiresParameterAddresses
 */
export function activityAttainment(actuals: unknown[][], targets: unknown[][], weights?: unknown[][], cap?: number, invocation?: CustomFunctions.Invocation) {
  return excelResult((locale) => {
    const at = parameterAddresses(invocation, ["actuals", "targets", "weights", "cap"]);
    const { cells, shape } = rangeArgument(actuals, "actuals");
    const targetCells = rangeArgument(targets, "targets").cells;
    requireSameShape(targetCells, "targets", shape, "actuals");
    const weightValues = optionalRangeNumbers(weights, "weights", shape, "actuals", locale, at.weights);
    const capValue = isBlank(cap) ? null : requiredNumber(cap, "cap", locale, at.cap);
    return [
      [
        checkFinite(
          activity.activityAttainment(
            rangeNumbers(cells, "actuals", locale, at.actuals),
            rangeNumbers(targetCells, "targets", locale, at.targets),
            weightValues,
            capValue,
          ),
        ),
      ],
    ];
  });
}

/**
 * Combined attainment: Σ weight × attainment ÷ Σ weight, e.g. profit and volume quotas together.
 * @customfunction COMBINED_ATTAINMENT
 * @param attainments The attainment of each quota.
 * @param weights The weight of each quota, same shape as attainments.
 * @returns {number[][]} The weighted attainment (one cell).
 * @helpurl https://localhost:3000/help.html#combined_attainment
 * @requiresParameterAddresses
 */
export function combinedAttainment(attainments: unknown[][], weights: unknown[][], invocation?: CustomFunctions.Invocation) {
  return excelResult((locale) => {
    const at = parameterAddresses(invocation, ["attainments", "weights"]);
    const { cells, shape } = rangeArgument(attainments, "attainments");
    const weightCells = rangeArgument(weights, "weights").cells;
    requireSameShape(weightCells, "weights", shape, "attainments");
    const attainmentValues = rangeNumbers(cells, "attainments", locale, at.attainments);
    const weightValues = rangeNumbers(weightCells, "weights", locale, at.weights);
    return [[checkFinite(combined.combinedAttainment(attainmentValues, weightValues))]];
  });
}

/**
 * Seasonal phasing: the annual quota split in proportion to a pattern (e.g. last year's months), summing exactly.
 * @customfunction QUOTA_PHASE
 * @param annual The annual quota.
 * @param pattern One cell per period, e.g. last year's sales by month (the result spills in its shape).
 * @param [round_to] Rounding unit, e.g. 100; 0 means no rounding. Default 1.
 * @returns {number[][]} The quota of each period.
 * @helpurl https://localhost:3000/help.html#quota_phase
 * @requiresParameterAddresses
 */
export function quotaPhase(annual: number, pattern: unknown[][], round_to?: number, invocation?: CustomFunctions.Invocation) {
  return excelResult((locale) => {
    const at = parameterAddresses(invocation, ["annual", "pattern", "round_to"]);
    const total = requiredNumber(annual, "annual", locale, at.annual);
    const unit = optionalNumber(round_to, 1, "round_to", locale, at.round_to);
    const { cells, shape } = rangeArgument(pattern, "pattern");
    const parts = phaseMethod.phase(total, rangeNumbers(cells, "pattern", locale, at.pattern), unit);
    return reshape(parts.map(checkFinite), shape);
  });
}

/**
 * Ramp quota for a new hire: the full quota × the ramp share for the tenure month (default 25 %, 50 %, 75 %, then 100 %).
 * @customfunction QUOTA_RAMP
 * @param full_quota The quota of a fully ramped rep.
 * @param month Tenure month, 1 for the first month.
 * @param [schedule] Share of the full quota for months 1, 2, 3…, e.g. {0.25;0.5;0.75}; after it, 100 %.
 * @returns {number[][]} The quota for that month (one cell).
 * @helpurl https://localhost:3000/help.html#quota_ramp
 * @requiresParameterAddresses
 */
export function quotaRamp(full_quota: number, month: number, schedule?: unknown[][], invocation?: CustomFunctions.Invocation) {
  return excelResult((locale) => {
    const at = parameterAddresses(invocation, ["full_quota", "month", "schedule"]);
    const full = requiredNumber(full_quota, "full_quota", locale, at.full_quota);
    const tenure = requiredNumber(month, "month", locale, at.month);
    const scheduleCells = optionalMatrix(schedule, "schedule");
    const shares = scheduleCells === null ? null : vectorNumbers(scheduleCells, "schedule", locale, at.schedule);
    return [[checkFinite(rampMethod.ramp(full, tenure, shares))]];
  });
}

/**
 * Capacity: whole reps needed to reach the target, ceiling(target ÷ (quota per rep × expected attainment)).
 * @customfunction REPS_NEEDED
 * @param target The target to cover.
 * @param quota_per_rep One rep's quota.
 * @param [expected_attainment] Share of quota a rep is expected to reach, e.g. 0.85. Default 1.
 * @returns {number[][]} The number of reps (one cell).
 * @helpurl https://localhost:3000/help.html#reps_needed
 * @requiresParameterAddresses
 */
export function repsNeeded(target: number, quota_per_rep: number, expected_attainment?: number, invocation?: CustomFunctions.Invocation) {
  return excelResult((locale) => {
    const at = parameterAddresses(invocation, ["target", "quota_per_rep", "expected_attainment"]);
    const total = requiredNumber(target, "target", locale, at.target);
    const perRep = requiredNumber(quota_per_rep, "quota_per_rep", locale, at.quota_per_rep);
    const attainmentRate = optionalNumber(expected_attainment, 1, "expected_attainment", locale, at.expected_attainment);
    return [[checkFinite(capacity.repsNeeded(total, perRep, attainmentRate))]];
  });
}
