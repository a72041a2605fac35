/**
 * Reading custom-function arguments the way Excel passes them. A matrix parameter always
 * arrives as rows of cells (a literal 5 as [[5]]); blank cells arrive as "" or null and count
 * as 0; an omitted optional argument arrives as null. Text or TRUE/FALSE where a number is
 * needed is #VALUE! with a message naming the argument and the cell: its address when Excel
 * passed the argument's address (see addresses.ts), else its position inside the range.
 * Every `address` parameter below is that raw address; anything unusable is ignored.
 */
import { Locale } from "../i18n";
import { QuotaError } from "../quota/errors";
import { cellAddressIn, parseRangeAddress, RangeAddress } from "./addresses";
import { checkFinite, FunctionArgumentError, message, toExcelError } from "./excelErrors";

export interface Shape {
  rows: number;
  columns: number;
}

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === "";
}

/** The argument as rows of cells: a lone value is a 1×1 range, a flat array one row. */
export function asMatrix(value: unknown, param: string): unknown[][] {
  if (!Array.isArray(value)) return [[value]];
  if (value.length === 0) return [];
  if (!value.every((row) => Array.isArray(row))) {
    if (value.some((row) => Array.isArray(row))) throw new FunctionArgumentError("#VALUE!", "notRectangular", { param });
    return [value];
  }
  const rows = value as unknown[][];
  const width = rows[0].length;
  if (rows.some((row) => row.length !== width)) throw new FunctionArgumentError("#VALUE!", "notRectangular", { param });
  return rows;
}

export function shapeOf(matrix: unknown[][]): Shape {
  return { rows: matrix.length, columns: matrix.length === 0 ? 0 : matrix[0].length };
}

export function formatShape(shape: Shape): string {
  return `${shape.rows}×${shape.columns}`;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.rows === b.rows && a.columns === b.columns;
}

export function isSingleCell(shape: Shape): boolean {
  return shape.rows === 1 && shape.columns === 1;
}

/**
 * Names cell (row, column) — 0-based inside the range — the way a user finds it: by its
 * address when `range` (where Excel says the argument lives) has the argument's shape, else
 * by its position. A range of another shape means the address is not the value's (an
 * expression, a scalar parameter lifted over a range), so it is not trusted.
 */
export function cellLabel(param: string, shape: Shape, row: number, column: number, locale: Locale, range: RangeAddress | null = null): string {
  if (range !== null && range.rows === shape.rows && range.columns === shape.columns) {
    const cell = cellAddressIn(range, row, column);
    if (cell !== null) return message("cellAt", { param, cell }, locale);
  }
  if (isSingleCell(shape)) return param;
  if (shape.columns === 1) return message("cellInColumn", { param, row: row + 1 }, locale);
  if (shape.rows === 1) return message("cellInRow", { param, column: column + 1 }, locale);
  return message("cellInRange", { param, row: row + 1, column: column + 1 }, locale);
}

/** How a cell value reads in a message: text quoted, TRUE/FALSE in the user's language. */
export function displayValue(value: unknown, locale: Locale): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "boolean") return message(value ? "true" : "false", {}, locale);
  if (value !== null && typeof value === "object" && typeof (value as { code?: unknown }).code === "string") {
    return (value as { code: string }).code; // an Excel error value, e.g. #N/A
  }
  return String(value);
}

/** One cell (or scalar argument) as a number: blank is 0, text or a boolean is #VALUE!. */
export function cellNumber(value: unknown, label: string, locale: Locale): number {
  if (isBlank(value)) return 0;
  if (typeof value === "number") {
    if (Number.isNaN(value)) throw new QuotaError("#VALUE!", "notNumber", { param: label, value: "NaN" });
    if (!Number.isFinite(value)) throw new QuotaError("#NUM!", "notFinite", { param: label });
    return value;
  }
  throw new QuotaError("#VALUE!", "notNumber", { param: label, value: displayValue(value, locale) });
}

/** How a single-value argument is named: "target", or "target (cell Plan!B2)" when Excel said where it is. */
export function valueLabel(param: string, locale: Locale, address?: unknown): string {
  return cellLabel(param, { rows: 1, columns: 1 }, 0, 0, locale, parseRangeAddress(address));
}

/** Every cell of a range argument as a number, row by row (blank cells count as 0). */
export function rangeNumbers(matrix: unknown[][], param: string, locale: Locale, address?: unknown): number[] {
  const shape = shapeOf(matrix);
  const out: number[] = [];
  for (let r = 0; r < shape.rows; r++) {
    const row = matrix[r];
    for (let c = 0; c < shape.columns; c++) {
      const value = row[c];
      // The address is read only for a bad cell, which ends the loop.
      out.push(
        typeof value === "number" && Number.isFinite(value)
          ? value
          : cellNumber(value, cellLabel(param, shape, r, c, locale, parseRangeAddress(address)), locale),
      );
    }
  }
  return out;
}

/** A range argument that must be one row or one column (a single cell is both). */
export function vectorNumbers(matrix: unknown[][], param: string, locale: Locale, address?: unknown): number[] {
  const shape = shapeOf(matrix);
  if (shape.rows > 1 && shape.columns > 1) {
    throw new FunctionArgumentError("#VALUE!", "notVector", { param, actual: formatShape(shape) });
  }
  return rangeNumbers(matrix, param, locale, address);
}

/** A required number. A 1×1 range is its cell; a blank cell reads as 0. */
export function requiredNumber(value: unknown, param: string, locale: Locale, address?: unknown): number {
  const cell = Array.isArray(value) ? singleCell(value, param) : value;
  return typeof cell === "number" && Number.isFinite(cell) ? cell : cellNumber(cell, valueLabel(param, locale, address), locale);
}

/** An optional number: omitted (null) or a blank cell gives the documented default. */
export function optionalNumber(value: unknown, fallback: number, param: string, locale: Locale, address?: unknown): number {
  const cell = Array.isArray(value) ? singleCell(value, param) : value;
  if (isBlank(cell)) return fallback;
  return typeof cell === "number" && Number.isFinite(cell) ? cell : cellNumber(cell, valueLabel(param, locale, address), locale);
}

/** An optional range argument (omitted: null) as its matrix. */
export function optionalMatrix(value: unknown, param: string): unknown[][] | null {
  return isBlank(value) ? null : asMatrix(value, param);
}

function singleCell(value: unknown[], param: string): unknown {
  const matrix = asMatrix(value, param);
  const shape = shapeOf(matrix);
  if (!isSingleCell(shape)) throw new FunctionArgumentError("#VALUE!", "notSingleValue", { param, actual: formatShape(shape) });
  return matrix[0][0];
}

/** Lays `values` (row by row) out in `shape`. */
export function reshape<T>(values: readonly T[], shape: Shape): T[][] {
  const out: T[][] = [];
  for (let r = 0; r < shape.rows; r++) out.push(values.slice(r * shape.columns, (r + 1) * shape.columns));
  return out;
}

/** Requires `other` (when given) to have exactly the shape of `base`. */
export function requireSameShape(other: unknown[][], otherParam: string, base: Shape, baseParam: string): void {
  const shape = shapeOf(other);
  if (!sameShape(shape, base)) {
    throw new QuotaError("#VALUE!", "shapeMismatch", {
      param: otherParam,
      other: baseParam,
      expected: formatShape(base),
      actual: formatShape(shape),
    });
  }
}

export interface ElementArgument {
  value: unknown;
  param: string;
  /** Where Excel says the argument lives (invocation.parameterAddresses), if it said. */
  address?: unknown;
}

/**
 * Applies `fn` cell by cell, Excel-style: single values (and 1×1 ranges) broadcast, every
 * other range must have one common shape (else #VALUE! for the whole call). A bad cell gives
 * its own error in its place, as =A1:A3/B1:B3 does; the rest of the result still shows.
 */
export function elementwise(args: readonly ElementArgument[], locale: Locale, fn: (values: number[]) => number): unknown[][] {
  const matrices = args.map((a) => asMatrix(a.value, a.param));
  const shapes = matrices.map(shapeOf);
  shapes.forEach((shape, i) => {
    if (shape.rows === 0 || shape.columns === 0) throw new QuotaError("#N/A", "empty", { param: args[i].param });
  });
  const ranged = shapes.filter((s) => !isSingleCell(s));
  const shape = ranged.length > 0 ? ranged[0] : { rows: 1, columns: 1 };
  if (ranged.some((s) => !sameShape(s, shape))) {
    const list = args.map((a, i) => `${a.param} ${formatShape(shapes[i])}`).join(", ");
    throw new FunctionArgumentError("#VALUE!", "broadcastMismatch", { shapes: list });
  }
  const ranges = args.map((a) => parseRangeAddress(a.address));
  const out: unknown[][] = [];
  for (let r = 0; r < shape.rows; r++) {
    const row: unknown[] = [];
    for (let c = 0; c < shape.columns; c++) {
      try {
        const values = matrices.map((m, i) => {
          const [cr, cc] = isSingleCell(shapes[i]) ? [0, 0] : [r, c]; // a single value broadcasts
          const value = m[cr][cc];
          if (typeof value === "number" && Number.isFinite(value)) return value;
          return cellNumber(value, cellLabel(args[i].param, shapes[i], cr, cc, locale, ranges[i]), locale);
        });
        row.push(checkFinite(fn(values)));
      } catch (error) {
        row.push(toExcelError(error, locale));
      }
    }
    out.push(row);
  }
  return out;
}
