/**
 * Freezing SALES formulas: the rules shared by the `quota freeze` command, the .xlsx adapters
 * and the Excel adapter. Pure code (no Node, Office or DOM imports).
 *
 * - Which formulas call a SALES function: callsSalesFunction() reads the formula as Excel shows
 *   it (`=SALES.QUOTA_TOPDOWN(A1,5)`) or as a file stores it (`_xldudf_SALES_QUOTA_TOPDOWN(A1,5)`,
 *   maybe after an `[1]!` prefix), nested anywhere, and skips string literals, quoted sheet
 *   names and bracketed parts, so text that merely mentions a function is not a call.
 * - Which cached results are real results: a #NAME?, #BUSY! or #GETTING_DATA result means the
 *   function never ran (the add-in was missing or still calculating); such a cell is reported
 *   and left as it is, like a cell with no cached value at all.
 * - SheetFreezer rewrites a worksheet part in one pass over its text, chunk by chunk: every cell
 *   whose formula calls SALES loses its <f> and keeps its cached value and type; everything else
 *   is copied as it was. Memory is bounded by one cell plus what the caller keeps of the output.
 */
import { FREEZE_LIST_LIMIT, type FreezeReport, type SheetCellRef } from "./port";

/** The custom functions' namespace (manifest: Functions.Namespace). */
export const SALES_NAMESPACE = "SALES";

/** The ids of the SALES custom functions (the functions metadata; a test keeps them in step). */
export const SALES_FUNCTION_IDS: readonly string[] = [
  "QUOTA_TOPDOWN",
  "QUOTA_BOTTOMUP",
  "QUOTA_BASELINE",
  "QUOTA_FORECAST",
  "PROFIT_QUOTA",
  "VOLUME_BONUS",
  "QUOTA_ATTAINMENT",
  "ACTIVITY_ATTAINMENT",
  "COMBINED_ATTAINMENT",
  "QUOTA_PHASE",
  "QUOTA_RAMP",
  "REPS_NEEDED",
];

/** Function names as they appear in formulas, upper case: both the shown and the stored form. */
const CALL_NAMES: ReadonlySet<string> = new Set(
  SALES_FUNCTION_IDS.flatMap((id) => [`${SALES_NAMESPACE}.${id}`, `_XLDUDF_${SALES_NAMESPACE}_${id}`]),
);

/** Errors that say the function never produced a result. */
const NO_RESULT_ERRORS: ReadonlySet<string> = new Set(["#NAME?", "#BUSY!", "#GETTING_DATA"]);

/** Whether a cached error (its text) means the formula was never really calculated. */
export function isMissingResult(error: string): boolean {
  return NO_RESULT_ERRORS.has(error.trim().toUpperCase());
}

// ---------------------------------------------------------------------------------------------
// Formula text

function isNameChar(ch: number): boolean {
  return (
    (ch >= 48 && ch <= 57) || // 0-9
    (ch >= 65 && ch <= 90) || // A-Z
    (ch >= 97 && ch <= 122) || // a-z
    ch === 95 || // _
    ch === 46 || // .
    ch === 92 || // \
    ch === 36 || // $
    ch > 127
  );
}

/** The offset after a quoted part ("…" or '…', doubled quotes inside) starting at `at`. */
function skipQuoted(formula: string, at: number): number {
  const quote = formula[at];
  let i = at + 1;
  while (i < formula.length) {
    if (formula[i] === quote) {
      if (formula[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return i;
}

/** The offset after a bracketed part ([1], Table[[#This Row],[Col]]), nesting counted. */
function skipBracketed(formula: string, at: number): number {
  let depth = 0;
  for (let i = at; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === "'" && depth > 0) {
      i++; // ' escapes the next character inside a structured reference
      continue;
    }
    if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) return i + 1;
  }
  return formula.length;
}

/**
 * Whether a formula calls a SALES function. Accepts "=SALES.X(…)" (Excel's `formulas`) and
 * "_xldudf_SALES_X(…)" (the file form, with or without "=" and an "[n]!" prefix).
 */
export function callsSalesFunction(formula: string): boolean {
  const n = formula.length;
  let i = 0;
  while (i < n) {
    const ch = formula.charCodeAt(i);
    if (ch === 34 /* " */ || ch === 39 /* ' */) {
      i = skipQuoted(formula, i);
      continue;
    }
    if (ch === 91 /* [ */) {
      i = skipBracketed(formula, i);
      continue;
    }
    if (isNameChar(ch)) {
      const start = i;
      while (i < n && isNameChar(formula.charCodeAt(i))) i++;
      if (formula.charCodeAt(i) === 40 /* ( */ && CALL_NAMES.has(formula.slice(start, i).toUpperCase())) return true;
      continue;
    }
    i++;
  }
  return false;
}

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) & 0x1f);
  return n;
}

export function columnLetters(column: number): string {
  let s = "";
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** "B12" → {row: 12, column: 2}; null when it is not a cell address. */
export function parseCell(ref: string): { row: number; column: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  const column = columnNumber(m[1].toUpperCase());
  const row = Number(m[2]);
  return row >= 1 && row <= MAX_ROWS && column >= 1 && column <= MAX_COLUMNS ? { row, column } : null;
}

const CELL_REF = /(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_.(!\\])/y;
const COLUMN_RANGE = /(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_.(!\\])/y;
const ROW_RANGE = /(\$?)(\d{1,7}):(\$?)(\d{1,7})(?![A-Za-z0-9_.(!\\])/y;

/**
 * A formula moved by (rows, columns), the way Excel fills a shared formula: relative references
 * move, $-anchored parts stay, and a reference moved off the sheet becomes #REF!. Strings,
 * quoted sheet names and bracketed parts (structured references, external book indexes) stay.
 */
export function shiftFormula(formula: string, rows: number, columns: number): string {
  if (rows === 0 && columns === 0) return formula;
  const out: string[] = [];
  const n = formula.length;
  let copied = 0;
  let i = 0;
  const moveRow = (abs: string, row: number) => (abs ? row : row + rows);
  const moveColumn = (abs: string, column: number) => (abs ? column : column + columns);
  const rowOk = (r: number) => r >= 1 && r <= MAX_ROWS;
  const columnOk = (c: number) => c >= 1 && c <= MAX_COLUMNS;
  const replace = (start: number, end: number, text: string) => {
    out.push(formula.slice(copied, start), text);
    copied = end;
  };
  while (i < n) {
    const ch = formula.charCodeAt(i);
    if (ch === 34 || ch === 39) {
      i = skipQuoted(formula, i);
      continue;
    }
    if (ch === 91) {
      i = skipBracketed(formula, i);
      continue;
    }
    if (!isNameChar(ch)) {
      i++;
      continue;
    }
    // A word starts here (the character before is not part of a name or number).
    let m: RegExpExecArray | null;
    COLUMN_RANGE.lastIndex = i;
    if ((m = COLUMN_RANGE.exec(formula))) {
      const a = columnNumber(m[2].toUpperCase());
      const b = columnNumber(m[4].toUpperCase());
      if (columnOk(a) && columnOk(b)) {
        const na = moveColumn(m[1], a);
        const nb = moveColumn(m[3], b);
        replace(i, i + m[0].length, columnOk(na) && columnOk(nb) ? `${m[1]}${columnLetters(na)}:${m[3]}${columnLetters(nb)}` : "#REF!");
        i += m[0].length;
        continue;
      }
    }
    ROW_RANGE.lastIndex = i;
    if ((m = ROW_RANGE.exec(formula))) {
      const a = Number(m[2]);
      const b = Number(m[4]);
      if (rowOk(a) && rowOk(b)) {
        const na = moveRow(m[1], a);
        const nb = moveRow(m[3], b);
        replace(i, i + m[0].length, rowOk(na) && rowOk(nb) ? `${m[1]}${na}:${m[3]}${nb}` : "#REF!");
        i += m[0].length;
        continue;
      }
    }
    CELL_REF.lastIndex = i;
    if ((m = CELL_REF.exec(formula))) {
      const column = columnNumber(m[2].toUpperCase());
      const row = Number(m[4]);
      if (columnOk(column) && rowOk(row)) {
        const nc = moveColumn(m[1], column);
        const nr = moveRow(m[3], row);
        replace(i, i + m[0].length, columnOk(nc) && rowOk(nr) ? `${m[1]}${columnLetters(nc)}${m[3]}${nr}` : "#REF!");
        i += m[0].length;
        continue;
      }
    }
    while (i < n && isNameChar(formula.charCodeAt(i))) i++;
  }
  if (copied === 0) return formula;
  out.push(formula.slice(copied));
  return out.join("");
}

// ---------------------------------------------------------------------------------------------
// Worksheet XML

/** A frozen formula cell: its address and, for an array (spilled) formula, the whole range. */
export interface FrozenCell {
  cell: string;
  /** The array formula's range ("B2:B6") when it covers more than one cell, else null. */
  range: string | null;
}

export interface SheetFreezeResult {
  frozen: FrozenCell[];
  /** Cells that call SALES but have no usable cached value: left as they were. */
  uncalculated: string[];
  /** Cells of a shared formula whose master was frozen, given their own formula text. */
  expanded: string[];
}

/** The stored formula text (XML-unescaped, without "="); decides whether a cell is frozen. */
export type FormulaMatcher = (formula: string) => boolean;

function unescapeXml(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g, (_all, hex?: string, dec?: string, name?: string) => {
    if (name) return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[name];
    return String.fromCodePoint(hex ? parseInt(hex, 16) : parseInt(dec as string, 10));
  });
}

function escapeXmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const ATTRIBUTE_RES = new Map<string, RegExp>();

function attribute(tag: string, name: string): string | null {
  // Fast path: name="value" after a space, as spreadsheet writers put it.
  const at = tag.indexOf(` ${name}="`);
  if (at >= 0) {
    const end = tag.indexOf('"', at + name.length + 3);
    if (end >= 0) return unescapeXml(tag.slice(at + name.length + 3, end));
  }
  let re = ATTRIBUTE_RES.get(name);
  if (!re) ATTRIBUTE_RES.set(name, (re = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const m = re.exec(tag);
  return m ? unescapeXml(m[1] ?? m[2] ?? "") : null;
}

const WITHOUT_RES = new Map<string, RegExp>();

function withoutAttribute(tag: string, name: string): string {
  if (!tag.includes(` ${name}=`) && !new RegExp(`\\s${name}\\s*=`).test(tag)) return tag;
  let re = WITHOUT_RES.get(name);
  if (!re) WITHOUT_RES.set(name, (re = new RegExp(`\\s${name}\\s*=\\s*(?:"[^"]*"|'[^']*')`)));
  return tag.replace(re, "");
}

function withAttribute(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${value}"`);
  return tag.replace(/\s*(\/?>)$/, ` ${name}="${value}"$1`);
}

const isDelimiter = (ch: number) => ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 62 /* > */ || ch === 47; /* / */

/** An element <p:name …>…</p:name> or <p:name …/> inside xml[from, to), or null. */
function findChild(xml: string, qname: string, from: number, to: number): { start: number; end: number; tag: string; inner: string | null } | null {
  let at = from;
  for (;;) {
    const lt = xml.indexOf(`<${qname}`, at);
    if (lt < 0 || lt >= to) return null;
    if (!isDelimiter(xml.charCodeAt(lt + 1 + qname.length))) {
      at = lt + 1;
      continue;
    }
    const gt = xml.indexOf(">", lt);
    if (gt < 0 || gt >= to) return null;
    const tag = xml.slice(lt, gt + 1);
    if (xml.charCodeAt(gt - 1) === 47) return { start: lt, end: gt + 1, tag, inner: null };
    const close = xml.indexOf(`</${qname}>`, gt);
    if (close < 0 || close >= to) return null;
    return { start: lt, end: close + qname.length + 3, tag, inner: xml.slice(gt + 1, close) };
  }
}

interface SharedGroup {
  /** The master's formula text and position. */
  formula: string;
  row: number;
  column: number;
  /** Whether the master lost its formula (followers left behind need their own text). */
  masterFrozen: boolean;
}

/**
 * Rewrites a worksheet part chunk by chunk: write() each piece of text as it arrives (any
 * split), then end(); each call returns the output for what it could finish. `result` lists
 * what was frozen; `changed` says whether the output differs from the input.
 */
export class SheetFreezer {
  private rest = "";
  private prefix: string | null = null;
  private row = 0;
  private column = 0;
  private readonly shared = new Map<string, SharedGroup>();
  readonly result: SheetFreezeResult = { frozen: [], uncalculated: [], expanded: [] };

  constructor(private readonly match: FormulaMatcher) {}

  get changed(): boolean {
    return this.result.frozen.length > 0 || this.result.expanded.length > 0;
  }

  write(chunk: string): string {
    return this.process(this.rest.length > 0 ? this.rest + chunk : chunk, false);
  }

  end(): string {
    const buf = this.rest;
    this.rest = "";
    return buf.length > 0 ? this.process(buf, true) : "";
  }

  private process(buf: string, final: boolean): string {
    if (this.prefix === null) {
      const root = /<([A-Za-z_][\w.-]*:)?worksheet(?=[\s/>])/.exec(buf);
      if (!root) {
        if (final) return buf;
        this.rest = buf;
        return "";
      }
      this.prefix = root[1] ?? "";
    }
    const p = this.prefix;
    const rowName = `${p}row`;
    const cellName = `${p}c`;
    const cellClose = `</${cellName}>`;
    const fOpen = `<${p}f`;
    const out: string[] = [];
    let copyFrom = 0;
    let pos = 0;
    let keep = buf.length;
    // Where the next <f starts (searched again only once passed, so the buffer is scanned once).
    let nextF = -1;
    for (;;) {
      const lt = buf.indexOf("<", pos);
      if (lt < 0) break;
      if (!final && buf.length - lt < rowName.length + 2) {
        keep = lt;
        break;
      }
      const at = lt + 1;
      const isRow = buf.startsWith(rowName, at) && isDelimiter(buf.charCodeAt(at + rowName.length));
      const isCell = !isRow && buf.startsWith(cellName, at) && isDelimiter(buf.charCodeAt(at + cellName.length));
      if (!isRow && !isCell) {
        pos = at;
        continue;
      }
      const gt = buf.indexOf(">", at);
      if (gt < 0) {
        if (!final) keep = lt;
        break;
      }
      const tag = buf.slice(lt, gt + 1);
      if (isRow) {
        const r = attribute(tag, "r");
        this.row = r !== null && /^\d+$/.test(r) ? Number(r) : this.row + 1;
        this.column = 0;
        pos = gt + 1;
        continue;
      }
      const ref = attribute(tag, "r");
      const cell = ref !== null ? parseCell(ref) : null;
      if (cell) {
        this.row = cell.row;
        this.column = cell.column;
      } else this.column++;
      if (buf.charCodeAt(gt - 1) === 47) {
        pos = gt + 1;
        continue;
      }
      const close = buf.indexOf(cellClose, gt);
      if (close < 0) {
        if (!final) keep = lt;
        break;
      }
      const end = close + cellClose.length;
      if (nextF !== Infinity && nextF < gt) {
        nextF = buf.indexOf(fOpen, gt);
        if (nextF < 0) nextF = Infinity;
      }
      if (nextF < close) {
        const replaced = this.cell(buf.slice(lt, end), tag, this.row, this.column);
        if (replaced !== null) {
          out.push(buf.slice(copyFrom, lt), replaced);
          copyFrom = end;
        }
      }
      pos = end;
    }
    out.push(buf.slice(copyFrom, keep));
    this.rest = keep < buf.length ? buf.slice(keep) : "";
    return out.join("");
  }

  /** The new text of one <c> element that holds an <f>, or null to keep it. */
  private cell(xml: string, tag: string, row: number, column: number): string | null {
    const p = this.prefix ?? "";
    const f = findChild(xml, `${p}f`, tag.length, xml.length);
    if (!f) return null;
    const type = attribute(f.tag, "t") ?? "normal";
    if (type === "dataTable") return null;
    const address = `${columnLetters(column)}${row}`;
    const si = attribute(f.tag, "si");
    const text = f.inner === null ? "" : unescapeXml(f.inner);
    let group: SharedGroup | undefined;
    if (type === "shared" && si !== null) {
      if (text.trim() !== "") {
        // A master: it carries the text for its followers.
        if (!this.match(text)) return null;
        group = { formula: text, row, column, masterFrozen: false };
        this.shared.set(si, group);
      } else {
        group = this.shared.get(si);
        if (!group) return null; // a follower of a native formula (or of an unknown master)
      }
    } else if (!this.match(text)) return null;

    const v = findChild(xml, `${p}v`, f.end, xml.length);
    const cellType = attribute(tag, "t") ?? "n";
    const missing = !v || (v.inner === null && cellType !== "str") || (cellType === "e" && isMissingResult(unescapeXml(v.inner ?? "")));
    if (missing) {
      this.result.uncalculated.push(address);
      if (group && group.masterFrozen && f.inner === null) {
        // The master lost its formula: this follower gets its own text.
        this.result.expanded.push(address);
        const own = escapeXmlText(shiftFormula(group.formula, row - group.row, column - group.column));
        const fTag = withoutAttribute(withoutAttribute(withoutAttribute(f.tag, "t"), "si"), "ref").replace(/\s*\/>$/, ">");
        return xml.slice(0, f.start) + `${fTag}${own}</${p}f>` + xml.slice(f.end);
      }
      return null;
    }
    if (group && f.inner !== null) group.masterFrozen = true;

    // The cell without its formula: the cached value and type stay; a dynamic-array flag (cm)
    // goes with the formula. A text result (t="str", which means "a formula's text") becomes an
    // inline string, the form SpreadsheetML has for plain text in a cell.
    let open = withoutAttribute(tag, "cm");
    let body = xml.slice(tag.length, f.start) + xml.slice(f.end);
    if (cellType === "str" && v) {
      open = withAttribute(open, "t", "inlineStr");
      const start = v.start - (f.end - f.start);
      const end = v.end - (f.end - f.start);
      const inner = v.inner ?? "";
      body = body.slice(0, start - tag.length) + `<${p}is><${p}t xml:space="preserve">${inner}</${p}t></${p}is>` + body.slice(end - tag.length);
    }
    const ref = type === "array" ? attribute(f.tag, "ref") : null;
    this.result.frozen.push({ cell: address, range: ref && ref.includes(":") ? ref.toUpperCase() : null });
    return open + body;
  }
}

/** Freezes a whole worksheet part given as one string. */
export function freezeSheetXml(xml: string, match: FormulaMatcher = callsSalesFunction): SheetFreezeResult & { xml: string; changed: boolean } {
  const freezer = new SheetFreezer(match);
  const out = freezer.write(xml) + freezer.end();
  return { ...freezer.result, xml: freezer.changed ? out : xml, changed: freezer.changed };
}

/**
 * calcChain.xml without the entries of the given cells. `drop(sheetId, cell)` says which go; an
 * entry's sheet id (i) carries over to the entries after it, so it moves to the next kept
 * entry. Returns the same text when nothing goes, null when no entry is left.
 */
export function dropCalcChainCells(xml: string, drop: (sheetId: number, cell: string) => boolean): string | null {
  const entry = /<(?:[A-Za-z_][\w.-]*:)?c(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*\/>/g;
  const out: string[] = [];
  let copied = 0;
  let sheet = NaN;
  let pendingSheet: number | null = null;
  let kept = 0;
  let dropped = 0;
  for (let m = entry.exec(xml); m; m = entry.exec(xml)) {
    const tag = m[0];
    const i = attribute(tag, "i");
    if (i !== null) sheet = parseInt(i, 10);
    const r = attribute(tag, "r") ?? "";
    if (drop(sheet, r.toUpperCase())) {
      dropped++;
      out.push(xml.slice(copied, m.index));
      copied = m.index + tag.length;
      if (i !== null) pendingSheet = sheet;
      continue;
    }
    kept++;
    if (pendingSheet !== null && i === null) {
      out.push(xml.slice(copied, m.index), withAttribute(tag, "i", String(pendingSheet)));
      copied = m.index + tag.length;
    }
    pendingSheet = null;
  }
  if (dropped === 0) return xml;
  if (kept === 0) return null;
  out.push(xml.slice(copied));
  return out.join("");
}

// ---------------------------------------------------------------------------------------------
// Reports

/** Counts frozen and uncalculated cells per sheet and keeps the first few of each for display. */
export class FreezeTally {
  private readonly perSheet = new Map<string, number>();
  private readonly report: FreezeReport = { count: 0, sheets: [], cells: [], uncalculated: [], uncalculatedCount: 0 };

  constructor(private readonly limit = FREEZE_LIST_LIMIT) {}

  frozen(sheet: string, address: string): void {
    this.report.count++;
    this.perSheet.set(sheet, (this.perSheet.get(sheet) ?? 0) + 1);
    if (this.report.cells.length < this.limit) this.report.cells.push({ sheet, address });
  }

  uncalculated(sheet: string, address: string): void {
    this.report.uncalculatedCount++;
    if (this.report.uncalculated.length < this.limit) this.report.uncalculated.push({ sheet, address });
  }

  result(): FreezeReport {
    return { ...this.report, sheets: [...this.perSheet].map(([sheet, count]) => ({ sheet, count })) };
  }
}

/** "Sheet!B2", with the sheet name quoted as Excel quotes it when it needs to be. */
export function sheetCellText(ref: SheetCellRef): string {
  const plain = /^[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*$/.test(ref.sheet) && !/^[A-Za-z]{1,3}\d+$/.test(ref.sheet);
  return `${plain ? ref.sheet : `'${ref.sheet.replace(/'/g, "''")}'`}!${ref.address}`;
}
