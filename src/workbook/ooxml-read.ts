/**
 * Streaming reads of worksheet parts straight from the package: the sheet XML is inflated and
 * tokenized chunk by chunk, and only the requested columns are kept, so a 1,048,576-row sheet
 * never exists in memory as XML or as per-cell objects. Used by the Node file adapter
 * (xlsx-file.ts) and as the fallback reader of xlsx.ts; no Node modules here.
 *
 * Every read is bounded (file-errors.ts: what a part may inflate to, a cell's length, the grid)
 * and checked: worksheets by the checking tokenizer of sheet-tokenizer.ts, the shared strings
 * and every part read whole by saxes (xml-check.ts), values by their xsd syntax (convertCell).
 * A file that fails is a FileProblem: one line naming the part and cell.
 *
 * ExcelJS's streaming WorkbookReader is not used: in 4.4 it loses the type of cached formula
 * results (an error result becomes NaN, TRUE becomes 1, date results stay serials) and it spools
 * worksheets to temporary files when sharedStrings.xml follows them in the zip, which is the
 * order Excel writes.
 */
import { BadCellValue, DEFAULT_LIMITS, FileProblem, MAX_ROWS, shortText, type ReadLimits } from "./file-errors";
import type { CellValue, ProgressListener, RangeRef } from "./port";
import { decodeXstring, findElement, findElements, isDateFormat, OoxmlPackage, parseRangeRef, REL_TYPE, rootPrefix, serialToDate } from "./ooxml";
import { SheetTokenizer, STOP, XSTRING_ESCAPE, type RawCellSink } from "./sheet-tokenizer";
import { CheckedXml } from "./xml-check";

export { BadCellValue, type RawCellSink };

/** What turns raw cell text into values: the shared strings, which styles are dates, the epoch. */
export interface ReadContext {
  sharedStrings: string[];
  /** By cellXfs index: does the cell's number format show a date? */
  dateStyles: boolean[];
  date1904: boolean;
}

/**
 * Feeds a part's text to `onText` in chunks, inflated within `cap` bytes and decoded as strict
 * UTF-8; onText may throw STOP to end early. Invalid UTF-8 is a damaged part.
 */
export async function streamText(pkg: OoxmlPackage, part: string, cap: number, onText: (text: string) => void): Promise<void> {
  if (!pkg.has(part)) throw new FileProblem("notWorkbook");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const decode = (chunk?: Uint8Array): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new FileProblem("badUtf8", { part });
    }
  };
  try {
    await pkg.readPart(part, cap, (chunk) => onText(decode(chunk)));
    onText(decode());
  } catch (e) {
    if (e !== STOP) throw e;
  }
}

/** The default name of a shared strings part (for text read without a package). */
const SST_PART = "xl/sharedStrings.xml";

/**
 * A parser for sharedStrings.xml: the plain text of each <si>, phonetic runs left out. A
 * string longer than a cell can hold is refused (a bomb would otherwise be kept whole).
 */
function sharedStringsReader(out: string[], part: string, limits: ReadLimits): CheckedXml {
  let current = "";
  let capturing = false;
  let phonetic = 0;
  const raw = limits.cellText * XSTRING_ESCAPE;
  return new CheckedXml(
    part,
    {
      open(name) {
        if (name === "si") current = "";
        else if (name === "t") capturing = phonetic === 0;
        else if (name === "rPh") phonetic++;
      },
      close(name) {
        if (name === "si") {
          const text = decodeXstring(current);
          if (text.length > limits.cellText) throw new FileProblem("stringTooLong", { part, index: out.length });
          out.push(text);
        } else if (name === "t") capturing = false;
        else if (name === "rPh") phonetic--;
      },
      text(text) {
        if (!capturing) return;
        current += text;
        if (current.length > raw) throw new FileProblem("stringTooLong", { part, index: out.length });
      },
    },
    limits,
  );
}

export async function readSharedStrings(pkg: OoxmlPackage, part: string): Promise<string[]> {
  const out: string[] = [];
  const reader = sharedStringsReader(out, part, pkg.limits);
  await streamText(pkg, part, pkg.limits.sharedStringsBytes, (text) => {
    if (text) reader.write(text);
  });
  reader.close();
  return out;
}

/** Shared strings from text chunks (the same parser readSharedStrings streams into). */
export function parseSharedStrings(chunks: Iterable<string>, part = SST_PART, limits: ReadLimits = DEFAULT_LIMITS): string[] {
  const out: string[] = [];
  const reader = sharedStringsReader(out, part, limits);
  for (const chunk of chunks) if (chunk) reader.write(chunk);
  reader.close();
  return out;
}

/** Which cell formats (cellXfs) show dates; styles.xml is small, so a plain parse will do. */
export function dateStylesOf(stylesXml: string | null): boolean[] {
  if (!stylesXml) return [];
  const p = rootPrefix(stylesXml);
  const custom = new Map<number, string>();
  const numFmts = findElement(stylesXml, `${p}numFmts`);
  if (numFmts) {
    for (const f of findElements(stylesXml, `${p}numFmt`, numFmts.innerStart, numFmts.innerEnd)) {
      if (f.attrs.numFmtId !== undefined && f.attrs.formatCode !== undefined) custom.set(parseInt(f.attrs.numFmtId, 10), f.attrs.formatCode);
    }
  }
  const cellXfs = findElement(stylesXml, `${p}cellXfs`);
  if (!cellXfs) return [];
  return findElements(stylesXml, `${p}xf`, cellXfs.innerStart, cellXfs.innerEnd).map((xf) => {
    const id = parseInt(xf.attrs.numFmtId ?? "0", 10) || 0;
    return isDateFormat(id, custom.get(id));
  });
}

export async function loadReadContext(pkg: OoxmlPackage): Promise<ReadContext> {
  const sstPart = await pkg.workbookRelated(REL_TYPE.sharedStrings);
  const stylesPart = await pkg.workbookRelated(REL_TYPE.styles);
  return {
    sharedStrings: sstPart ? await readSharedStrings(pkg, sstPart) : [],
    dateStyles: dateStylesOf(stylesPart ? await pkg.text(stylesPart) : null),
    date1904: pkg.date1904,
  };
}

/**
 * Whether trimmed text is a finite xsd:double in its lexical form — digits with an optional
 * sign, fraction and exponent — unlike Number(), which also takes "0x10", "0b1" or "Infinity".
 */
function isXsdNumber(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const ch = t.charCodeAt(i);
    // 0-9 + - . e E
    if (!((ch >= 48 && ch <= 57) || ch === 43 || ch === 45 || ch === 46 || ch === 101 || ch === 69)) return false;
  }
  return true;
}

/** xsd:double's non-finite values: kept as their text, as before. */
const NON_FINITE = new Set(["INF", "+INF", "-INF", "NaN"]);

/**
 * A cell's value from its type attribute, style index and text (<v> or inline <is>). Text a
 * number, boolean or shared-string cell cannot hold throws BadCellValue.
 */
export function convertCell(ctx: ReadContext, type: string, style: number, text: string): CellValue {
  switch (type) {
    case "s": {
      const t = text.trim();
      if (t === "") return null;
      const v = /^\d+$/.test(t) ? ctx.sharedStrings[Number(t)] : undefined;
      if (v === undefined) throw new BadCellValue("badSharedString", ctx.sharedStrings.length);
      return v;
    }
    case "str":
    case "inlineStr":
      return decodeXstring(text);
    case "b": {
      const t = text.trim().toLowerCase();
      if (t === "1" || t === "true") return true;
      if (t === "0" || t === "false" || t === "") return false;
      throw new BadCellValue("notBoolean");
    }
    case "e":
      return { error: text.trim() };
    case "d": {
      const t = text.trim();
      if (t === "") return null;
      const d = new Date(/T/.test(t) && !/(Z|[+-]\d\d:?\d\d)$/i.test(t) ? `${t}Z` : t);
      return Number.isFinite(d.getTime()) ? d : t;
    }
    default: {
      const t = text.trim();
      if (t === "") return null;
      const n = isXsdNumber(t) ? Number(t) : NaN;
      if (!Number.isFinite(n)) {
        if (NON_FINITE.has(t)) return t;
        throw new BadCellValue("notNumber");
      }
      return ctx.dateStyles[style] ? serialToDate(n, ctx.date1904) : n;
    }
  }
}

/**
 * Streams a worksheet part and calls `sink` for each cell (rows firstRow..lastRow) that has a
 * cached value. Parsing stops once a row past lastRow starts.
 */
export async function scanSheet(pkg: OoxmlPackage, part: string, firstRow: number, lastRow: number, sink: RawCellSink, onRow?: (row: number) => void): Promise<void> {
  const reader = new SheetTokenizer(part, firstRow, lastRow, sink, pkg.limits, onRow);
  await streamText(pkg, part, pkg.limits.sheetBytes, (text) => {
    if (text) reader.write(text);
  });
  // A part that ends before its cell data does was cut short (a damaged file): say so rather
  // than return part of the data.
  if (!reader.done) throw new FileProblem("partEnds", { part });
}

/** scanSheet over text chunks (the same reader, for text already in hand). */
export function scanSheetText(chunks: Iterable<string>, firstRow: number, lastRow: number, sink: RawCellSink, part = "xl/worksheets/sheet1.xml", limits: ReadLimits = DEFAULT_LIMITS): void {
  const reader = new SheetTokenizer(part, firstRow, lastRow, sink, limits);
  try {
    for (const chunk of chunks) if (chunk) reader.write(chunk);
  } catch (e) {
    if (e !== STOP) throw e;
  }
  if (!reader.done) throw new FileProblem("partEnds", { part });
}

/**
 * Reads rows firstRow..lastRow of the given columns. Rows after the last row that has a value
 * in any column are not returned (the caller trims trailing rows without values in `columns`).
 */
export async function readSheetRows(
  pkg: OoxmlPackage,
  part: string,
  ctx: ReadContext,
  firstRow: number,
  lastRow: number,
  columns: number[],
  total: number,
  onProgress?: ProgressListener,
): Promise<CellValue[][]> {
  const slots = new Map<number, number[]>();
  columns.forEach((c, j) => slots.set(c, [...(slots.get(c) ?? []), j]));
  const rows: CellValue[][] = [];
  const width = columns.length;
  const step = 8192;
  let nextReport = step;
  const ensure = (i: number) => {
    while (rows.length <= i) rows.push(new Array<CellValue>(width).fill(null));
  };
  await scanSheet(
    pkg,
    part,
    firstRow,
    lastRow,
    (row, column, type, style, text) => {
      const i = row - firstRow;
      ensure(i);
      // every cell of the rows read is checked, not only those of the columns kept
      const v = convertCell(ctx, type, style, text);
      const js = slots.get(column);
      if (!js) return;
      for (const j of js) rows[i][j] = v;
    },
    onProgress
      ? (row) => {
          const done = row - firstRow + 1;
          if (done >= nextReport) {
            nextReport = done + step;
            onProgress(Math.min(done, total), total);
          }
        }
      : undefined,
  );
  return rows;
}

/** Rows per block of a SheetValueCache column. */
const BLOCK_ROWS = 1 << 16;
/** Bytes a block takes: a kind byte and a float per row. */
const BLOCK_BYTES = BLOCK_ROWS * 9;
/** Rough cost of a value kept in a block's side map (text, errors). */
const OTHER_BYTES = 64;
/**
 * How much memory the values kept from a used-range scan may take: about 17 million cells,
 * e.g. 1,048,576 rows of 16 columns. A wider sheet is read again instead.
 */
export const SHEET_CACHE_BUDGET = 160 * 2 ** 20;

const K_NUMBER = 1;
const K_DATE = 2;
const K_SHARED = 3;
const K_TRUE = 4;
const K_FALSE = 5;
const K_OTHER = 6;

interface CacheBlock {
  /** 0 = no value, else one of the K_ kinds. */
  kind: Uint8Array;
  /** The number, the date's time value or the shared-string index. */
  num: Float64Array;
  /** Values of kind K_OTHER (inline text, errors) by row within the block. */
  other: Map<number, CellValue> | null;
}

/**
 * The values a full scan for the used range passes over anyway, kept compactly by column
 * (9 bytes a cell, no object per cell), so the read that follows is served from memory instead
 * of a second pass over the sheet. Recording stops, and the cache becomes unusable, once it
 * would take more than `budget` bytes.
 */
export class SheetValueCache {
  private readonly columns = new Map<number, (CacheBlock | undefined)[]>();
  private bytes = 0;
  private filled = false;
  private overflowed = false;
  /** The last row with a recorded value. */
  lastRow = 0;

  constructor(private readonly budget = SHEET_CACHE_BUDGET) {}

  /** Whether a complete scan was recorded within the budget. */
  get usable(): boolean {
    return this.filled && !this.overflowed;
  }

  /** Records a cell's converted value (never null); `type`/`text` as in the sheet XML. */
  put(row: number, column: number, type: string, text: string, value: CellValue): void {
    if (this.overflowed) return;
    let blocks = this.columns.get(column);
    if (!blocks) {
      blocks = [];
      this.columns.set(column, blocks);
    }
    const b = (row - 1) >>> 16;
    let block = blocks[b];
    if (!block) {
      if (!this.spend(BLOCK_BYTES)) return;
      block = { kind: new Uint8Array(BLOCK_ROWS), num: new Float64Array(BLOCK_ROWS), other: null };
      blocks[b] = block;
    }
    const i = (row - 1) & (BLOCK_ROWS - 1);
    if (typeof value === "number") {
      block.kind[i] = K_NUMBER;
      block.num[i] = value;
    } else if (value instanceof Date) {
      block.kind[i] = K_DATE;
      block.num[i] = value.getTime();
    } else if (typeof value === "boolean") {
      block.kind[i] = value ? K_TRUE : K_FALSE;
    } else if (typeof value === "string" && type === "s") {
      block.kind[i] = K_SHARED;
      block.num[i] = parseInt(text, 10);
    } else {
      if (!this.spend(OTHER_BYTES + (typeof value === "string" ? 2 * value.length : 0))) return;
      block.kind[i] = K_OTHER;
      (block.other ??= new Map()).set(i, value);
    }
    if (row > this.lastRow) this.lastRow = row;
  }

  /** Marks the scan complete (only a complete scan can stand in for a read). */
  complete(): void {
    this.filled = true;
  }

  private spend(bytes: number): boolean {
    this.bytes += bytes;
    if (this.bytes <= this.budget) return true;
    this.overflowed = true;
    this.columns.clear();
    return false;
  }

  private value(ctx: ReadContext, blocks: (CacheBlock | undefined)[] | undefined, row: number): CellValue {
    const block = blocks?.[(row - 1) >>> 16];
    if (!block) return null;
    const i = (row - 1) & (BLOCK_ROWS - 1);
    switch (block.kind[i]) {
      case K_NUMBER:
        return block.num[i];
      case K_DATE:
        return new Date(block.num[i]);
      case K_SHARED:
        return ctx.sharedStrings[block.num[i]] ?? null;
      case K_TRUE:
        return true;
      case K_FALSE:
        return false;
      case K_OTHER: {
        const v = block.other?.get(i) ?? null;
        // a fresh error object per read, as a streamed read gives
        return v !== null && typeof v === "object" && !(v instanceof Date) ? { error: v.error } : v;
      }
      default:
        return null;
    }
  }

  /** Rows firstRow..lastRow of the given columns, as readSheetRows gives them. */
  read(ctx: ReadContext, firstRow: number, lastRow: number, columns: number[], total: number, onProgress?: ProgressListener): CellValue[][] {
    if (!this.usable) throw new Error("The sheet's values were not kept.");
    const last = Math.min(lastRow, this.lastRow);
    const sources = columns.map((c) => this.columns.get(c));
    const rows: CellValue[][] = [];
    const step = 8192;
    for (let r = firstRow; r <= last; r++) {
      rows.push(sources.map((blocks) => this.value(ctx, blocks, r)));
      const done = r - firstRow + 1;
      if (onProgress && done % step === 0 && done < total) onProgress(done, total);
    }
    return rows;
  }
}

/**
 * The range of cells that hold values (a full pass; used when a sheet has no <dimension>).
 * With a cache, the values passed over are kept for the read that usually follows.
 */
export async function scanUsedRange(pkg: OoxmlPackage, part: string, ctx: ReadContext, sheet: string, cache?: SheetValueCache): Promise<RangeRef | null> {
  let firstRow = Infinity;
  let lastRow = 0;
  let firstColumn = Infinity;
  let lastColumn = 0;
  await scanSheet(pkg, part, 1, Number.MAX_SAFE_INTEGER, (row, column, type, style, text) => {
    const value = convertCell(ctx, type, style, text);
    if (value === null) return;
    if (row < firstRow) firstRow = row;
    if (row > lastRow) lastRow = row;
    if (column < firstColumn) firstColumn = column;
    if (column > lastColumn) lastColumn = column;
    cache?.put(row, column, type, text, value);
  });
  cache?.complete();
  return lastRow === 0 ? null : { sheet, firstRow, firstColumn, lastRow, lastColumn };
}

/** The sheet's <dimension ref>, read from the start of the part without parsing the rest. */
export async function readDimension(pkg: OoxmlPackage, part: string): Promise<string | null> {
  let head = "";
  let found: string | null = null;
  await streamText(pkg, part, pkg.limits.sheetBytes, (text) => {
    head += text;
    const m = /<(?:[\w.-]+:)?dimension\s[^>]*?ref\s*=\s*["']([^"']+)["']/.exec(head);
    if (m) {
      found = m[1];
      throw STOP;
    }
    if (/<(?:[\w.-]+:)?sheetData[\s/>]/.test(head) || head.length > 1 << 20) throw STOP;
  });
  return found;
}

/**
 * The sheet's <dimension> as a range (null when it has none or it is not an address). One
 * beyond Excel's grid is a damaged file: nothing may be sized by it.
 */
async function dimensionRange(pkg: OoxmlPackage, part: string, sheet: string): Promise<RangeRef | null> {
  const ref = await readDimension(pkg, part);
  const range = ref ? parseRangeRef(sheet, ref) : null;
  if (ref && !range && /^\s*\$?[A-Za-z]+\$?\d+(?::\$?[A-Za-z]+\$?\d+)?\s*$/.test(ref)) throw new FileProblem("badDimension", { part, ref: shortText(ref) });
  return range;
}

/**
 * A sheet's used range for the streaming readers: the <dimension> Excel and most writers put
 * first (which saves a pass over a big sheet), or, when it is missing or a single cell (some
 * writers always write A1), a scan for the cells that hold values, whose values `cache` keeps.
 */
export async function streamedUsedRange(pkg: OoxmlPackage, part: string, ctx: () => Promise<ReadContext>, sheet: string, cache?: SheetValueCache): Promise<RangeRef | null> {
  const range = await dimensionRange(pkg, part, sheet);
  if (range && (range.lastRow > range.firstRow || range.lastColumn > range.firstColumn)) return range;
  return scanUsedRange(pkg, part, await ctx(), sheet, cache);
}

/**
 * Reads the whole package as the streaming reader would, for readers that take it whole
 * (ExcelJS): every worksheet's cells converted, the shared strings and styles parsed, and
 * every other entry inflated within the limits and to no more than its zip entry records.
 * Throws the FileProblem a streamed read of the same file would.
 */
export async function checkWholePackage(pkg: OoxmlPackage): Promise<void> {
  const ctx = await loadReadContext(pkg);
  const read = new Set<string>();
  for (const sheet of pkg.sheets) {
    if (sheet.kind !== "worksheet" || !sheet.part) continue;
    read.add(sheet.part.toLowerCase());
    await dimensionRange(pkg, sheet.part, sheet.name);
    await scanSheet(pkg, sheet.part, 1, MAX_ROWS, (_row, _column, type, style, text) => {
      convertCell(ctx, type, style, text);
    });
  }
  for (const part of pkg.allParts()) {
    if (!read.has(part.toLowerCase())) await pkg.readPart(part, pkg.limits.sheetBytes, () => undefined);
  }
}
