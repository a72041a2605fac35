/**
 * Turning failures into Excel error values. A custom function must never throw a raw
 * exception (Excel would show a bare #VALUE! with no hint): every failure becomes a
 * CustomFunctions.Error with a message in the user's display language.
 */
import { Catalog, Locale, LocalizedError, MessageParams, pickLocale } from "../i18n";
import type { ExcelErrorKind } from "../quota/errors";

/**
 * Messages of the functions layer (argument shapes, results); bad numbers and mismatched
 * shapes use the engine's QuotaError messages so both faces say the same thing.
 */
export const functionMessages: Catalog = {
  notRectangular: {
    en: "{param} must be a rectangular range.",
    sv: "{param} måste vara ett rektangulärt område.",
  },
  notSingleValue: {
    en: "{param} must be a single value, got a range of {actual}.",
    sv: "{param} måste vara ett enda värde, fick ett område på {actual}.",
  },
  notVector: {
    en: "{param} must be a single row or column, got {actual}.",
    sv: "{param} måste vara en enda rad eller kolumn, fick {actual}.",
  },
  broadcastMismatch: {
    en: "The ranges must have the same shape, or be single values: {shapes}.",
    sv: "Områdena måste ha samma form, eller vara enstaka värden: {shapes}.",
  },
  notFiniteResult: {
    en: "The result is too large to show as a number.",
    sv: "Resultatet är för stort för att visas som ett tal.",
  },
  unexpected: {
    en: "Unexpected error: {detail}",
    sv: "Oväntat fel: {detail}",
  },
  // Labels that name the cell of an argument: its address when Excel passed the argument's
  // address, else its position counted from the range's top-left cell.
  cellAt: { en: "{param} (cell {cell})", sv: "{param} (cell {cell})" },
  cellInColumn: { en: "{param} (row {row} of the range)", sv: "{param} (rad {row} i området)" },
  cellInRow: { en: "{param} (column {column} of the range)", sv: "{param} (kolumn {column} i området)" },
  cellInRange: {
    en: "{param} (row {row}, column {column} of the range)",
    sv: "{param} (rad {row}, kolumn {column} i området)",
  },
  true: { en: "TRUE", sv: "SANT" },
  false: { en: "FALSE", sv: "FALSKT" },
};

/** A bad argument detected by the functions layer, with the Excel error it maps to. */
export class FunctionArgumentError extends LocalizedError {
  constructor(
    readonly excelError: ExcelErrorKind,
    key: keyof typeof functionMessages & string,
    params: MessageParams = {},
  ) {
    super(functionMessages, key, params);
    this.name = "FunctionArgumentError";
  }
}

/**
 * The user's language: Office's display language inside Office (set once the runtime is
 * ready), English anywhere else.
 */
export function displayLocale(): Locale {
  try {
    if (typeof Office !== "undefined" && Office.context) return pickLocale(Office.context.displayLanguage);
  } catch {
    // Office.context throws in some hosts before Office.onReady: fall through to English.
  }
  return "en";
}

export function message(key: keyof typeof functionMessages & string, params: MessageParams, locale: Locale): string {
  return new LocalizedError(functionMessages, key, params).messageIn(locale);
}

function errorCode(kind: ExcelErrorKind): CustomFunctions.ErrorCode {
  const codes = CustomFunctions.ErrorCode;
  switch (kind) {
    case "#NUM!":
      return codes.invalidNumber;
    case "#DIV/0!":
      return codes.divisionByZero;
    case "#N/A":
      return codes.notAvailable;
    default:
      return codes.invalidValue;
  }
}

function hasExcelError(error: unknown): error is LocalizedError & { excelError: ExcelErrorKind } {
  return error instanceof LocalizedError && typeof (error as { excelError?: unknown }).excelError === "string";
}

/**
 * The Excel error for anything a function body threw: engine and argument errors keep their
 * kind and localised message; anything else is #VALUE! saying what went wrong.
 */
export function toExcelError(error: unknown, locale: Locale): CustomFunctions.Error {
  if (error instanceof CustomFunctions.Error) return error;
  if (hasExcelError(error)) return new CustomFunctions.Error(errorCode(error.excelError), error.messageIn(locale));
  const detail = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message("unexpected", { detail }, locale));
}

/** #NUM! for a result Excel cannot show (NaN or ±Infinity would otherwise become a bare error). */
export function checkFinite(value: number): number {
  if (!Number.isFinite(value)) throw new FunctionArgumentError("#NUM!", "notFiniteResult");
  return value === 0 ? 0 : value; // no -0 in a cell
}

/**
 * Runs a function body the way every SALES function does: the result, or the Excel error for
 * whatever went wrong. Never throws.
 */
export function excelResult<T>(body: (locale: Locale) => T): T | CustomFunctions.Error {
  const locale = displayLocale();
  try {
    return body(locale);
  } catch (error) {
    return toExcelError(error, locale);
  }
}
