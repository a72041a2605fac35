/**
 * Pure helpers for freezing formulas in Excel (ExcelWorkbook.freezeFormulas): what a calculated
 * value is written back as, and how cell loads and writes are packed into requests under the
 * payload budget. No Office.js here.
 */
import { isMissingResult } from "./freeze";
import { EXCEL_ERROR_STRINGS, jsonBytes, OP_OVERHEAD_BYTES } from "./excelBlocks";

/** A formula cell found by the scan (1-based row and column). */
export interface FormulaHit {
  sheet: number;
  row: number;
  column: number;
  /** As `Range.formulas` shows it. */
  formula: string;
}

/** Whether a value loaded through `Range.values` is a real result (not #BUSY!, #NAME?...). */
export function isCalculated(value: unknown): boolean {
  return !(typeof value === "string" && EXCEL_ERROR_STRINGS.has(value) && isMissingResult(value));
}

/**
 * A calculated value as `Range.values` must take it to leave exactly that value: text behind an
 * apostrophe (so "=x", "+46", "007" or "TRUE" stay text), an error as its text (Excel turns a
 * typed #N/A into the error), numbers and booleans as they are, "" for an empty result.
 */
export function frozenInput(value: unknown): string | number | boolean {
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (value === null || value === undefined || value === "") return "";
  const text = String(value);
  return EXCEL_ERROR_STRINGS.has(text) ? text : `'${text}`;
}

/** Consecutive items packed into groups whose estimated bytes stay under the budget (at least one each). */
export function packByBytes<T>(items: readonly T[], bytesOf: (item: T) => number, budgetBytes: number, maxItems = Number.POSITIVE_INFINITY): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = OP_OVERHEAD_BYTES;
  for (const item of items) {
    const b = bytesOf(item);
    if (current.length > 0 && (bytes + b > budgetBytes || current.length >= maxItems)) {
      groups.push(current);
      current = [];
      bytes = OP_OVERHEAD_BYTES;
    }
    current.push(item);
    bytes += b;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** A write of frozen values: a rectangle (0-based offsets) and its inputs. */
export interface FreezeWrite {
  sheet: number;
  row: number;
  column: number;
  values: (string | number | boolean)[][];
}

/** Request bytes of one write: the values as JSON plus the action's envelope. */
export function writeBytes(w: FreezeWrite): number {
  return jsonBytes(w.values) + OP_OVERHEAD_BYTES * 2;
}

/**
 * A write split into row pieces that each fit the budget (a spilled result can be larger than
 * one request). The piece holding the anchor goes first: once the anchor holds a value, the
 * spill is gone and the other pieces fill its cells.
 */
export function splitWrite(w: FreezeWrite, budgetBytes: number): FreezeWrite[] {
  if (writeBytes(w) <= budgetBytes || w.values.length <= 1) return [w];
  const pieces: FreezeWrite[] = [];
  let start = 0;
  let bytes = OP_OVERHEAD_BYTES * 2;
  for (let i = 0; i < w.values.length; i++) {
    const rowBytes = jsonBytes(w.values[i]) + 1;
    if (i > start && bytes + rowBytes > budgetBytes) {
      pieces.push({ ...w, row: w.row + start, values: w.values.slice(start, i) });
      start = i;
      bytes = OP_OVERHEAD_BYTES * 2;
    }
    bytes += rowBytes;
  }
  pieces.push({ ...w, row: w.row + start, values: w.values.slice(start) });
  return pieces;
}
