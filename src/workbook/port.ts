/**
 * The boundary between the product and a workbook. Two adapters implement it: excel.ts
 * (Office.js, the only code that calls Excel.run) and xlsx.ts (ExcelJS / the .xlsx package,
 * for the `quota` command and the task pane outside Office). Both run the same contract suite.
 *
 * Coordinates are 1-based (row 1 = Excel row 1, column 1 = column A), as users see them.
 */

/** An Excel error value such as #N/A or #REF!, as it stands in a cell. */
export interface CellError {
  error: string;
}

/** The error values Excel shows in cells (and returns as text through `Range.values`). */
export const EXCEL_ERROR_VALUES: ReadonlySet<string> = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#EXTERNAL!",
  "#PYTHON!",
]);

/**
 * What a cell read gives. Dates may arrive as Date (from .xlsx files) or as serial numbers
 * (from Excel's `values`); src/sheet parses both. Formulas arrive as their cached result.
 */
export type CellValue = string | number | boolean | Date | CellError | null;

/** A rectangle on one sheet; first/last are inclusive, 1-based. */
export interface RangeRef {
  sheet: string;
  firstRow: number;
  firstColumn: number;
  lastRow: number;
  lastColumn: number;
}

export interface SheetInfo {
  name: string;
  /** The used range, or null for an empty sheet. */
  used: RangeRef | null;
  visible: boolean;
}

export interface TableInfo {
  name: string;
  /** The table's range including its header row (and totals row, if any). */
  range: RangeRef;
  hasHeaderRow: boolean;
  hasTotalsRow: boolean;
}

/** done and total are counts of rows (or cells, for writes); total may be an estimate. */
export type ProgressListener = (done: number, total: number) => void;

export interface ReadOptions {
  /**
   * Read only these absolute column numbers (1-based), in this order. Default: every column
   * of the range. Reading only the mapped columns keeps million-row reads small.
   */
  columns?: number[];
  onProgress?: ProgressListener;
}

/**
 * The values of a range. rows[i][j] is the cell at row firstRow + i, column columns[j].
 * Adapters may leave out trailing rows that have no value in the read columns, so rows.length
 * can be smaller than the range (reads past the data do not return a million empty rows).
 */
export interface SheetSnapshot {
  sheet: string;
  firstRow: number;
  columns: number[];
  rows: CellValue[][];
}

/** Whether a sheet of that name exists and, if so, whether this add-in wrote it. */
export type SheetOwnership = "absent" | "ours" | "foreign";

export interface ApplyOptions {
  onProgress?: ProgressListener;
}

/** A cell (or, for a spilled formula, its range) on a sheet: "B2", "B2:B6". */
export interface SheetCellRef {
  sheet: string;
  address: string;
}

export interface FreezeOptions {
  /** Find and report only; change nothing. */
  dryRun?: boolean;
  /** Progress in sheets (files) or rows (Excel). */
  onProgress?: ProgressListener;
}

/** What freezeFormulas() did (or, on a dry run, would do). */
export interface FreezeReport {
  /** Formula cells replaced by their values. */
  count: number;
  /** Per sheet, in workbook order, sheets with frozen cells only. */
  sheets: { sheet: string; count: number }[];
  /** The first frozen cells (at most FREEZE_LIST_LIMIT), in workbook order. */
  cells: SheetCellRef[];
  /** Cells whose formula matched but that have no calculated value: left as they are. */
  uncalculated: SheetCellRef[];
  uncalculatedCount: number;
}

/** How many cells a FreezeReport lists (the counts are always complete). */
export const FREEZE_LIST_LIMIT = 200;

export interface WorkbookPort {
  readonly kind: "excel" | "xlsx";
  listSheets(): Promise<SheetInfo[]>;
  listTables(): Promise<TableInfo[]>;
  /** The user's current selection (Excel); null where there is none (files). */
  getSelection(): Promise<RangeRef | null>;
  read(range: RangeRef, options?: ReadOptions): Promise<SheetSnapshot>;
  ownership(sheet: string): Promise<SheetOwnership>;
  /**
   * Applies a write plan. Must refuse (OutputSheetTakenError) when plan.sheet exists and was
   * not written by the add-in; must never change any other sheet's cells.
   */
  apply(plan: import("./plan").WritePlan, options?: ApplyOptions): Promise<void>;
  /** Shows a range to the user (selects it in Excel; no-op for files). */
  reveal(range: RangeRef): Promise<void>;
  /**
   * Replaces every formula for which `match` says true (given the formula text as the host
   * shows it: "=SALES.X(…)" in Excel, "_xldudf_SALES_X(…)" in a file) by its calculated value,
   * a spilled result by its values; everything else stays. Cells without a calculated value
   * are reported and left as they are.
   */
  freezeFormulas(match: (formula: string) => boolean, options?: FreezeOptions): Promise<FreezeReport>;
}
