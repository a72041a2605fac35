/**
 * Pure helpers for the Excel adapter (excel.ts): payload estimates, row-block planning, and the
 * conversion between our cell model and what Office.js sends and returns. No Office.js here, so
 * every rule can be unit-tested without a host.
 *
 * Excel on the web rejects a request or a response larger than 5 MB
 * (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded) and a read of more than
 * 5 million cells, so big ranges travel in row blocks sized from the payload they carry.
 */
import { EXCEL_ERROR_VALUES, type CellValue } from "./port";
import type { CellBlock, FormulaCell, PlanValue } from "./plan";

/** Excel on the web's hard limits. */
export const EXCEL_PAYLOAD_LIMIT_BYTES = 5_000_000;
export const EXCEL_READ_CELL_LIMIT = 5_000_000;

/**
 * What one request may carry by our own estimate: a fifth below the limit, because the host's
 * envelope (object paths, ids, member names) is only approximated by OP_OVERHEAD_BYTES.
 */
export const DEFAULT_REQUEST_BUDGET_BYTES = 4_000_000;
/** Cells in the first block of a read, the sample that sizes the blocks after it. */
export const DEFAULT_SAMPLE_CELLS = 20_000;
/** Rough JSON envelope of one queued action (load, property set, method call). */
export const OP_OVERHEAD_BYTES = 200;
/** Headroom over the largest bytes-per-row seen so far when sizing the next read block. */
export const READ_SAFETY_FACTOR = 1.25;

/** Bytes of a string once UTF-8 encoded (what travels), without allocating a buffer. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2; // a surrogate pair: 2 UTF-16 units, 4 UTF-8 bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** Payload bytes of a value as JSON, the form Office.js sends values in. */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value);
  return json === undefined ? 0 : utf8Length(json);
}

/**
 * The error values Excel returns through `Range.values`, as strings. A text cell holding exactly
 * one of these is read as that error too: `valueTypes` would tell them apart, but loading it
 * doubles the response of every block for a case that real sales data does not have, and an
 * error cell is reported to the user either way (the parser rejects both with the cell named).
 */
export const EXCEL_ERROR_STRINGS: ReadonlySet<string> = EXCEL_ERROR_VALUES;

/**
 * One cell from `Range.values` in our model: "" (empty) → null, error strings → CellError.
 * Dates stay serial numbers; src/sheet reads serials.
 */
export function fromExcelValue(value: unknown): CellValue {
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return EXCEL_ERROR_STRINGS.has(value) ? { error: value } : value;
  return String(value);
}

const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/**
 * Excel serial (1900 date system) of a Date, from its UTC fields — the same reading ExcelJS
 * gives a Date, so both adapters put the same number in the cell.
 */
export function dateToSerial(date: Date): number {
  return (date.getTime() - EXCEL_EPOCH_UTC) / MS_PER_DAY;
}

/** Excel's built-in short date (shown in the user's locale), and with time. */
export const DEFAULT_DATE_FORMAT = "m/d/yyyy";
export const DEFAULT_DATE_TIME_FORMAT = "m/d/yyyy h:mm";

export function isFormulaCell(value: PlanValue): value is FormulaCell {
  return typeof value === "object" && value !== null && !(value instanceof Date) && "formula" in value;
}

/** A value as `Range.values` takes it; null leaves the cell as it is (formula cells). */
export type ExcelInput = string | number | boolean | null;

export class UnwritableValueError extends Error {
  constructor(readonly address: string, readonly value: unknown) {
    super(`Cannot write ${String(value)} to ${address}: not a finite number.`);
    this.name = "UnwritableValueError";
  }
}

/**
 * A plan value as it must be sent through `Range.values`.
 *
 * Text: `Range.values` takes a string the way a user's typing is taken — the reference states
 * that a value starting with "=", "+" or "-" is interpreted as a formula, and strings shaped like
 * numbers, dates, percentages or booleans are converted (locale-dependent). Excel's rule for
 * typed input is that a leading apostrophe makes the entry text; the apostrophe is a prefix
 * marker, not part of the value (`values` reads the text back without it). So every non-empty
 * string is sent as "'" + text: one byte per cell, no extra request, and "=SUM(A1)", "+46 70…",
 * "-", "@home", "007" or "2024-01" all stay exactly the text the plan holds.
 * The alternative, numberFormat "@" on those cells before writing, needs a separate formatting
 * action per scattered cell ahead of the values, and leaves the cells as Text-formatted so later
 * edits there are never calculated.
 */
export function toExcelInput(value: PlanValue, address: () => string): ExcelInput {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value === "" ? "" : `'${value}`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new UnwritableValueError(address(), value);
    return value;
  }
  if (typeof value === "boolean") return value;
  if (value instanceof Date) {
    const serial = dateToSerial(value);
    if (!Number.isFinite(serial)) throw new UnwritableValueError(address(), value);
    return serial;
  }
  return null; // FormulaCell: written through Range.formulas
}

/** "=..." for a FormulaCell's formula, tolerating a missing "=". */
export function formulaText(cell: FormulaCell): string {
  return cell.formula.startsWith("=") ? cell.formula : `=${cell.formula}`;
}

/** Consecutive rows of one column that get the same thing (a format, or formulas). */
export interface ColumnRun<T> {
  /** Offset in the block, 0-based. */
  column: number;
  firstRow: number;
  items: T[];
}

/** A CellBlock converted for Office.js, with the bytes each row adds to a request. */
export interface EncodedBlock {
  source: CellBlock;
  row: number;
  column: number;
  width: number;
  values: ExcelInput[][];
  /** Formula per cell or null. */
  formulas: (string | null)[][];
  /** Number format per cell or null (General / untouched). */
  formats: (string | null)[][];
  rowBytes: number[];
}

/**
 * Converts a block; `addressOf` names a cell in messages (1-based row/column). Cells for which
 * `skip` says true get no value or formula (their format still applies): a table's totals row,
 * which Excel only has once the table exists and which TotalsCell describes.
 */
export function encodeBlock(
  block: CellBlock,
  addressOf: (row: number, column: number) => string,
  skip: (row: number, column: number) => boolean = () => false,
): EncodedBlock {
  const width = block.values.reduce((w, r) => Math.max(w, r.length), 0);
  const values: ExcelInput[][] = [];
  const formulas: (string | null)[][] = [];
  const formats: (string | null)[][] = [];
  const rowBytes: number[] = [];
  for (let i = 0; i < block.values.length; i++) {
    const source = block.values[i];
    const vRow: ExcelInput[] = new Array(width);
    const fRow: (string | null)[] = new Array(width);
    const nRow: (string | null)[] = new Array(width);
    let extra = 0;
    for (let j = 0; j < width; j++) {
      const v = j < source.length ? source[j] : null;
      const input = toExcelInput(v, () => addressOf(block.row + i, block.column + j));
      const skipped = skip(block.row + i, block.column + j);
      vRow[j] = skipped ? null : input;
      const formula = isFormulaCell(v) && !skipped ? formulaText(v) : null;
      fRow[j] = formula;
      const columnFormat = block.columnFormats?.[j] ?? null;
      let format = columnFormat;
      if (format === null && v instanceof Date) {
        format = v.getTime() % MS_PER_DAY === 0 ? DEFAULT_DATE_FORMAT : DEFAULT_DATE_TIME_FORMAT;
      }
      nRow[j] = format;
      // A formula or a format that starts a new run costs its own action.
      if (formula !== null) extra += jsonBytes(formula) + 4 + (i === 0 || formulas[i - 1][j] === null ? OP_OVERHEAD_BYTES : 0);
      if (format !== null) extra += jsonBytes(format) + 4 + (i === 0 || formats[i - 1][j] !== format ? OP_OVERHEAD_BYTES : 0);
    }
    values.push(vRow);
    formulas.push(fRow);
    formats.push(nRow);
    rowBytes.push(jsonBytes(vRow) + 1 + extra);
  }
  return { source: block, row: block.row, column: block.column, width, values, formulas, formats, rowBytes };
}

/** Runs of consecutive non-null entries of one column between rows [from, to). */
export function runsOf<T>(grid: (T | null)[][], from: number, to: number, sameRun: (a: T, b: T) => boolean): ColumnRun<T>[] {
  const runs: ColumnRun<T>[] = [];
  if (from >= to) return runs;
  const width = grid[from].length;
  for (let j = 0; j < width; j++) {
    let current: ColumnRun<T> | null = null;
    for (let i = from; i < to; i++) {
      const item = grid[i][j];
      if (item === null) {
        current = null;
        continue;
      }
      if (current && sameRun(current.items[current.items.length - 1], item)) current.items.push(item);
      else {
        current = { column: j, firstRow: i, items: [item] };
        runs.push(current);
      }
    }
  }
  return runs;
}

/** A slice of one encoded block: rows [firstRow, firstRow + rowCount) of blocks[block]. */
export interface WritePiece {
  block: number;
  firstRow: number;
  rowCount: number;
}

export interface WritePosition {
  block: number;
  row: number;
}

/** Fixed actions a piece queues besides its per-cell payload: values, font, and slack. */
function pieceOverhead(block: EncodedBlock): number {
  return OP_OVERHEAD_BYTES * 3 + 2 * OP_OVERHEAD_BYTES * Math.min(block.width, 64);
}

/**
 * The pieces of the next write request from `start`: whole rows, in plan order, packed until
 * the next row would pass `budgetBytes` or `maxCells`. Always takes at least one row, so the
 * write advances even when a single row is larger than the budget.
 */
export function nextWriteRequest(
  blocks: EncodedBlock[],
  start: WritePosition,
  budgetBytes: number,
  maxCells: number,
  maxRows = Number.POSITIVE_INFINITY,
): { pieces: WritePiece[]; end: WritePosition; rows: number } {
  const pieces: WritePiece[] = [];
  let bytes = OP_OVERHEAD_BYTES; // the calculation suspension
  let cells = 0;
  let rows = 0;
  let b = start.block;
  let r = start.row;
  while (b < blocks.length) {
    const block = blocks[b];
    if (r >= block.values.length) {
      b++;
      r = 0;
      continue;
    }
    let piece: WritePiece | null = null;
    while (r < block.values.length) {
      const rowCost = block.rowBytes[r] + (piece ? 0 : pieceOverhead(block));
      const rowCells = Math.max(1, block.width);
      const full = bytes + rowCost > budgetBytes || cells + rowCells > maxCells || rows + 1 > maxRows;
      if (full && rows > 0) return { pieces: piece ? [...pieces, piece] : pieces, end: { block: b, row: r }, rows };
      if (!piece) piece = { block: b, firstRow: r, rowCount: 0 };
      piece.rowCount++;
      bytes += rowCost;
      cells += rowCells;
      rows++;
      r++;
    }
    if (piece) pieces.push(piece);
    b++;
    r = 0;
  }
  return { pieces, end: { block: b, row: 0 }, rows };
}

/** Consecutive ascending columns read as one range: columns[offset .. offset+count). */
export interface ReadRun {
  /** First absolute column, 1-based. */
  first: number;
  count: number;
  /** Index in the requested column list of this run's first column. */
  offset: number;
}

export function columnRuns(columns: readonly number[]): ReadRun[] {
  const runs: ReadRun[] = [];
  columns.forEach((column, index) => {
    const last = runs[runs.length - 1];
    if (last && column === last.first + last.count && index === last.offset + last.count) last.count++;
    else runs.push({ first: column, count: 1, offset: index });
  });
  return runs;
}

/**
 * Rows for the next read block: as many as fit `budgetBytes` at `bytesPerRow` (with headroom)
 * and `maxCells`, at least 1.
 */
export function readBlockRows(
  bytesPerRow: number,
  columnCount: number,
  rangeCount: number,
  budgetBytes: number,
  maxCells: number,
): number {
  const byCells = Math.floor(maxCells / Math.max(1, columnCount));
  const available = budgetBytes - rangeCount * OP_OVERHEAD_BYTES;
  const byBytes = bytesPerRow > 0 ? Math.floor(available / (bytesPerRow * READ_SAFETY_FACTOR)) : byCells;
  return Math.max(1, Math.min(byCells, byBytes));
}

/**
 * Bytes per cell assumed for the sample block, before anything is known: generous for numbers,
 * dates and the short texts of sales data, so the sample itself stays inside the budget.
 */
export const SAMPLE_CELL_BYTES = 100;

/** Rows of the first (sample) block of a read. */
export function sampleBlockRows(columnCount: number, sampleCells: number, budgetBytes: number): number {
  const columns = Math.max(1, columnCount);
  return Math.max(1, Math.min(Math.floor(sampleCells / columns), Math.floor(budgetBytes / (columns * SAMPLE_CELL_BYTES))));
}

/** True for the errors a host raises when one request or response carries too much. */
export function isPayloadLimitError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}

/**
 * Column width in characters of the default font (as Excel's UI shows it) → points, which is
 * what `RangeFormat.columnWidth` takes. Excel pads a column by 5 px around n digit widths of
 * 7 px (Calibri 11 at 96 dpi): 8.43 characters = 64 px = 48 pt, the default width.
 */
export function characterWidthToPoints(characters: number): number {
  const clamped = Math.min(255, Math.max(0, characters));
  const pixels = clamped === 0 ? 0 : Math.round(clamped * 7) + 5;
  return (pixels * 72) / 96;
}
