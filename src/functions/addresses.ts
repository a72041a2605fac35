/**
 * Where an argument's cells are. Functions tagged @requiresParameterAddresses get, in
 * invocation.parameterAddresses, one address per declared parameter as Excel writes it:
 * sheet-qualified ("Sales!B2:B9"), the sheet name in single quotes when it has spaces or
 * punctuation ('My Sheet'!B4, with '' for an apostrophe), the whole range for a range
 * argument. An argument that is no reference (a constant, an array constant, a computed
 * array) and hosts without the feature give no usable address: every reader here answers
 * null for anything it does not recognise, and callers fall back to naming the position.
 */

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangular block of cells: the sheet prefix as Excel wrote it, its top-left cell and size. */
export interface RangeAddress {
  /** The text before "!" exactly as given (quotes kept), "" when the address has none. */
  sheet: string;
  /** 1-based row and column of the top-left cell. */
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** invocation.parameterAddresses by parameter name; a name is missing when there is no address. */
export type ParameterAddresses = Readonly<Partial<Record<string, string>>>;

/**
 * The addresses Excel passed for `names` (the declared parameters, in order). Tolerates any
 * invocation object: absent, without parameterAddresses, or with non-string entries.
 */
export function parameterAddresses(invocation: unknown, names: readonly string[]): ParameterAddresses {
  const out: Partial<Record<string, string>> = Object.create(null);
  let list: unknown;
  try {
    list = invocation !== null && typeof invocation === "object" ? (invocation as { parameterAddresses?: unknown }).parameterAddresses : undefined;
  } catch {
    list = undefined; // a host object whose getter throws is the same as no addresses
  }
  if (!Array.isArray(list)) return out;
  names.forEach((name, i) => {
    const address: unknown = list[i];
    if (typeof address === "string" && address.trim() !== "") out[name] = address;
  });
  return out;
}

/** "A" → 1, "XFD" → 16384; null beyond Excel's last column. */
function columnNumber(letters: string): number | null {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n >= 1 && n <= MAX_COLUMNS ? n : null;
}

/** 1 → "A", 28 → "AB". */
export function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function rowNumber(digits: string): number | null {
  const n = Number(digits);
  return Number.isInteger(n) && n >= 1 && n <= MAX_ROWS ? n : null;
}

/** A sheet prefix Excel could have written: 'quoted, with '' inside' or a bare name without spaces. */
function isSheetPrefix(prefix: string): boolean {
  if (prefix.startsWith("'")) return prefix.length >= 3 && prefix.endsWith("'") && !prefix.slice(1, -1).replace(/''/g, "").includes("'");
  return prefix.length > 0 && !/[\s'!]/.test(prefix);
}

interface Corner {
  row: number | null; // null: a whole column ("B" in "B:D")
  column: number | null; // null: a whole row ("4" in "4:9")
}

function corner(text: string): Corner | null {
  let m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(text);
  if (m) {
    const column = columnNumber(m[1]);
    const row = rowNumber(m[2]);
    return column === null || row === null ? null : { row, column };
  }
  m = /^\$?([A-Za-z]{1,3})$/.exec(text);
  if (m) {
    const column = columnNumber(m[1]);
    return column === null ? null : { row: null, column };
  }
  m = /^\$?(\d{1,7})$/.exec(text);
  if (m) {
    const row = rowNumber(m[1]);
    return row === null ? null : { row, column: null };
  }
  return null;
}

/** First and last of one dimension: both given, or both open (the whole sheet's extent). */
function span(a: number | null, b: number | null, max: number): [number, number] | null {
  if (a === null && b === null) return [1, max];
  if (a === null || b === null) return null; // "B2:D" mixes a cell with a whole column
  return [Math.min(a, b), Math.max(a, b)];
}

/**
 * Reads an A1-style address: "Sheet1!A2:A6", "'My Sheet'!$B$4", "Data!C:C" (whole column),
 * "Data!3:3" (whole row) or one without a sheet ("B2"). Null for anything else.
 */
export function parseRangeAddress(address: unknown): RangeAddress | null {
  if (typeof address !== "string") return null;
  const text = address.trim();
  if (text === "" || text.length > 512) return null;
  const bang = text.lastIndexOf("!"); // a quoted sheet name may itself contain "!"
  const sheet = bang >= 0 ? text.slice(0, bang) : "";
  if (bang >= 0 && !isSheetPrefix(sheet)) return null;
  const parts = text.slice(bang + 1).split(":");
  if (parts.length > 2) return null;
  const first = corner(parts[0]);
  const last = parts.length === 2 ? corner(parts[1]) : first;
  if (first === null || last === null) return null;
  if (parts.length === 1 && (first.row === null || first.column === null)) return null; // "B" or "4" alone is no cell
  const rows = span(first.row, last.row, MAX_ROWS); // "C:C": every row
  const columns = span(first.column, last.column, MAX_COLUMNS); // "3:3": every column
  if (rows === null || columns === null) return null;
  const [top, bottom] = rows;
  const [left, right] = columns;
  return { sheet, row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
}

/** The address of the cell `row`, `column` (0-based) inside `range`, e.g. 'My Sheet'!B4; null outside it. */
export function cellAddressIn(range: RangeAddress, row: number, column: number): string | null {
  if (!Number.isInteger(row) || !Number.isInteger(column) || row < 0 || column < 0) return null;
  if (row >= range.rows || column >= range.columns) return null;
  const cell = `${columnLetters(range.column + column)}${range.row + row}`;
  return range.sheet === "" ? cell : `${range.sheet}!${cell}`;
}
