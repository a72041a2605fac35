/**
 * Streaming reads of worksheet parts straight from the package: the sheet XML is inflated and
 * tokenized chunk by chunk, and only the requested columns are kept, so a 1,048,576-row sheet
 * never exists in memory as XML or as per-cell objects. Used by the Node file adapter
 * (xlsx-file.ts) and as the fallback reader of xlsx.ts; no Node modules here.
 *
 * ExcelJS's streaming WorkbookReader is not used: in 4.4 it loses the type of cached formula
 * results (an error result becomes NaN, TRUE becomes 1, date results stay serials) and it spools
 * worksheets to temporary files when sharedStrings.xml follows them in the zip, which is the
 * order Excel writes.
 */
import type { CellValue, ProgressListener, RangeRef } from "./port";
import { decodeXstring, findElement, findElements, isDateFormat, OoxmlPackage, parseRangeRef, REL_TYPE, rootPrefix, serialToDate, unescapeXml } from "./ooxml";

/** What turns raw cell text into values: the shared strings, which styles are dates, the epoch. */
export interface ReadContext {
  sharedStrings: string[];
  /** By cellXfs index: does the cell's number format show a date? */
  dateStyles: boolean[];
  date1904: boolean;
}

const STOP = Symbol("stop");

/** Feeds a part's text to `onText` in chunks; onText may throw STOP to end early. */
export function streamText(pkg: OoxmlPackage, part: string, onText: (text: string) => void): Promise<void> {
  const stream = pkg.stream(part);
  if (!stream) return Promise.reject(new Error(`The workbook has no part ${part}.`));
  const decoder = new TextDecoder("utf-8");
  return new Promise<void>((resolve, reject) => {
    let finished = false;
    const fail = (e: unknown) => {
      if (finished) return;
      finished = true;
      stream.pause();
      stream.destroy?.();
      if (e === STOP) resolve();
      else reject(e);
    };
    stream
      .on("data", (chunk) => {
        if (finished) return;
        try {
          onText(decoder.decode(chunk, { stream: true }));
        } catch (e) {
          fail(e);
        }
      })
      .on("end", () => {
        if (finished) return;
        try {
          onText(decoder.decode());
          finished = true;
          resolve();
        } catch (e) {
          fail(e);
        }
      })
      .on("error", (e) => fail(e))
      .resume();
  });
}

function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

/** What the tokenizer reports. `tag` is the raw text between "<" and ">" (attributes unparsed). */
interface XmlHandler {
  open(name: string, tag: string): void;
  close(name: string): void;
  text(text: string): void;
  /** Whether text is wanted now; text outside wanted elements is skipped undecoded. */
  capturing: boolean;
}

/**
 * A minimal streaming XML tokenizer for the machine-written parts we read (worksheets, shared
 * strings). It finds tags with indexOf instead of a character-by-character state machine, which
 * makes it several times faster than a general SAX parser on a 250 MB sheet. Comments, CDATA
 * and processing instructions are handled; DTDs are skipped.
 */
class XmlTokenizer {
  private rest = "";

  constructor(private readonly h: XmlHandler) {}

  write(chunk: string): void {
    const buf = this.rest.length > 0 ? this.rest + chunk : chunk;
    const h = this.h;
    let pos = 0;
    for (;;) {
      const lt = buf.indexOf("<", pos);
      if (lt < 0) {
        // Text runs on into the next chunk; keep it only if it is wanted.
        this.rest = h.capturing ? buf.slice(pos) : "";
        return;
      }
      if (lt > pos && h.capturing) h.text(decodeText(buf.slice(pos, lt)));
      const c1 = buf.charCodeAt(lt + 1);
      if (c1 === 33 /* ! */ || c1 === 63 /* ? */ || Number.isNaN(c1)) {
        const end = this.special(buf, lt);
        if (end < 0) {
          pos = lt;
          break;
        }
        pos = end;
        continue;
      }
      // Spreadsheet writers escape ">" in attribute values, and none of the attributes read
      // here could hold one; the first ">" ends the tag.
      const k = buf.indexOf(">", lt + 1);
      if (k < 0) {
        pos = lt;
        break;
      }
      if (c1 === 47 /* / */) {
        h.close(localName(buf.slice(lt + 2, k).trim()));
      } else {
        const selfClosing = buf.charCodeAt(k - 1) === 47;
        const tag = buf.slice(lt + 1, selfClosing ? k - 1 : k);
        let e = 0;
        while (e < tag.length) {
          const ch = tag.charCodeAt(e);
          if (ch === 32 || ch === 9 || ch === 10 || ch === 13) break;
          e++;
        }
        const name = localName(tag.slice(0, e));
        h.open(name, tag);
        if (selfClosing) h.close(name);
      }
      pos = k + 1;
    }
    this.rest = buf.slice(pos);
  }

  private special(buf: string, lt: number): number {
    return skipSpecial(buf, lt, this.h.capturing ? (t) => this.h.text(t) : null);
  }
}

function decodeText(text: string): string {
  return text.indexOf("&") < 0 ? text : unescapeXml(text);
}

async function tokenize(pkg: OoxmlPackage, part: string, handler: XmlHandler): Promise<void> {
  const tokenizer = new XmlTokenizer(handler);
  await streamText(pkg, part, (text) => {
    if (text) tokenizer.write(text);
  });
}

/** A parser for sharedStrings.xml text: the plain text of each <si>, phonetic runs left out. */
function sharedStringsHandler(out: string[]): XmlHandler {
  let current = "";
  let phonetic = 0;
  const handler: XmlHandler = {
    capturing: false,
    open(name) {
      if (name === "si") current = "";
      else if (name === "t") handler.capturing = phonetic === 0;
      else if (name === "rPh") phonetic++;
    },
    close(name) {
      if (name === "si") out.push(decodeXstring(current));
      else if (name === "t") handler.capturing = false;
      else if (name === "rPh") phonetic--;
    },
    text(text) {
      current += text;
    },
  };
  return handler;
}

export async function readSharedStrings(pkg: OoxmlPackage, part: string): Promise<string[]> {
  const out: string[] = [];
  await tokenize(pkg, part, sharedStringsHandler(out));
  return out;
}

/** Shared strings from text chunks (the same parser readSharedStrings streams into). */
export function parseSharedStrings(chunks: Iterable<string>): string[] {
  const out: string[] = [];
  const tokenizer = new XmlTokenizer(sharedStringsHandler(out));
  for (const chunk of chunks) tokenizer.write(chunk);
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

/** A cell's value from its type attribute, style index and text (<v> or inline <is>). */
export function convertCell(ctx: ReadContext, type: string, style: number, text: string): CellValue {
  switch (type) {
    case "s": {
      const v = ctx.sharedStrings[parseInt(text, 10)];
      return v === undefined ? null : v;
    }
    case "str":
    case "inlineStr":
      return decodeXstring(text);
    case "b": {
      const t = text.trim().toLowerCase();
      return t === "1" || t === "true";
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
      const n = Number(t);
      if (!Number.isFinite(n)) return t;
      return ctx.dateStyles[style] ? serialToDate(n, ctx.date1904) : n;
    }
  }
}

/** Receives every cell in the row window that holds a value; raw, so skipped columns cost little. */
export type RawCellSink = (row: number, column: number, type: string, style: number, text: string) => void;

const SPACE = (ch: number) => ch === 32 || ch === 9 || ch === 10 || ch === 13;

/** Cell types by their `t` attribute, as small numbers so no string is made per cell. */
const CELL_TYPES = ["n", "s", "str", "inlineStr", "b", "e", "d"] as const;

/**
 * A tokenizer specialised for worksheet XML: it recognises <row>, <c>, <v>, <is>, <t>, <rPh>
 * and </sheetData> from character codes and reads the r, s and t attributes in place, so a
 * numeric cell costs one substring (its <v> text). Other elements are skipped. Namespace
 * prefixes (x:c) are allowed.
 */
class SheetTokenizer {
  private rest = "";
  row = 0;
  private column = 0;
  private inCell = false;
  private type = 0;
  private style = 0;
  private text = "";
  private hasValue = false;
  private capturing = false;
  private inInline = false;
  private phonetic = 0;
  /** Set once </sheetData> or a row past lastRow was seen. */
  done = false;

  constructor(
    private readonly firstRow: number,
    private readonly lastRow: number,
    private readonly sink: RawCellSink,
    private readonly onRow?: (row: number) => void,
  ) {}

  write(chunk: string): void {
    const buf = this.rest.length > 0 ? this.rest + chunk : chunk;
    let pos = 0;
    for (;;) {
      const lt = buf.indexOf("<", pos);
      if (lt < 0) {
        this.rest = this.capturing ? buf.slice(pos) : "";
        return;
      }
      if (lt > pos && this.capturing) this.text += decodeText(buf.slice(pos, lt));
      const c1 = buf.charCodeAt(lt + 1);
      if (c1 === 33 || c1 === 63 || Number.isNaN(c1)) {
        const end = skipSpecial(buf, lt, this.capturing ? (t) => (this.text += t) : null);
        if (end < 0) {
          pos = lt;
          break;
        }
        pos = end;
        continue;
      }
      const k = buf.indexOf(">", lt + 1);
      if (k < 0) {
        pos = lt;
        break;
      }
      const closing = c1 === 47;
      // the local name: after any prefix, up to a space, "/" or ">"
      let start = closing ? lt + 2 : lt + 1;
      let e = start;
      for (; e < k; e++) {
        const ch = buf.charCodeAt(e);
        if (ch === 58 /* : */) start = e + 1;
        else if (SPACE(ch) || ch === 47) break;
      }
      const len = e - start;
      const first = buf.charCodeAt(start);
      const selfClosing = !closing && buf.charCodeAt(k - 1) === 47;
      if (closing) this.close(buf, first, len, start);
      else {
        this.open(buf, first, len, start, e, selfClosing ? k - 1 : k);
        if (selfClosing) this.close(buf, first, len, start);
      }
      pos = k + 1;
    }
    this.rest = buf.slice(pos);
  }

  private open(buf: string, first: number, len: number, start: number, attrsFrom: number, attrsTo: number): void {
    if (len === 1) {
      if (first === 99 /* c */) this.openCell(buf, attrsFrom, attrsTo);
      else if (first === 118 /* v */) {
        if (this.inCell) {
          this.capturing = true;
          this.hasValue = true;
        }
      } else if (first === 116 /* t */) {
        if (this.inInline && this.phonetic === 0) this.capturing = true;
      }
    } else if (len === 3 && first === 114 /* r */ && buf.startsWith("row", start)) {
      this.openRow(buf, attrsFrom, attrsTo);
    } else if (len === 2 && first === 105 /* i */ && buf.charCodeAt(start + 1) === 115 /* s */) {
      if (this.inCell) {
        this.inInline = true;
        this.hasValue = true;
      }
    } else if (len === 3 && first === 114 && buf.startsWith("rPh", start)) {
      this.phonetic++;
    }
  }

  private close(buf: string, first: number, len: number, start: number): void {
    if (len === 1) {
      if (first === 99 /* c */) {
        if (this.hasValue && this.row >= this.firstRow) this.sink(this.row, this.column, CELL_TYPES[this.type], this.style, this.text);
        this.inCell = false;
        this.capturing = false;
      } else if (first === 118 || first === 116) this.capturing = false;
    } else if (len === 2 && first === 105 && buf.charCodeAt(start + 1) === 115) {
      this.inInline = false;
    } else if (len === 3 && first === 114 && buf.startsWith("rPh", start)) {
      this.phonetic--;
    } else if (len === 9 && first === 115 /* s */ && buf.startsWith("sheetData", start)) {
      this.done = true;
      throw STOP;
    }
  }

  private openRow(buf: string, from: number, to: number): void {
    let r = 0;
    const v = findAttribute(buf, from, to, 114 /* r */);
    if (v >= 0) {
      for (let i = v; i < to; i++) {
        const ch = buf.charCodeAt(i);
        if (ch < 48 || ch > 57) break;
        r = r * 10 + ch - 48;
      }
    }
    this.row = r > 0 ? r : this.row + 1;
    this.column = 0;
    if (this.row > this.lastRow) {
      this.done = true;
      throw STOP;
    }
    this.onRow?.(this.row);
  }

  private openCell(buf: string, from: number, to: number): void {
    this.inCell = true;
    this.text = "";
    this.hasValue = false;
    this.type = 0;
    this.style = 0;
    let column = 0;
    let row = 0;
    let hasRef = false;
    // attributes: name="value" pairs; only r, s and t matter
    let i = from;
    while (i < to) {
      while (i < to && SPACE(buf.charCodeAt(i))) i++;
      const nameStart = i;
      while (i < to && buf.charCodeAt(i) !== 61 /* = */ && !SPACE(buf.charCodeAt(i))) i++;
      const nameLen = i - nameStart;
      const name = buf.charCodeAt(nameStart);
      while (i < to && buf.charCodeAt(i) !== 34 && buf.charCodeAt(i) !== 39) i++;
      const quote = buf.charCodeAt(i);
      const valueStart = ++i;
      while (i < to && buf.charCodeAt(i) !== quote) i++;
      const valueEnd = i++;
      if (nameLen !== 1) continue;
      if (name === 114 /* r */) {
        hasRef = true;
        for (let j = valueStart; j < valueEnd; j++) {
          const ch = buf.charCodeAt(j);
          if (ch >= 65 && ch <= 90) column = column * 26 + ch - 64;
          else if (ch >= 97 && ch <= 122) column = column * 26 + ch - 96;
          else if (ch >= 48 && ch <= 57) row = row * 10 + ch - 48;
        }
      } else if (name === 115 /* s */) {
        let s = 0;
        for (let j = valueStart; j < valueEnd; j++) s = s * 10 + buf.charCodeAt(j) - 48;
        this.style = s;
      } else if (name === 116 /* t */) {
        this.type = Math.max(0, CELL_TYPES.indexOf(buf.slice(valueStart, valueEnd) as (typeof CELL_TYPES)[number]));
      }
    }
    if (hasRef) {
      this.column = column;
      if (row > 0 && row !== this.row) {
        this.row = row;
        if (row > this.lastRow) {
          this.done = true;
          throw STOP;
        }
      }
    } else this.column++;
  }
}

/** Where attribute `name` (a one-letter name, as a char code)'s value starts, or -1. */
function findAttribute(buf: string, from: number, to: number, name: number): number {
  for (let i = from; i < to - 2; i++) {
    if (buf.charCodeAt(i) === name && SPACE(buf.charCodeAt(i - 1))) {
      let j = i + 1;
      while (j < to && SPACE(buf.charCodeAt(j))) j++;
      if (buf.charCodeAt(j) !== 61) continue;
      j++;
      while (j < to && SPACE(buf.charCodeAt(j))) j++;
      const q = buf.charCodeAt(j);
      if (q === 34 || q === 39) return j + 1;
    }
  }
  return -1;
}

/** Comments, CDATA, PIs, DOCTYPE: the offset after it, or -1 if incomplete. CDATA goes to onText. */
function skipSpecial(buf: string, lt: number, onText: ((text: string) => void) | null): number {
  if (buf.length - lt < 9) return -1;
  if (buf.startsWith("<!--", lt)) {
    const e = buf.indexOf("-->", lt + 4);
    return e < 0 ? -1 : e + 3;
  }
  if (buf.startsWith("<![CDATA[", lt)) {
    const e = buf.indexOf("]]>", lt + 9);
    if (e < 0) return -1;
    onText?.(buf.slice(lt + 9, e));
    return e + 3;
  }
  if (buf.startsWith("<?", lt)) {
    const e = buf.indexOf("?>", lt + 2);
    return e < 0 ? -1 : e + 2;
  }
  const bracket = buf.indexOf("[", lt);
  const gt = buf.indexOf(">", lt);
  if (gt < 0) return -1;
  if (bracket >= 0 && bracket < gt) {
    const e = buf.indexOf("]>", bracket);
    return e < 0 ? -1 : e + 2;
  }
  return gt + 1;
}

/**
 * Streams a worksheet part and calls `sink` for each cell (rows firstRow..lastRow) that has a
 * cached value. Parsing stops once a row past lastRow starts.
 */
export async function scanSheet(pkg: OoxmlPackage, part: string, firstRow: number, lastRow: number, sink: RawCellSink, onRow?: (row: number) => void): Promise<void> {
  const tokenizer = new SheetTokenizer(firstRow, lastRow, sink, onRow);
  await streamText(pkg, part, (text) => {
    if (text) tokenizer.write(text);
  });
  // A part that ends before its cell data does was cut short (a damaged file): say so rather
  // than return part of the data.
  if (!tokenizer.done) throw new Error(`The worksheet ${part} is damaged: it ends before its cell data does.`);
}

/** scanSheet over text chunks (the same tokenizer, for text already in hand). */
export function scanSheetText(chunks: Iterable<string>, firstRow: number, lastRow: number, sink: RawCellSink): void {
  const tokenizer = new SheetTokenizer(firstRow, lastRow, sink);
  try {
    for (const chunk of chunks) tokenizer.write(chunk);
  } catch (e) {
    if (e !== STOP) throw e;
  }
  if (!tokenizer.done) throw new Error("The worksheet is damaged: it ends before its cell data does.");
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
      const js = slots.get(column);
      if (!js) return;
      const v = convertCell(ctx, type, style, text);
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
  await streamText(pkg, part, (text) => {
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
 * A sheet's used range for the streaming readers: the <dimension> Excel and most writers put
 * first (which saves a pass over a big sheet), or, when it is missing or a single cell (some
 * writers always write A1), a scan for the cells that hold values, whose values `cache` keeps.
 */
export async function streamedUsedRange(pkg: OoxmlPackage, part: string, ctx: () => Promise<ReadContext>, sheet: string, cache?: SheetValueCache): Promise<RangeRef | null> {
  const ref = await readDimension(pkg, part);
  const range = ref ? parseRangeRef(sheet, ref) : null;
  if (range && (range.lastRow > range.firstRow || range.lastColumn > range.firstColumn)) return range;
  return scanUsedRange(pkg, part, await ctx(), sheet, cache);
}
