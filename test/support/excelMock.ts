/**
 * A fake of the Excel JavaScript object model for adapter tests, with Office.js batching
 * semantics: calls and property sets are queued and applied in order at context.sync();
 * properties are readable only after load() and a sync (reading earlier throws, as Office.js
 * does); *OrNullObject lookups report isNullObject after a sync.
 *
 * It is hand-written rather than built on office-addin-mock 3.0.10: that mock is a static
 * object tree that applies writes at once, has no notion of a request, and cannot return a
 * range for an address that reads and writes shared per-sheet cells. Here every sheet really
 * stores its cells (values, formulas, number formats, the apostrophe prefix, bold/italic), and
 * every request is recorded with its payload size, so tests can read back what was written,
 * compare source sheets before and after, and assert request sizes and sync counts.
 *
 * Strictness, so adapter mistakes fail loudly instead of passing silently:
 * - a request or response over 5,000,000 bytes (JSON, UTF-8) is refused with
 *   RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded, and nothing of a refused
 *   request is applied; a values/formulas/numberFormat load over 5 million cells is refused too;
 * - `values` takes strings the way Excel takes typed input: "=…", "+…", "-…", "@…" become
 *   formulas, number/percent/boolean/date/error shaped text is converted, and a leading
 *   apostrophe makes the rest text;
 * - writing undefined, NaN, Infinity, Date or other objects into cells throws (Office.js would
 *   serialise them into something else); array shapes must match the range;
 * - using a null object, an unknown property, or a table name twice throws, and so does a
 *   formula with a structured reference (Table[Column]) to a table that does not exist yet;
 * - showing a table's totals row fills it the way Excel does ("Total", a SUBTOTAL in the last
 *   column) so an adapter must set every totals cell it cares about.
 */
import type { CellValue } from "../../src/workbook/port";

export const FAKE_PAYLOAD_LIMIT_BYTES = 5_000_000;
export const FAKE_READ_CELL_LIMIT = 5_000_000;
/** Envelope bytes the fake counts for each queued action (ids, object path, member name). */
export const FAKE_OP_BYTES = 150;

const MAX_ROWS = 1_048_576;
const CELL_PROPS = new Set(["values", "formulas", "numberFormat", "text", "valueTypes"]);
const MAX_COLUMNS = 16_384;
const KEY = (r: number, c: number) => r * MAX_COLUMNS + c;

type ErrorValue = { error: string };
type Stored = string | number | boolean | ErrorValue;

export interface Rect {
  r0: number; // 0-based
  c0: number;
  rows: number;
  cols: number;
}

export interface FakeOp {
  kind: "load" | "set" | "call";
  object: string;
  member: string;
  bytes: number;
  /** Filled in when the op is applied. */
  sheet?: string;
  rect?: Rect;
  props?: string[];
}

export interface FakeRequest {
  index: number;
  ops: FakeOp[];
  requestBytes: number;
  responseBytes: number;
  /** suspendApiCalculationUntilNextSync() was queued in this request. */
  calcSuspended: boolean;
}

export class FakeExcelError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "RichApi.Error";
  }
}

function byteLength(value: unknown): number {
  const json = JSON.stringify(value);
  return json === undefined ? 0 : Buffer.byteLength(json, "utf8");
}

export const EXCEL_ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!", "#GETTING_DATA"]);

// ---------------------------------------------------------------------------------------------
// Addresses

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function letters(column: number): string {
  let s = "";
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

export function rectAddress(rect: Rect): string {
  const a = `${letters(rect.c0 + 1)}${rect.r0 + 1}`;
  const b = `${letters(rect.c0 + rect.cols)}${rect.r0 + rect.rows}`;
  return a === b ? a : `${a}:${b}`;
}

/** "B3", "A1:C9", "C:C", "2:4" (no sheet part). */
export function parseAddress(address: string): Rect {
  const clean = address.replace(/\$/g, "").toUpperCase();
  let m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(clean);
  if (m) {
    const c1 = columnNumber(m[1]);
    const r1 = Number(m[2]);
    const c2 = m[3] ? columnNumber(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : r1;
    return { r0: Math.min(r1, r2) - 1, c0: Math.min(c1, c2) - 1, rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
  }
  m = /^([A-Z]+):([A-Z]+)$/.exec(clean);
  if (m) {
    const c1 = columnNumber(m[1]);
    const c2 = columnNumber(m[2]);
    return { r0: 0, c0: Math.min(c1, c2) - 1, rows: MAX_ROWS, cols: Math.abs(c2 - c1) + 1 };
  }
  m = /^(\d+):(\d+)$/.exec(clean);
  if (m) {
    const r1 = Number(m[1]);
    const r2 = Number(m[2]);
    return { r0: Math.min(r1, r2) - 1, c0: 0, rows: Math.abs(r2 - r1) + 1, cols: MAX_COLUMNS };
  }
  throw new FakeExcelError("InvalidArgument", `Unsupported address "${address}"`);
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.r0 < b.r0 + b.rows && b.r0 < a.r0 + a.rows && a.c0 < b.c0 + b.cols && b.c0 < a.c0 + a.cols;
}

const MS_PER_DAY = 86_400_000;
const serialOf = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / MS_PER_DAY;

// ---------------------------------------------------------------------------------------------
// Workbook state

export interface NamedItemState {
  name: string;
  formula: string;
  comment: string;
  visible: boolean;
}

export interface TableState {
  id: number;
  name: string;
  sheet: SheetState;
  /** Header row + data rows (not the totals row). */
  rect: Rect;
  style: string;
  showTotals: boolean;
}

export interface ChartSeriesState {
  name: string;
  values: { sheet: string; address: string } | null;
  xValues: { sheet: string; address: string } | null;
}

export interface ChartState {
  name: string;
  type: string;
  title: string;
  series: ChartSeriesState[];
  position: { start: string; end: string } | null;
}

export class SheetState {
  visibility = "Visible";
  values: (Stored | undefined)[][] = [];
  formats: (string | undefined)[][] = [];
  formulas = new Map<number, string>();
  /** Results of formulas the fake cannot evaluate (custom functions), by cell. */
  results = new Map<number, Stored>();
  /** Dynamic-array results by anchor cell: the anchor's formula spills these values. */
  spills = new Map<number, Stored[][]>();
  prefixed = new Set<number>();
  fonts = new Map<number, { bold?: boolean; italic?: boolean }>();
  names = new Map<string, NamedItemState>();
  charts: ChartState[] = [];
  columnWidths = new Map<number, number>();
  frozenRows = 0;
  /** Cell-value conditional formats, as added: the range (r0, c0, rows, cols) and the rule. */
  conditionalFormats: { rect: { r0: number; c0: number; rows: number; cols: number }; rule: { formula1?: string; formula2?: string; operator?: string }; fill?: string; font?: string }[] = [];
  /** Worksheet.pageLayout as set (ExcelApi 1.9). */
  pageLayout: {
    orientation: string;
    zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number } | null;
    printTitleRows: string | null;
    paperSize?: string;
    printArea?: string;
    /** Rows (0-based) above which a manual page break stands. */
    rowBreaks: number[];
  } = {
    orientation: "Portrait",
    zoom: null,
    printTitleRows: null,
    rowBreaks: [],
  };

  constructor(public name: string) {}

  value(r: number, c: number): Stored | undefined {
    return this.values[r]?.[c];
  }

  /** The spill that covers a cell (its anchor still holding the formula), if any. */
  spillAt(r: number, c: number): { r0: number; c0: number; values: Stored[][] } | null {
    for (const [key, values] of this.spills) {
      const r0 = Math.floor(key / MAX_COLUMNS), c0 = key % MAX_COLUMNS;
      if (!this.formulas.has(key)) continue;
      if (r >= r0 && r < r0 + values.length && c >= c0 && c < c0 + values[0].length) return { r0, c0, values };
    }
    return null;
  }

  /** A formula result or spilled value for a cell, when the fake holds one. */
  computed(r: number, c: number): Stored | undefined {
    const key = KEY(r, c);
    if (this.formulas.has(key)) {
      if (this.results.has(key)) return this.results.get(key);
      const own = this.spills.get(key);
      return own ? own[0][0] : undefined;
    }
    if (this.value(r, c) !== undefined) return undefined;
    const spill = this.spillAt(r, c);
    return spill ? spill.values[r - spill.r0][c - spill.c0] : undefined;
  }

  /** Forgets a cell's custom result and spill (its formula was replaced). */
  dropComputed(key: number): void {
    this.results.delete(key);
    this.spills.delete(key);
  }

  setValue(r: number, c: number, v: Stored | undefined): void {
    const row = this.values[r] ?? (this.values[r] = []);
    row[c] = v;
  }

  format(r: number, c: number): string | undefined {
    return this.formats[r]?.[c];
  }

  setFormat(r: number, c: number, f: string | undefined): void {
    const row = this.formats[r] ?? (this.formats[r] = []);
    row[c] = f;
  }

  /** Bounding box of cells with a value or formula (or any format, unless valuesOnly). */
  usedRect(valuesOnly: boolean): Rect | null {
    let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
    const scan = (grid: unknown[][]) => {
      grid.forEach((row, r) => {
        if (!row) return;
        row.forEach((v, c) => {
          if (v === undefined) return;
          r0 = Math.min(r0, r); r1 = Math.max(r1, r);
          c0 = Math.min(c0, c); c1 = Math.max(c1, c);
        });
      });
    };
    scan(this.values);
    for (const [key, values] of this.spills) {
      if (!this.formulas.has(key)) continue;
      const r = Math.floor(key / MAX_COLUMNS), c = key % MAX_COLUMNS;
      r0 = Math.min(r0, r); r1 = Math.max(r1, r + values.length - 1); c0 = Math.min(c0, c); c1 = Math.max(c1, c + values[0].length - 1);
    }
    for (const key of this.formulas.keys()) {
      const r = Math.floor(key / MAX_COLUMNS), c = key % MAX_COLUMNS;
      r0 = Math.min(r0, r); r1 = Math.max(r1, r); c0 = Math.min(c0, c); c1 = Math.max(c1, c);
    }
    if (!valuesOnly) scan(this.formats);
    return r1 < 0 ? null : { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  clear(rect: Rect, what: "All" | "Contents" | "Formats"): void {
    const whole = rect.r0 === 0 && rect.c0 === 0 && rect.rows >= MAX_ROWS && rect.cols >= MAX_COLUMNS;
    const contents = what !== "Formats";
    const formats = what !== "Contents";
    if (whole) {
      if (contents) {
        this.values = [];
        this.formulas.clear();
        this.prefixed.clear();
      }
      if (formats) {
        this.formats = [];
        this.fonts.clear();
      }
      return;
    }
    const inRect = (key: number) => {
      const r = Math.floor(key / MAX_COLUMNS), c = key % MAX_COLUMNS;
      return r >= rect.r0 && r < rect.r0 + rect.rows && c >= rect.c0 && c < rect.c0 + rect.cols;
    };
    const lastRow = Math.min(rect.r0 + rect.rows, Math.max(this.values.length, this.formats.length));
    for (let r = rect.r0; r < lastRow; r++) {
      for (let c = rect.c0; c < rect.c0 + rect.cols && c < MAX_COLUMNS; c++) {
        if (contents && this.values[r]) this.values[r][c] = undefined;
        if (formats && this.formats[r]) this.formats[r][c] = undefined;
        if (c > 20_000) break;
      }
    }
    if (contents) {
      for (const key of [...this.formulas.keys()]) if (inRect(key)) this.formulas.delete(key);
      for (const key of [...this.prefixed]) if (inRect(key)) this.prefixed.delete(key);
    }
    if (formats) for (const key of [...this.fonts.keys()]) if (inRect(key)) this.fonts.delete(key);
  }
}

export interface CellInfo {
  value: CellValue;
  formula: string | null;
  numberFormat: string | null;
  /** Entered with a leading apostrophe (stored as text). */
  prefixed: boolean;
  bold: boolean;
  italic: boolean;
}

export interface FakeWorkbookFixture {
  sheets: { name: string; rows: CellValue[][]; hidden?: boolean }[];
}

export class FakeExcel {
  sheets: SheetState[] = [];
  tables: TableState[] = [];
  selection: { sheet: SheetState; rect: Rect } | null = null;
  activeSheet: SheetState | null = null;
  requests: FakeRequest[] = [];
  /** Requests the host refused (payload limits) or that failed part-way. */
  rejected: { request: FakeRequest; code: string }[] = [];
  syncCalls = 0;
  runCalls = 0;
  calculateCalls = 0;
  private nextTableId = 1;

  constructor(fixture?: FakeWorkbookFixture) {
    for (const sheet of fixture?.sheets ?? []) {
      const added = this.addSheet(sheet.name, sheet.rows);
      if (sheet.hidden) added.visibility = "Hidden";
    }
    this.activeSheet = this.sheets[0] ?? null;
  }

  /** Seeds a sheet from rows starting at A1 (Date → serial; {error} → error cell). */
  addSheet(name: string, rows: CellValue[][] = []): SheetState {
    const sheet = new SheetState(name);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === "") return;
        if (v instanceof Date) sheet.setValue(r, c, (v.getTime() - Date.UTC(1899, 11, 30)) / MS_PER_DAY);
        else if (typeof v === "object") sheet.setValue(r, c, { error: v.error });
        else sheet.setValue(r, c, v);
      }),
    );
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = sheet;
    return sheet;
  }

  /** Excel.run: a fresh context per batch; pending work is flushed when the batch ends. */
  run = async <T>(batch: (context: FakeContext) => Promise<T>): Promise<T> => {
    this.runCalls++;
    const context = new FakeContext(this);
    const result = await batch(context);
    await context.flush();
    return result;
  };

  /** A runner typed for ExcelWorkbook's `run` option. */
  get runner(): <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T> {
    return this.run as unknown as <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  }

  findSheet(name: string): SheetState | null {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower) ?? null;
  }

  sheet(name: string): SheetState {
    const s = this.findSheet(name);
    if (!s) throw new Error(`No sheet "${name}"`);
    return s;
  }

  findTable(name: string): TableState | null {
    const lower = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === lower) ?? null;
  }

  resetLog(): void {
    this.requests = [];
    this.rejected = [];
    this.syncCalls = 0;
    this.runCalls = 0;
    this.calculateCalls = 0;
  }

  // ---- inspection -------------------------------------------------------------------------

  /** What a cell shows through `values` in our model (formulas evaluated). */
  cellValue(sheet: SheetState, r: number, c: number): CellValue {
    const v = this.evaluateCell(sheet, r, c, 0);
    if (v === undefined || v === "") return null;
    return typeof v === "object" ? { error: v.error } : v;
  }

  cell(sheetName: string, address: string): CellInfo {
    const sheet = this.sheet(sheetName);
    const { r0, c0 } = parseAddress(address);
    const font = sheet.fonts.get(KEY(r0, c0));
    return {
      value: this.cellValue(sheet, r0, c0),
      formula: sheet.formulas.get(KEY(r0, c0)) ?? null,
      numberFormat: sheet.format(r0, c0) ?? null,
      prefixed: sheet.prefixed.has(KEY(r0, c0)),
      bold: font?.bold ?? false,
      italic: font?.italic ?? false,
    };
  }

  /** The sheet's values from A1 to the end of its used range, as CellValue rows. */
  rows(sheetName: string): CellValue[][] {
    const sheet = this.sheet(sheetName);
    const used = sheet.usedRect(true);
    if (!used) return [];
    const out: CellValue[][] = [];
    for (let r = 0; r < used.r0 + used.rows; r++) {
      const row: CellValue[] = [];
      for (let c = 0; c < used.c0 + used.cols; c++) row.push(this.cellValue(sheet, r, c));
      out.push(row);
    }
    return out;
  }

  /** Everything stored on a sheet, for before/after equality. */
  fingerprint(sheetName: string): string {
    const s = this.sheet(sheetName);
    return JSON.stringify({
      name: s.name,
      visibility: s.visibility,
      values: s.values,
      formats: s.formats,
      formulas: [...s.formulas],
      prefixed: [...s.prefixed],
      fonts: [...s.fonts],
      names: [...s.names],
      charts: s.charts,
      widths: [...s.columnWidths],
      frozen: s.frozenRows,
      tables: this.tables.filter((t) => t.sheet === s).map((t) => ({ ...t, sheet: t.sheet.name })),
    });
  }

  tablesOn(sheetName: string): TableState[] {
    const s = this.sheet(sheetName);
    return this.tables.filter((t) => t.sheet === s);
  }

  /** Ops of recorded requests that changed cells (values, formulas, formats, clear). */
  cellWrites(): (FakeOp & { request: number; position: number })[] {
    const members = new Set(["values", "formulas", "numberFormat", "clear", "bold", "italic"]);
    return this.requests.flatMap((req) =>
      req.ops.map((op, position) => ({ ...op, request: req.index, position })).filter((op) => op.kind !== "load" && members.has(op.member)),
    );
  }

  /** Every load of a Range in the recorded requests, with the properties asked for. */
  rangeLoads(): FakeOp[] {
    return this.requests.flatMap((r) => r.ops.filter((op) => op.kind === "load" && op.object === "Range"));
  }

  /** Range loads that fetch cell contents (values, formulas, formats, text). */
  cellLoads(): FakeOp[] {
    return this.rangeLoads().filter((op) => op.props?.some((p) => CELL_PROPS.has(p) || p === "*"));
  }

  /** Recorded requests that fetch cell contents: the blocks of a read. */
  cellLoadRequests(): FakeRequest[] {
    return this.requests.filter((r) => r.ops.some((op) => op.kind === "load" && op.object === "Range" && op.props?.some((p) => CELL_PROPS.has(p) || p === "*")));
  }

  // ---- cell semantics ---------------------------------------------------------------------

  /** Writes one entry of `values` / `formulas` the way Excel takes typed input. */
  input(sheet: SheetState, r: number, c: number, input: unknown): void {
    if (input === null) return; // null leaves the cell as it is
    const key = KEY(r, c);
    if (input === undefined) throw new FakeExcelError("InvalidArgument", `undefined written to ${sheet.name}!${rectAddress({ r0: r, c0: c, rows: 1, cols: 1 })}`);
    if (typeof input === "number") {
      if (!Number.isFinite(input)) throw new FakeExcelError("InvalidArgument", `${input} written to a cell`);
      this.store(sheet, key, r, c, input);
      return;
    }
    if (typeof input === "boolean") {
      this.store(sheet, key, r, c, input);
      return;
    }
    if (typeof input !== "string") {
      throw new FakeExcelError("InvalidArgument", `A ${input instanceof Date ? "Date" : typeof input} cannot be written to a cell`);
    }
    if (input === "") {
      this.store(sheet, key, r, c, undefined);
      return;
    }
    if (sheet.format(r, c) === "@") {
      this.store(sheet, key, r, c, input);
      return;
    }
    if (input.startsWith("'")) {
      this.store(sheet, key, r, c, input.slice(1));
      sheet.prefixed.add(key);
      return;
    }
    if (input.length > 1 && input.startsWith("=")) return this.storeFormula(sheet, key, r, c, input);
    if (input.length > 1 && /^[+-]/.test(input)) {
      const n = parseTypedNumber(input);
      if (n !== null) this.store(sheet, key, r, c, n);
      else this.storeFormula(sheet, key, r, c, `=${input}`);
      return;
    }
    if (input.length > 1 && input.startsWith("@")) return this.storeFormula(sheet, key, r, c, `=${input.slice(1)}`);
    const n = parseTypedNumber(input);
    if (n !== null) return this.store(sheet, key, r, c, n);
    if (/^(true|false)$/i.test(input.trim())) return this.store(sheet, key, r, c, input.trim().toLowerCase() === "true");
    if (EXCEL_ERRORS.has(input.trim())) return this.store(sheet, key, r, c, { error: input.trim() });
    let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(input.trim());
    if (m) return this.store(sheet, key, r, c, serialOf(+m[1], +m[2], +m[3]));
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(input.trim());
    if (m) return this.store(sheet, key, r, c, serialOf(+m[3], +m[1], +m[2]));
    this.store(sheet, key, r, c, input);
  }

  /**
   * Seeds a formula the fake cannot evaluate (a custom function) with the result Excel shows:
   * one value, or a grid that spills from the cell as a dynamic array does.
   */
  setComputedFormula(sheetName: string, address: string, formula: string, result: Stored | Stored[][]): void {
    const sheet = this.sheet(sheetName);
    const { r0, c0 } = parseAddress(address);
    const key = KEY(r0, c0);
    sheet.setValue(r0, c0, undefined);
    sheet.formulas.set(key, formula);
    sheet.dropComputed(key);
    if (Array.isArray(result)) sheet.spills.set(key, result);
    else sheet.results.set(key, result);
  }

  private store(sheet: SheetState, key: number, r: number, c: number, v: Stored | undefined): void {
    sheet.setValue(r, c, v);
    sheet.dropComputed(key);
    sheet.formulas.delete(key);
    sheet.prefixed.delete(key);
  }

  private storeFormula(sheet: SheetState, key: number, r: number, c: number, formula: string): void {
    // Excel refuses a formula with a structured reference to a table that does not exist.
    const code = formula.replace(/"[^"]*"/g, '""');
    for (const m of code.matchAll(/([A-Za-z_\\][A-Za-z0-9_.]*)\[/g)) {
      if (!this.findTable(m[1])) throw new FakeExcelError("InvalidArgument", `There is a problem with this formula: no table named ${m[1]} (${formula})`);
    }
    sheet.setValue(r, c, undefined);
    sheet.prefixed.delete(key);
    sheet.dropComputed(key);
    sheet.formulas.set(key, formula);
  }

  /** Value as Range.values returns it ("" for empty, error strings for errors). */
  excelValue(sheet: SheetState, r: number, c: number): string | number | boolean {
    const v = this.evaluateCell(sheet, r, c, 0);
    if (v === undefined) return "";
    return typeof v === "object" ? v.error : v;
  }

  private evaluateCell(sheet: SheetState, r: number, c: number, depth: number): Stored | undefined {
    const computed = sheet.computed(r, c);
    if (computed !== undefined) return computed;
    const formula = sheet.formulas.get(KEY(r, c));
    if (formula === undefined) return sheet.value(r, c);
    if (depth > 50) return { error: "#REF!" };
    return new FormulaEvaluator(this, sheet, depth).evaluate(formula);
  }

  /** Used by the evaluator. */
  refValue(sheet: SheetState, r: number, c: number, depth: number): Stored | undefined {
    return this.evaluateCell(sheet, r, c, depth + 1);
  }

  newTableId(): number {
    return this.nextTableId++;
  }
}

/** Numbers as Excel's typing accepts them (en-US): 1,234.5  -3  +2e3  15%  $12.50 */
function parseTypedNumber(text: string): number | null {
  const t = text.trim();
  const m = /^([+-]?)\$?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?(%?)$/.exec(t);
  if (!m) return null;
  let n = Number(m[2].replace(/,/g, "")) * (m[3] ? 10 ** Number(m[3]) : 1);
  if (m[1] === "-") n = -n;
  if (m[4]) n /= 100;
  return Number.isFinite(n) ? n : null;
}

// ---------------------------------------------------------------------------------------------
// A small formula evaluator: numbers, "text", references, + - * /, SUM and SUBTOTAL(9|109, …).
// Anything else evaluates to #NAME?, like an unknown function in Excel.

type EvalValue = number | string | boolean | ErrorValue | { range: { sheet: SheetState; rect: Rect } };

class FormulaEvaluator {
  private pos = 0;
  private src = "";

  constructor(private fake: FakeExcel, private sheet: SheetState, private depth: number) {}

  evaluate(formula: string): Stored {
    this.src = formula.slice(1);
    this.pos = 0;
    try {
      const v = this.expr();
      this.space();
      if (this.pos < this.src.length) return { error: "#NAME?" };
      return this.scalar(v);
    } catch (e) {
      if (e instanceof EvalError) return { error: e.message };
      throw e;
    }
  }

  private scalar(v: EvalValue): Stored {
    if (typeof v === "object" && "range" in v) {
      const { sheet, rect } = v.range;
      if (rect.rows !== 1 || rect.cols !== 1) return { error: "#VALUE!" };
      return this.fake.refValue(sheet, rect.r0, rect.c0, this.depth) ?? 0;
    }
    return v;
  }

  private num(v: EvalValue): number {
    const s = this.scalar(v);
    if (typeof s === "object") throw new EvalError(s.error);
    if (typeof s === "number") return s;
    if (typeof s === "boolean") return s ? 1 : 0;
    if (s === "") return 0;
    throw new EvalError("#VALUE!");
  }

  private space(): void {
    while (this.src[this.pos] === " ") this.pos++;
  }

  private expr(): EvalValue {
    let left = this.term();
    for (;;) {
      this.space();
      const op = this.src[this.pos];
      if (op !== "+" && op !== "-") return left;
      this.pos++;
      const right = this.term();
      left = op === "+" ? this.num(left) + this.num(right) : this.num(left) - this.num(right);
    }
  }

  private term(): EvalValue {
    let left = this.factor();
    for (;;) {
      this.space();
      const op = this.src[this.pos];
      if (op !== "*" && op !== "/") return left;
      this.pos++;
      const right = this.factor();
      if (op === "*") left = this.num(left) * this.num(right);
      else {
        const d = this.num(right);
        if (d === 0) throw new EvalError("#DIV/0!");
        left = this.num(left) / d;
      }
    }
  }

  private factor(): EvalValue {
    this.space();
    const ch = this.src[this.pos];
    if (ch === "-" || ch === "+") {
      this.pos++;
      const v = this.num(this.factor());
      return ch === "-" ? -v : v;
    }
    if (ch === "(") {
      this.pos++;
      const v = this.expr();
      this.expect(")");
      return v;
    }
    if (ch === '"') {
      const end = this.src.indexOf('"', this.pos + 1);
      if (end < 0) throw new EvalError("#NAME?");
      const s = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
      return s;
    }
    const num = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.src.slice(this.pos));
    if (num) {
      this.pos += num[0].length;
      return Number(num[0]);
    }
    const ref = /^(?:('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![A-Za-z0-9_([])/.exec(this.src.slice(this.pos));
    if (ref) {
      this.pos += ref[0].length;
      let sheet = this.sheet;
      if (ref[1]) {
        const name = ref[1].startsWith("'") ? ref[1].slice(1, -1).replace(/''/g, "'") : ref[1];
        const found = this.fake.findSheet(name);
        if (!found) throw new EvalError("#REF!");
        sheet = found;
      }
      return { range: { sheet, rect: parseAddress(ref[2]) } };
    }
    const tableName = /^([A-Za-z_\\][A-Za-z0-9_.]*)\[/.exec(this.src.slice(this.pos));
    if (tableName) {
      // Table[Column] or Table[[Column]]; ' escapes [ ] # ' inside a column name.
      this.pos += tableName[0].length;
      const doubled = this.src[this.pos] === "[";
      if (doubled) this.pos++;
      let column = "";
      while (this.pos < this.src.length && this.src[this.pos] !== "]") {
        if (this.src[this.pos] === "'") this.pos++;
        column += this.src[this.pos++];
      }
      this.expect("]");
      if (doubled) this.expect("]");
      const table = this.fake.findTable(tableName[1]);
      if (!table) throw new EvalError("#REF!");
      const { sheet, rect } = table;
      const header = Array.from({ length: rect.cols }, (_, j) => this.fake.cellValue(sheet, rect.r0, rect.c0 + j));
      const j = header.findIndex((h) => String(h ?? "").toLowerCase() === column.toLowerCase());
      if (j < 0) throw new EvalError("#REF!");
      return { range: { sheet, rect: { r0: rect.r0 + 1, c0: rect.c0 + j, rows: Math.max(1, rect.rows - 1), cols: 1 } } };
    }
    const fn = /^([A-Za-z][A-Za-z0-9.]*)\(/.exec(this.src.slice(this.pos));
    if (fn) {
      this.pos += fn[0].length;
      const args: EvalValue[] = [];
      this.space();
      if (this.src[this.pos] !== ")") {
        for (;;) {
          args.push(this.expr());
          this.space();
          if (this.src[this.pos] === ",") {
            this.pos++;
            continue;
          }
          break;
        }
      }
      this.expect(")");
      return this.call(fn[1].toUpperCase(), args);
    }
    throw new EvalError("#NAME?");
  }

  private call(name: string, args: EvalValue[]): EvalValue {
    if (name === "SUM") return this.sum(args);
    if (name === "SUBTOTAL") {
      const kind = this.num(args[0] ?? 0);
      if (kind !== 9 && kind !== 109) throw new EvalError("#VALUE!");
      return this.sum(args.slice(1));
    }
    throw new EvalError("#NAME?");
  }

  private sum(args: EvalValue[]): number {
    let total = 0;
    for (const arg of args) {
      if (typeof arg === "object" && "range" in arg) {
        const { sheet, rect } = arg.range;
        for (let r = rect.r0; r < rect.r0 + rect.rows; r++) {
          for (let c = rect.c0; c < rect.c0 + rect.cols; c++) {
            const v = this.fake.refValue(sheet, r, c, this.depth);
            if (typeof v === "object") throw new EvalError(v.error);
            if (typeof v === "number") total += v; // text and booleans in ranges are skipped, as in Excel
          }
        }
      } else total += this.num(arg);
    }
    return total;
  }

  private expect(ch: string): void {
    this.space();
    if (this.src[this.pos] !== ch) throw new EvalError("#NAME?");
    this.pos++;
  }
}

class EvalError extends Error {}

// ---------------------------------------------------------------------------------------------
// The request context and proxies

interface Pending {
  op: FakeOp;
  apply: (request: FakeRequest) => void;
}

export class FakeContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  private pending: Pending[] = [];

  constructor(readonly fake: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
    this.application = this.workbook.application;
  }

  enqueue(op: FakeOp, apply: (request: FakeRequest) => void): void {
    this.pending.push({ op, apply });
  }

  async sync(): Promise<void> {
    this.fake.syncCalls++;
    await this.flush();
  }

  /** Sends what is queued as one request. */
  async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    await Promise.resolve();
    if (pending.length === 0) return;
    const fake = this.fake;
    const request: FakeRequest = {
      index: fake.requests.length + fake.rejected.length,
      ops: pending.map((p) => p.op),
      requestBytes: pending.reduce((n, p) => n + p.op.bytes, 0),
      responseBytes: 0,
      calcSuspended: false,
    };
    if (request.requestBytes > FAKE_PAYLOAD_LIMIT_BYTES) {
      fake.rejected.push({ request, code: "RequestPayloadSizeLimitExceeded" });
      throw new FakeExcelError("RequestPayloadSizeLimitExceeded", `Request of ${request.requestBytes} bytes refused`);
    }
    try {
      for (const p of pending) p.apply(request);
    } catch (error) {
      fake.rejected.push({ request, code: error instanceof FakeExcelError ? error.code : "GeneralException" });
      throw error;
    }
    if (request.responseBytes > FAKE_PAYLOAD_LIMIT_BYTES) {
      fake.rejected.push({ request, code: "ResponsePayloadSizeLimitExceeded" });
      throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", `Response of ${request.responseBytes} bytes refused`);
    }
    fake.requests.push(request);
  }
}

function notLoaded(object: string, prop: string): Error {
  return new FakeExcelError(
    "PropertyNotLoaded",
    `The property '${prop}' of ${object} is not available. Call load() and context.sync() before reading it.`,
  );
}

function parseLoad(arg: unknown): string[] {
  if (arg === undefined) return ["*"];
  const list = typeof arg === "string" ? arg.split(",") : Array.isArray(arg) ? arg.flatMap((a) => String(a).split(",")) : null;
  if (!list) throw new FakeExcelError("InvalidArgument", "The fake supports load() with property names only");
  return list.map((s) => s.trim()).filter((s) => s !== "");
}

/** Shared base: load/sync-gated properties and isNullObject. */
abstract class FakeObject<E> {
  protected loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;

  constructor(
    protected readonly ctx: FakeContext,
    protected readonly typeName: string,
    private readonly resolver: () => E | null,
    private readonly orNull = false,
  ) {}

  protected abstract readonly loadable: readonly string[];
  protected abstract snapshot(entity: E, prop: string): unknown;
  protected describe(_entity: E): { sheet?: string; rect?: Rect } {
    return {};
  }

  get fake(): FakeExcel {
    return this.ctx.fake;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded(this.typeName, "isNullObject");
    return this.nullState;
  }

  /** The entity, or an error for a missing one / a null object. */
  resolve(): E {
    const e = this.resolver();
    if (e === null) {
      throw new FakeExcelError(
        this.orNull ? "InvalidOperation" : "ItemNotFound",
        this.orNull ? `${this.typeName} is a null object` : `${this.typeName} not found`,
      );
    }
    return e;
  }

  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw notLoaded(this.typeName, prop);
    return this.loaded.get(prop) as T;
  }

  load(props?: string | string[]): this {
    const list = parseLoad(props);
    const wanted = list.includes("*") ? [...this.loadable] : list;
    for (const p of wanted) {
      if (!this.loadable.includes(p)) throw new FakeExcelError("InvalidArgument", `${this.typeName} has no loadable property '${p}'`);
    }
    const op: FakeOp = { kind: "load", object: this.typeName, member: "load", bytes: FAKE_OP_BYTES, props: list };
    this.ctx.enqueue(op, (request) => {
      const entity = this.resolver();
      if (entity === null && !this.orNull) throw new FakeExcelError("ItemNotFound", `${this.typeName} not found`);
      this.nullState = entity === null;
      if (entity === null) return;
      Object.assign(op, this.describe(entity));
      this.checkLoad(entity, wanted);
      for (const p of wanted) {
        const v = this.snapshot(entity, p);
        this.loaded.set(p, v);
        request.responseBytes += byteLength(v) + p.length + 4;
      }
    });
    return this;
  }

  protected checkLoad(_entity: E, _props: string[]): void {}

  protected queue(kind: "set" | "call", member: string, args: unknown, apply: (entity: E, op: FakeOp) => void): void {
    const op: FakeOp = { kind, object: this.typeName, member, bytes: FAKE_OP_BYTES + byteLength(args ?? null) };
    this.ctx.enqueue(op, (request) => {
      const entity = this.resolve();
      Object.assign(op, this.describe(entity));
      apply(entity, op);
      void request;
    });
  }
}

class FakeApplication {
  constructor(private ctx: FakeContext) {}

  suspendApiCalculationUntilNextSync(): void {
    this.ctx.enqueue({ kind: "call", object: "Application", member: "suspendApiCalculationUntilNextSync", bytes: FAKE_OP_BYTES }, (req) => {
      req.calcSuspended = true;
    });
  }

  calculate(type: string): void {
    if (!["Recalculate", "Full", "FullRebuild"].includes(type)) throw new FakeExcelError("InvalidArgument", `calculate(${type})`);
    this.ctx.enqueue({ kind: "call", object: "Application", member: "calculate", bytes: FAKE_OP_BYTES + type.length }, () => {
      this.ctx.fake.calculateCalls++;
    });
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly application: FakeApplication;

  constructor(private ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.tables = new FakeTableCollection(ctx, null);
    this.application = new FakeApplication(ctx);
  }

  getSelectedRange(): FakeRange {
    const fake = this.ctx.fake;
    return new FakeRange(this.ctx, () => {
      if (!fake.selection) throw new FakeExcelError("InvalidSelection", "Nothing is selected");
      return fake.selection;
    });
  }
}

type RangeEntity = { sheet: SheetState; rect: Rect };

const RANGE_PROPS = ["values", "formulas", "numberFormat", "address", "rowIndex", "columnIndex", "rowCount", "columnCount", "text"] as const;

export class FakeRange extends FakeObject<RangeEntity> {
  protected readonly loadable = RANGE_PROPS;

  constructor(ctx: FakeContext, private readonly locate: () => RangeEntity | null, orNull = false) {
    super(ctx, "Range", locate, orNull);
  }

  protected override describe(e: RangeEntity) {
    return { sheet: e.sheet.name, rect: e.rect };
  }

  protected override checkLoad(e: RangeEntity, props: string[]): void {
    const cellProps = props.filter((p) => p === "values" || p === "formulas" || p === "numberFormat" || p === "text");
    if (cellProps.length > 0 && e.rect.rows * e.rect.cols > FAKE_READ_CELL_LIMIT) {
      throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", `Reading ${e.rect.rows * e.rect.cols} cells refused`);
    }
  }

  protected snapshot(e: RangeEntity, prop: string): unknown {
    const { sheet, rect } = e;
    const grid = (cell: (r: number, c: number) => unknown) => {
      const out: unknown[][] = new Array(rect.rows);
      for (let i = 0; i < rect.rows; i++) {
        const row = new Array(rect.cols);
        for (let j = 0; j < rect.cols; j++) row[j] = cell(rect.r0 + i, rect.c0 + j);
        out[i] = row;
      }
      return out;
    };
    switch (prop) {
      case "values":
        return grid((r, c) => this.fake.excelValue(sheet, r, c));
      case "text":
        return grid((r, c) => String(this.fake.excelValue(sheet, r, c)));
      case "formulas":
        return grid((r, c) => sheet.formulas.get(KEY(r, c)) ?? this.fake.excelValue(sheet, r, c));
      case "numberFormat":
        return grid((r, c) => sheet.format(r, c) ?? "General");
      case "address":
        return `${sheet.name}!${rectAddress(rect)}`;
      case "rowIndex":
        return rect.r0;
      case "columnIndex":
        return rect.c0;
      case "rowCount":
        return rect.rows;
      case "columnCount":
        return rect.cols;
    }
    return undefined;
  }

  get values(): unknown[][] {
    return this.get("values");
  }
  set values(v: unknown[][]) {
    this.queue("set", "values", v, (e) => this.writeGrid(e, v, (r, c, x) => this.fake.input(e.sheet, r, c, x)));
  }
  get formulas(): unknown[][] {
    return this.get("formulas");
  }
  set formulas(v: unknown[][]) {
    this.queue("set", "formulas", v, (e) => this.writeGrid(e, v, (r, c, x) => this.fake.input(e.sheet, r, c, x)));
  }
  get numberFormat(): unknown[][] {
    return this.get("numberFormat");
  }
  set numberFormat(v: unknown[][]) {
    this.queue("set", "numberFormat", v, (e) =>
      this.writeGrid(e, v, (r, c, x) => {
        if (x === null) return;
        if (typeof x !== "string") throw new FakeExcelError("InvalidArgument", "numberFormat entries must be strings");
        e.sheet.setFormat(r, c, x === "General" ? undefined : x);
      }),
    );
  }
  get address(): string {
    return this.get("address");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get text(): string[][] {
    return this.get("text");
  }

  private writeGrid(e: RangeEntity, grid: unknown, each: (r: number, c: number, x: unknown) => void): void {
    const { rect } = e;
    if (!Array.isArray(grid) || grid.length !== rect.rows || grid.some((row) => !Array.isArray(row) || row.length !== rect.cols)) {
      throw new FakeExcelError("InvalidArgument", `The array does not match the size of ${e.sheet.name}!${rectAddress(rect)}`);
    }
    for (let i = 0; i < rect.rows; i++) {
      const row = grid[i] as unknown[];
      for (let j = 0; j < rect.cols; j++) each(rect.r0 + i, rect.c0 + j, row[j]);
    }
  }

  private worksheetProxy?: FakeWorksheet;

  get worksheet(): FakeWorksheet {
    return (this.worksheetProxy ??= new FakeWorksheet(this.ctx, () => this.resolve().sheet));
  }

  get format(): { font: { bold: boolean; italic: boolean }; columnWidth: number } {
    const range = this;
    const setFont = (member: "bold" | "italic", value: boolean) =>
      range.queue("set", member, value, (e) => {
        for (let i = 0; i < Math.min(e.rect.rows, 100_000); i++) {
          for (let j = 0; j < Math.min(e.rect.cols, 1_000); j++) {
            const key = KEY(e.rect.r0 + i, e.rect.c0 + j);
            e.sheet.fonts.set(key, { ...e.sheet.fonts.get(key), [member]: value });
          }
        }
      });
    return {
      font: {
        set bold(v: boolean) {
          setFont("bold", v);
        },
        get bold(): boolean {
          throw notLoaded("RangeFont", "bold");
        },
        set italic(v: boolean) {
          setFont("italic", v);
        },
        get italic(): boolean {
          throw notLoaded("RangeFont", "italic");
        },
      },
      set columnWidth(points: number) {
        range.queue("set", "columnWidth", points, (e) => {
          for (let j = 0; j < e.rect.cols; j++) e.sheet.columnWidths.set(e.rect.c0 + j + 1, points);
        });
      },
      get columnWidth(): number {
        throw notLoaded("RangeFormat", "columnWidth");
      },
    };
  }

  /** Office.js's ConditionalFormatCollection, for cell-value rules (what the add-in uses). */
  get conditionalFormats(): { add(type: string): { cellValue: { format: { fill: { color: string }; font: { color: string } }; rule: { formula1?: string; formula2?: string; operator?: string } } } } {
    const range = this;
    return {
      add(type: string) {
        if (type !== "CellValue") throw new FakeExcelError("InvalidArgument", `The fake supports CellValue conditional formats, not ${type}`);
        let entry: SheetState["conditionalFormats"][number] | null = null;
        range.queue("call", "conditionalFormats.add", type, (e) => {
          entry = { rect: { ...e.rect }, rule: {} };
          e.sheet.conditionalFormats.push(entry);
        });
        const later = (member: string, value: unknown, apply: (x: SheetState["conditionalFormats"][number]) => void) =>
          range.queue("set", member, value, () => {
            if (!entry) throw new FakeExcelError("InvalidOperation", "conditional format not added");
            apply(entry);
          });
        return {
          cellValue: {
            format: {
              fill: {
                set color(v: string) {
                  later("fill.color", v, (x) => (x.fill = v));
                },
                get color(): string {
                  throw notLoaded("ConditionalRangeFill", "color");
                },
              },
              font: {
                set color(v: string) {
                  later("font.color", v, (x) => (x.font = v));
                },
                get color(): string {
                  throw notLoaded("ConditionalRangeFont", "color");
                },
              },
            },
            set rule(v: { formula1?: string; formula2?: string; operator?: string }) {
              later("rule", v, (x) => (x.rule = { ...v }));
            },
            get rule(): { formula1?: string; formula2?: string; operator?: string } {
              throw notLoaded("CellValueConditionalFormat", "rule");
            },
          },
        };
      },
    };
  }

  /** ExcelApi 1.12: the range a dynamic-array formula in this (single) cell spills into. */
  getSpillingToRangeOrNullObject(): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const e = this.resolve();
        if (e.rect.rows !== 1 || e.rect.cols !== 1) throw new FakeExcelError("InvalidArgument", "getSpillingToRangeOrNullObject on more than one cell");
        const key = KEY(e.rect.r0, e.rect.c0);
        const values = e.sheet.formulas.has(key) ? e.sheet.spills.get(key) : undefined;
        return values ? { sheet: e.sheet, rect: { r0: e.rect.r0, c0: e.rect.c0, rows: values.length, cols: values[0].length } } : null;
      },
      true,
    );
  }

  getEntireColumn(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const e = this.resolve();
      return { sheet: e.sheet, rect: { r0: 0, c0: e.rect.c0, rows: MAX_ROWS, cols: e.rect.cols } };
    });
  }

  clear(applyTo: "All" | "Contents" | "Formats" = "All"): void {
    if (!["All", "Contents", "Formats"].includes(applyTo)) throw new FakeExcelError("InvalidArgument", `clear(${applyTo})`);
    this.queue("call", "clear", applyTo, (e) => e.sheet.clear(e.rect, applyTo));
  }

  select(): void {
    this.queue("call", "select", null, (e) => {
      if (this.fake.activeSheet !== e.sheet) throw new FakeExcelError("InvalidOperation", "select() on a sheet that is not active");
      this.fake.selection = { sheet: e.sheet, rect: e.rect };
    });
  }
}

class FakeWorksheetCollection extends FakeObject<SheetState[]> {
  protected readonly loadable = ["items/name", "items/visibility", "items/position"] as const;
  private itemList: FakeWorksheet[] | null = null;

  constructor(ctx: FakeContext) {
    super(ctx, "WorksheetCollection", () => ctx.fake.sheets);
  }

  protected snapshot(sheets: SheetState[], prop: string): unknown {
    this.itemList ??= sheets.map((s) => new FakeWorksheet(this.ctx, () => s));
    const key = prop.slice("items/".length);
    this.itemList.forEach((item) => item.preload(key));
    return sheets.map((s, i) => (key === "name" ? s.name : key === "visibility" ? s.visibility : i));
  }

  override load(props?: string | string[]): this {
    this.itemList = null;
    return super.load(props);
  }

  get items(): FakeWorksheet[] {
    if (!this.itemList) throw notLoaded(this.typeName, "items");
    return this.itemList;
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.fake.findSheet(name));
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.fake.findSheet(name), true);
  }

  add(name: string): FakeWorksheet {
    let created: SheetState | null = null;
    this.queue("call", "add", name, () => {
      if (this.fake.findSheet(name)) throw new FakeExcelError("ItemAlreadyExists", `A sheet named "${name}" exists`);
      if (!/^[^:\\/?*[\]]{1,31}$/.test(name)) throw new FakeExcelError("InvalidArgument", `Invalid sheet name "${name}"`);
      created = this.fake.addSheet(name);
    });
    return new FakeWorksheet(this.ctx, () => created);
  }
}

export class FakeWorksheet extends FakeObject<SheetState> {
  protected readonly loadable = ["name", "visibility", "position"] as const;

  constructor(ctx: FakeContext, private readonly find: () => SheetState | null, orNull = false) {
    super(ctx, "Worksheet", find, orNull);
  }

  protected override describe(s: SheetState) {
    return { sheet: s.name };
  }

  protected snapshot(s: SheetState, prop: string): unknown {
    if (prop === "name") return s.name;
    if (prop === "visibility") return s.visibility;
    return this.fake.sheets.indexOf(s);
  }

  /** Used by collections: fills a property as if loaded. */
  preload(prop: string): void {
    const s = this.find();
    if (s) this.loaded.set(prop, this.snapshot(s, prop));
  }

  get name(): string {
    return this.get("name");
  }
  get visibility(): string {
    return this.get("visibility");
  }
  set visibility(v: string) {
    this.queue("set", "visibility", v, (s) => (s.visibility = v));
  }

  // Navigation properties return the same object each time, as in Office.js.
  private namesProxy?: FakeNamedItemCollection;
  private tablesProxy?: FakeTableCollection;
  private chartsProxy?: FakeChartCollection;

  get names(): FakeNamedItemCollection {
    return (this.namesProxy ??= new FakeNamedItemCollection(this.ctx, () => this.resolve()));
  }
  get tables(): FakeTableCollection {
    return (this.tablesProxy ??= new FakeTableCollection(this.ctx, () => this.resolve()));
  }
  get charts(): FakeChartCollection {
    return (this.chartsProxy ??= new FakeChartCollection(this.ctx, () => this.resolve()));
  }
  get freezePanes(): { freezeRows(count: number): void; unfreeze(): void } {
    return {
      freezeRows: (count: number) => this.queue("call", "freezeRows", count, (s) => (s.frozenRows = count)),
      unfreeze: () => this.queue("call", "unfreeze", null, (s) => (s.frozenRows = 0)),
    };
  }

  get pageLayout(): {
    orientation: string;
    zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
    setPrintTitleRows(rows: string): void;
    paperSize: string;
    setPrintArea(range: FakeRange): void;
  } {
    const queue = (member: string, value: unknown, apply: (s: SheetState) => void) => this.queue("set", member, value, apply);
    return {
      get orientation(): string {
        throw new FakeExcelError("PropertyNotLoaded", "The fake does not load pageLayout.orientation");
      },
      set orientation(v: string) {
        if (v !== "Portrait" && v !== "Landscape") throw new FakeExcelError("InvalidArgument", `orientation ${v}`);
        queue("pageLayout.orientation", v, (s) => (s.pageLayout.orientation = v));
      },
      get zoom(): { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number } {
        throw new FakeExcelError("PropertyNotLoaded", "The fake does not load pageLayout.zoom");
      },
      set zoom(z: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
        queue("pageLayout.zoom", z, (s) => (s.pageLayout.zoom = { ...z }));
      },
      setPrintTitleRows: (rows: string) => {
        if (!/^\$\d+:\$\d+$/.test(rows)) throw new FakeExcelError("InvalidArgument", `setPrintTitleRows(${rows})`);
        this.queue("call", "pageLayout.setPrintTitleRows", rows, (s) => (s.pageLayout.printTitleRows = rows));
      },
      get paperSize(): string {
        throw new FakeExcelError("PropertyNotLoaded", "The fake does not load pageLayout.paperSize");
      },
      set paperSize(v: string) {
        if (!["A4", "Letter"].includes(v)) throw new FakeExcelError("InvalidArgument", `paperSize ${v}`);
        queue("pageLayout.paperSize", v, (s) => (s.pageLayout.paperSize = v));
      },
      setPrintArea: (range: FakeRange) => {
        this.queue("call", "pageLayout.setPrintArea", null, (s) => (s.pageLayout.printArea = rectAddress(range.resolve().rect)));
      },
    };
  }

  get horizontalPageBreaks(): { add(range: FakeRange): void } {
    return {
      add: (range: FakeRange) => this.queue("call", "horizontalPageBreaks.add", null, (s) => s.pageLayout.rowBreaks.push(range.resolve().rect.r0)),
    };
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, () => ({
      sheet: this.resolve(),
      rect: address === undefined ? { r0: 0, c0: 0, rows: MAX_ROWS, cols: MAX_COLUMNS } : parseAddress(address),
    }));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.ctx, () => {
      const ok = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
      if (!ok(startRow, 0, MAX_ROWS - 1) || !ok(startColumn, 0, MAX_COLUMNS - 1) || !ok(rowCount, 1, MAX_ROWS - startRow) || !ok(columnCount, 1, MAX_COLUMNS - startColumn)) {
        throw new FakeExcelError("InvalidArgument", `getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount})`);
      }
      return { sheet: this.resolve(), rect: { r0: startRow, c0: startColumn, rows: rowCount, cols: columnCount } };
    });
  }

  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = this.resolve();
      return { sheet: s, rect: s.usedRect(valuesOnly) ?? { r0: 0, c0: 0, rows: 1, cols: 1 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const s = this.resolve();
        const rect = s.usedRect(valuesOnly);
        return rect ? { sheet: s, rect } : null;
      },
      true,
    );
  }

  activate(): void {
    this.queue("call", "activate", null, (s) => {
      this.fake.activeSheet = s;
    });
  }
}

class FakeNamedItemCollection extends FakeObject<SheetState> {
  protected readonly loadable = [] as const;

  constructor(ctx: FakeContext, sheet: () => SheetState) {
    super(ctx, "NamedItemCollection", sheet);
  }

  protected snapshot(): unknown {
    return undefined;
  }

  add(name: string, reference: string, comment?: string): FakeNamedItem {
    let created: { sheet: SheetState; item: NamedItemState } | null = null;
    this.queue("call", "add", [name, reference, comment ?? null], (sheet) => {
      if (sheet.names.has(name.toLowerCase())) throw new FakeExcelError("ItemAlreadyExists", `Name ${name} exists`);
      if (typeof reference !== "string" || !reference.startsWith("=")) throw new FakeExcelError("InvalidArgument", "reference");
      const item = { name, formula: reference, comment: comment ?? "", visible: true };
      sheet.names.set(name.toLowerCase(), item);
      created = { sheet, item };
    });
    return new FakeNamedItem(this.ctx, () => created);
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(
      this.ctx,
      () => {
        const sheet = this.resolve();
        const item = sheet.names.get(name.toLowerCase());
        return item ? { sheet, item } : null;
      },
      true,
    );
  }
}

class FakeNamedItem extends FakeObject<{ sheet: SheetState; item: NamedItemState }> {
  protected readonly loadable = ["name", "comment", "visible", "formula"] as const;

  constructor(ctx: FakeContext, find: () => { sheet: SheetState; item: NamedItemState } | null, orNull = false) {
    super(ctx, "NamedItem", find, orNull);
  }

  protected snapshot(e: { item: NamedItemState }, prop: string): unknown {
    return e.item[prop as keyof NamedItemState];
  }

  get name(): string {
    return this.get("name");
  }
  get comment(): string {
    return this.get("comment");
  }
  set comment(v: string) {
    this.queue("set", "comment", v, (e) => (e.item.comment = v));
  }
  get visible(): boolean {
    return this.get("visible");
  }
  set visible(v: boolean) {
    this.queue("set", "visible", v, (e) => (e.item.visible = v));
  }

  delete(): void {
    this.queue("call", "delete", null, (e) => e.sheet.names.delete(e.item.name.toLowerCase()));
  }
}

class FakeTableCollection extends FakeObject<TableState[]> {
  protected readonly loadable = ["items/name", "items/showTotals", "items/showHeaders", "items/style"] as const;
  private itemList: FakeTable[] | null = null;

  constructor(ctx: FakeContext, private readonly scope: (() => SheetState) | null) {
    super(ctx, "TableCollection", () => (scope ? ctx.fake.tables.filter((t) => t.sheet === scope()) : ctx.fake.tables));
  }

  protected snapshot(tables: TableState[], prop: string): unknown {
    this.itemList ??= tables.map((t) => new FakeTable(this.ctx, () => (this.fake.tables.includes(t) ? t : null)));
    const key = prop.slice("items/".length);
    this.itemList.forEach((item) => item.preload(key));
    return tables.map((t) => item(t, key));
  }

  override load(props?: string | string[]): this {
    this.itemList = null;
    return super.load(props);
  }

  get items(): FakeTable[] {
    if (!this.itemList) throw notLoaded(this.typeName, "items");
    return this.itemList;
  }

  getItemOrNullObject(name: string): FakeTable {
    return new FakeTable(
      this.ctx,
      () => {
        const t = this.fake.findTable(name);
        return t && (!this.scope || t.sheet === this.scope()) ? t : null;
      },
      true,
    );
  }

  add(source: FakeRange | string, hasHeaders: boolean): FakeTable {
    let created: TableState | null = null;
    if (!(source instanceof FakeRange) && !this.scope) {
      throw new FakeExcelError("InvalidArgument", "The fake needs a Range (a bare address would use the active sheet)");
    }
    this.queue("call", "add", [typeof source === "string" ? source : "<Range>", hasHeaders], () => {
      const { sheet, rect } = source instanceof FakeRange ? source.resolve() : { sheet: this.scope!(), rect: parseAddress(source) };
      if (!hasHeaders) throw new FakeExcelError("NotImplemented", "The fake only models tables with headers");
      for (const t of this.fake.tables) {
        if (t.sheet === sheet && overlaps({ ...t.rect, rows: t.rect.rows + (t.showTotals ? 1 : 0) }, rect)) {
          throw new FakeExcelError("InvalidOperation", `The range overlaps table ${t.name}`);
        }
      }
      const id = this.fake.newTableId();
      created = { id, name: `Table${id}`, sheet, rect, style: "TableStyleMedium2", showTotals: false };
      this.fake.tables.push(created);
    });
    return new FakeTable(this.ctx, () => created);
  }
}

function item(t: TableState, key: string): unknown {
  if (key === "name") return t.name;
  if (key === "showTotals") return t.showTotals;
  if (key === "showHeaders") return true;
  return t.style;
}

class FakeTable extends FakeObject<TableState> {
  protected readonly loadable = ["name", "showTotals", "showHeaders", "style"] as const;

  constructor(ctx: FakeContext, private readonly find: () => TableState | null, orNull = false) {
    super(ctx, "Table", find, orNull);
  }

  protected override describe(t: TableState) {
    return { sheet: t.sheet.name, rect: t.rect };
  }

  protected snapshot(t: TableState, prop: string): unknown {
    return item(t, prop);
  }

  preload(prop: string): void {
    const t = this.find();
    if (t) this.loaded.set(prop, this.snapshot(t, prop));
  }

  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.queue("set", "name", v, (t) => {
      const other = this.fake.findTable(v);
      if (other && other !== t) throw new FakeExcelError("ItemAlreadyExists", `A table named ${v} exists`);
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(v) || /^[A-Za-z]{1,3}\d+$/.test(v)) throw new FakeExcelError("InvalidArgument", `Invalid table name ${v}`);
      t.name = v;
    });
  }
  get style(): string {
    return this.get("style");
  }
  set style(v: string) {
    this.queue("set", "style", v, (t) => (t.style = v));
  }
  get showHeaders(): boolean {
    return this.get("showHeaders");
  }
  get showTotals(): boolean {
    return this.get("showTotals");
  }
  set showTotals(v: boolean) {
    this.queue("set", "showTotals", v, (t) => {
      if (v === t.showTotals) return;
      const row = t.rect.r0 + t.rect.rows;
      const sheet = t.sheet;
      if (v) {
        for (let c = t.rect.c0; c < t.rect.c0 + t.rect.cols; c++) {
          if (sheet.value(row, c) !== undefined || sheet.formulas.has(KEY(row, c))) {
            throw new FakeExcelError("InvalidOperation", `The totals row of ${t.name} would cover ${rectAddress({ r0: row, c0: c, rows: 1, cols: 1 })}`);
          }
        }
        // What Excel puts in a new totals row: a label first, a SUBTOTAL last.
        const last = t.rect.c0 + t.rect.cols - 1;
        if (t.rect.cols > 1) this.fake.input(sheet, row, t.rect.c0, "Total");
        const data = rectAddress({ r0: t.rect.r0 + 1, c0: last, rows: Math.max(1, t.rect.rows - 1), cols: 1 });
        this.fake.input(sheet, row, last, `=SUBTOTAL(109,${data})`);
      } else {
        sheet.clear({ r0: row, c0: t.rect.c0, rows: 1, cols: t.rect.cols }, "Contents");
      }
      t.showTotals = v;
    });
  }

  private worksheetProxy?: FakeWorksheet;

  get worksheet(): FakeWorksheet {
    return (this.worksheetProxy ??= new FakeWorksheet(this.ctx, () => this.resolve().sheet));
  }

  getRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.resolve();
      return { sheet: t.sheet, rect: { ...t.rect, rows: t.rect.rows + (t.showTotals ? 1 : 0) } };
    });
  }

  get columns(): { getItemAt(index: number): { getTotalRowRange(): FakeRange; getDataBodyRange(): FakeRange } } {
    const totalsCell = (index: number) => () => {
      const t = this.resolve();
      if (!t.showTotals) throw new FakeExcelError("InvalidOperation", `Table ${t.name} shows no totals row`);
      if (index < 0 || index >= t.rect.cols) throw new FakeExcelError("ItemNotFound", `Column ${index}`);
      return { sheet: t.sheet, rect: { r0: t.rect.r0 + t.rect.rows, c0: t.rect.c0 + index, rows: 1, cols: 1 } };
    };
    const body = (index: number) => () => {
      const t = this.resolve();
      return { sheet: t.sheet, rect: { r0: t.rect.r0 + 1, c0: t.rect.c0 + index, rows: Math.max(1, t.rect.rows - 1), cols: 1 } };
    };
    return {
      getItemAt: (index: number) => ({
        getTotalRowRange: () => new FakeRange(this.ctx, totalsCell(index)),
        getDataBodyRange: () => new FakeRange(this.ctx, body(index)),
      }),
    };
  }

  delete(): void {
    this.queue("call", "delete", null, (t) => {
      // Deleting a table removes its cells' contents and formats with it.
      t.sheet.clear({ ...t.rect, rows: t.rect.rows + (t.showTotals ? 1 : 0) }, "All");
      this.fake.tables.splice(this.fake.tables.indexOf(t), 1);
    });
  }
}

class FakeChartCollection extends FakeObject<SheetState> {
  protected readonly loadable = ["items/name"] as const;
  private itemList: FakeChart[] | null = null;

  constructor(ctx: FakeContext, sheet: () => SheetState) {
    super(ctx, "ChartCollection", sheet);
  }

  protected snapshot(sheet: SheetState): unknown {
    this.itemList = sheet.charts.map((chart) => {
      const proxy = new FakeChart(this.ctx, () => (sheet.charts.includes(chart) ? { sheet, chart } : null));
      proxy.preload("name");
      return proxy;
    });
    return sheet.charts.map((c) => c.name);
  }

  override load(props?: string | string[]): this {
    this.itemList = null;
    return super.load(props);
  }

  get items(): FakeChart[] {
    if (!this.itemList) throw notLoaded(this.typeName, "items");
    return this.itemList;
  }

  getItemOrNullObject(name: string): FakeChart {
    return new FakeChart(
      this.ctx,
      () => {
        const sheet = this.resolve();
        const chart = sheet.charts.find((c) => c.name.toLowerCase() === name.toLowerCase());
        return chart ? { sheet, chart } : null;
      },
      true,
    );
  }

  add(type: string, source: FakeRange, seriesBy?: string): FakeChart {
    let created: { sheet: SheetState; chart: ChartState } | null = null;
    this.queue("call", "add", [type, "<Range>", seriesBy ?? "Auto"], (sheet) => {
      const { sheet: dataSheet, rect } = source.resolve();
      const series: ChartSeriesState[] = [];
      const byColumns = seriesBy !== "Rows";
      const count = byColumns ? rect.cols : rect.rows;
      for (let i = 0; i < count; i++) {
        const r = byColumns ? { ...rect, c0: rect.c0 + i, cols: 1 } : { ...rect, r0: rect.r0 + i, rows: 1 };
        series.push({ name: `Series${i + 1}`, values: { sheet: dataSheet.name, address: rectAddress(r) }, xValues: null });
      }
      const chart: ChartState = { name: `Chart ${sheet.charts.length + 1}`, type, title: "", series, position: null };
      sheet.charts.push(chart);
      created = { sheet, chart };
    });
    return new FakeChart(this.ctx, () => created);
  }
}

class FakeChart extends FakeObject<{ sheet: SheetState; chart: ChartState }> {
  protected readonly loadable = ["name"] as const;

  constructor(ctx: FakeContext, private readonly find: () => { sheet: SheetState; chart: ChartState } | null, orNull = false) {
    super(ctx, "Chart", find, orNull);
  }

  protected snapshot(e: { chart: ChartState }): unknown {
    return e.chart.name;
  }

  preload(prop: string): void {
    const e = this.find();
    if (e) this.loaded.set(prop, this.snapshot(e));
  }

  get name(): string {
    return this.get("name");
  }
  set name(v: string) {
    this.queue("set", "name", v, (e) => (e.chart.name = v));
  }

  get title(): { text: string } {
    const chart = this;
    return {
      set text(v: string) {
        chart.queue("set", "title.text", v, (e) => (e.chart.title = v));
      },
      get text(): string {
        throw notLoaded("ChartTitle", "text");
      },
    };
  }

  get series(): { getItemAt(i: number): FakeChartSeries; add(name?: string): FakeChartSeries } {
    return {
      getItemAt: (i: number) =>
        new FakeChartSeries(this.ctx, () => {
          const s = this.resolve().chart.series[i];
          if (!s) throw new FakeExcelError("ItemNotFound", `Series ${i}`);
          return s;
        }),
      add: (name?: string) => {
        let created: ChartSeriesState | null = null;
        this.queue("call", "series.add", name ?? null, (e) => {
          created = { name: name ?? `Series${e.chart.series.length + 1}`, values: null, xValues: null };
          e.chart.series.push(created);
        });
        return new FakeChartSeries(this.ctx, () => created);
      },
    };
  }

  setPosition(start: FakeRange | string, end?: FakeRange | string): void {
    const where = (x: FakeRange | string) => (typeof x === "string" ? x : rectAddress(x.resolve().rect));
    this.queue("call", "setPosition", ["<start>", "<end>"], (e) => {
      e.chart.position = { start: where(start), end: end === undefined ? where(start) : where(end) };
    });
  }

  delete(): void {
    this.queue("call", "delete", null, (e) => e.sheet.charts.splice(e.sheet.charts.indexOf(e.chart), 1));
  }
}

class FakeChartSeries extends FakeObject<ChartSeriesState> {
  protected readonly loadable = ["name"] as const;

  constructor(ctx: FakeContext, find: () => ChartSeriesState | null) {
    super(ctx, "ChartSeries", find);
  }

  protected snapshot(s: ChartSeriesState): unknown {
    return s.name;
  }

  set name(v: string) {
    this.queue("set", "name", v, (s) => (s.name = v));
  }
  get name(): string {
    return this.get("name");
  }

  setValues(range: FakeRange): void {
    this.queue("call", "setValues", "<Range>", (s) => {
      const e = range.resolve();
      s.values = { sheet: e.sheet.name, address: rectAddress(e.rect) };
    });
  }

  setXAxisValues(range: FakeRange): void {
    this.queue("call", "setXAxisValues", "<Range>", (s) => {
      const e = range.resolve();
      s.xValues = { sheet: e.sheet.name, address: rectAddress(e.rect) };
    });
  }
}
