/**
 * The .xlsx adapter for workbooks held in memory: the task pane outside Office (ExcelJS's
 * browser build) and tests. Moderate workbooks are read with ExcelJS (`workbook.xlsx.load`);
 * big ones, and files ExcelJS cannot load, stream each sheet from the package (ooxml-read.ts,
 * also pure JavaScript). Writes go through the zip-level writer, so the output is the workbook
 * unchanged plus the add-in's sheet (ExcelJS round trips would drop pivot tables, charts,
 * slicers and some styles). No Node modules here: this file is bundled for the browser.
 *
 * Dates are read as Date objects whose UTC fields are the day and time Excel shows.
 */
import ExcelJS from "exceljs";
import { decodeXstring, OoxmlPackage, type SheetEntry } from "./ooxml";
import { DEFAULT_LIMITS, type ReadLimits } from "./file-errors";
import { checkWholePackage, loadReadContext, readSheetRows, streamedUsedRange, type ReadContext } from "./ooxml-read";
import { PackageWorkbook, PROGRESS_STEP, yieldToEventLoop } from "./ooxml-port";
import type { CellValue, ProgressListener, RangeRef } from "./port";

const DAY_MS = 86_400_000;
/** ExcelJS maps serials below 60 (before 1900-02-28) one day early; Excel counts a 1900-02-29. */
const FIRST_EXACT_1900_DATE = Date.UTC(1900, 1, 28);

/** An ExcelJS cell value as a CellValue: formulas as their cached result, rich text as text. */
export function fromExcelJsValue(value: unknown, date1904: boolean): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string") return decodeXstring(value);
  if (typeof value === "boolean") return value;
  if (value instanceof Date) {
    const t = value.getTime();
    if (!Number.isFinite(t)) return null;
    return !date1904 && t < FIRST_EXACT_1900_DATE ? new Date(t + DAY_MS) : value;
  }
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (typeof v.error === "string") return { error: v.error };
    if ("formula" in v || "sharedFormula" in v) return fromExcelJsValue(v.result, date1904);
    if (Array.isArray(v.richText)) return decodeXstring(v.richText.map((run: { text?: unknown }) => String(run.text ?? "")).join(""));
    if ("text" in v) return fromExcelJsValue(v.text, date1904);
  }
  return null;
}

/**
 * Above this much worksheet XML, ExcelJS's in-memory model would take gigabytes (about 15 times
 * the XML); such workbooks are read by streaming each sheet from the package instead.
 */
export const EXCELJS_MAX_SHEET_XML = 16 * 1024 * 1024;

export interface XlsxOpenOptions {
  /** "auto" (default): ExcelJS for moderate workbooks, streaming for big ones. */
  reader?: "auto" | "exceljs" | "stream";
  /** What reads may inflate and hold (DEFAULT_LIMITS); tests set smaller ones. */
  limits?: ReadLimits;
}

export class XlsxWorkbook extends PackageWorkbook {
  private saxContext: Promise<ReadContext> | null = null;

  private constructor(
    pkg: OoxmlPackage,
    /** Null for big workbooks or when ExcelJS could not load the file: reads stream from the package. */
    private readonly excel: ExcelJS.Workbook | null,
  ) {
    super(pkg);
  }

  static async fromBuffer(data: ArrayBuffer | Uint8Array, options: XlsxOpenOptions = {}): Promise<XlsxWorkbook> {
    const pkg = await OoxmlPackage.load(data, options.limits ?? DEFAULT_LIMITS);
    const reader = options.reader ?? "auto";
    const sheetXml = pkg.sheets.reduce((sum, s) => sum + (s.part ? (pkg.uncompressedSize(s.part) ?? 0) : 0), 0);
    if (reader === "stream" || (reader === "auto" && sheetXml > EXCELJS_MAX_SHEET_XML)) return new XlsxWorkbook(pkg, null);
    // ExcelJS inflates and parses everything at once and takes what the file format does not
    // allow: the package is first read as the streaming reader reads it, so a damaged or
    // hostile file gets the same one-line answer here as from the `quota` command.
    await checkWholePackage(pkg);
    let excel: ExcelJS.Workbook | null = new ExcelJS.Workbook();
    try {
      await excel.xlsx.load(data as unknown as ArrayBuffer);
    } catch {
      // ExcelJS rejects some valid files (features it does not model, namespace prefixes);
      // the streaming reader reads every worksheet part itself.
      excel = null;
    }
    return new XlsxWorkbook(pkg, excel);
  }

  /** A new, empty workbook (apply a plan before toBuffer()). */
  static async create(): Promise<XlsxWorkbook> {
    return new XlsxWorkbook(await OoxmlPackage.create(), new ExcelJS.Workbook());
  }

  private worksheet(sheet: SheetEntry): ExcelJS.Worksheet | null {
    return this.excel?.worksheets.find((w) => w.name === sheet.name) ?? null;
  }

  private context(): Promise<ReadContext> {
    this.saxContext ??= loadReadContext(this.pkg);
    return this.saxContext;
  }

  private cellValue(cell: ExcelJS.Cell | undefined): CellValue {
    if (!cell || cell.type === ExcelJS.ValueType.Merge) return null;
    // cell.value drops a falsy cached result (0, FALSE) of a formula; cell.result keeps it.
    if (cell.type === ExcelJS.ValueType.Formula) return fromExcelJsValue(cell.result as unknown, this.pkg.date1904);
    return fromExcelJsValue(cell.value, this.pkg.date1904);
  }

  protected async sourceUsedRange(sheet: SheetEntry): Promise<RangeRef | null> {
    const ws = this.worksheet(sheet);
    // A worksheet ExcelJS did not load is read from the package directly.
    if (!ws) return sheet.part ? streamedUsedRange(this.pkg, sheet.part, () => this.context(), sheet.name) : null;
    let firstRow = Infinity;
    let lastRow = 0;
    let firstColumn = Infinity;
    let lastColumn = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (this.cellValue(cell) === null) return;
        firstRow = Math.min(firstRow, r);
        lastRow = Math.max(lastRow, r);
        firstColumn = Math.min(firstColumn, c);
        lastColumn = Math.max(lastColumn, c);
      });
    });
    return lastRow === 0 ? null : { sheet: sheet.name, firstRow, firstColumn, lastRow, lastColumn };
  }

  protected async readSource(sheet: SheetEntry, firstRow: number, lastRow: number, columns: number[], total: number, onProgress?: ProgressListener): Promise<CellValue[][]> {
    const ws = this.worksheet(sheet);
    if (!ws) {
      if (!sheet.part) return [];
      return readSheetRows(this.pkg, sheet.part, await this.context(), firstRow, lastRow, columns, total, onProgress);
    }
    const rows: CellValue[][] = [];
    for (let r = firstRow; r <= lastRow; r++) {
      const row = ws.findRow(r);
      rows.push(columns.map((c) => (row ? this.cellValue(row.findCell(c)) : null)));
      const done = r - firstRow + 1;
      if (done % PROGRESS_STEP === 0 && done < total) {
        onProgress?.(done, total);
        await yieldToEventLoop();
      }
    }
    return rows;
  }
}
