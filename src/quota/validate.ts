import { validateAmount } from "./allocate";
import { ExcelErrorKind, QuotaError } from "./errors";

/**
 * Input checks shared by the methods. Each method validates its arguments once, up front, so
 * a bad value stops the calculation with a message naming the parameter and the value.
 * Arrays are typed as numbers but arrive from spreadsheets and JavaScript callers, so every
 * element is checked at run time too.
 */

/** A finite number of any sign: NaN or a non-number is #VALUE!, ±Infinity is #NUM!. */
export function requireNumber(value: number, param: string): void {
  if (typeof value !== "number" || Number.isNaN(value)) throw new QuotaError("#VALUE!", "notNumber", { param, value: String(value) });
  if (!Number.isFinite(value)) throw new QuotaError("#NUM!", "notFinite", { param });
}

/** A finite number ≥ 0 (target, quota, amounts): negative is #NUM!. */
export function requireNonNegative(value: number, param: string): void {
  validateAmount(value, param);
}

/**
 * A finite number > 0. Zero is #DIV/0! when the value is a divisor (quota, target of an
 * activity), else #NUM! like a negative value.
 */
export function requirePositive(value: number, param: string, zeroError: "#NUM!" | "#DIV/0!" = "#NUM!"): void {
  requireNumber(value, param);
  if (value === 0 && zeroError === "#DIV/0!") throw new QuotaError("#DIV/0!", "divideByZero", { param });
  if (value <= 0) throw new QuotaError("#NUM!", "notPositive", { param, value });
}

/** A whole number ≥ min (rep counts, periods, months): anything else is #NUM!. */
export function requireWhole(value: number, param: string, min = 1): void {
  requireNumber(value, param);
  if (!Number.isInteger(value) || value < min) throw new QuotaError("#NUM!", "notWhole", { param, min, value });
}

/** A non-empty list of finite numbers: empty is #N/A (missing data). */
export function requireNumbers(values: readonly number[], param: string): void {
  if (!Array.isArray(values) || values.length === 0) throw new QuotaError("#N/A", "empty", { param });
  for (const v of values) requireNumber(v, param);
}

/** A non-empty list of finite numbers ≥ 0. */
export function requireNonNegatives(values: readonly number[], param: string): void {
  if (!Array.isArray(values) || values.length === 0) throw new QuotaError("#N/A", "empty", { param });
  for (const v of values) requireNonNegative(v, param);
}

/** `values` must have `expected` entries, one per entry of `other`. */
export function requireLength(
  values: readonly number[],
  expected: number,
  param: string,
  other: string,
  kind: ExcelErrorKind = "#VALUE!",
): void {
  if (!Array.isArray(values)) throw new QuotaError("#VALUE!", "notNumber", { param, value: String(values) });
  if (values.length !== expected) throw new QuotaError(kind, "lengthMismatch", { param, other, expected, actual: values.length });
}

/**
 * A result Excel can show: ±Infinity (an exponential fit run far ahead, sums near the double
 * limit) is #NUM! rather than a silent Infinity; -0 becomes 0.
 */
export function finiteResult(value: number): number {
  if (!Number.isFinite(value)) throw new QuotaError("#NUM!", "resultTooLarge", {});
  return value === 0 ? 0 : value;
}

/**
 * The range of a plan's target and rounding unit, shared by the `quota` command's options and
 * the wizard's fields. Excel shows 15 significant digits, so a total above 1e15 cannot be
 * shown exactly, and a rounding unit finer than 1e-9 leaves those digits for any real target.
 */
export const MAX_PLAN_AMOUNT = 1e15;
export const MIN_ROUND_UNIT = 1e-9;

export type RangeProblem = "notFinite" | "negative" | "aboveMaximum" | "belowMinimum";

/** What is wrong with a target (or another total to split), or null when it is usable. */
export function planAmountProblem(value: number): RangeProblem | null {
  if (typeof value !== "number" || !Number.isFinite(value)) return "notFinite";
  if (value < 0) return "negative";
  if (value > MAX_PLAN_AMOUNT) return "aboveMaximum";
  return null;
}

/** What is wrong with a rounding unit (0 = no rounding, else MIN_ROUND_UNIT … MAX_PLAN_AMOUNT), or null. */
export function roundUnitProblem(value: number): RangeProblem | null {
  const problem = planAmountProblem(value);
  if (problem !== null || value === 0) return problem;
  return value < MIN_ROUND_UNIT ? "belowMinimum" : null;
}

/** Throws the QuotaError for a problem found by planAmountProblem / roundUnitProblem. */
export function requireInPlanRange(value: number, param: string, problem: RangeProblem | null): void {
  if (problem === null) return;
  if (problem === "notFinite") requireNumber(value, param);
  if (problem === "negative") throw new QuotaError("#NUM!", "negative", { param, value });
  if (problem === "aboveMaximum") throw new QuotaError("#NUM!", "aboveMaximum", { param, max: MAX_PLAN_AMOUNT.toExponential(), value });
  throw new QuotaError("#NUM!", "belowMinimum", { param, min: MIN_ROUND_UNIT.toExponential(), value });
}
