/**
 * The .xlsx package (a zip of XML parts) as the add-in sees it: which sheets exist, where their
 * parts live, which tables they hold and which sheet carries the ownership marker. Writing goes
 * through ooxml-write.ts, which edits only the add-in's own parts and makes minimal, targeted
 * edits to the few shared ones, so every other part of the user's file stays byte-for-byte.
 *
 * No Node modules here: this runs in the browser too (JSZip works on Uint8Array).
 */
import JSZip from "jszip";
import { LocalizedError } from "../i18n";
import { DEFAULT_LIMITS, FileProblem, MAX_COLUMNS, MAX_ROWS, megabytes, type ReadLimits } from "./file-errors";
import { OWNER_MARKER_NAME } from "./plan";
import { sniffWorkbookFile } from "./sniff";
import { checkXmlText } from "./xml-check";
import type { CellError, RangeRef, SheetOwnership, TableInfo } from "./port";

// ---------------------------------------------------------------------------------------------
// XML text helpers. The parts we edit are machine-written; we parse just enough of them with
// regular expressions that respect quoted attribute values, and keep everything else verbatim.

const TAG_BODY = `(?:[^>"']|"[^"]*"|'[^']*')*`;

/** Characters XML 1.0 cannot carry at all (not even as character references). */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes element text; characters XML cannot hold become U+FFFD. */
export function xmlText(text: string): string {
  return text.replace(INVALID_XML_CHARS, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes an attribute value (double-quoted); tabs and line breaks survive attribute normalisation. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(ENTITY, (_all, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name];
    const code = hex ? parseInt(hex, 16) : parseInt(dec as string, 10);
    return String.fromCodePoint(code);
  });
}

/**
 * Cell text in SpreadsheetML's ST_Xstring form: characters XML cannot hold are written as
 * `_xHHHH_` (as Excel does), and a literal `_xHHHH_` in the text is protected as `_x005F_xHHHH_`
 * so Excel does not decode it. The result still needs xmlText().
 */
export function encodeXstring(text: string): string {
  return text
    .replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_")
    .replace(INVALID_XML_CHARS, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`)
    .replace(/\r/g, "_x000D_");
}

/** Reverses encodeXstring (Excel decodes `_xHHHH_` in cell text; ExcelJS does not). */
export function decodeXstring(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_all, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function parseAttributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([^\s=/<>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  // skip the element name
  const body = tag.replace(/^<[^\s/>]+/, "");
  for (let m = re.exec(body); m; m = re.exec(body)) out[m[1]] = unescapeXml(m[2] ?? m[3] ?? "");
  return out;
}

export interface XmlElement {
  /** Offset of "<" of the open tag. */
  start: number;
  /** Offset just after the element's end ("/>" or the close tag). */
  end: number;
  /** The open tag text. */
  tag: string;
  /** Offsets of the content between open and close tag (equal for self-closing elements). */
  innerStart: number;
  innerEnd: number;
  selfClosing: boolean;
  attrs: Record<string, string>;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Every element with this qualified name in xml[from, to). Elements of that name must not nest
 * (true for everything we look for: sheet, definedName, Relationship, Override, xf, font...).
 */
export function findElements(xml: string, qname: string, from = 0, to = xml.length): XmlElement[] {
  const out: XmlElement[] = [];
  const open = new RegExp(`<${escapeRe(qname)}(?=[\\s/>])${TAG_BODY}>`, "g");
  const close = `</${qname}>`;
  open.lastIndex = from;
  for (let m = open.exec(xml); m && m.index < to; m = open.exec(xml)) {
    const tag = m[0];
    const start = m.index;
    const innerStart = start + tag.length;
    if (tag.endsWith("/>")) {
      out.push({ start, end: innerStart, tag, innerStart, innerEnd: innerStart, selfClosing: true, attrs: parseAttributes(tag) });
      continue;
    }
    const innerEnd = xml.indexOf(close, innerStart);
    if (innerEnd < 0 || innerEnd >= to) break;
    const end = innerEnd + close.length;
    out.push({ start, end, tag, innerStart, innerEnd, selfClosing: false, attrs: parseAttributes(tag) });
    open.lastIndex = end;
  }
  return out;
}

export function findElement(xml: string, qname: string, from = 0, to = xml.length): XmlElement | null {
  return findElements(xml, qname, from, to)[0] ?? null;
}

/** The namespace prefix of the root element ("" or e.g. "x:"), so edits can use the same one. */
export function rootPrefix(xml: string): string {
  const m = /<(?![?!])([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*(?=[\s/>])/.exec(xml);
  return m?.[1] ?? "";
}

/** The open tag of the root element. */
export function rootTag(xml: string): string {
  const m = new RegExp(`<(?![?!])[A-Za-z_][\\w.:-]*(?=[\\s/>])${TAG_BODY}>`).exec(xml);
  return m?.[0] ?? "";
}

/** The prefix bound to a namespace URI on the root element, or null. */
export function namespacePrefix(xml: string, uri: string): string | null {
  const attrs = parseAttributes(rootTag(xml));
  for (const [name, value] of Object.entries(attrs)) {
    if (value === uri && name.startsWith("xmlns:")) return name.slice(6);
  }
  return null;
}

/** Sets (or adds) an attribute on an open tag. */
export function setAttribute(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${escapeRe(name)}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${xmlAttr(value)}"`);
  return tag.replace(/\s*(\/?>)$/, ` ${name}="${xmlAttr(value)}"$1`);
}

/** Applies text edits (offsets into the original string), in any order; edits must not overlap. */
export function applyEdits(xml: string, edits: { start: number; end: number; text: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = xml;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Part names and relationships

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
  drawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
};

export const REL_TYPE = {
  officeDocument: `${NS.rel}/officeDocument`,
  worksheet: `${NS.rel}/worksheet`,
  chartsheet: `${NS.rel}/chartsheet`,
  styles: `${NS.rel}/styles`,
  table: `${NS.rel}/table`,
  drawing: `${NS.rel}/drawing`,
  chart: `${NS.rel}/chart`,
  sharedStrings: `${NS.rel}/sharedStrings`,
  calcChain: `${NS.rel}/calcChain`,
};

export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  rels: "application/vnd.openxmlformats-package.relationships+xml",
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
};

/** Relationship types compared by their last segment, so Strict-namespace files match too. */
export function isRelType(type: string, wanted: string): boolean {
  return type === wanted || type.slice(type.lastIndexOf("/")) === wanted.slice(wanted.lastIndexOf("/"));
}

export function dirName(part: string): string {
  const i = part.lastIndexOf("/");
  return i < 0 ? "" : part.slice(0, i);
}

export function baseName(part: string): string {
  return part.slice(part.lastIndexOf("/") + 1);
}

/** The .rels part holding a part's relationships ("" = the package itself). */
export function relsPathOf(part: string): string {
  const dir = dirName(part);
  return `${dir ? dir + "/" : ""}_rels/${baseName(part)}.rels`;
}

/** The part whose relationships a .rels part holds, or null if the name is not a .rels part. */
export function sourceOfRels(relsPath: string): string | null {
  const m = /^(?:(.*)\/)?_rels\/([^/]*)\.rels$/.exec(relsPath);
  if (!m) return null;
  const dir = m[1] ?? "";
  if (m[2] === "") return dir === "" ? "" : null;
  return dir ? `${dir}/${m[2]}` : m[2];
}

/** Resolves a relationship target against its source part; returns a zip path without leading "/". */
export function resolveTarget(sourcePart: string, target: string): string {
  let t = target;
  try {
    t = decodeURI(target);
  } catch {
    // keep the raw target
  }
  const segments = t.startsWith("/") ? [] : dirName(sourcePart).split("/").filter(Boolean);
  for (const seg of t.replace(/^\//, "").split("/")) {
    if (seg === "..") segments.pop();
    else if (seg !== "." && seg !== "") segments.push(seg);
  }
  return segments.join("/");
}

/** A relative target from one part to another (both zip paths). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = dirName(fromPart).split("/").filter(Boolean);
  const to = toPart.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function parseRelationships(xml: string): Relationship[] {
  const prefix = rootPrefix(xml);
  return findElements(xml, `${prefix}Relationship`).map((e) => ({
    id: e.attrs.Id ?? "",
    type: e.attrs.Type ?? "",
    target: e.attrs.Target ?? "",
    external: (e.attrs.TargetMode ?? "").toLowerCase() === "external",
  }));
}

export function relationshipsXml(rels: { id: string; type: string; target: string }[]): string {
  const body = rels.map((r) => `<Relationship Id="${xmlAttr(r.id)}" Type="${xmlAttr(r.type)}" Target="${xmlAttr(r.target)}"/>`).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}">${body}</Relationships>`;
}

/** A relationship id not in use: rId1, rId2... */
export function freeRelId(taken: Iterable<string>, count = 1): string[] {
  const used = new Set(taken);
  const out: string[] = [];
  for (let n = 1; out.length < count; n++) {
    const id = `rId${n}`;
    if (!used.has(id)) {
      used.add(id);
      out.push(id);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cell addresses and dates

export function parseCellRef(ref: string): { row: number; column: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) return null;
  let column = 0;
  for (const ch of m[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  const row = parseInt(m[2], 10);
  // Beyond Excel's grid (rows 1..1,048,576, columns A..XFD) is no address at all.
  if (row < 1 || row > MAX_ROWS || column > MAX_COLUMNS) return null;
  return { row, column };
}

/** "A1:C9" (or "A1") on a sheet → RangeRef. */
export function parseRangeRef(sheet: string, ref: string): RangeRef | null {
  const [a, b] = ref.split(":");
  const first = parseCellRef(a);
  const last = parseCellRef(b ?? a);
  if (!first || !last) return null;
  return {
    sheet,
    firstRow: Math.min(first.row, last.row),
    firstColumn: Math.min(first.column, last.column),
    lastRow: Math.max(first.row, last.row),
    lastColumn: Math.max(first.column, last.column),
  };
}

const DAY_MS = 86_400_000;
/** 1899-12-30, day 0 of Excel's 1900 date system as it is really counted after 1900-02-28. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * An Excel serial date as a Date whose UTC fields are the calendar fields Excel shows.
 * In the 1900 system serials below 60 are one day off (Excel's fictitious 1900-02-29 is 60);
 * 60 itself maps to 1900-02-28.
 */
export function serialToDate(serial: number, date1904: boolean): Date {
  if (date1904) return new Date(Math.round(EPOCH_1904 + serial * DAY_MS));
  const s = serial < 60 ? serial + 1 : serial;
  return new Date(Math.round(EPOCH_1900 + s * DAY_MS));
}

/** The serial Excel stores for a Date (UTC fields), or null if Excel cannot show that date. */
export function dateToSerial(date: Date, date1904: boolean): number | null {
  const t = date.getTime();
  if (!Number.isFinite(t)) return null;
  if (date1904) {
    const s = (t - EPOCH_1904) / DAY_MS;
    return s >= 0 ? s : null;
  }
  let s = (t - EPOCH_1900) / DAY_MS;
  if (s < 61) s -= 1;
  return s >= 1 ? s : null;
}

/** Builtin number formats Excel shows as dates or times (ids 14–22, 45–47 and East Asian ones). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a number format shows a date/time (the same rule ExcelJS applies). */
export function isDateFormat(numFmtId: number, formatCode: string | undefined): boolean {
  if (formatCode === undefined) return DATE_FORMAT_IDS.has(numFmtId);
  const stripped = formatCode.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return /[ymdhMsb]/.test(stripped);
}

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && !(v instanceof Date) && typeof (v as CellError).error === "string";
}

// ---------------------------------------------------------------------------------------------
// The package

export interface SheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  /** 0-based position in the workbook (what localSheetId counts). */
  index: number;
  state: "visible" | "hidden" | "veryHidden";
  kind: "worksheet" | "chartsheet" | "other";
  /** The zip path of the sheet's part, or null when it cannot be found. */
  part: string | null;
}

export interface DefinedName {
  name: string;
  localSheetId: number | null;
  text: string;
}

export interface TablePart {
  part: string;
  /** The sheet part the table belongs to. */
  sheetPart: string;
  id: number;
  name: string;
  info: TableInfo | null;
}

/** Case-insensitive sheet-name key (Excel compares sheet names without case). */
export function sheetKey(name: string): string {
  return name.toUpperCase();
}

/** Minimal streaming access to a zip entry (JSZip's internalStream; not in its typings). */
export interface EntryStream {
  on(event: "data", cb: (chunk: Uint8Array) => void): EntryStream;
  on(event: "end", cb: () => void): EntryStream;
  on(event: "error", cb: (e: Error) => void): EntryStream;
  resume(): EntryStream;
  pause(): EntryStream;
  /** Frees the stream's resources when it is abandoned early (Node streams). */
  destroy?(): void;
}

/** An entry's bytes as stored in the input zip. */
export interface RawEntry {
  method: "store" | "deflate";
  data: Uint8Array;
}

export class OoxmlPackage {
  /** Lower-cased part name → name as stored (OPC part names are case-insensitive). */
  private names = new Map<string, string>();
  workbookPart = "xl/workbook.xml";
  workbookXml = "";
  sheets: SheetEntry[] = [];
  definedNames: DefinedName[] = [];
  date1904 = false;
  private relsCache = new Map<string, Relationship[]>();
  /** What reads may inflate and hold (see file-errors.ts); tests set smaller ones. */
  limits: ReadLimits = DEFAULT_LIMITS;
  /** The most bytes inflated from each part in one read, and their sum (the total cap). */
  private readonly inflated = new Map<string, number>();
  private inflatedTotal = 0;
  /**
   * How stored entries are inflated for streaming reads; null = JSZip's own (pure JS) inflater.
   * The Node file adapter plugs in native zlib here.
   */
  inflater: ((entry: RawEntry) => EntryStream) | null = null;

  private constructor(readonly zip: JSZip) {}

  /**
   * Reads a package. A file that is not a complete zip says what it is instead (an .xls, a
   * password-protected workbook, CSV text...); a damaged one says so: FileProblem either way.
   */
  static async load(data: ArrayBuffer | Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): Promise<OoxmlPackage> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    if (bytes.byteLength > limits.fileBytes) throw new FileProblem("fileTooLarge", { size: megabytes(bytes.byteLength), limit: megabytes(limits.fileBytes) });
    const kind = sniffWorkbookFile(bytes);
    if (kind !== "xlsx") throw new FileProblem(kind);
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(data);
    } catch {
      throw new FileProblem("damagedZip");
    }
    keepStoredEntriesStored(zip);
    const pkg = new OoxmlPackage(zip);
    pkg.limits = limits;
    await pkg.refresh();
    return pkg;
  }

  /** A workbook with no sheets yet (it needs one before it can be saved). */
  static async create(): Promise<OoxmlPackage> {
    const zip = new JSZip();
    zip.file(
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="${NS.contentTypes}"><Default Extension="rels" ContentType="${CONTENT_TYPE.rels}"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE.workbook}"/><Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/></Types>`,
    );
    zip.file("_rels/.rels", relationshipsXml([{ id: "rId1", type: REL_TYPE.officeDocument, target: "xl/workbook.xml" }]));
    zip.file(
      "xl/workbook.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}"><workbookPr/><bookViews><workbookView/></bookViews><sheets></sheets><calcPr calcId="191029"/></workbook>`,
    );
    zip.file("xl/_rels/workbook.xml.rels", relationshipsXml([{ id: "rId1", type: REL_TYPE.styles, target: "styles.xml" }]));
    zip.file("xl/styles.xml", MINIMAL_STYLES_XML);
    const pkg = new OoxmlPackage(zip);
    await pkg.refresh();
    return pkg;
  }

  /** Re-reads the workbook part after the package changed. */
  async refresh(): Promise<void> {
    this.names.clear();
    this.relsCache.clear();
    this.zip.forEach((path, file) => {
      if (!file.dir) this.names.set(path.toLowerCase(), path);
    });
    // Read (and so checked) like every other part, though only the writer needs its content.
    await this.text("[Content_Types].xml");
    const rootRels = await this.relationships("");
    const office = rootRels.find((r) => !r.external && isRelType(r.type, REL_TYPE.officeDocument));
    if (!office) throw new FileProblem("notWorkbook");
    this.workbookPart = this.actual(resolveTarget("", office.target)) ?? resolveTarget("", office.target);
    const xml = await this.text(this.workbookPart);
    // A .docx or .pptx has a main document too, but not a workbook.
    if (xml === null || !/^(?:[\w.-]+:)?workbook$/.test(/^<([^\s/>]+)/.exec(rootTag(xml))?.[1] ?? "")) throw new FileProblem("notWorkbook");
    this.workbookXml = xml;
    this.parseWorkbook(await this.relationships(this.workbookPart));
  }

  private parseWorkbook(rels: Relationship[]): void {
    const xml = this.workbookXml;
    const p = rootPrefix(xml);
    const pr = findElement(xml, `${p}workbookPr`);
    const d = pr?.attrs.date1904?.toLowerCase();
    this.date1904 = d === "1" || d === "true";
    const sheetsEl = findElement(xml, `${p}sheets`);
    this.sheets = sheetsEl
      ? findElements(xml, `${p}sheet`, sheetsEl.innerStart, sheetsEl.innerEnd).map((e, index) => {
          const relId = Object.entries(e.attrs).find(([k]) => /:id$/.test(k))?.[1] ?? "";
          const rel = rels.find((r) => r.id === relId);
          const kind: SheetEntry["kind"] = !rel ? "other" : isRelType(rel.type, REL_TYPE.worksheet) ? "worksheet" : isRelType(rel.type, REL_TYPE.chartsheet) ? "chartsheet" : "other";
          const state = e.attrs.state === "hidden" || e.attrs.state === "veryHidden" ? e.attrs.state : "visible";
          return {
            name: e.attrs.name ?? "",
            sheetId: parseInt(e.attrs.sheetId ?? "0", 10) || 0,
            relId,
            index,
            state,
            kind,
            part: rel && !rel.external ? this.actual(resolveTarget(this.workbookPart, rel.target)) : null,
          };
        })
      : [];
    const namesEl = findElement(xml, `${p}definedNames`);
    this.definedNames = namesEl
      ? findElements(xml, `${p}definedName`, namesEl.innerStart, namesEl.innerEnd).map((e) => ({
          name: e.attrs.name ?? "",
          localSheetId: e.attrs.localSheetId !== undefined ? parseInt(e.attrs.localSheetId, 10) : null,
          text: unescapeXml(xml.slice(e.innerStart, e.innerEnd)),
        }))
      : [];
  }

  /** The stored name of a part (case-insensitive lookup), or null. */
  actual(part: string): string | null {
    return this.names.get(part.replace(/^\//, "").toLowerCase()) ?? null;
  }

  has(part: string): boolean {
    return this.actual(part) !== null;
  }

  allParts(): string[] {
    return [...this.names.values()];
  }

  /**
   * A part's text, read within the limits and checked: valid UTF-8 and well-formed XML
   * (every part read whole is XML), else a FileProblem naming the part.
   */
  async text(part: string): Promise<string | null> {
    const name = this.actual(part);
    if (name === null || !this.zip.file(name)) return null;
    const chunks: Uint8Array[] = [];
    let length = 0;
    await this.readPart(name, this.limits.partBytes, (chunk) => {
      chunks.push(chunk);
      length += chunk.byteLength;
    });
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    let xml: string;
    try {
      xml = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new FileProblem("badUtf8", { part: name });
    }
    checkXmlText(xml, name, this.limits);
    return xml;
  }

  /**
   * Streams a part's inflated bytes to onChunk, within the limits: a part whose zip entry
   * records more than `cap` bytes is refused before any is inflated, and inflating stops as
   * soon as a part gives more than `cap`, more than its entry records, or all parts read more
   * than the total cap. onChunk may throw to stop early; what it throws is passed on.
   */
  readPart(part: string, cap: number, onChunk: (chunk: Uint8Array) => void): Promise<void> {
    const name = this.actual(part) ?? part;
    const declared = this.uncompressedSize(name);
    if (declared !== null && declared > cap) return Promise.reject(new FileProblem("partTooLarge", { part: name, limit: megabytes(cap) }));
    const stream = this.stream(name);
    if (!stream) return Promise.reject(new FileProblem("notWorkbook"));
    const key = name.toLowerCase();
    let bytes = 0;
    return new Promise<void>((resolve, reject) => {
      let finished = false;
      const stop = (e: unknown) => {
        if (finished) return;
        finished = true;
        stream.pause();
        stream.destroy?.();
        if (e === undefined) resolve();
        else reject(e);
      };
      stream
        .on("data", (chunk) => {
          if (finished) return;
          try {
            bytes += chunk.byteLength;
            if (bytes > cap) throw new FileProblem("partTooLarge", { part: name, limit: megabytes(cap) });
            if (declared !== null && bytes > declared) throw new FileProblem("sizeMismatch", { part: name, size: declared });
            const seen = this.inflated.get(key) ?? 0;
            if (bytes > seen) {
              this.inflated.set(key, bytes);
              this.inflatedTotal += bytes - seen;
              if (this.inflatedTotal > this.limits.totalBytes) throw new FileProblem("totalTooLarge", { limit: megabytes(this.limits.totalBytes) });
            }
            onChunk(chunk);
          } catch (e) {
            stop(e);
          }
        })
        .on("end", () => {
          if (finished) return;
          finished = true;
          resolve();
        })
        .on("error", (e) => stop(e instanceof LocalizedError ? e : new FileProblem("badZipEntry", { part: name })))
        .resume();
    });
  }

  /** Streams a part's bytes (inflated in chunks: no whole copy of a big sheet in memory). */
  stream(part: string): EntryStream | null {
    const name = this.actual(part);
    const file = name === null ? null : this.zip.file(name);
    if (!file) return null;
    const raw = this.inflater ? this.rawEntry(file) : null;
    if (raw && this.inflater) return this.inflater(raw);
    return (file as unknown as { internalStream(type: "uint8array"): EntryStream }).internalStream("uint8array");
  }

  /** A part's size once inflated, as the zip records it (null when not known). */
  uncompressedSize(part: string): number | null {
    const name = this.actual(part);
    const file = name === null ? null : this.zip.file(name);
    const size = (file as unknown as { _data?: { uncompressedSize?: unknown } } | null)?._data?.uncompressedSize;
    return typeof size === "number" ? size : null;
  }

  /**
   * The compressed bytes of an entry read from the input zip (JSZip keeps them until the entry
   * is read or replaced), or null for an entry written since or an unexpected JSZip shape.
   */
  private rawEntry(file: JSZip.JSZipObject): RawEntry | null {
    const data = (file as unknown as { _data?: { compression?: { magic?: string }; compressedContent?: unknown } })._data;
    const content = data?.compressedContent;
    if (!(content instanceof Uint8Array)) return null;
    const magic = data?.compression?.magic;
    if (magic === "\x00\x00") return { method: "store", data: content };
    if (magic === "\x08\x00") return { method: "deflate", data: content };
    return null;
  }

  async relationships(part: string): Promise<Relationship[]> {
    const relsPath = relsPathOf(part);
    const cached = this.relsCache.get(relsPath);
    if (cached) return cached;
    const xml = await this.text(relsPath);
    const rels = xml === null ? [] : parseRelationships(xml);
    this.relsCache.set(relsPath, rels);
    return rels;
  }

  /** The workbook-level part of a relationship type (styles, sharedStrings, calcChain). */
  async workbookRelated(type: string): Promise<string | null> {
    const rel = (await this.relationships(this.workbookPart)).find((r) => !r.external && isRelType(r.type, type));
    return rel ? this.actual(resolveTarget(this.workbookPart, rel.target)) : null;
  }

  findSheet(name: string): SheetEntry | null {
    const key = sheetKey(name);
    return this.sheets.find((s) => sheetKey(s.name) === key) ?? null;
  }

  isOwned(sheet: SheetEntry): boolean {
    return this.definedNames.some((n) => n.name.toUpperCase() === OWNER_MARKER_NAME.toUpperCase() && n.localSheetId === sheet.index);
  }

  ownership(name: string): SheetOwnership {
    const sheet = this.findSheet(name);
    if (!sheet) return "absent";
    return this.isOwned(sheet) && sheet.kind === "worksheet" && sheet.part !== null ? "ours" : "foreign";
  }

  /** Every table part of every worksheet, with its parsed header. */
  async tableParts(): Promise<TablePart[]> {
    const out: TablePart[] = [];
    for (const sheet of this.sheets) {
      if (sheet.kind !== "worksheet" || !sheet.part) continue;
      for (const rel of await this.relationships(sheet.part)) {
        if (rel.external || !isRelType(rel.type, REL_TYPE.table)) continue;
        const part = this.actual(resolveTarget(sheet.part, rel.target));
        if (!part) continue;
        const xml = await this.text(part);
        if (xml === null) continue;
        const a = parseAttributes(rootTag(xml));
        const name = a.displayName ?? a.name ?? "";
        const range = a.ref ? parseRangeRef(sheet.name, a.ref) : null;
        out.push({
          part,
          sheetPart: sheet.part,
          id: parseInt(a.id ?? "0", 10) || 0,
          name,
          info: range
            ? {
                name,
                range,
                hasHeaderRow: a.headerRowCount === undefined || a.headerRowCount !== "0",
                hasTotalsRow: a.totalsRowCount !== undefined && a.totalsRowCount !== "0",
              }
            : null,
        });
      }
    }
    return out;
  }

  async tables(): Promise<TableInfo[]> {
    return (await this.tableParts()).flatMap((t) => (t.info ? [t.info] : []));
  }

  /** Every internal relationship in the package: source part → target parts that exist. */
  async relationshipGraph(): Promise<Map<string, string[]>> {
    const graph = new Map<string, string[]>();
    for (const name of this.allParts()) {
      const source = sourceOfRels(name);
      if (source === null) continue;
      const xml = await this.text(name);
      if (xml === null) continue;
      const targets: string[] = [];
      for (const r of parseRelationships(xml)) {
        if (r.external) continue;
        const t = this.actual(resolveTarget(source, r.target));
        if (t) targets.push(t);
      }
      graph.set(source.toLowerCase(), targets);
    }
    return graph;
  }

  async generate(): Promise<Uint8Array> {
    this.assertSaveable();
    return this.zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
  }

  /** Excel cannot open a workbook without sheets. */
  assertSaveable(): void {
    if (this.sheets.length === 0) throw new Error("The workbook has no sheets yet; apply a write plan before saving it.");
  }
}

/**
 * JSZip re-uses the compressed bytes of an untouched entry when the output compression equals
 * the entry's. Entries stored uncompressed (often images) are marked STORE so they are copied
 * as they are instead of being deflated anew.
 */
function keepStoredEntriesStored(zip: JSZip): void {
  zip.forEach((_path, file) => {
    const data = (file as unknown as { _data?: { compression?: { magic?: string } } })._data;
    if (data?.compression?.magic === "\x00\x00") file.options.compression = "STORE";
  });
}

export const MINIMAL_STYLES_XML =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS.main}">` +
  `<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

