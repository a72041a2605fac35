/**
 * CSV files as a workbook: one sheet, named after the file, whose cells are the fields as text.
 * Reads go through the same WorkbookPort as .xlsx files, so header detection (src/sheet/detect)
 * and cell parsing (src/sheet/cells: "1 234,50", "$32,370.00", dates as text) are the ones every
 * workbook gets; a CSV field is a text cell and nothing here reads numbers or dates.
 *
 * Writing makes a new .xlsx workbook: the CSV's rows as a sheet of text cells (exactly the
 * fields, so nothing is reinterpreted: "00123" keeps its zeros, "=1+1" and "-5" stay text) plus
 * the add-in's sheet, written by the same zip-level writer as for .xlsx input.
 *
 * The bytes are decoded so (decodeCsv):
 * - a UTF-8 byte order mark means UTF-8 (the mark is dropped); a UTF-16 mark (Excel's "Unicode
 *   text") means UTF-16;
 * - otherwise UTF-8 when the bytes are valid UTF-8, and Windows-1252 when they are not: Excel
 *   on Windows saves "CSV (comma delimited)" in the system's ANSI code page, which is 1252 for
 *   English, Swedish and the other Western European languages. (A 1252 file that happens to be
 *   valid UTF-8 needs bytes like "Ã¥" in a row, which real text does not have.)
 * The delimiter (sniffDelimiter) is the one of comma, semicolon and tab that the header line
 * holds most often outside quotes; Excel's "sep=;" first line, when present, decides instead.
 * Fields follow RFC 4180 (quotes around fields with delimiters, line breaks or quotes; a quote
 * inside is doubled), parsed by Papa Parse.
 *
 * Memory: the rows are parsed once, when the file is opened, and kept as the parser's strings;
 * the data sheet's XML is produced in blocks only when the workbook is saved. A file with more
 * rows than an Excel sheet holds (1,048,576) is refused, as is a field longer than a cell
 * holds. No Node modules here: the task pane uses this file in the browser.
 */
import Papa from "papaparse";
import { Catalog, LocalizedError } from "../i18n";
import { encodeXstring, NS, OoxmlPackage, type SheetEntry, xmlAttr, xmlText, CONTENT_TYPE, REL_TYPE, relationshipsXml } from "./ooxml";
import { PackageWorkbook, PROGRESS_STEP, yieldToEventLoop } from "./ooxml-port";
import { MAX_COLUMNS, MAX_ROWS } from "./ooxml-write";
import { cellAddress, columnLetter } from "./plan";
import type { CellValue, ProgressListener, RangeRef } from "./port";

/** The most characters an Excel cell holds. */
export const MAX_CELL_TEXT = 32_767;

export const csvMessages: Catalog = {
  csvTooManyRows: {
    en: "{file} has more than 1,048,576 rows, the most an Excel sheet holds. Split it into smaller files.",
    sv: "{file} har fler än 1 048 576 rader, det mesta ett Excelblad rymmer. Dela upp den i mindre filer.",
  },
  csvTooManyColumns: {
    en: "Row {row} of {file} has {count} fields; an Excel sheet holds at most 16,384 columns.",
    sv: "Rad {row} i {file} har {count} fält; ett Excelblad rymmer högst 16 384 kolumner.",
  },
  csvCellTooLong: {
    en: "Field {cell} of {file} holds {count} characters; an Excel cell holds at most 32,767.",
    sv: "Fältet {cell} i {file} innehåller {count} tecken; en Excelcell rymmer högst 32 767.",
  },
  csvOpenQuote: {
    en: "The quoted field that starts in row {row} of {file} is never closed: a quote (\") is missing.",
    sv: "Fältet inom citattecken som börjar på rad {row} i {file} avslutas aldrig: ett citattecken (\") saknas.",
  },
  csvTooLarge: {
    en: "{file} is too large to read as text ({size} bytes).",
    sv: "{file} är för stor för att läsas som text ({size} byte).",
  },
};

export class CsvError extends LocalizedError {
  constructor(key: keyof typeof csvMessages & string, params: Record<string, string | number>) {
    super(csvMessages, key, params);
    this.name = "CsvError";
  }
}

// ---------------------------------------------------------------------------------------------
// Bytes → text

export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/** Windows-1252's characters for bytes 0x80–0x9F (the rest of the code page is Latin-1). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
  0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/** Windows-1252 → text, by way of UTF-16LE (which every TextDecoder knows). */
function decodeWindows1252(bytes: Uint8Array): string {
  const wide = new Uint8Array(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    const code = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : b;
    wide[2 * i] = code & 0xff;
    wide[2 * i + 1] = code >> 8;
  }
  return new TextDecoder("utf-16le").decode(wide);
}

function decodeUtf16be(bytes: Uint8Array): string {
  const swapped = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1];
    swapped[i + 1] = bytes[i];
  }
  return new TextDecoder("utf-16le").decode(swapped);
}

/** The file's text and the encoding it was read in (see the rules at the top of this file). */
export function decodeCsv(data: ArrayBuffer | Uint8Array): { text: string; encoding: CsvEncoding } {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeUtf16be(bytes.subarray(2)), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch (e) {
    // Invalid UTF-8 (a TypeError, possibly from another realm); anything else is a real failure.
    if ((e as Error | null)?.name !== "TypeError") throw e;
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}

// ---------------------------------------------------------------------------------------------
// Delimiter

export type CsvDelimiter = "," | ";" | "\t";
const DELIMITERS: CsvDelimiter[] = [",", ";", "\t"];

/** Counts of each delimiter outside quotes, line by line, for the first `maxLines` lines. */
function delimiterCounts(text: string, from: number, maxLines: number): number[][] {
  const lines: number[][] = [];
  let counts = [0, 0, 0];
  let quoted = false;
  for (let i = from; i < text.length && lines.length < maxLines; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      lines.push(counts);
      counts = [0, 0, 0];
    } else {
      const k = DELIMITERS.indexOf(ch as CsvDelimiter);
      if (k >= 0) counts[k]++;
    }
  }
  if (lines.length < maxLines && counts.some((c) => c > 0)) lines.push(counts);
  return lines;
}

/**
 * The delimiter and where the rows start. Excel's "sep=X" first line names it (and is not a
 * row). Otherwise the header line decides, the first line holding any of comma, semicolon or
 * tab outside quotes (a title line above it has none): the most frequent one there wins; a tie
 * goes to the most frequent in the first 20 lines, then to the comma.
 */
export function sniffDelimiter(text: string): { delimiter: CsvDelimiter; start: number } {
  const sep = /^sep=(.)[ \t]*(\r\n|\n|\r|$)/i.exec(text);
  if (sep && (DELIMITERS as string[]).includes(sep[1])) return { delimiter: sep[1] as CsvDelimiter, start: sep[0].length };
  const lines = delimiterCounts(text, 0, 20);
  const header = lines.find((c) => c.some((n) => n > 0));
  if (!header) return { delimiter: ",", start: 0 };
  const best = Math.max(header[0], header[1], header[2]);
  const tied = [0, 1, 2].filter((k) => header[k] === best);
  if (tied.length === 1) return { delimiter: DELIMITERS[tied[0]], start: 0 };
  const sums = [0, 1, 2].map((k) => lines.reduce((s, c) => s + c[k], 0));
  const k = tied.reduce((a, b) => (sums[b] > sums[a] ? b : a));
  return { delimiter: DELIMITERS[k], start: 0 };
}

// ---------------------------------------------------------------------------------------------
// Text → rows

/** Characters the parser takes at a time; between them the page can repaint. */
const PARSE_CHUNK = 1 << 20;

/**
 * Papa Parse streams a string in chunks too (with pause and resume), though its typings offer
 * `chunk` only for files.
 */
type ChunkedConfig = Omit<Papa.ParseConfig<string[]>, "complete"> & {
  chunkSize: number;
  chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser): void;
  complete(): void;
};
const parseChunked = Papa.parse as unknown as (input: string, config: ChunkedConfig) => void;

export interface CsvParse {
  rows: string[][];
  delimiter: CsvDelimiter;
  /** The last row with a non-empty field (0 when there is none) and the widest such row. */
  lastRow: number;
  lastColumn: number;
}

function isBlankRow(row: string[]): boolean {
  for (const f of row) if (f !== "") return false;
  return true;
}

/** Parses the text into rows of fields; refuses what an Excel sheet could not hold. */
export async function parseCsvText(text: string, file: string): Promise<CsvParse> {
  const { delimiter, start } = sniffDelimiter(text);
  const rows: string[][] = [];
  /** Records seen; blank ones past the sheet's last row are counted, not kept. */
  let count = 0;
  let lastRow = 0;
  let lastColumn = 0;
  let failure: unknown = null;
  const body = start > 0 ? text.slice(start) : text;
  await new Promise<void>((resolve) => {
    parseChunked(body, {
      delimiter,
      quoteChar: '"',
      escapeChar: '"',
      header: false,
      dynamicTyping: false,
      skipEmptyLines: false,
      chunkSize: PARSE_CHUNK,
      chunk(results, parser) {
        try {
          const open = results.errors.find((e) => e.code === "MissingQuotes");
          if (open) throw new CsvError("csvOpenQuote", { row: count + (open.row ?? 0) + 1, file });
          for (const row of results.data) {
            const r = ++count;
            if (isBlankRow(row)) {
              if (r <= MAX_ROWS) rows.push(row);
              continue;
            }
            rows.push(row);
            if (r > MAX_ROWS) throw new CsvError("csvTooManyRows", { file });
            if (row.length > MAX_COLUMNS) throw new CsvError("csvTooManyColumns", { row: r, file, count: row.length });
            for (let j = 0; j < row.length; j++) {
              const f = row[j];
              if (f === "") continue;
              if (f.length > MAX_CELL_TEXT) throw new CsvError("csvCellTooLong", { cell: cellAddress(r, j + 1), file, count: f.length });
              if (j + 1 > lastColumn) lastColumn = j + 1;
            }
            lastRow = r;
          }
        } catch (e) {
          failure = e;
          parser.abort();
          return;
        }
        // Let the page repaint between chunks (a no-op cost on the command line).
        parser.pause();
        void yieldToEventLoop().then(() => parser.resume());
      },
      complete: () => resolve(),
    });
  });
  if (failure) throw failure;
  rows.length = Math.min(rows.length, lastRow);
  return { rows, delimiter, lastRow, lastColumn };
}

// ---------------------------------------------------------------------------------------------
// The workbook

/** A sheet name from a file name: the stem, without what Excel forbids, at most 31 characters. */
export function sheetNameFor(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  let name = base.replace(/[:\\/?*[\]]/g, "_").replace(/^'+|'+$/g, "").trim().slice(0, 31).trim();
  if (name === "" || name.toLowerCase() === "history") name = "Data";
  return name;
}

const XML_DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
const DATA_PART = "xl/worksheets/sheet1.xml";
/** Rows of the data sheet encoded at a time. */
const XML_BLOCK_ROWS = 4096;

function textCell(ref: string, text: string): string {
  const space = /^\s|\s$|[\n\t]/.test(text) ? ` xml:space="preserve"` : "";
  return `<c r="${ref}" t="inlineStr"><is><t${space}>${xmlText(encodeXstring(text))}</t></is></c>`;
}

/** The data sheet's XML in blocks of bytes: every non-empty field as a text cell. */
export function* dataSheetXml(rows: string[][], lastRow: number, lastColumn: number): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  const dimension = lastRow > 0 ? `A1:${cellAddress(lastRow, Math.max(1, lastColumn))}` : "A1";
  yield encoder.encode(`${XML_DECL}<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}"><dimension ref="${dimension}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>`);
  const letters: string[] = [];
  for (let c = 1; c <= lastColumn; c++) letters.push(columnLetter(c));
  let block: string[] = [];
  for (let i = 0; i < lastRow; i++) {
    const row = rows[i];
    if (!row || isBlankRow(row)) continue;
    const r = i + 1;
    let xml = `<row r="${r}">`;
    for (let j = 0; j < row.length; j++) if (row[j] !== "") xml += textCell(`${letters[j]}${r}`, row[j]);
    block.push(`${xml}</row>`);
    if (block.length >= XML_BLOCK_ROWS) {
      yield encoder.encode(block.join(""));
      block = [];
    }
  }
  block.push(`</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`);
  yield encoder.encode(block.join(""));
}

export interface CsvOpenOptions {
  /** The file's name: the sheet is named after it, and messages name it. */
  name: string;
}

export class CsvWorkbook extends PackageWorkbook {
  private dataWritten = false;

  protected constructor(
    pkg: OoxmlPackage,
    private readonly csv: CsvParse,
    /** The one sheet's name. */
    readonly sheetName: string,
    readonly encoding: CsvEncoding,
  ) {
    super(pkg);
  }

  /** Reads a CSV file's bytes (see the top of this file for encodings and delimiters). */
  static async fromBytes(data: ArrayBuffer | Uint8Array, options: CsvOpenOptions): Promise<CsvWorkbook> {
    const size = data.byteLength;
    let decoded: { text: string; encoding: CsvEncoding };
    try {
      decoded = decodeCsv(data);
    } catch (e) {
      // Text longer than a JavaScript string can be (about 500 million characters).
      if ((e as Error | null)?.name === "RangeError") throw new CsvError("csvTooLarge", { file: options.name, size });
      throw e;
    }
    const csv = await parseCsvText(decoded.text, options.name);
    const name = sheetNameFor(options.name);
    return new this(await packageWithSheet(name), csv, name, decoded.encoding);
  }

  /** The delimiter the file was read with. */
  get delimiter(): CsvDelimiter {
    return this.csv.delimiter;
  }

  protected async sourceUsedRange(sheet: SheetEntry): Promise<RangeRef | null> {
    const { lastRow, lastColumn } = this.csv;
    return lastRow === 0 ? null : { sheet: sheet.name, firstRow: 1, firstColumn: 1, lastRow, lastColumn };
  }

  protected async readSource(_sheet: SheetEntry, firstRow: number, lastRow: number, columns: number[], total: number, onProgress?: ProgressListener): Promise<CellValue[][]> {
    const rows = this.csv.rows;
    const out: CellValue[][] = [];
    const n = columns.length;
    for (let r = firstRow; r <= lastRow; r++) {
      const row = rows[r - 1];
      const values: CellValue[] = new Array(n);
      for (let k = 0; k < n; k++) {
        const f = row?.[columns[k] - 1];
        values[k] = f === undefined || f === "" ? null : f;
      }
      out.push(values);
      const done = r - firstRow + 1;
      if (done % (PROGRESS_STEP * 4) === 0 && done < total) {
        onProgress?.(done, total);
        await yieldToEventLoop();
      }
    }
    return out;
  }

  /** The data sheet's XML in blocks (for a writer that streams them into the zip). */
  protected dataSheetBlocks(): Generator<Uint8Array> {
    return dataSheetXml(this.csv.rows, this.csv.lastRow, this.csv.lastColumn);
  }

  /** Puts the data sheet into the package, once, just before it is saved. */
  protected fillDataSheet(content: Uint8Array | Blob | NodeJS.ReadableStream): void {
    if (this.dataWritten) return;
    this.pkg.zip.file(DATA_PART, content, { createFolders: false });
    this.dataWritten = true;
  }

  /** The new workbook as .xlsx bytes: the CSV's rows as a sheet plus what apply() wrote. */
  override async toBuffer(): Promise<Uint8Array> {
    this.pkg.assertSaveable();
    if (!this.dataWritten) {
      const blocks = [...this.dataSheetBlocks()];
      // In a browser a Blob holds the blocks without one more copy; elsewhere join them.
      if (typeof Blob !== "undefined" && typeof FileReader !== "undefined") this.fillDataSheet(new Blob(blocks as BlobPart[]));
      else this.fillDataSheet(concat(blocks));
    }
    return super.toBuffer();
  }
}

function concat(blocks: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const b of blocks) size += b.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (let i = 0; i < blocks.length; i++) {
    out.set(blocks[i], at);
    at += blocks[i].length;
  }
  return out;
}

/** A new package holding one (still empty) worksheet of that name, not marked as the add-in's. */
async function packageWithSheet(name: string): Promise<OoxmlPackage> {
  const pkg = await OoxmlPackage.create();
  const zip = pkg.zip;
  zip.file(
    "[Content_Types].xml",
    `${XML_DECL}<Types xmlns="${NS.contentTypes}"><Default Extension="rels" ContentType="${CONTENT_TYPE.rels}"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE.workbook}"/><Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/>` +
      `<Override PartName="/${DATA_PART}" ContentType="${CONTENT_TYPE.worksheet}"/></Types>`,
  );
  zip.file(
    "xl/workbook.xml",
    `${XML_DECL}<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}"><workbookPr/><bookViews><workbookView/></bookViews>` +
      `<sheets><sheet name="${xmlAttr(name)}" sheetId="1" r:id="rId2"/></sheets><calcPr calcId="191029"/></workbook>`,
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    relationshipsXml([
      { id: "rId1", type: REL_TYPE.styles, target: "styles.xml" },
      { id: "rId2", type: REL_TYPE.worksheet, target: "worksheets/sheet1.xml" },
    ]),
  );
  zip.file(DATA_PART, `${XML_DECL}<worksheet xmlns="${NS.main}"><sheetData/></worksheet>`);
  await pkg.refresh();
  return pkg;
}

/** Opens a CSV file's bytes as a workbook (the sheet is named after `name`). */
export function openCsv(data: ArrayBuffer | Uint8Array, name: string): Promise<CsvWorkbook> {
  return CsvWorkbook.fromBytes(data, { name });
}
