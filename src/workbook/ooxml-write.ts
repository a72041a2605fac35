/**
 * Applies a WritePlan to an .xlsx package at the zip level. The add-in's own parts (its
 * worksheet, table, drawing and chart parts and their relationships) are written from scratch;
 * the shared parts get minimal edits (workbook.xml: one <sheet> and the ownership marker;
 * workbook.xml.rels: one relationship; [Content_Types].xml: overrides for our parts; styles.xml:
 * number formats, a bold/italic font and cell formats appended after the existing ones). Every
 * other part is left as it was, byte for byte. No Node modules: runs in the browser too.
 */
import { LocalizedError } from "../i18n";
import {
  cellAddress,
  columnLetter,
  isValidSheetName,
  OutputSheetTakenError,
  OWNER_MARKER_NAME,
  workbookMessages,
  type ConditionalFormat,
  type CellBlock,
  type FormulaCell,
  type PageSetup,
  type PlanChart,
  type PlanValue,
  type WritePlan,
} from "./plan";
import type { CellValue, ProgressListener, RangeRef } from "./port";
import {
  applyEdits,
  CONTENT_TYPE,
  dateToSerial,
  dirName,
  encodeXstring,
  findElement,
  findElements,
  freeRelId,
  MINIMAL_STYLES_XML,
  namespacePrefix,
  NS,
  OoxmlPackage,
  parseRelationships,
  REL_TYPE,
  relationshipsXml,
  relativeTarget,
  relsPathOf,
  rootPrefix,
  rootTag,
  setAttribute,
  sheetKey,
  xmlAttr,
  xmlText,
  type SheetEntry,
} from "./ooxml";

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

// ---------------------------------------------------------------------------------------------
// The cells of the output sheet

export interface GridCell {
  value: Exclude<PlanValue, null>;
  format: string | null;
  bold: boolean;
  italic: boolean;
}

/** Blocks at least this tall are kept as the plan's own arrays instead of one object per cell. */
const DENSE_ROWS = 32;

/** A tall block of the plan (the quota table's rows), kept as it is: no object per cell. */
interface DenseBlock {
  row: number;
  column: number;
  values: PlanValue[][];
  formats: (string | null)[];
  bold: boolean;
  italic: boolean;
  /** The rectangle the block covers. */
  lastRow: number;
  lastColumn: number;
  /** Where its non-empty cells are (null: none). */
  used: { firstRow: number; lastRow: number; firstColumn: number; lastColumn: number } | null;
}

function checkCell(row: number, column: number): void {
  if (!Number.isInteger(row) || !Number.isInteger(column) || row < 1 || column < 1 || row > MAX_ROWS || column > MAX_COLUMNS) {
    throw new RangeError(`The write plan addresses a cell outside the sheet (row ${row}, column ${column}).`);
  }
}

/**
 * The output sheet's cells as written, kept so later reads see what was written. Tall blocks
 * (a quota table of a million reps) stay the plan's arrays; single cells set on top of them
 * (headers, totals) and small blocks are kept cell by cell and win over the blocks below.
 */
export class CellGrid {
  /** Cells set one by one, by row and column; null = emptied on top of a block. */
  private readonly cells = new Map<number, Map<number, GridCell | null>>();
  private readonly blocks: DenseBlock[] = [];

  set(row: number, column: number, cell: GridCell | null): void {
    checkCell(row, column);
    let r = this.cells.get(row);
    if (!cell && !this.blockAt(row, column)) {
      r?.delete(column);
      if (r && r.size === 0) this.cells.delete(row);
      return;
    }
    if (!r) this.cells.set(row, (r = new Map()));
    r.set(column, cell);
  }

  /** Keeps a tall block as it is; it wins over every cell set before it in its rectangle. */
  addBlock(block: CellBlock): void {
    const width = block.values.reduce((m, r) => Math.max(m, r.length), 0);
    if (block.values.length === 0 || width === 0) return;
    const lastRow = block.row + block.values.length - 1;
    const lastColumn = block.column + width - 1;
    checkCell(block.row, block.column);
    checkCell(lastRow, lastColumn);
    let used: DenseBlock["used"] = null;
    block.values.forEach((rowValues, i) => {
      rowValues.forEach((v, j) => {
        if (v === null || v === undefined) return;
        const r = block.row + i;
        const c = block.column + j;
        if (!used) used = { firstRow: r, lastRow: r, firstColumn: c, lastColumn: c };
        else {
          used.lastRow = r;
          if (c < used.firstColumn) used.firstColumn = c;
          if (c > used.lastColumn) used.lastColumn = c;
        }
      });
      // Cells set before in this row give way where the block has a value or a null.
      const cells = this.cells.get(block.row + i);
      if (cells) {
        for (let j = 0; j < rowValues.length; j++) cells.delete(block.column + j);
        if (cells.size === 0) this.cells.delete(block.row + i);
      }
    });
    this.blocks.push({ row: block.row, column: block.column, values: block.values, formats: block.columnFormats ?? [], bold: !!block.bold, italic: !!block.italic, lastRow, lastColumn, used });
  }

  /** The topmost block that sets this cell (a value or null), or null. */
  private blockAt(row: number, column: number): DenseBlock | null {
    for (let k = this.blocks.length - 1; k >= 0; k--) {
      const b = this.blocks[k];
      if (row < b.row || row > b.lastRow || column < b.column || column > b.lastColumn) continue;
      if (column - b.column < b.values[row - b.row].length) return b;
    }
    return null;
  }

  get(row: number, column: number): GridCell | undefined {
    const own = this.cells.get(row);
    if (own?.has(column)) return own.get(column) ?? undefined;
    const b = this.blockAt(row, column);
    if (!b) return undefined;
    const j = column - b.column;
    const v = b.values[row - b.row][j];
    return v === null || v === undefined ? undefined : { value: v, format: b.formats[j] ?? null, bold: b.bold, italic: b.italic };
  }

  /** What a read of the cell gives: formulas as their value. */
  value(row: number, column: number): CellValue {
    const v = this.get(row, column)?.value;
    if (v === undefined) return null;
    if (v instanceof Date) return new Date(v.getTime());
    return isFormulaCell(v) ? v.value : v;
  }

  /** The row's cells, by column. */
  rowCells(row: number): [number, GridCell][] {
    const own = this.cells.get(row);
    if (!own) {
      // The common case of a tall block's row: read it straight from the block.
      let only: DenseBlock | null = null;
      let count = 0;
      for (const b of this.blocks) {
        if (row < b.row || row > b.lastRow) continue;
        only = b;
        count++;
      }
      if (count === 0) return [];
      if (count === 1 && only) {
        const out: [number, GridCell][] = [];
        const rv = only.values[row - only.row];
        for (let j = 0; j < rv.length; j++) {
          const v = rv[j];
          if (v !== null && v !== undefined) out.push([only.column + j, { value: v, format: only.formats[j] ?? null, bold: only.bold, italic: only.italic }]);
        }
        return out;
      }
    }
    const columns = new Set<number>();
    if (own) for (const c of own.keys()) columns.add(c);
    for (const b of this.blocks) {
      if (row < b.row || row > b.lastRow) continue;
      const rv = b.values[row - b.row];
      for (let j = 0; j < rv.length; j++) if (rv[j] !== null && rv[j] !== undefined) columns.add(b.column + j);
    }
    const out: [number, GridCell][] = [];
    for (const c of [...columns].sort((x, y) => x - y)) {
      const cell = this.get(row, c);
      if (cell) out.push([c, cell]);
    }
    return out;
  }

  /** Rows with at least one cell, top to bottom. */
  *rowNumbers(): Generator<number> {
    const used = this.bounds();
    if (!used) return;
    for (let r = used.firstRow; r <= used.lastRow; r++) if (this.hasCells(r)) yield r;
  }

  private hasCells(row: number): boolean {
    const own = this.cells.get(row);
    if (own) for (const cell of own.values()) if (cell) return true;
    return this.rowCells(row).length > 0;
  }

  /** Rewrites every formula (a table renamed on the way in). */
  mapFormulas(rewrite: (formula: string) => string): void {
    for (const cells of this.cells.values()) {
      for (const [c, cell] of cells) if (cell && isFormulaCell(cell.value)) cells.set(c, { ...cell, value: { ...cell.value, formula: rewrite(cell.value.formula) } });
    }
    for (const b of this.blocks) {
      b.values.forEach((rv, i) =>
        rv.forEach((v, j) => {
          if (!isFormulaCell(v)) return;
          const row = b.row + i;
          const column = b.column + j;
          const cell = this.get(row, column);
          if (cell && cell.value === v) this.set(row, column, { ...cell, value: { ...v, formula: rewrite(v.formula) } });
        }),
      );
    }
  }

  /** A rectangle that holds every cell (tall blocks counted whole, even where emptied later). */
  private bounds(): { firstRow: number; lastRow: number } | null {
    let firstRow = Infinity;
    let lastRow = 0;
    for (const [r, cells] of this.cells) {
      for (const cell of cells.values()) {
        if (!cell) continue;
        firstRow = Math.min(firstRow, r);
        lastRow = Math.max(lastRow, r);
      }
    }
    for (const b of this.blocks) {
      if (!b.used) continue;
      firstRow = Math.min(firstRow, b.used.firstRow);
      lastRow = Math.max(lastRow, b.used.lastRow);
    }
    return lastRow === 0 ? null : { firstRow, lastRow };
  }

  /**
   * The rectangle of the cells that hold a value, counted from the cells as laid out: a later
   * block that empties part of a tall block shrinks it exactly.
   */
  usedRange(sheet: string): RangeRef | null {
    let firstRow = Infinity;
    let lastRow = 0;
    let firstColumn = Infinity;
    let lastColumn = 0;
    for (const r of this.rowNumbers()) {
      for (const [c] of this.rowCells(r)) {
        if (r < firstRow) firstRow = r;
        if (r > lastRow) lastRow = r;
        if (c < firstColumn) firstColumn = c;
        if (c > lastColumn) lastColumn = c;
      }
    }
    return lastRow === 0 ? null : { sheet, firstRow, firstColumn, lastRow, lastColumn };
  }
}

export function isFormulaCell(v: unknown): v is FormulaCell {
  return typeof v === "object" && v !== null && !(v instanceof Date) && typeof (v as FormulaCell).formula === "string";
}

/** Blocks in plan order (a later block wins where blocks overlap); null cells stay empty. */
export function layoutPlan(plan: WritePlan): CellGrid {
  const grid = new CellGrid();
  for (const block of plan.blocks) {
    if (block.values.length >= DENSE_ROWS) {
      grid.addBlock(block);
      continue;
    }
    block.values.forEach((rowValues, i) =>
      rowValues.forEach((value, j) => {
        const cell: GridCell | null =
          value === null || value === undefined ? null : { value, format: block.columnFormats?.[j] ?? null, bold: !!block.bold, italic: !!block.italic };
        grid.set(block.row + i, block.column + j, cell);
      }),
    );
  }
  return grid;
}

// ---------------------------------------------------------------------------------------------
// styles.xml: append what the plan needs, never renumber what is there

export interface StyleKey {
  format: string | null;
  bold: boolean;
  italic: boolean;
}

/** Builtin number formats every Excel knows by id (a custom numFmt is added for anything else). */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "mm-dd-yy": 14,
  "@": 49,
};

/** The format dates get when the plan gives none: builtin 14, the user's short date in Excel. */
export const DEFAULT_DATE_FORMAT = "mm-dd-yy";

export class StylesEditor {
  private readonly p: string;
  private readonly customFormats = new Map<string, number>();
  private maxFormatId = 163;
  private readonly fonts: string[];
  private readonly xfs: { attrs: Record<string, string>; plain: boolean }[];
  private readonly hasCellStyleXfs: boolean;
  private readonly newFormats: string[] = [];
  private readonly newFonts: string[] = [];
  private readonly newXfs: string[] = [];
  private readonly cache = new Map<string, number>();
  /** Differential formats (conditional formatting's fills): how many exist, which we add. */
  private readonly dxfCount: number;
  private readonly newDxfs: string[] = [];
  private readonly dxfCache = new Map<string, number>();

  constructor(private readonly xml: string) {
    const p = (this.p = rootPrefix(xml));
    const numFmts = findElement(xml, `${p}numFmts`);
    if (numFmts) {
      for (const f of findElements(xml, `${p}numFmt`, numFmts.innerStart, numFmts.innerEnd)) {
        const id = parseInt(f.attrs.numFmtId ?? "", 10);
        if (!Number.isFinite(id)) continue;
        this.maxFormatId = Math.max(this.maxFormatId, id);
        if (f.attrs.formatCode !== undefined && !this.customFormats.has(f.attrs.formatCode)) this.customFormats.set(f.attrs.formatCode, id);
      }
    }
    const fonts = findElement(xml, `${p}fonts`);
    const cellXfs = findElement(xml, `${p}cellXfs`);
    if (!fonts || !cellXfs) throw new Error("The workbook's styles part has no fonts or cell formats; it cannot take new cell formats.");
    this.fonts = findElements(xml, `${p}font`, fonts.innerStart, fonts.innerEnd).map((f) => xml.slice(f.start, f.end));
    this.xfs = findElements(xml, `${p}xf`, cellXfs.innerStart, cellXfs.innerEnd).map((x) => ({
      attrs: x.attrs,
      plain: x.selfClosing && Object.keys(x.attrs).every((k) => ["numFmtId", "fontId", "fillId", "borderId", "xfId"].includes(k) || k.startsWith("apply")),
    }));
    const styleXfs = findElement(xml, `${p}cellStyleXfs`);
    this.hasCellStyleXfs = !!styleXfs && findElements(xml, `${p}xf`, styleXfs.innerStart, styleXfs.innerEnd).length > 0;
    if (this.fonts.length === 0 || this.xfs.length === 0) throw new Error("The workbook's styles part has no default font or cell format.");
    const dxfs = findElement(xml, `${p}dxfs`);
    this.dxfCount = dxfs && !dxfs.selfClosing ? findElements(xml, `${p}dxf`, dxfs.innerStart, dxfs.innerEnd).length : 0;
  }

  get changed(): boolean {
    return this.newFormats.length + this.newFonts.length + this.newXfs.length + this.newDxfs.length > 0;
  }

  /** The dxfId of a fill + font colour (RGB hex) for a conditional format. */
  dxfIndex(fill: string, font: string): number {
    const key = `${fill}/${font}`;
    const hit = this.dxfCache.get(key);
    if (hit !== undefined) return hit;
    const p = this.p;
    const argb = (rgb: string) => `FF${rgb.replace(/[^0-9A-Fa-f]/g, "").slice(0, 6).toUpperCase().padStart(6, "0")}`;
    this.newDxfs.push(
      `<${p}dxf><${p}font><${p}color rgb="${argb(font)}"/></${p}font><${p}fill><${p}patternFill><${p}bgColor rgb="${argb(fill)}"/></${p}patternFill></${p}fill></${p}dxf>`,
    );
    const index = this.dxfCount + this.newDxfs.length - 1;
    this.dxfCache.set(key, index);
    return index;
  }

  /** The cellXfs index for a style (0 = the default cell format). */
  index(key: StyleKey): number {
    if ((key.format === null || key.format === "General") && !key.bold && !key.italic) return 0;
    const cacheKey = `${key.format ?? ""}\u0000${key.bold}\u0000${key.italic}`;
    const hit = this.cache.get(cacheKey);
    if (hit !== undefined) return hit;
    const numFmtId = this.formatId(key.format);
    const fontId = this.fontId(key.bold, key.italic);
    const found = this.xfs.findIndex(
      (x) =>
        x.plain &&
        x.attrs.numFmtId === String(numFmtId) &&
        x.attrs.fontId === String(fontId) &&
        (x.attrs.fillId ?? "0") === "0" &&
        (x.attrs.borderId ?? "0") === "0" &&
        (x.attrs.xfId ?? "0") === "0",
    );
    let index = found;
    if (found < 0) {
      const xfId = this.hasCellStyleXfs ? ` xfId="0"` : "";
      const apply = `${numFmtId ? ` applyNumberFormat="1"` : ""}${fontId ? ` applyFont="1"` : ""}`;
      this.newXfs.push(`<${this.p}xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0"${xfId}${apply}/>`);
      this.xfs.push({ attrs: { numFmtId: String(numFmtId), fontId: String(fontId) }, plain: false });
      index = this.xfs.length - 1;
    }
    this.cache.set(cacheKey, index);
    return index;
  }

  private formatId(format: string | null): number {
    if (format === null) return 0;
    if (BUILTIN_FORMATS[format] !== undefined) return BUILTIN_FORMATS[format];
    const existing = this.customFormats.get(format);
    if (existing !== undefined) return existing;
    const id = ++this.maxFormatId;
    this.customFormats.set(format, id);
    this.newFormats.push(`<${this.p}numFmt numFmtId="${id}" formatCode="${xmlAttr(format)}"/>`);
    return id;
  }

  private fontId(bold: boolean, italic: boolean): number {
    if (!bold && !italic) return 0;
    const p = this.p;
    const base = this.fonts[0];
    const has = (tag: string) => new RegExp(`<${p}${tag}(?=[\\s/>])`).test(base);
    const add = `${bold && !has("b") ? `<${p}b/>` : ""}${italic && !has("i") ? `<${p}i/>` : ""}`;
    const font = base.endsWith("/>") ? `${base.slice(0, -2).trimEnd()}>${add}</${p}font>` : base.replace(/^(<[^>]*>)/, `$1${add}`);
    const existing = this.fonts.indexOf(font);
    if (existing >= 0) return existing;
    this.fonts.push(font);
    this.newFonts.push(font);
    return this.fonts.length - 1;
  }

  toXml(): string {
    if (!this.changed) return this.xml;
    const xml = this.xml;
    const p = this.p;
    const edits: { start: number; end: number; text: string }[] = [];
    const appendTo = (name: string, items: string[], total: number) => {
      const el = findElement(xml, `${p}${name}`);
      if (!el) return false;
      const tag = setAttribute(el.tag, "count", String(total));
      if (el.selfClosing) {
        edits.push({ start: el.start, end: el.end, text: `${tag.slice(0, -2).trimEnd()}>${items.join("")}</${p}${name}>` });
      } else {
        edits.push({ start: el.start, end: el.start + el.tag.length, text: tag });
        edits.push({ start: el.innerEnd, end: el.innerEnd, text: items.join("") });
      }
      return true;
    };
    if (this.newFormats.length > 0) {
      const el = findElement(xml, `${p}numFmts`);
      const total = (el ? findElements(xml, `${p}numFmt`, el.innerStart, el.innerEnd).length : 0) + this.newFormats.length;
      if (!appendTo("numFmts", this.newFormats, total)) {
        // numFmts is the first child of styleSheet
        const root = rootTag(xml);
        const at = xml.indexOf(root) + root.length;
        edits.push({ start: at, end: at, text: `<${p}numFmts count="${total}">${this.newFormats.join("")}</${p}numFmts>` });
      }
    }
    if (this.newFonts.length > 0) appendTo("fonts", this.newFonts, this.fonts.length);
    if (this.newXfs.length > 0) appendTo("cellXfs", this.newXfs, this.xfs.length);
    if (this.newDxfs.length > 0 && !appendTo("dxfs", this.newDxfs, this.dxfCount + this.newDxfs.length)) {
      // dxfs follows cellStyles (or cellXfs) in the schema's order
      const after = findElement(xml, `${p}cellStyles`) ?? findElement(xml, `${p}cellXfs`);
      if (!after) throw new Error("The workbook's styles part has no cell formats.");
      edits.push({ start: after.end, end: after.end, text: `<${p}dxfs count="${this.newDxfs.length}">${this.newDxfs.join("")}</${p}dxfs>` });
    }
    return applyEdits(xml, edits);
  }
}

// ---------------------------------------------------------------------------------------------
// Part builders

const XML_DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

function absoluteRef(sheet: string, r: RangeRef): string {
  const a = `$${columnLetter(r.firstColumn)}$${r.firstRow}`;
  const b = `$${columnLetter(r.lastColumn)}$${r.lastRow}`;
  return `'${sheet.replace(/'/g, "''")}'!${a === b ? a : `${a}:${b}`}`;
}

function rangeText(r: { firstRow: number; firstColumn: number; lastRow: number; lastColumn: number }): string {
  const a = cellAddress(r.firstRow, r.firstColumn);
  const b = cellAddress(r.lastRow, r.lastColumn);
  return a === b ? a : `${a}:${b}`;
}

function numberText(n: number, where: string): string {
  if (!Number.isFinite(n)) throw new RangeError(`The write plan has a number that is not finite (${n}) in ${where}.`);
  return String(n);
}

function inlineString(ref: string, s: string, text: string): string {
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(encodeXstring(text))}</t></is></c>`;
}

function cellXml(ref: string, cell: GridCell, style: number, date1904: boolean, where: string): string {
  const s = style ? ` s="${style}"` : "";
  const v = cell.value;
  if (typeof v === "number") return `<c r="${ref}"${s}><v>${numberText(v, where)}</v></c>`;
  if (typeof v === "string") return inlineString(ref, s, v);
  if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (v instanceof Date) {
    const serial = dateToSerial(v, date1904);
    // Excel cannot show dates before its epoch; write the ISO date as text rather than a wrong day.
    if (serial === null) return inlineString(ref, s, Number.isFinite(v.getTime()) ? v.toISOString().slice(0, 10) : "");
    return `<c r="${ref}"${s}><v>${numberText(serial, where)}</v></c>`;
  }
  const formula = xmlText(v.formula.replace(/^=/, ""));
  if (typeof v.value === "number") return `<c r="${ref}"${s}><f>${formula}</f><v>${numberText(v.value, where)}</v></c>`;
  return `<c r="${ref}"${s} t="str"><f>${formula}</f><v>${xmlText(encodeXstring(String(v.value)))}</v></c>`;
}

function styleKeyOf(cell: GridCell): StyleKey {
  const format = cell.format ?? (cell.value instanceof Date ? DEFAULT_DATE_FORMAT : null);
  return { format, bold: cell.bold, italic: cell.italic };
}

interface WorksheetArgs {
  sheet: string;
  grid: CellGrid;
  styles: StylesEditor;
  plan: WritePlan;
  tableRelIds: string[];
  drawingRelId: string | null;
  date1904: boolean;
  onRow: (done: number) => void;
}

function worksheetXml(a: WorksheetArgs): Uint8Array {
  const out: string[] = [XML_DECL, `<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">`];
  const page = a.plan.pageSetup ?? null;
  if (page && page.fitToWidth !== null) out.push(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`);
  const used = a.grid.usedRange(a.sheet);
  out.push(`<dimension ref="${used ? rangeText(used) : "A1"}"/>`);
  const freeze = Math.max(0, Math.floor(a.plan.freezeRows || 0));
  if (freeze > 0 && freeze < MAX_ROWS) {
    const top = `A${freeze + 1}`;
    out.push(
      `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${freeze}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`,
    );
  } else {
    out.push(`<sheetViews><sheetView workbookViewId="0"/></sheetViews>`);
  }
  out.push(`<sheetFormatPr defaultRowHeight="15"/>`);
  const widths = new Map<number, number>();
  for (const w of a.plan.columnWidths) {
    if (Number.isInteger(w.column) && w.column >= 1 && w.column <= MAX_COLUMNS && Number.isFinite(w.width) && w.width >= 0) widths.set(w.column, Math.min(255, w.width));
  }
  if (widths.size > 0) {
    const cols = [...widths].sort((x, y) => x[0] - y[0]).map(([c, w]) => `<col min="${c}" max="${c}" width="${w}" customWidth="1"/>`);
    out.push(`<cols>${cols.join("")}</cols>`);
  }
  out.push(`<sheetData>`);
  // The rows go out as bytes, a block at a time: no string of the whole sheet, and JSZip takes
  // the bytes as they are.
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [encoder.encode(out.join(""))];
  out.length = 0;
  let i = 0;
  for (let r = used ? used.firstRow : 1; used && r <= used.lastRow; r++) {
    const cells = a.grid.rowCells(r);
    if (cells.length === 0) continue;
    let xml = `<row r="${r}">`;
    for (const [c, cell] of cells) {
      const ref = cellAddress(r, c);
      xml += cellXml(ref, cell, a.styles.index(styleKeyOf(cell)), a.date1904, `${a.sheet}!${ref}`);
    }
    out.push(`${xml}</row>`);
    if (++i % 1000 === 0) {
      a.onRow(i);
      if (i % 4000 === 0) {
        chunks.push(encoder.encode(out.join("")));
        out.length = 0;
      }
    }
  }
  out.push(`</sheetData>`);
  out.push(conditionalFormattingXml(a.plan.conditionalFormats ?? [], a.styles));
  out.push(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`);
  if (page) out.push(pageSetupXml(page));
  if (page?.rowBreaks) out.push(rowBreaksXml(page.rowBreaks));
  if (a.drawingRelId) out.push(`<drawing r:id="${a.drawingRelId}"/>`);
  if (a.tableRelIds.length > 0) {
    out.push(`<tableParts count="${a.tableRelIds.length}">${a.tableRelIds.map((id) => `<tablePart r:id="${id}"/>`).join("")}</tableParts>`);
  }
  out.push(`</worksheet>`);
  chunks.push(encoder.encode(out.join("")));
  return concatBytes(chunks);
}

const CF_OPERATORS = { lessThan: "lessThan", between: "between", greaterThanOrEqual: "greaterThanOrEqual" } as const;

/** <conditionalFormatting> elements: cellIs rules, priorities in plan order across the sheet. */
function conditionalFormattingXml(formats: readonly ConditionalFormat[], styles: StylesEditor): string {
  let priority = 0;
  return formats
    .map((cf) => {
      const rules = cf.rules.map((rule) => {
        const operator = CF_OPERATORS[rule.operator];
        const formulas = rule.values.map((v) => `<formula>${numberText(v, `a conditional format on ${rangeText(cf.range)}`)}</formula>`).join("");
        return `<cfRule type="cellIs" dxfId="${styles.dxfIndex(rule.fill, rule.font)}" priority="${++priority}" operator="${operator}">${formulas}</cfRule>`;
      });
      return `<conditionalFormatting sqref="${rangeText(cf.range)}">${rules.join("")}</conditionalFormatting>`;
    })
    .join("");
}

/** Excel's paperSize codes for the sizes a plan can ask for. */
const PAPER_SIZES = { letter: 1, A4: 9 } as const;

/** <pageSetup>: orientation, paper and, with fitToPage in sheetPr, the pages wide and tall. */
function pageSetupXml(page: PageSetup): string {
  const fit = (n: number) => String(Math.max(0, Math.floor(n)));
  const paper = page.paperSize ? ` paperSize="${PAPER_SIZES[page.paperSize]}"` : "";
  const fitAttrs = page.fitToWidth !== null ? ` fitToWidth="${fit(page.fitToWidth)}" fitToHeight="${fit(page.fitToHeight)}"` : "";
  return `<pageSetup${paper} orientation="${page.orientation === "landscape" ? "landscape" : "portrait"}"${fitAttrs}/>`;
}

/** <rowBreaks>: a manual page break below each listed row. */
function rowBreaksXml(rows: readonly number[]): string {
  const valid = [...new Set(rows.filter((r) => Number.isInteger(r) && r >= 1 && r < MAX_ROWS))].sort((a, b) => a - b);
  if (valid.length === 0) return "";
  const brks = valid.map((r) => `<brk id="${r}" max="${MAX_COLUMNS - 1}" man="1"/>`).join("");
  return `<rowBreaks count="${valid.length}" manualBreakCount="${valid.length}">${brks}</rowBreaks>`;
}

/** The name Excel gives a sheet's rows (and columns) repeated on every printed page. */
export const PRINT_TITLES_NAME = "_xlnm.Print_Titles";
/** The name Excel gives a sheet's print area. */
export const PRINT_AREA_NAME = "_xlnm.Print_Area";

/**
 * Sets (or, with ref null, removes) a sheet-scoped built-in defined name in workbook.xml, such
 * as the print titles ('Sheet'!$1:$1) or the print area. Other names are left as they are.
 */
export function setSheetName(xml: string, name: string, localSheetId: number, ref: string | null): string {
  const p = rootPrefix(xml);
  const edits: { start: number; end: number; text: string }[] = [];
  const names = findElement(xml, `${p}definedNames`);
  const existing = names && !names.selfClosing ? findElements(xml, `${p}definedName`, names.innerStart, names.innerEnd) : [];
  for (const e of existing) {
    if ((e.attrs.name ?? "").toLowerCase() === name.toLowerCase() && e.attrs.localSheetId === String(localSheetId)) {
      edits.push({ start: e.start, end: e.end, text: "" });
    }
  }
  if (ref !== null) {
    const el = `<${p}definedName name="${name}" localSheetId="${localSheetId}">${xmlText(ref)}</${p}definedName>`;
    if (names && !names.selfClosing) edits.push({ start: names.innerEnd, end: names.innerEnd, text: el });
    else if (names) edits.push({ start: names.start, end: names.end, text: `<${p}definedNames>${el}</${p}definedNames>` });
    else {
      const sheets = findElement(xml, `${p}sheets`);
      const after = [findElement(xml, `${p}externalReferences`), findElement(xml, `${p}functionGroups`), sheets].find((e) => e !== null);
      if (!after) throw new Error("The workbook part has no sheet list.");
      edits.push({ start: after.end, end: after.end, text: `<${p}definedNames>${el}</${p}definedNames>` });
    }
  }
  return edits.length === 0 ? xml : applyEdits(xml, edits);
}

/** Sets (or, with rows null, removes) a sheet's print titles: rows repeated on every page. */
export function setPrintTitles(xml: string, localSheetId: number, sheet: string, rows: { first: number; last: number } | null): string {
  const ref = rows ? `'${sheet.replace(/'/g, "''")}'!$${rows.first}:$${rows.last}` : null;
  return setSheetName(xml, PRINT_TITLES_NAME, localSheetId, ref);
}
/** The blocks as one array, each dropped once copied. */
function concatBytes(chunks: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const c of chunks) size += c.length;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (let k = 0; k < chunks.length; k++) {
    bytes.set(chunks[k], at);
    at += chunks[k].length;
    chunks[k] = EMPTY_BYTES;
  }
  return bytes;
}

const EMPTY_BYTES = new Uint8Array(0);

interface TableSpec {
  id: number;
  name: string;
  /** Header through the last data row. */
  body: RangeRef;
  columns: { name: string; label: string | null; sum: boolean }[];
  showTotals: boolean;
  style: string;
}

interface PlannedTable extends TableSpec {
  /** The name the plan asked for (formulas in the plan use it). */
  planName: string;
  /** Cached results of the totals row's sums, by column. */
  sums: number[];
}

function tableXml(t: TableSpec): string {
  const ref = { ...t.body, lastRow: t.body.lastRow + (t.showTotals ? 1 : 0) };
  const totals = t.showTotals ? ` totalsRowCount="1"` : ` totalsRowShown="0"`;
  const columns = t.columns
    .map((c, i) => {
      const extra = t.showTotals ? (c.sum ? ` totalsRowFunction="sum"` : c.label !== null ? ` totalsRowLabel="${xmlAttr(c.label)}"` : "") : "";
      return `<tableColumn id="${i + 1}" name="${xmlAttr(encodeXstring(c.name))}"${extra}/>`;
    })
    .join("");
  return (
    XML_DECL +
    `<table xmlns="${NS.main}" id="${t.id}" name="${xmlAttr(t.name)}" displayName="${xmlAttr(t.name)}" ref="${rangeText(ref)}"${totals}>` +
    `<autoFilter ref="${rangeText(t.body)}"/><tableColumns count="${t.columns.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${xmlAttr(t.style || "TableStyleMedium2")}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

function drawingXml(charts: { chart: PlanChart; relId: string }[]): string {
  const anchors = charts.map(({ chart, relId }, i) => {
    const r = chart.anchor;
    return (
      `<xdr:twoCellAnchor editAs="oneCell">` +
      `<xdr:from><xdr:col>${r.firstColumn - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r.firstRow - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:to><xdr:col>${r.lastColumn}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r.lastRow}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${xmlAttr(chart.name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${NS.chart}"><c:chart xmlns:c="${NS.chart}" r:id="${relId}"/></a:graphicData></a:graphic>` +
      `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return XML_DECL + `<xdr:wsDr xmlns:xdr="${NS.drawing}" xmlns:a="${NS.a}" xmlns:r="${NS.rel}">${anchors.join("")}</xdr:wsDr>`;
}

function cellsOf(r: RangeRef): { row: number; column: number }[] {
  const out: { row: number; column: number }[] = [];
  for (let row = r.firstRow; row <= r.lastRow; row++) for (let column = r.firstColumn; column <= r.lastColumn; column++) out.push({ row, column });
  return out;
}

/** A clustered column chart; caches hold the written values so it shows before any recalculation. */
function chartXml(chart: PlanChart, sheetName: (ref: RangeRef) => string, valueAt: (ref: RangeRef, row: number, column: number) => CellValue): string {
  const catCells = cellsOf(chart.categories);
  const catPts = catCells
    .map((c, i) => {
      const v = valueAt(chart.categories, c.row, c.column);
      const text = v === null ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === "object" ? v.error : String(v);
      return `<c:pt idx="${i}"><c:v>${xmlText(text)}</c:v></c:pt>`;
    })
    .join("");
  const series = chart.series
    .map((s, k) => {
      const pts = cellsOf(s.values)
        .map((c, i) => {
          const v = valueAt(s.values, c.row, c.column);
          return typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "";
        })
        .join("");
      return (
        `<c:ser><c:idx val="${k}"/><c:order val="${k}"/><c:tx><c:v>${xmlText(s.name)}</c:v></c:tx><c:invertIfNegative val="0"/>` +
        `<c:cat><c:strRef><c:f>${xmlText(absoluteRef(sheetName(chart.categories), chart.categories))}</c:f><c:strCache><c:ptCount val="${catCells.length}"/>${catPts}</c:strCache></c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${xmlText(absoluteRef(sheetName(s.values), s.values))}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${cellsOf(s.values).length}"/>${pts}</c:numCache></c:numRef></c:val>` +
        `</c:ser>`
      );
    })
    .join("");
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:t>${xmlText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`;
  return (
    XML_DECL +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.a}" xmlns:r="${NS.rel}"><c:roundedCorners val="0"/><c:chart>${title}<c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="150"/><c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>` +
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

// ---------------------------------------------------------------------------------------------
// Edits of shared parts

function addRelationship(xml: string, rel: { id: string; type: string; target: string }): string {
  const p = rootPrefix(xml);
  const close = `</${p}Relationships>`;
  const at = xml.lastIndexOf(close);
  const el = `<${p}Relationship Id="${xmlAttr(rel.id)}" Type="${xmlAttr(rel.type)}" Target="${xmlAttr(rel.target)}"/>`;
  if (at >= 0) return xml.slice(0, at) + el + xml.slice(at);
  const root = findElement(xml, `${p}Relationships`);
  if (!root) throw new Error("The workbook's relationship part cannot be read.");
  return xml.slice(0, root.start) + `${root.tag.slice(0, -2).trimEnd()}>${el}${close}` + xml.slice(root.end);
}

export function removeRelationships(xml: string, ids: Set<string>): string {
  const p = rootPrefix(xml);
  const edits = findElements(xml, `${p}Relationship`)
    .filter((e) => ids.has(e.attrs.Id ?? ""))
    .map((e) => ({ start: e.start, end: e.end, text: "" }));
  return applyEdits(xml, edits);
}

export function editContentTypes(xml: string, remove: string[], add: { part: string; type: string }[], needRels: boolean): string {
  const p = rootPrefix(xml);
  const drop = new Set([...remove, ...add.map((a) => a.part)].map((x) => `/${x}`.toLowerCase()));
  const edits = findElements(xml, `${p}Override`)
    .filter((e) => drop.has((e.attrs.PartName ?? "").toLowerCase()))
    .map((e) => ({ start: e.start, end: e.end, text: "" }));
  let extra = add.map((a) => `<${p}Override PartName="/${xmlAttr(a.part)}" ContentType="${a.type}"/>`).join("");
  if (needRels && !findElements(xml, `${p}Default`).some((d) => (d.attrs.Extension ?? "").toLowerCase() === "rels")) {
    extra = `<${p}Default Extension="rels" ContentType="${CONTENT_TYPE.rels}"/>` + extra;
  }
  const close = `</${p}Types>`;
  const at = xml.lastIndexOf(close);
  if (at < 0) throw new Error("The workbook's content types cannot be read.");
  edits.push({ start: at, end: at, text: extra });
  return applyEdits(xml, edits);
}

/** Adds the new <sheet> and its ownership marker to workbook.xml, leaving the rest verbatim. */
function addSheetToWorkbook(xml: string, sheet: { name: string; sheetId: number; relId: string; index: number; veryHidden: boolean }): string {
  const p = rootPrefix(xml);
  const rp = namespacePrefix(xml, NS.rel);
  const relAttr = rp ? `${rp}:id="${sheet.relId}"` : `xmlns:r="${NS.rel}" r:id="${sheet.relId}"`;
  const state = sheet.veryHidden ? ` state="veryHidden"` : "";
  const sheetEl = `<${p}sheet name="${xmlAttr(sheet.name)}" sheetId="${sheet.sheetId}"${state} ${relAttr}/>`;
  const markerText = `'${sheet.name.replace(/'/g, "''")}'!$A$1`;
  const marker = `<${p}definedName name="${OWNER_MARKER_NAME}" localSheetId="${sheet.index}" hidden="1">${xmlText(markerText)}</${p}definedName>`;
  const edits: { start: number; end: number; text: string }[] = [];
  const sheets = findElement(xml, `${p}sheets`);
  if (!sheets) throw new Error("The workbook part has no sheet list.");
  if (sheets.selfClosing) edits.push({ start: sheets.start, end: sheets.end, text: `<${p}sheets>${sheetEl}</${p}sheets>` });
  else edits.push({ start: sheets.innerEnd, end: sheets.innerEnd, text: sheetEl });
  const names = findElement(xml, `${p}definedNames`);
  if (names && !names.selfClosing) edits.push({ start: names.innerEnd, end: names.innerEnd, text: marker });
  else if (names) edits.push({ start: names.start, end: names.end, text: `<${p}definedNames>${marker}</${p}definedNames>` });
  else {
    // definedNames follows sheets, functionGroups and externalReferences in the schema's order
    const after = [findElement(xml, `${p}externalReferences`), findElement(xml, `${p}functionGroups`), sheets].find((e) => e !== null) as { end: number };
    edits.push({ start: after.end, end: after.end, text: `<${p}definedNames>${marker}</${p}definedNames>` });
  }
  return applyEdits(xml, edits);
}

/**
 * Drops calcChain entries of the sheet being replaced (Excel repairs a file whose calc chain
 * names cells without formulas). Returns the same text when nothing refers to the sheet, and
 * null when no entry is left (the part must then go).
 */
export function filterCalcChain(xml: string, sheetId: number): string | null {
  const p = rootPrefix(xml);
  const entries = findElements(xml, `${p}c`);
  let current = NaN;
  const withSheet = entries.map((e) => {
    if (e.attrs.i !== undefined) current = parseInt(e.attrs.i, 10);
    return { e, sheet: current };
  });
  if (!withSheet.some((x) => x.sheet === sheetId)) return xml;
  const kept = withSheet.filter((x) => x.sheet !== sheetId);
  if (kept.length === 0) return null;
  let last = NaN;
  const body = kept
    .map(({ e, sheet }) => {
      const tag = xml.slice(e.start, e.end);
      const text = sheet !== last ? (e.selfClosing ? setAttribute(tag, "i", String(sheet)) : tag.replace(e.tag, setAttribute(e.tag, "i", String(sheet)))) : tag;
      last = sheet;
      return text;
    })
    .join("");
  const first = entries[0];
  const end = entries[entries.length - 1].end;
  return xml.slice(0, first.start) + body + xml.slice(end);
}

// ---------------------------------------------------------------------------------------------
// Table names and structured references

function sanitizeTableName(name: string): string {
  let n = name.trim().replace(/[^\p{L}\p{N}_.\\]/gu, "_");
  if (!/^[\p{L}_\\]/u.test(n)) n = `_${n}`;
  if (/^[A-Za-z]{1,3}\d+$/.test(n) || /^[RC]$/i.test(n) || /^R\d*C\d*$/i.test(n)) n = `_${n}`;
  return n.slice(0, 255);
}

/** A column name inside a structured reference: ' escapes [ ] # and '. */
export function structuredColumn(name: string): string {
  return name.replace(/(['#[\]])/g, "'$1");
}

function renameTableInFormula(formula: string, from: string, to: string): string {
  const re = new RegExp(`(^|[^\\p{L}\\p{N}_.\\\\])${from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\[`, "giu");
  return formula.replace(re, `$1${to}[`);
}

// ---------------------------------------------------------------------------------------------
// The transaction

/** Parts reachable from a sheet part that nothing else in the package reaches. */
function partsOwnedBy(sheetPart: string, graph: Map<string, string[]>): string[] {
  const key = (s: string) => s.toLowerCase();
  const reach = (starts: string[], stopAt: string | null) => {
    const seen = new Map<string, string>();
    const queue = [...starts];
    while (queue.length > 0) {
      const part = queue.pop() as string;
      const k = key(part);
      if (seen.has(k)) continue;
      seen.set(k, part);
      if (stopAt !== null && k === key(stopAt)) continue;
      for (const next of graph.get(k) ?? []) queue.push(next);
    }
    return seen;
  };
  const fromSheet = reach(graph.get(key(sheetPart)) ?? [], null);
  const alive = reach([""], sheetPart);
  return [...fromSheet].filter(([k]) => k !== key(sheetPart) && !alive.has(k)).map(([, part]) => part);
}

function freePart(prefix: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const part = `${prefix}${n}.xml`;
    if (!taken.has(part.toLowerCase())) {
      taken.add(part.toLowerCase());
      return part;
    }
  }
}

/**
 * Writes the plan's sheet into the package. Everything is computed first and committed at
 * the end, so a plan that fails (or a sheet that is not ours) leaves the package unchanged.
 * Returns the sheet's cells as written.
 */
export async function applyPlan(pkg: OoxmlPackage, plan: WritePlan, onProgress?: ProgressListener): Promise<{ sheet: string; grid: CellGrid }> {
  if (!isValidSheetName(plan.sheet)) throw new LocalizedError(workbookMessages, "invalidSheetName", { sheet: plan.sheet });
  const ownership = pkg.ownership(plan.sheet);
  const existing: SheetEntry | null = pkg.findSheet(plan.sheet);
  if (ownership === "foreign" && existing) throw new OutputSheetTakenError(existing.name);
  const sheetName = existing ? existing.name : plan.sheet;

  const grid = layoutPlan(plan);
  const used = grid.usedRange(plan.sheet);
  const total = (used ? used.lastRow - used.firstRow + 1 : 0) + 1;
  onProgress?.(0, total);

  // What a re-run replaces: the old sheet's own parts (tables, drawings, charts...).
  const graph = await pkg.relationshipGraph();
  const removed = existing?.part ? partsOwnedBy(existing.part, graph) : [];
  const removedKeys = new Set(removed.map((p) => p.toLowerCase()));

  // Tables: unique names and ids across the workbook; header and totals cells.
  const allTables = await pkg.tableParts();
  const takenNames = new Set([
    ...allTables.filter((t) => !removedKeys.has(t.part.toLowerCase())).map((t) => t.name.toUpperCase()),
    ...pkg.definedNames.map((n) => n.name.toUpperCase()),
  ]);
  let nextTableId = allTables.reduce((m, t) => Math.max(m, t.id), 0) + 1;
  const tables: PlannedTable[] = plan.tables.map((t) => {
    const width = t.range.lastColumn - t.range.firstColumn + 1;
    if (t.columns.length !== width) throw new RangeError(`Table ${t.name} has ${t.columns.length} columns but its range is ${width} wide.`);
    let name = sanitizeTableName(t.name);
    for (let n = 2; takenNames.has(name.toUpperCase()); n++) name = `${sanitizeTableName(t.name)}_${n}`;
    takenNames.add(name.toUpperCase());
    const seen = new Set<string>();
    const sums: number[] = [];
    const columns = t.columns.map((c, i) => {
      let colName = c.name.trim() === "" ? `Column${i + 1}` : c.name;
      for (let n = 2; seen.has(colName.toUpperCase()); n++) colName = `${c.name}${n}`;
      seen.add(colName.toUpperCase());
      const totals = c.totals ?? null;
      sums.push(totals && "function" in totals ? totals.value : 0);
      return { name: colName, label: totals && "label" in totals ? totals.label : null, sum: !!totals && "function" in totals };
    });
    // A table needs at least one data row below its header.
    const body = { ...t.range, sheet: sheetName, lastRow: Math.max(t.range.lastRow, t.range.firstRow + 1) };
    return { id: nextTableId++, name, body, columns, showTotals: t.showTotals, style: t.style, planName: t.name, sums };
  });
  for (const t of tables) {
    if (t.name !== t.planName) {
      grid.mapFormulas((formula) => renameTableInFormula(formula, t.planName, t.name));
    }
    t.columns.forEach((c, i) => {
      const column = t.body.firstColumn + i;
      const header = grid.get(t.body.firstRow, column);
      grid.set(t.body.firstRow, column, { value: c.name, format: null, bold: header?.bold ?? false, italic: header?.italic ?? false });
      if (!t.showTotals) return;
      const row = t.body.lastRow + 1;
      const above = grid.get(t.body.lastRow, column);
      const here = grid.get(row, column);
      if (c.sum) {
        const formula = `SUBTOTAL(109,${t.name}[${structuredColumn(c.name)}])`;
        grid.set(row, column, { value: { formula, value: t.sums[i] }, format: here?.format ?? above?.format ?? null, bold: here?.bold ?? false, italic: here?.italic ?? false });
      } else if (c.label !== null) {
        grid.set(row, column, { value: c.label, format: null, bold: here?.bold ?? false, italic: here?.italic ?? false });
      }
    });
  }

  // Styles
  const stylesPart = await pkg.workbookRelated(REL_TYPE.styles);
  const stylesXml = stylesPart ? await pkg.text(stylesPart) : null;
  const styles = new StylesEditor(stylesXml ?? MINIMAL_STYLES_XML);

  // Part names
  const taken = new Set(pkg.allParts().map((p) => p.toLowerCase()).filter((p) => !removedKeys.has(p)));
  const wbDir = dirName(pkg.workbookPart);
  const under = (folder: string) => `${wbDir ? wbDir + "/" : ""}${folder}`;
  const sheetPart = existing?.part ?? freePart(under("worksheets/sheet"), taken);
  const tableParts = tables.map(() => freePart(under("tables/table"), taken));
  const charts = plan.charts;
  const drawingPart = charts.length > 0 ? freePart(under("drawings/drawing"), taken) : null;
  const chartParts = charts.map(() => freePart(under("charts/chart"), taken));
  const newStylesPart = stylesPart ?? freePart(under("styles"), taken);

  // The sheet and its parts
  const relIds = freeRelId([], tables.length + (drawingPart ? 1 : 0));
  const tableRelIds = relIds.slice(0, tables.length);
  const drawingRelId = drawingPart ? relIds[tables.length] : null;
  const files = new Map<string, string | Uint8Array>();
  files.set(
    sheetPart,
    worksheetXml({
      sheet: sheetName,
      grid,
      styles,
      plan,
      tableRelIds,
      drawingRelId,
      date1904: pkg.date1904,
      onRow: (done) => onProgress?.(Math.min(done, total), total),
    }),
  );
  const sheetRels = [
    ...tables.map((_t, i) => ({ id: tableRelIds[i], type: REL_TYPE.table, target: relativeTarget(sheetPart, tableParts[i]) })),
    ...(drawingPart && drawingRelId ? [{ id: drawingRelId, type: REL_TYPE.drawing, target: relativeTarget(sheetPart, drawingPart) }] : []),
  ];
  tables.forEach((t, i) => files.set(tableParts[i], tableXml(t)));
  if (drawingPart) {
    const chartRelIds = freeRelId([], charts.length);
    files.set(drawingPart, drawingXml(charts.map((chart, i) => ({ chart, relId: chartRelIds[i] }))));
    files.set(relsPathOf(drawingPart), relationshipsXml(charts.map((_c, i) => ({ id: chartRelIds[i], type: REL_TYPE.chart, target: relativeTarget(drawingPart, chartParts[i]) }))));
    const isOurs = (r: RangeRef) => sheetKey(r.sheet) === sheetKey(sheetName) || sheetKey(r.sheet) === sheetKey(plan.sheet);
    charts.forEach((chart, i) =>
      files.set(
        chartParts[i],
        chartXml(
          chart,
          (r) => (isOurs(r) ? sheetName : r.sheet),
          (r, row, column) => (isOurs(r) ? grid.value(row, column) : null),
        ),
      ),
    );
  }
  const removals = new Set<string>(removed);
  for (const part of removed) {
    const rels = pkg.actual(relsPathOf(part));
    if (rels) removals.add(rels);
  }
  const oldSheetRels = pkg.actual(relsPathOf(sheetPart));
  if (sheetRels.length > 0) files.set(relsPathOf(sheetPart), relationshipsXml(sheetRels));
  else if (oldSheetRels) removals.add(oldSheetRels);
  if (styles.changed || !stylesPart) files.set(newStylesPart, styles.toXml());

  // Workbook, its relationships and the content types
  const contentAdds: { part: string; type: string }[] = [
    ...(existing ? [] : [{ part: sheetPart, type: CONTENT_TYPE.worksheet }]),
    ...tableParts.map((part) => ({ part, type: CONTENT_TYPE.table })),
    ...(drawingPart ? [{ part: drawingPart, type: CONTENT_TYPE.drawing }] : []),
    ...chartParts.map((part) => ({ part, type: CONTENT_TYPE.chart })),
    ...(stylesPart ? [] : [{ part: newStylesPart, type: CONTENT_TYPE.styles }]),
  ];
  const workbookRelsPath = relsPathOf(pkg.workbookPart);
  let workbookRels = await pkg.text(workbookRelsPath);
  if (workbookRels === null) workbookRels = relationshipsXml([]);
  const wbRelIds = parseRelationships(workbookRels).map((r) => r.id);
  if (!existing) {
    const [relId] = freeRelId(wbRelIds);
    workbookRels = addRelationship(workbookRels, { id: relId, type: REL_TYPE.worksheet, target: relativeTarget(pkg.workbookPart, sheetPart) });
    const sheetId = pkg.sheets.reduce((m, s) => Math.max(m, s.sheetId), 0) + 1;
    files.set(pkg.workbookPart, addSheetToWorkbook(pkg.workbookXml, { name: sheetName, sheetId, relId, index: pkg.sheets.length, veryHidden: plan.visibility === "veryHidden" }));
  }
  {
    // Print titles live in workbook.xml: set ours, or drop the ones an earlier run set.
    const index = existing ? existing.index : pkg.sheets.length;
    const written = files.get(pkg.workbookPart);
    const before = typeof written === "string" ? written : pkg.workbookXml;
    const area = plan.pageSetup?.printArea;
    const after = setSheetName(
      setPrintTitles(before, index, sheetName, plan.pageSetup?.printTitleRows ?? null),
      PRINT_AREA_NAME,
      index,
      area ? absoluteRef(sheetName, area) : null,
    );
    if (after !== before) files.set(pkg.workbookPart, after);
  }
  if (!stylesPart) {
    const [relId] = freeRelId(parseRelationships(workbookRels).map((r) => r.id));
    workbookRels = addRelationship(workbookRels, { id: relId, type: REL_TYPE.styles, target: relativeTarget(pkg.workbookPart, newStylesPart) });
  }
  if (existing) {
    const calcChain = await pkg.workbookRelated(REL_TYPE.calcChain);
    const calcXml = calcChain ? await pkg.text(calcChain) : null;
    if (calcChain && calcXml !== null) {
      const filtered = filterCalcChain(calcXml, existing.sheetId);
      if (filtered === null) {
        removals.add(calcChain);
        const rel = parseRelationships(workbookRels).filter((r) => r.type.endsWith("/calcChain")).map((r) => r.id);
        workbookRels = removeRelationships(workbookRels, new Set(rel));
      } else if (filtered !== calcXml) files.set(calcChain, filtered);
    }
  }
  if (workbookRels !== (await pkg.text(workbookRelsPath))) files.set(workbookRelsPath, workbookRels);
  const contentTypes = await pkg.text("[Content_Types].xml");
  if (contentTypes === null) throw new Error("The package has no [Content_Types].xml.");
  const removedForTypes = [...removals].filter((p) => !files.has(p));
  const newContentTypes = editContentTypes(contentTypes, removedForTypes, contentAdds, true);
  if (newContentTypes !== contentTypes) files.set(pkg.actual("[Content_Types].xml") ?? "[Content_Types].xml", newContentTypes);

  // Commit
  for (const part of removals) if (!files.has(part)) pkg.zip.remove(part);
  for (const [part, text] of files) pkg.zip.file(pkg.actual(part) ?? part, text, { createFolders: false });
  await pkg.refresh();
  onProgress?.(total, total);
  return { sheet: sheetName, grid };
}
