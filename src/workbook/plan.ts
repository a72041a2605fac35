/**
 * The declarative write plan: pure data saying which sheet, which cells, which formats.
 * Built by pure code (src/sheet + src/quota results), applied by an adapter. Nothing here
 * touches a workbook.
 */
import { Catalog, LocalizedError } from "../i18n";
import type { RangeRef } from "./port";

/** The name the add-in gives its output sheet unless the user picks another. */
export const DEFAULT_OUTPUT_SHEET = "Quotas";

/**
 * How an adapter recognises a sheet it wrote: a sheet-scoped defined name (Excel: a hidden
 * worksheet name; .xlsx: a definedName with localSheetId) with this name. Users do not create
 * names like this by accident, and it survives save/reopen in Excel and in files.
 */
export const OWNER_MARKER_NAME = "SalesQuota_Output";

/** A formula with the value it evaluates to (written as cached result in files). */
export interface FormulaCell {
  formula: string;
  value: number | string;
}

/**
 * A value to write. Strings are always written as text, even when they start with
 * =, +, - or @ (adapters escape them); only FormulaCell writes a formula.
 */
export type PlanValue = string | number | boolean | Date | null | FormulaCell;

export interface CellBlock {
  /** Top-left cell, 1-based. */
  row: number;
  column: number;
  values: PlanValue[][];
  /** One Excel number format per column of the block (null = General). */
  columnFormats?: (string | null)[];
  bold?: boolean;
  italic?: boolean;
}

export type TotalsCell = { label: string } | { function: "sum"; value: number } | null;

export interface PlanTableColumn {
  name: string;
  totals?: TotalsCell;
}

export interface PlanTable {
  name: string;
  /** Header row through the last data row (the totals row, if any, is the row after). */
  range: RangeRef;
  columns: PlanTableColumn[];
  showTotals: boolean;
  /** e.g. "TableStyleMedium2" */
  style: string;
}

export interface PlanChart {
  name: string;
  title: string;
  /** Category labels (rep names), one column. */
  categories: RangeRef;
  series: { name: string; values: RangeRef }[];
  /** Where the chart sits: its top-left and bottom-right cells. */
  anchor: RangeRef;
}

export interface WritePlan {
  sheet: string;
  blocks: CellBlock[];
  tables: PlanTable[];
  charts: PlanChart[];
  /** Column widths in characters, by 1-based column number. */
  columnWidths: { column: number; width: number }[];
  /** Rows frozen at the top (0 = none). */
  freezeRows: number;
  /** The range to show the user after writing (the table). */
  result: RangeRef;
  /**
   * "veryHidden" keeps a sheet out of Excel's Unhide list (the add-in's stored plan); the
   * default is a visible sheet.
   */
  visibility?: "visible" | "veryHidden";
  /** Cell colours that follow the values (attainment bands); absent = none. */
  conditionalFormats?: ConditionalFormat[];
  /** How the sheet prints; absent = the workbook's defaults. */
  pageSetup?: PageSetup;
}

/**
 * A rule that fills cells whose number meets a comparison: Excel's "Highlight cells" rules.
 * Colours are RGB hex without '#', e.g. "C6EFCE" (Excel's green fill).
 */
export interface ConditionalFormat {
  range: RangeRef;
  rules: { operator: "lessThan" | "between" | "greaterThanOrEqual"; values: number[]; fill: string; font: string }[];
}

/** Print settings of the output sheet. */
export interface PageSetup {
  orientation: "portrait" | "landscape";
  /** Scale to fit this many pages wide (null = print at 100 %). */
  fitToWidth: number | null;
  /** Pages tall when fitting (0 = as many as needed); used only with fitToWidth. */
  fitToHeight: number;
  /** Rows printed at the top of every page (1-based, inclusive), e.g. the header row. */
  printTitleRows: { first: number; last: number } | null;
  /** Paper; absent = the printer's default. */
  paperSize?: "A4" | "letter";
  /** What prints; absent = the used range. */
  printArea?: RangeRef;
  /** A manual page break below each of these rows (1-based). */
  rowBreaks?: number[];
}

export const workbookMessages: Catalog = {
  outputSheetTaken: {
    en: "The workbook already has a sheet named \"{sheet}\" that this add-in did not create. It was left untouched; choose another output sheet name.",
    sv: "Arbetsboken har redan ett blad som heter \"{sheet}\" och som tillägget inte skapade. Det lämnades orört; välj ett annat namn på utdatabladet.",
  },
  sheetMissing: {
    en: "There is no sheet named \"{sheet}\" in the workbook.",
    sv: "Det finns inget blad som heter \"{sheet}\" i arbetsboken.",
  },
  invalidSheetName: {
    en: "\"{sheet}\" cannot be used as a sheet name (1–31 characters, none of : \\ / ? * [ ]).",
    sv: "\"{sheet}\" kan inte användas som bladnamn (1–31 tecken, inga av : \\ / ? * [ ]).",
  },
};

/** Thrown by WorkbookPort.apply when the output sheet exists and is not the add-in's. */
export class OutputSheetTakenError extends LocalizedError {
  constructor(readonly sheet: string) {
    super(workbookMessages, "outputSheetTaken", { sheet });
    this.name = "OutputSheetTakenError";
  }
}

/** Excel's rules for sheet names. */
export function isValidSheetName(name: string): boolean {
  return name.length >= 1 && name.length <= 31 && !/[:\\/?*[\]]/.test(name) && !/^'|'$/.test(name) && name.toLowerCase() !== "history";
}

/** Text that Excel would take as a formula if typed or written through `values`. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@]/.test(text);
}

/** "A1"-style address for a 1-based row and column. */
export function columnLetter(column: number): string {
  let s = "";
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

export function rangeAddress(r: RangeRef): string {
  const a = cellAddress(r.firstRow, r.firstColumn);
  const b = cellAddress(r.lastRow, r.lastColumn);
  return a === b ? a : `${a}:${b}`;
}

/** 'Sheet name'!A1:B2 — quoted when the name needs it, as Excel writes references. */
export function qualifiedAddress(r: RangeRef): string {
  const needsQuotes = !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(r.sheet);
  const sheet = needsQuotes ? `'${r.sheet.replace(/'/g, "''")}'` : r.sheet;
  return `${sheet}!${rangeAddress(r)}`;
}
