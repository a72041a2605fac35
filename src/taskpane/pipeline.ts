/**
 * The wizard's use of the shared pipeline (src/sheet, src/quota, src/workbook): the same
 * detection, aggregation, planning and write plan as the `quota` command. The UI calls only
 * these functions; the heavy lifting stays in those modules. Pure except for the port calls.
 */
import type { Locale } from "../i18n";
import { LocalizedError } from "../i18n";
import { detectTable, profitColumn, type ColumnMapping, type DetectedTable } from "../sheet/detect";
import { profitMapping, validateMapping } from "../sheet/mapping";
import { aggregate, type Aggregation } from "../sheet/aggregate";
import { tableEnd, type RowsBelow } from "../sheet/extent";
import type { QuotaPlan } from "../sheet/quotaPlan";
import { checkYearShape, planYear } from "../plan/yearPlan";
import type { Lock, Phasing, RosterEntry, YearPlan } from "../plan/types";
import { readPhasing, yearOptionsGiven, yearPlanParams, readUplift } from "../plan/yearParams";
import { parsePlanStart } from "../plan/calendar";
import { storedPlanOf, storedPlanWritePlan } from "../plan/stored";
import { buildLettersWritePlan } from "../plan/lettersSheet";
import { annualPlan } from "../workbook/yearSheet";
import { monthKey } from "../sheet/cells";
import { assessTarget, historySpan as spanOf, type RealismLevel } from "../quota/realism";
import { planAmountProblem, roundUnitProblem } from "../quota/validate";
import { isExcelYear } from "../sheet/cells";
import { parseNumberInput, parsePeriods, parseTarget, targetRoundsToZero } from "../sheet/inputs";
import { buildQuotaWritePlan } from "../workbook/quotaSheet";
import { columnLetter, isValidSheetName, type WritePlan } from "../workbook/plan";
import type { ProgressListener, RangeRef, SheetSnapshot, WorkbookPort } from "../workbook/port";
import type { MessageId } from "./strings";
import type { Method, ParamInputs } from "./state";

/** Rows read first to find the header: real sheets put titles and notes above the table. */
export const HEAD_ROWS = 100;

export interface SourceData {
  range: RangeRef;
  snapshot: SheetSnapshot;
  table: DetectedTable;
  /** Non-blank rows below the table's first blank row (left out, as the command does). */
  below?: RowsBelow | null;
}

/** Why a source could not be used, as a message id of the wizard (the error has details). */
export class SourceProblem extends Error {
  constructor(
    readonly id: MessageId,
    readonly params: Record<string, string | number>,
  ) {
    super(id);
    this.name = "SourceProblem";
  }
}

export function rangeLabel(r: RangeRef): string {
  const a = `${columnLetter(r.firstColumn)}${r.firstRow}`;
  const b = `${columnLetter(r.lastColumn)}${r.lastRow}`;
  return `${r.sheet}!${a === b ? a : `${a}:${b}`}`;
}

/**
 * A workbook whose rows stay where they are read (the page's reading worker): it finds and
 * reads the source itself, and the rows are aggregated there, by request (RemoteRows).
 */
export interface SourceReader {
  readSourceData(range: RangeRef, onProgress?: ProgressListener): Promise<SourceData>;
}

function isSourceReader(port: WorkbookPort): port is WorkbookPort & SourceReader {
  return typeof (port as Partial<SourceReader>).readSourceData === "function";
}

/** The aggregations of a source whose rows are held elsewhere, by analysisKey. */
export interface RemoteRows {
  /** The answer for these choices when it is already known. */
  peek(key: string): Result<Aggregation> | undefined;
  analyse(key: string, mapping: ColumnMapping, value: "amount" | "profit" | "units", skipInvalid: boolean, filter: TimeFilter): Promise<Result<Aggregation>>;
}

const remoteRows = new WeakMap<SheetSnapshot, RemoteRows>();

/** Marks a snapshot (without rows) as standing for rows held elsewhere. */
export function holdsRemoteRows(snapshot: SheetSnapshot, rows: RemoteRows): void {
  remoteRows.set(snapshot, rows);
}

export function remoteRowsOf(source: SourceData | null): RemoteRows | null {
  return (source && remoteRows.get(source.snapshot)) ?? null;
}

/** Identifies the choices an aggregation depends on. */
export function analysisKey(mapping: ColumnMapping, value: string, skipInvalid: boolean, filter: TimeFilter): string {
  return JSON.stringify([mapping.rep, mapping.amount, mapping.date, mapping.units, mapping.weight, mapping.costs, value, skipInvalid, filter.year ?? null, filter.from?.getTime() ?? null, filter.to?.getTime() ?? null, mapping.team ?? null]);
}

/**
 * Reads a range in two passes: the first rows to find the header and columns, then the
 * table's columns from the header row down (in blocks, with progress). Only the columns that
 * have a header are read, which keeps wide sheets small.
 */
export async function readSource(port: WorkbookPort, range: RangeRef, onProgress?: ProgressListener): Promise<SourceData> {
  if (isSourceReader(port)) return port.readSourceData(range, onProgress);
  const headRange: RangeRef = { ...range, lastRow: Math.min(range.lastRow, range.firstRow + HEAD_ROWS - 1) };
  const head = await port.read(headRange);
  if (head.rows.length === 0) throw new SourceProblem("emptyRange", { address: rangeLabel(range) });
  const found = detectTable(head);
  if (!found) throw new SourceProblem("noTableFound", { address: rangeLabel(range) });
  const columns = found.columns.map((c) => c.column);
  if (range.lastRow <= headRange.lastRow) {
    onProgress?.(head.rows.length, head.rows.length);
    return { range, snapshot: head, table: found, below: tableEnd(head, found.firstDataRow, columns).below };
  }
  const full = await port.read({ ...range, firstRow: found.headerRow }, { columns, onProgress });
  // The table ends at its first blank row (as detection and the command have it); the head's
  // header stands, and rows further down are reported, not silently dropped.
  const end = tableEnd(full, found.firstDataRow, columns);
  return { range, snapshot: full, table: { ...found, lastDataRow: end.lastDataRow }, below: end.below };
}

/** The first sheet (in workbook order) whose first rows hold a detectable sales table. */
export async function firstSalesSheet(port: WorkbookPort, sheets: { name: string; used: RangeRef | null }[]): Promise<string | null> {
  for (const s of sheets) {
    if (!s.used) continue;
    const head = await port.read({ ...s.used, lastRow: Math.min(s.used.lastRow, s.used.firstRow + 30) });
    if (detectTable(head)) return s.name;
  }
  return sheets.find((s) => s.used)?.name ?? sheets[0]?.name ?? null;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: unknown };

function attempt<T>(f: () => T): Result<T> {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    return { ok: false, error };
  }
}

export interface TimeFilter {
  year?: number;
  from?: Date;
  to?: Date;
}

export function historyValue(method: Method, measure: ParamInputs["measure"]): "amount" | "profit" | "units" {
  if (method === "profit") return "profit";
  return measure;
}

/**
 * The columns the numbers are made from: the user's mapping, except that profit "from the
 * profit column" takes that column as the amount with no costs subtracted.
 */
export function effectiveMapping(source: SourceData, mapping: ColumnMapping, params: Pick<ParamInputs, "method" | "profitBasis">): ColumnMapping {
  if (params.method !== "profit" || params.profitBasis !== "column") return mapping;
  return profitMapping(mapping, profitColumn(source.table));
}

export function analyse(source: SourceData, mapping: ColumnMapping, value: "amount" | "profit" | "units", skipInvalid: boolean, filter: TimeFilter = {}): Result<Aggregation> {
  if (remoteRowsOf(source)) return { ok: false, error: new Error("The rows are held by the reader: ask it (RemoteRows.analyse).") };
  return attempt(() => {
    // The same refusal as the command's: no "profit" that is revenue under another name.
    if (value === "profit") validateMapping("profit", mapping, source.table);
    return aggregate(source.snapshot, source.table, mapping, {
      value,
      skipInvalid,
      ...(filter.year !== undefined ? { year: filter.year } : {}),
      ...(filter.from ? { from: filter.from } : {}),
      ...(filter.to ? { to: filter.to } : {}),
      ...(mapping.weight !== null ? { weightColumn: mapping.weight } : {}),
      ...(mapping.team !== null && mapping.team !== undefined ? { teamColumn: mapping.team } : {}),
    });
  });
}

/** The shared parser of typed numbers (the `quota` command reads its options with it too). */
export const parseUserNumber = parseNumberInput;

export interface PlanParams {
  method: Method;
  target: number | null;
  periods: number;
  roundTo: number;
  growth: number;
  forecastMethod?: "last" | "average" | "trend";
  weighting?: "equal" | "weight";
  /** The year plan's options (as the command's --phasing, --start, --uplift, --lock). */
  year?: { phasing: Phasing; start: string | null; uplift: number; locks?: Lock[] };
  /** New hires and leavers (the command's --roster): a roster sheet's, or a stored plan's used again by "Update the plan". */
  roster?: RosterEntry[] | null;
}

export type FieldErrors = Partial<Record<keyof ParamInputs, MessageId>>;

export interface ParsedParams {
  params: PlanParams | null;
  filter: TimeFilter | null;
  errors: FieldErrors;
}

function isoDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Validates the typed parameters; each problem is reported on its field. */
export function parseParams(p: ParamInputs, locale: Locale): ParsedParams {
  const errors: FieldErrors = {};
  const needsTarget = p.method !== "forecast";
  let target: number | null = null;
  if (needsTarget) {
    const t = parseTarget(p.target, locale);
    if (typeof t === "number" && planAmountProblem(t) === null) target = t;
    else errors.target = typeof t === "number" ? "invalidTarget" : t;
  }
  // Review periods are required: a blank field is an error, never a silent "one period".
  const periods = parsePeriods(p.periods, locale);
  if (typeof periods === "string") errors.periods = periods === "periodsRequired" ? "periodsRequired" : "invalidPeriods";
  const roundTo = parseUserNumber(p.roundTo, locale);
  if (roundTo === null || roundUnitProblem(roundTo) !== null) errors.roundTo = "invalidRound";
  else if (target !== null && targetRoundsToZero(target, roundTo)) errors.target = "targetRoundsToZero";
  let growth = 0;
  if (p.method === "forecast") {
    const g = parseUserNumber(p.growth.replace("%", ""), locale);
    if (g === null || g <= -100) errors.growth = "invalidGrowth";
    else growth = g / 100;
  }
  const start = p.start.trim() === "" ? null : parsePlanStart(p.start.trim());
  if (start === null && p.start.trim() !== "") errors.start = "invalidStart";
  const uplift = readUplift(p.uplift === "" ? "0" : p.uplift, (x) => parseUserNumber(x, locale));
  if (!uplift.ok) errors.uplift = "invalidUplift";
  // Custom weights: the same reading as the command's --phasing W,W,…, one weight per period.
  let phasing: Phasing = { kind: p.phasing === "pattern" ? "equal" : p.phasing };
  if (p.phasing === "pattern") {
    const read = readPhasing(p.weights, (x) => parseUserNumber(x, locale));
    if (read === null || read.kind !== "pattern" || p.weights.trim() === "") errors.weights = "invalidWeights";
    else if (typeof periods === "number") {
      // The engine's check of a pattern against the periods (the command's, before it reads a file).
      try {
        checkYearShape(read, periods, false);
        phasing = read;
      } catch {
        errors.weights = read.weights.length !== periods ? "weightsCount" : "invalidWeights";
      }
    }
  }
  let filter: TimeFilter | null = {};
  if (p.timeframe === "year") {
    const y = Number(p.year);
    if (!/^\d{4}$/.test(p.year) || !isExcelYear(y)) {
      errors.year = "invalidYear";
      filter = null;
    } else filter = { year: y };
  } else if (p.timeframe === "range") {
    const from = isoDate(p.from);
    const to = isoDate(p.to);
    if (!from || !to || from > to) {
      errors.from = "invalidRange";
      filter = null;
    } else filter = { from, to: new Date(to.getTime() + 86_399_999) }; // the whole last day
  }
  if (Object.keys(errors).length > 0) return { params: null, filter, errors };
  return {
    params: {
      method: p.method,
      target,
      periods: periods as number,
      roundTo: roundTo!,
      growth,
      ...(p.method === "forecast" ? { forecastMethod: p.forecastMethod } : {}),
      ...(p.method === "topdown" ? { weighting: p.weighting } : {}),
      year: { phasing, start: start === null ? null : monthKey(start), uplift: uplift.ok ? uplift.value : 0 },
    },
    filter,
    errors,
  };
}

const NO_YEAR_OPTIONS: NonNullable<PlanParams["year"]> = { phasing: { kind: "equal" }, start: null, uplift: 0 };

/**
 * The year plan, as the `quota` command makes it (planYear with the shared params): without
 * year options, equal phasing from the month after the history; the annual quotas are those
 * of the annual plan. Locks and the roster are applied as --lock and --roster are.
 */
export function makePlan(aggregation: Aggregation, params: PlanParams, now: Date = new Date()): Result<YearPlan> {
  const { year = NO_YEAR_OPTIONS, roster = null, ...base } = params;
  return attempt(() => planYear(aggregation, yearPlanParams(base, { phasing: year.phasing, start: year.start, uplift: year.uplift, locks: year.locks ?? [] }, aggregation.periods, roster, now)));
}

/** Whether the Quotas sheet shows the rep × period schedule: year options asked for (the command's rule). */
export function showsSchedule(params: PlanParams): boolean {
  const year = params.year ?? NO_YEAR_OPTIONS;
  return yearOptionsGiven({ phasing: year.phasing, start: year.start, uplift: year.uplift, locks: year.locks ?? [], roster: params.roster ?? null });
}

/** How the audit block and the stored plan name a roster sheet of the workbook: "sales.xlsx#Roster" as the command does, or the sheet in Excel. */
export function rosterLabel(fileName: string | null, sheet: string): string {
  return fileName ? `${fileName}#${sheet}` : sheet;
}

export interface Realism {
  baseline: number;
  target: number;
  requiredGrowth: number;
  level: Exclude<RealismLevel, "unknown">;
}

/**
 * SMART "achievable": the target against the baseline, the history's total over the chosen
 * time frame (the run-rate for a horizon of the same length).
 */
export function checkRealism(target: number | null, aggregation: Aggregation): Realism | null | "noBaseline" {
  if (target === null) return null;
  const baseline = aggregation.reps.reduce((sum, r) => sum + r.total, 0);
  const r = assessTarget(target, baseline);
  if (r.level === "unknown" || r.requiredGrowth === null) return "noBaseline";
  return { baseline, target, requiredGrowth: r.requiredGrowth, level: r.level };
}

/** "2024-01 … 2025-12" style span of the history's months, or null without dates. */
export function historySpan(aggregation: Aggregation): { first: string; last: string } | null {
  return spanOf(aggregation.periods);
}

/** The distinct years present, newest first (for the year choice). */
export function yearsIn(aggregation: Aggregation): number[] {
  const years = new Set(aggregation.periods.map((p) => Number(p.slice(0, 4))));
  return [...years].filter((y) => Number.isFinite(y)).sort((a, b) => b - a);
}

export function columnHeader(table: DetectedTable, column: number | null): string {
  if (column === null) return "";
  const c = table.columns.find((x) => x.column === column);
  return c ? c.header : columnLetter(column);
}

export interface WriteContext {
  plan: YearPlan;
  /** The Quotas sheet shows the schedule (else the annual table). */
  schedule?: boolean;
  /** Also write the quota letters sheet. */
  letters?: boolean;
  /** The letters sheet's name (workbook/plan.ts chooseOwnSheet: the add-in's own under either language's name); default: the language's. */
  lettersSheet?: string;
  source: SourceData;
  mapping: ColumnMapping;
  aggregation: Aggregation;
  value: "amount" | "profit" | "units";
  filter: TimeFilter;
  fileName: string | null;
  sheetName: string;
  locale: Locale;
  now?: Date;
  skipInvalid?: boolean;
  /** Where the plan's roster came from (a stored plan's, kept by "Update the plan"). */
  rosterSource?: string | null;
}

/** Builds the write plan exactly as the `quota` command does, recording where the data came from. */
export function quotaWritePlan(c: WriteContext): WritePlan {
  const columns: Record<string, string> = {};
  // Only the columns the numbers were made from.
  const named: [string, number | null][] = [
    ["rep", c.mapping.rep],
    c.value === "units" ? ["units", c.mapping.units] : ["amount", c.mapping.amount],
    ["date", c.mapping.date],
  ];
  for (const [k, col] of named) if (col !== null) columns[k] = columnHeader(c.source.table, col);
  if (c.plan.method === "profit" && c.mapping.costs.length) columns.costs = c.mapping.costs.map((col) => columnHeader(c.source.table, col)).join(", ");
  const weighted = c.plan.method === "topdown" && c.plan.params.weighting === "weight";
  if (weighted && c.mapping.weight !== null) columns.weight = columnHeader(c.source.table, c.mapping.weight);
  if (c.mapping.team !== null && c.mapping.team !== undefined) columns.team = columnHeader(c.source.table, c.mapping.team);
  const a = c.aggregation;
  return buildQuotaWritePlan(
    c.schedule ? c.plan : annualPlan(c.plan),
    {
      sourceSheet: c.source.snapshot.sheet,
      sourceFile: c.fileName,
      columns,
      createdAt: c.now ?? new Date(),
      filter: c.filter.year !== undefined || c.filter.from || c.filter.to ? { year: c.filter.year ?? null, from: c.filter.from ?? null, to: c.filter.to ?? null } : null,
      rowsRead: a.rowsRead,
      rowsUsed: a.rowsUsed,
      rowsSkipped: a.skipped.length,
      rowsOutOfRange: a.rowsOutOfRange,
      weightColumn: weighted && c.mapping.weight !== null ? columnHeader(c.source.table, c.mapping.weight) : null,
      madeBy: "Sales Quota add-in",
      rowsBelow: c.source.below ?? null,
      skippedRows: a.skipped,
      roster: c.rosterSource ?? null,
    },
    c.sheetName,
    c.locale,
  );
}

/**
 * Everything a write applies, in order, as the `quota` command does: the Quotas sheet, the
 * stored plan (a very hidden sheet, so refresh and review can take the plan up again) and,
 * when asked for, the quota letters.
 */
export function writePlans(c: WriteContext): WritePlan[] {
  const quotas = quotaWritePlan(c);
  const header = (col: number | null) => (col === null ? null : columnHeader(c.source.table, col));
  const weighted = c.plan.method === "topdown" && c.plan.params.weighting === "weight";
  const day = (d: Date | undefined) => (d ? d.toISOString().slice(0, 10) : null);
  const stored = storedPlanOf(c.plan, {
    createdAt: (c.now ?? new Date()).toISOString(),
    madeBy: "Sales Quota add-in",
    source: {
      file: c.fileName,
      sheet: c.source.snapshot.sheet,
      headerRow: c.source.table.headerRow,
      columns: {
        rep: header(c.mapping.rep) ?? "",
        amount: header(c.value === "units" ? c.mapping.units : c.mapping.amount) ?? "",
        date: header(c.mapping.date),
        costs: c.plan.method === "profit" ? c.mapping.costs.map((col) => columnHeader(c.source.table, col)) : [],
        weight: weighted ? header(c.mapping.weight) : null,
        team: header(c.mapping.team ?? null),
      },
      filter: c.filter.year !== undefined ? { year: c.filter.year } : c.filter.from || c.filter.to ? { from: day(c.filter.from), to: day(c.filter.to) } : null,
      skipInvalid: c.skipInvalid ?? false,
      roster: c.rosterSource ?? null,
    },
    outputSheet: c.sheetName,
    schedule: c.schedule ?? false,
  });
  const plans = [quotas, storedPlanWritePlan(stored)];
  if (c.letters) plans.push(buildLettersWritePlan(c.plan, c.locale, c.lettersSheet).writePlan);
  return plans;
}

export { isValidSheetName };

/** Turns any failure into a sentence in the user's language. */
export function errorText(error: unknown, locale: Locale, t: (id: MessageId, params?: Record<string, string | number>) => string): string {
  if (error instanceof SourceProblem) return t(error.id, error.params);
  // A shared message whose hint names a command has a pane wording (plan/storedSource.ts).
  const pane = error as { paneMessageIn?: (l: Locale) => string } | null;
  if (pane && typeof pane.paneMessageIn === "function") return pane.paneMessageIn(locale);
  if (error instanceof LocalizedError) return error.messageIn(locale);
  // Errors may cross module copies (dynamic chunks): recognise the shape too.
  const maybe = error as { messageIn?: (l: Locale) => string } | null;
  if (maybe && typeof maybe.messageIn === "function") return maybe.messageIn(locale);
  const detail = error instanceof Error ? error.message : String(error);
  return t("unexpected", { detail });
}

export type { Aggregation, QuotaPlan, YearPlan, ColumnMapping, DetectedTable };
