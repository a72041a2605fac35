/**
 * Reading cells the way Excel users write them. Pure: no Office, DOM or Node imports.
 *
 * Numbers. A number cell is used as is. Text is read as a number when it is digits with
 * optional grouping and decimals, an optional sign or accounting parentheses, an optional
 * currency symbol or code before or after, and an optional trailing %: "1 234,50 kr",
 * "$32,370.00", " $ 3,500.00 ", "1.234,50 €", "-1 200", "(1,200)", "15%", "SEK 1 000".
 * Grouping may be spaces (also no-break and narrow no-break spaces), apostrophes, or the
 * punctuation mark that is not the decimal separator; groups after the first have exactly
 * three digits. The decimal separator is decided so:
 * - both "," and "." present: the last one is the decimal separator ("1.234,50", "1,234.50");
 * - the same mark twice or more: it groups thousands ("1,234,567", "1.234.567");
 * - a single mark with spaces/apostrophes as grouping: it is the decimal ("1 234,50");
 * - a single mark followed by other than exactly three digits, or after a leading 0: the
 *   decimal ("1,5", "12.75", "0,500");
 * - otherwise ("1,234", "1.234") it is ambiguous and the column decides: pass the column's
 *   decimal separator (detectDecimalSeparator) as hint. Without a hint the English reading
 *   holds: a comma before exactly three digits groups thousands (1,234 = 1234) and a dot is
 *   a decimal point (1.234 = 1.234). With the hint "," both flip (Swedish/German style).
 * A lone "-" (Excel's accounting format shows zero so) reads as 0.
 *
 * Blanks (null, "", whitespace) read as null: they count as 0 in sums, and callers report them.
 * Error values ({error:"#N/A"} from files, "#N/A" strings from Excel's values) and booleans are
 * failures, never numbers.
 *
 * Dates are Excel serial numbers (days since 1899-12-30, with Excel's fictional 1900-02-29 as
 * serial 60), so filters and months need no Date objects per row. Read from: Date objects
 * (files; their UTC fields are the wall-clock date), serial numbers (Excel's values), and text:
 * "2025-03-15" (ISO, also Swedish), "20250315", "15.03.2025" (day first), "15/03/2025" and
 * "3/15/2025" when one of the two numbers is over 12 (else the column's DateOrder hint decides),
 * "15 Mar 2025", "15 mars 2025", "March 15, 2025", with an optional time after.
 */
import { EXCEL_ERROR_VALUES, type CellValue } from "../workbook/port";

export type DecimalSeparator = "." | ",";
export type DateOrder = "dmy" | "mdy";

/** Why a cell could not be read; SheetError has a message for each (same key). */
export type FailureReason =
  | "notNumber"
  | "booleanNotNumber"
  | "dateNotNumber"
  | "errorValue"
  | "notDate"
  | "ambiguousDate"
  | "dateOutOfRange"
  | "notName";

export interface ParseFailure {
  readonly failure: FailureReason;
  readonly value: CellValue;
}

export function isFailure(x: unknown): x is ParseFailure {
  return typeof x === "object" && x !== null && typeof (x as ParseFailure).failure === "string";
}

function fail(failure: FailureReason, value: CellValue): ParseFailure {
  return { failure, value };
}

// ---------------------------------------------------------------------------------------------
// Blanks and error values

function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x202f || (c >= 0x2000 && c <= 0x200a) || c === 0x205f || c === 0x3000 || c === 0xfeff || c === 0x1680;
}

/** Whitespace-only text, without allocating (the first character usually decides). */
export function isBlankText(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpaceCode(s.charCodeAt(i))) return false;
  return true;
}

/** null, undefined, "" and whitespace-only text. */
export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === "string" && isBlankText(value));
}

/** The error values Excel shows in cells (and returns as text through `values`). */
export const EXCEL_ERRORS = EXCEL_ERROR_VALUES;

/** Text that is an Excel error value, e.g. "#N/A" as Excel's `values` returns it. */
export function isErrorText(s: string): boolean {
  return s.length >= 4 && s.length <= 20 && s.charCodeAt(0) === 35 && EXCEL_ERRORS.has(s.trim().toUpperCase());
}

/** The error text of a cell ("#N/A"), or null when the cell is not an error. */
export function cellErrorText(value: CellValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return isErrorText(value) ? value.trim().toUpperCase() : null;
  if (typeof value === "object" && !(value instanceof Date)) return String(value.error);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Numbers

const CURRENCY_SYMBOLS = ["us$", "$", "€", "£", "¥", "₹"];
/** Letter codes/words; only taken when not glued to another letter ("kr" but not "krona"). */
const CURRENCY_WORDS = ["sek", "usd", "eur", "gbp", "nok", "dkk", "chf", "jpy", "cad", "aud", "kronor", "kr.", "kr"];

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && ch.toLowerCase() !== ch.toUpperCase();
}

function currencyPrefix(lower: string): number {
  for (const s of CURRENCY_SYMBOLS) if (lower.startsWith(s)) return s.length;
  for (const w of CURRENCY_WORDS) if (lower.startsWith(w) && !isLetter(lower[w.length])) return w.length;
  return 0;
}

function currencySuffix(lower: string): number {
  if (lower.endsWith(":-")) return 2; // Swedish "100:-"
  for (const s of CURRENCY_SYMBOLS) if (lower.endsWith(s)) return s.length;
  for (const w of CURRENCY_WORDS) if (lower.endsWith(w) && !isLetter(lower[lower.length - w.length - 1])) return w.length;
  return 0;
}

const MINUS_SIGNS = "-\u2212\u2013"; // hyphen-minus, minus sign, en dash (as spreadsheets export it)

interface Peeled {
  core: string;
  negative: boolean;
  percent: boolean;
  signed: boolean;
}

/** Strips sign, parentheses, currency and % around the digits; null when the shape is wrong. */
function peel(text: string): Peeled | null {
  let t = text.trim();
  let negative = false;
  let percent = false;
  let paren = false;
  let sign = false;
  let currency = false;
  for (let guard = 0; guard < 8 && t.length > 0; guard++) {
    const first = t[0];
    const last = t[t.length - 1];
    let n: number;
    if (!paren && !sign && first === "(" && last === ")") {
      paren = true;
      negative = true;
      t = t.slice(1, -1).trim();
    } else if (!sign && !paren && MINUS_SIGNS.includes(first)) {
      sign = true;
      negative = true;
      t = t.slice(1).trimStart();
    } else if (!sign && first === "+") {
      sign = true;
      t = t.slice(1).trimStart();
    } else if (!percent && last === "%") {
      percent = true;
      t = t.slice(0, -1).trimEnd();
    } else if (!currency && (n = currencyPrefix(t.toLowerCase())) > 0) {
      currency = true;
      t = t.slice(n).trimStart();
    } else if (!currency && (n = currencySuffix(t.toLowerCase())) > 0) {
      currency = true;
      t = t.slice(0, t.length - n).trimEnd();
    } else if (!sign && !paren && t.length > 1 && MINUS_SIGNS.includes(last) && !MINUS_SIGNS.includes(t[t.length - 2])) {
      // Trailing minus, as some ledgers export negatives: "1 200-".
      sign = true;
      negative = true;
      t = t.slice(0, -1).trimEnd();
    } else break;
  }
  return { core: t, negative, percent, signed: sign || paren };
}

enum Grouping {
  None = 0,
  Space = 1,
  Apostrophe = 2,
  Comma = 3,
  Dot = 4,
}

function groupingOf(c: number): Grouping {
  if (c === 44) return Grouping.Comma;
  if (c === 46) return Grouping.Dot;
  if (c === 39 || c === 0x2019) return Grouping.Apostrophe;
  if (isSpaceCode(c)) return Grouping.Space;
  return Grouping.None;
}

interface CoreShape {
  commas: number;
  dots: number;
  lastComma: number;
  lastDot: number;
  otherGrouping: boolean;
}

/** Counts separators; null when the core holds anything but digits and separators. */
function shapeOf(core: string): CoreShape | null {
  let commas = 0;
  let dots = 0;
  let lastComma = -1;
  let lastDot = -1;
  let otherGrouping = false;
  let digits = 0;
  for (let i = 0; i < core.length; i++) {
    const c = core.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 44) {
      commas++;
      lastComma = i;
    } else if (c === 46) {
      dots++;
      lastDot = i;
    } else if (groupingOf(c) !== Grouping.None) otherGrouping = true;
    else return null;
  }
  return digits > 0 ? { commas, dots, lastComma, lastDot, otherGrouping } : null;
}

/**
 * Which separator is the decimal one: "," or ".", null for none (grouping only or integer),
 * "ambiguous" for "1,234"/"1.234" without other clues, undefined for an impossible shape.
 */
function decimalOf(core: string, s: CoreShape): DecimalSeparator | null | "ambiguous" | undefined {
  if (s.commas > 0 && s.dots > 0) {
    const sep: DecimalSeparator = s.lastComma > s.lastDot ? "," : ".";
    return (sep === "," ? s.commas : s.dots) === 1 ? sep : undefined;
  }
  if (s.commas + s.dots === 0) return null;
  if (s.commas > 1 || s.dots > 1) return null;
  const sep: DecimalSeparator = s.commas === 1 ? "," : ".";
  const at = sep === "," ? s.lastComma : s.lastDot;
  if (s.otherGrouping) return sep;
  const after = core.length - at - 1;
  if (after !== 3) return sep;
  const before = core.slice(0, at);
  if (before.length === 0 || before.length > 3 || before.charCodeAt(0) === 48) return sep;
  return "ambiguous";
}

/** Digits of a grouped integer part ("1 234" → "1234"); null when the groups are wrong. */
function ungroup(int: string): string | null {
  let kind = Grouping.None;
  let digits = "";
  let group = 0;
  let groups = 0;
  for (let i = 0; i < int.length; i++) {
    const c = int.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits += int[i];
      group++;
      continue;
    }
    const g = groupingOf(c);
    if (kind === Grouping.None) kind = g;
    else if (g !== kind) return null; // one grouping mark per number
    if (groups === 0 ? group < 1 || group > 3 : group !== 3) return null;
    groups++;
    group = 0;
  }
  if (groups > 0 && group !== 3) return null;
  return digits;
}

function parseCore(core: string, hint: DecimalSeparator | null): number | undefined {
  if (/^\d+(?:\.\d*)?[eE][+-]?\d{1,3}$/.test(core)) return Number(core);
  const shape = shapeOf(core);
  if (!shape) return undefined;
  let dec = decimalOf(core, shape);
  if (dec === undefined) return undefined;
  if (dec === "ambiguous") dec = shape.commas === 1 ? (hint === "," ? "," : null) : hint === "," ? null : ".";
  let int = core;
  let frac = "";
  if (dec !== null) {
    const at = dec === "," ? shape.lastComma : shape.lastDot;
    int = core.slice(0, at);
    frac = core.slice(at + 1);
    if (!/^\d*$/.test(frac)) return undefined;
  }
  const digits = int.length === 0 ? "" : ungroup(int);
  if (digits === null) return undefined;
  if (digits === "" && frac === "") return undefined;
  return Number(`${digits || "0"}.${frac || "0"}`);
}

/** "123", "-45.5": the common text number, read without regular expressions. */
function plainNumber(s: string, hint: DecimalSeparator | null): number | undefined {
  const n = s.length;
  if (n === 0 || n > 17) return undefined;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  let dot = -1;
  let digits = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && dot < 0) dot = i;
    else return undefined;
  }
  if (digits === 0) return undefined;
  // "1.234" may be a thousands dot in a comma-decimal column: let the full reader decide.
  if (dot >= 0 && hint === "," && n - dot - 1 === 3) return undefined;
  return Number(s);
}

/**
 * A cell as a number: the number, null for a blank, or a failure (error value, boolean, date,
 * or text that is not a number). `decimal` is the column's decimal separator when known.
 */
export function parseNumber(value: CellValue | undefined, decimal: DecimalSeparator | null = null): number | null | ParseFailure {
  if (typeof value === "number") return Number.isFinite(value) ? value : fail("notNumber", value);
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    const plain = plainNumber(value, decimal);
    if (plain !== undefined) return plain;
    if (isBlankText(value)) return null;
    if (isErrorText(value)) return fail("errorValue", value);
    const n = parseNumberText(value, decimal);
    return n === undefined ? fail("notNumber", value) : n;
  }
  if (typeof value === "boolean") return fail("booleanNotNumber", value);
  if (value instanceof Date) return fail("dateNotNumber", value);
  return fail("errorValue", value);
}

/** Numeric text as a number, or undefined. Blank text is not a number here. */
export function parseNumberText(text: string, decimal: DecimalSeparator | null = null): number | undefined {
  const p = peel(text);
  if (!p) return undefined;
  let n: number | undefined;
  if (p.core === "") {
    // Accounting zero: "-", "$ -", "kr -". A bare currency sign is not a number.
    if (!p.signed || p.percent) return undefined;
    n = 0;
  } else n = parseCore(p.core, decimal);
  if (n === undefined || !Number.isFinite(n)) return undefined;
  if (p.percent) n = n / 100;
  return p.negative && n !== 0 ? -n : n;
}

/**
 * The decimal separator a column's text numbers use, by majority of the unambiguous ones;
 * null when the text gives no clue (plain numbers, or only "1,234"-like text).
 */
export function detectDecimalSeparator(values: Iterable<CellValue | undefined>): DecimalSeparator | null {
  let comma = 0;
  let dot = 0;
  for (const v of values) {
    if (typeof v !== "string") continue;
    const p = peel(v);
    if (!p || p.core === "") continue;
    const shape = shapeOf(p.core);
    if (!shape) continue;
    const dec = decimalOf(p.core, shape);
    if (dec === ",") comma++;
    else if (dec === ".") dot++;
    else if (dec === null) {
      if (shape.commas > 1) dot++; // commas group, so the decimal would be a dot
      else if (shape.dots > 1) comma++;
    }
  }
  if (comma === dot) return null;
  return comma > dot ? "," : ".";
}

// ---------------------------------------------------------------------------------------------
// Dates as Excel serial numbers

export const DAY_MS = 86_400_000;
/** Serial of 1970-01-01 (days from 1899-12-30). */
const UNIX_EPOCH_SERIAL = 25_569;
/** Excel's first and last dates: 1900-01-01 and 9999-12-31 (inclusive, with any time). */
export const MIN_SERIAL = 1;
export const MAX_SERIAL = 2_958_466; // exclusive: 10000-01-01
/** The years Excel's dates cover. */
export const FIRST_EXCEL_YEAR = 1900;
export const LAST_EXCEL_YEAR = 9999;

export function isExcelYear(year: number): boolean {
  return Number.isInteger(year) && year >= FIRST_EXCEL_YEAR && year <= LAST_EXCEL_YEAR;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Excel's serial for a real day count since 1899-12-30 (before March 1900 Excel is one ahead). */
function serialFromReal(real: number): number {
  return real < 61 ? real - 1 : real;
}

/** Real days since 1899-12-30 of a serial; serial 60 (Excel's 1900-02-29) falls on 1900-03-01. */
function realFromSerial(serial: number): number {
  return serial < 61 ? serial + 1 : serial;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Serial of a calendar date, or NaN when there is no such date in Excel (1900..9999). */
export function serialFromYMD(y: number, m: number, d: number): number {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return NaN;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  return serialFromReal(daysFromCivil(y, m, d) + UNIX_EPOCH_SERIAL);
}

/** A Date's serial, reading its UTC fields as the wall-clock date and time (as .xlsx dates are). */
export function dateToSerial(d: Date): number {
  return serialFromReal(d.getTime() / DAY_MS + UNIX_EPOCH_SERIAL);
}

/** A date Excel can hold: 1900-01-01 to 9999-12-31 (UTC). */
export function isExcelDate(d: Date): boolean {
  return !Number.isNaN(d.getTime()) && isExcelYear(d.getUTCFullYear());
}

/** The UTC Date of a serial (serial 60, which Excel calls 1900-02-29, gives 1900-03-01). */
export function serialToDate(serial: number): Date {
  return new Date(Math.round((realFromSerial(serial) - UNIX_EPOCH_SERIAL) * DAY_MS));
}

/** Month indexes of days, in blocks of 4096 days (16 kB, ~11 years) filled when first used. */
const BLOCK_BITS = 12;
const monthBlocks: (Int32Array | undefined)[] = [];

function fillBlock(b: number): Int32Array {
  const block = new Int32Array(1 << BLOCK_BITS);
  const start = b << BLOCK_BITS;
  for (let i = 0; i < block.length; i++) block[i] = computeMonthIndex(start + i);
  monthBlocks[b] = block;
  return block;
}

/**
 * year × 12 + (month − 1) of a serial, in Excel's calendar (serial 60 is in February 1900).
 * Aggregation calls this once per row: a table lookup per day, no allocation.
 */
export function serialMonthIndex(serial: number): number {
  if (serial >= MIN_SERIAL && serial < MAX_SERIAL) {
    const day = serial | 0;
    const block = monthBlocks[day >> BLOCK_BITS] ?? fillBlock(day >> BLOCK_BITS);
    return block[day & ((1 << BLOCK_BITS) - 1)];
  }
  return computeMonthIndex(Math.floor(serial));
}

function computeMonthIndex(day: number): number {
  if (day === 60) return 1900 * 12 + 1;
  const z = realFromSerial(day) - UNIX_EPOCH_SERIAL + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 12 + (m - 1);
}

/** "YYYY-MM" of a month index from serialMonthIndex. */
export function monthKey(monthIndex: number): string {
  const y = Math.floor(monthIndex / 12);
  const m = monthIndex - y * 12 + 1;
  return `${y}-${m < 10 ? "0" : ""}${m}`;
}

/** Calendar fields of a serial in Excel's calendar (serial 60 is 1900-02-29). */
export function serialToYMD(serial: number): { year: number; month: number; day: number } {
  const day = Math.floor(serial);
  if (day === 60) return { year: 1900, month: 2, day: 29 };
  const d = serialToDate(day);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const MONTHS: Record<string, number> = (() => {
  const out: Record<string, number> = {};
  const lists = [
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
    ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
    ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sept", "okt", "nov", "dec"],
  ];
  for (const list of lists) list.forEach((name, i) => (out[name] = i + 1));
  return out;
})();

function year2(y: string): number {
  const n = Number(y);
  if (y.length !== 2) return n;
  return n < 30 ? 2000 + n : 1900 + n; // Excel's two-digit year rule
}

const TIME_RE = /(?:[T\s]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([ap]\.?m\.?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/i;
const ISO_RE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC_RE = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$/;
const DAY_MONTH_RE = /^(\d{1,2})\.?[\s-]+([a-zåäö]+)\.?,?[\s-]+(\d{4}|\d{2})$/i;
const MONTH_DAY_RE = /^([a-zåäö]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;

/** Date text as a serial; a failure reason when it is not a date Excel could hold. */
function parseDateText(text: string, order: DateOrder | null): number | FailureReason {
  let t = text.trim();
  let fraction = 0;
  const time = TIME_RE.exec(t);
  if (time && time.index > 0) {
    let h = Number(time[1]);
    const min = Number(time[2]);
    const sec = time[3] ? Number(time[3]) : 0;
    const ampm = time[4]?.toLowerCase();
    if (ampm) {
      if (h < 1 || h > 12) return "notDate";
      h = (h % 12) + (ampm.startsWith("p") ? 12 : 0);
    }
    if (h > 23 || min > 59 || sec > 59) return "notDate";
    fraction = (h * 3600 + min * 60 + sec) / 86400;
    t = t.slice(0, time.index).trim();
  }
  let y: number;
  let m: number;
  let d: number;
  let match: RegExpExecArray | null;
  if ((match = ISO_RE.exec(t)) || (match = COMPACT_RE.exec(t))) {
    y = Number(match[1]);
    m = Number(match.length === 5 ? match[3] : match[2]);
    d = Number(match.length === 5 ? match[4] : match[3]);
    if (match.length === 4 && (y < 1900 || y > 2199)) return "notDate"; // 8 digits that are not yyyymmdd
  } else if ((match = NUMERIC_RE.exec(t))) {
    const a = Number(match[1]);
    const b = Number(match[3]);
    y = year2(match[4]);
    let dayFirst: boolean;
    if (match[2] === ".") dayFirst = true; // 15.03.2025: day first wherever dots are used
    else if (a > 12 && b <= 12) dayFirst = true;
    else if (b > 12 && a <= 12) dayFirst = false;
    else if (a === b) dayFirst = true;
    else if (order) dayFirst = order === "dmy";
    else return a > 12 && b > 12 ? "notDate" : "ambiguousDate";
    d = dayFirst ? a : b;
    m = dayFirst ? b : a;
  } else if ((match = DAY_MONTH_RE.exec(t))) {
    d = Number(match[1]);
    m = MONTHS[match[2].toLowerCase()] ?? NaN;
    y = year2(match[3]);
  } else if ((match = MONTH_DAY_RE.exec(t))) {
    m = MONTHS[match[1].toLowerCase()] ?? NaN;
    d = Number(match[2]);
    y = Number(match[3]);
  } else return "notDate";
  if (Number.isNaN(m)) return "notDate";
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return "notDate";
  if (y < 1900 || y > 9999) return "dateOutOfRange";
  return serialFromYMD(y, m, d) + fraction;
}

/**
 * A cell as a date: its Excel serial number (days since 1899-12-30, fraction = time of day),
 * null for a blank, or a failure. Numbers are taken as serials (Excel's `values` gives dates so)
 * and must lie within Excel's dates; `order` resolves 05/03/2025-style text for the column.
 */
export function parseDate(value: CellValue | undefined, order: DateOrder | null = null): number | null | ParseFailure {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return fail("notDate", value);
    return value >= MIN_SERIAL && value < MAX_SERIAL ? value : fail("dateOutOfRange", value);
  }
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    const s = dateToSerial(value);
    if (Number.isNaN(s)) return fail("notDate", value);
    return s >= MIN_SERIAL && s < MAX_SERIAL ? s : fail("dateOutOfRange", value);
  }
  if (typeof value === "string") {
    if (isBlankText(value)) return null;
    if (isErrorText(value)) return fail("errorValue", value);
    const r = parseDateText(value, order);
    return typeof r === "number" ? r : fail(r, value);
  }
  if (typeof value === "boolean") return fail("notDate", value);
  return fail("errorValue", value);
}

/**
 * Day-first or month-first, from a column's slash/dash dates where one number is over 12
 * (majority); null when no date in the column tells.
 */
export function detectDateOrder(values: Iterable<CellValue | undefined>): DateOrder | null {
  let dmy = 0;
  let mdy = 0;
  for (const v of values) {
    if (typeof v !== "string") continue;
    const m = NUMERIC_RE.exec(v.trim().replace(TIME_RE, ""));
    if (!m || m[2] === ".") continue;
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a > 12 && b <= 12) dmy++;
    else if (b > 12 && a <= 12) mdy++;
  }
  if (dmy === mdy) return null;
  return dmy > mdy ? "dmy" : "mdy";
}

// ---------------------------------------------------------------------------------------------
// Names (reps, headers): matched the way SUMIFS matches text

const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]/g;

/**
 * The matching key of a name: no-break and other odd spaces become plain spaces, surrounding
 * spaces go, inner spaces stay as typed, letters are lower-cased without locale rules (so
 * "I" never becomes a Turkish dotless i) and composed (NFC), so "Anna Svensson",
 * "  anna svensson " and "ANNA\u00a0SVENSSON" are one rep.
 */
export function textKey(text: string): string {
  return text.replace(ODD_SPACES, " ").trim().normalize("NFC").toLowerCase();
}

/** A name as shown: the text as typed without surrounding spaces (inner spaces as typed). */
export function displayText(text: string): string {
  return text.replace(/^[\s\u00a0\u202f]+|[\s\u00a0\u202f]+$/g, "");
}

/**
 * A cell as a name: the trimmed text, null for a blank, a failure for error values, booleans
 * and dates. Numbers (rep ids) become their text. Text starting with = + - @ is just text.
 */
export function parseName(value: CellValue | undefined): string | null | ParseFailure {
  if (typeof value === "string") {
    if (isBlankText(value)) return null;
    if (isErrorText(value)) return fail("errorValue", value);
    return displayText(value);
  }
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : fail("notName", value);
  if (typeof value === "boolean" || value instanceof Date) return fail("notName", value);
  return fail("errorValue", value);
}
