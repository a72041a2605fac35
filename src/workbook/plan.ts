/**
 * The declarative write plan: pure data saying which sheet, which cells, which formats.
 * Built by pure code (src/sheet + src/quota results), applied by an adapter. Nothing here
 * touches a workbook.
 */
import { Catalog, Locale, LocalizedError } from "../i18n";
import type { RangeRef, SheetOwnership } from "./port";

/** The name the add-in gives its output sheet unless the user picks another, by language. */
export const OUTPUT_SHEET_NAMES: Readonly<Record<Locale, string>> = Object.freeze({ en: "Quotas", sv: "Kvoter" });

/** The English default (kept for callers without a language). */
export const DEFAULT_OUTPUT_SHEET = OUTPUT_SHEET_NAMES.en;

/** The output sheet's default name in the user's language: "Quotas", "Kvoter". */
export function defaultOutputSheet(locale: Locale): string {
  return OUTPUT_SHEET_NAMES[locale] ?? OUTPUT_SHEET_NAMES.en;
}

/**
 * The default output sheet of a run when the user named none. Ownership is the owner marker
 * (a defined name), never the sheet's name, so the add-in's sheet is recognised under either
 * language's name: a rerun in the other language replaces the add-in's own sheet where it is
 * (keeping its name) instead of adding a second one. A user's sheet that merely has the name
 * is never chosen for replacement: the locale's name is returned, and writing it is refused.
 */
export async function chooseOutputSheet(locale: Locale, ownership: (sheet: string) => Promise<SheetOwnership>): Promise<string> {
  return chooseOwnSheet(OUTPUT_SHEET_NAMES, locale, ownership);
}

/**
 * The same rule for any of the add-in's sheets named per language (the letters, the
 * Attainment sheet): the add-in's own sheet under the other language's name is replaced where
 * it is, so a Swedish rerun does not leave a stale English copy beside a new Swedish one.
 */
export async function chooseOwnSheet(names: Record<Locale, string>, locale: Locale, ownership: (sheet: string) => Promise<SheetOwnership>): Promise<string> {
  const own = names[locale] ?? names.en;
  if ((await ownership(own)) === "ours") return own;
  for (const name of Object.values(names)) {
    if (name !== own && (await ownership(name)) === "ours") return name;
  }
  return own;
}

/**
 * The result file's name: "sales.xlsx" → "sales-quotas.xlsx" ("sales-kvoter.xlsx" in Swedish);
 * a macro-enabled "sales.xlsm" stays .xlsm.
 */
export function outputFileName(input: string | null, locale: Locale): string {
  return derivedFileName(input, defaultOutputSheet(locale).toLowerCase(), locale);
}

const FILE_SUFFIXES = {
  review: { en: "review", sv: "uppföljning" },
  shared: { en: "shared", sv: "delad" },
} as const;

/**
 * The name of a copy made from `input`: "sales.xlsx" → "sales-review.xlsx" ("sales-uppföljning.xlsx"
 * in Swedish). A macro workbook stays .xlsm: Excel refuses a macro workbook named .xlsx.
 */
export function derivedFileName(input: string | null, suffix: keyof typeof FILE_SUFFIXES | (string & {}), locale: Locale): string {
  const name = (input ?? "").replace(/^.*[\\/]/, "");
  const macro = /\.xlsm$/i.test(name);
  const stem = name.replace(/\.(xls[xm]|csv|tsv|txt)$/i, "") || (locale === "sv" ? "arbetsbok" : "workbook");
  const word = suffix in FILE_SUFFIXES ? FILE_SUFFIXES[suffix as keyof typeof FILE_SUFFIXES][locale] : suffix;
  return `${stem}-${word}.${macro ? "xlsm" : "xlsx"}`;
}

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
