/**
 * The wizard's state and its reducer. Pure: no React, no Office, no I/O — the component layer
 * runs the reads and writes and reports what happened as actions. Derived numbers
 * (aggregation, plan, realism) are not stored: they are computed from this state by
 * src/taskpane/pipeline.ts, so they can never disagree with it.
 */
import type { RangeRef, SheetInfo, SheetSnapshot, TableInfo } from "../workbook/port";
import { profitColumn, type ColumnMapping, type DetectedTable } from "../sheet/detect";
import { textKey } from "../sheet/cells";
import type { RosterEntry } from "../plan/types";
import type { StoredPlan } from "../plan/stored";

/**
 * "Update the plan": the stored plan the inputs were filled from. Its result is the "before"
 * of the per-rep changes; its roster is used again as stored unless a roster sheet is chosen
 * (as `quota refresh` does), its phasing pattern fills the custom weights.
 */
export interface PlanUpdate {
  createdAt: string;
  before: StoredPlan["result"]["rows"];
  roster: RosterEntry[] | null;
  rosterSource: string | null;
  pattern: number[] | null;
  /** The Quotas sheet shows the schedule (as the stored plan's did). */
  schedule: boolean;
}

export type StepIndex = 0 | 1 | 2 | 3;
export const STEP_COUNT = 4;

export type SourceKind = "selection" | "table" | "sheet";
export type Method = "topdown" | "bottomup" | "forecast" | "profit";
export type Weighting = "equal" | "weight";
export type Measure = "amount" | "units";
export type Timeframe = "all" | "year" | "range";
export type ForecastBase = "last" | "average" | "trend";
/** The forecast bases the wizard offers (the engine's "growth" is not one: `quota allocate` has no option for a base either). */
export const FORECAST_BASES: readonly ForecastBase[] = ["last", "average", "trend"];

/**
 * The wizard's base for a stored plan's forecast base: the same when the wizard offers it, else
 * "last" (the default), with fellBack set so "Update the plan" says so.
 */
export function wizardForecastBase(stored: string | null | undefined): { base: ForecastBase; fellBack: boolean } {
  const base = FORECAST_BASES.find((b) => b === stored);
  return base ? { base, fellBack: false } : { base: "last", fellBack: stored !== null && stored !== undefined };
}
/** Profit as revenue minus the ticked cost columns, or a ready-made profit column as it is. */
export type ProfitBasis = "costs" | "column";
/** "pattern": one weight per period, typed in `weights` ("8,8,9,…", as the command's --phasing W,W,…; "Update the plan" fills in the stored plan's). */
export type PhasingChoice = "equal" | "history" | "team" | "pattern";

/** Parameters exactly as the user typed them; pipeline.ts parses and validates them. */
export interface ParamInputs {
  method: Method;
  weighting: Weighting;
  measure: Measure;
  target: string;
  periods: string;
  roundTo: string;
  growth: string;
  forecastMethod: ForecastBase;
  profitBasis: ProfitBasis;
  timeframe: Timeframe;
  year: string;
  /** yyyy-mm-dd, as <input type="date"> gives it */
  from: string;
  to: string;
  /** The year plan: how the total is spread over the periods, the first month ("" = the default), the uplift. */
  phasing: PhasingChoice;
  start: string;
  uplift: string;
  /** The custom phasing's weights, "W,W,…" (used when phasing is "pattern"). */
  weights: string;
}

/** A quota agreed by hand, as typed in the preview (the command's --lock "REP=AMOUNT"). */
export interface LockInput {
  rep: string;
  amount: string;
}

/** The roster sheet chosen on the method step, and what reading it gave. */
export interface RosterChoice {
  sheet: string;
  status: "reading" | "done" | "error";
  entries: RosterEntry[] | null;
  error: unknown;
}

export interface Progress {
  done: number;
  total: number;
}

export type ReadStatus = "idle" | "opening" | "reading" | "done" | "error";
export type WriteStatus = "idle" | "checking" | "writing" | "done" | "error";

export interface WizardState {
  step: StepIndex;
  /** The file name in the browser; null in Excel. */
  fileName: string | null;
  sheets: SheetInfo[];
  tables: TableInfo[];
  sourceKind: SourceKind;
  sheet: string | null;
  table: string | null;
  selection: RangeRef | null;
  readStatus: ReadStatus;
  readProgress: Progress | null;
  /** The range read and what was found in it. */
  source: { range: RangeRef; snapshot: SheetSnapshot; table: DetectedTable; below?: { first: number; count: number } | null } | null;
  mapping: ColumnMapping | null;
  skipInvalid: boolean;
  /** The last failure of a read or write, shown where it happened. */
  error: unknown;
  params: ParamInputs;
  /** Fields the user has left (blurred): their problems show from then on. */
  touched: Partial<Record<keyof ParamInputs, true>>;
  /** Set when Next was pressed on a step with problems: all of them show. */
  revealErrors: boolean;
  outputSheet: string;
  writeStatus: WriteStatus;
  writeProgress: Progress | null;
  /** Set when the output sheet exists and is not ours; a free name to offer instead. */
  foreignSheet: { sheet: string; suggestion: string } | null;
  written: { sheet: string; result: RangeRef; reps: number; total: number } | null;
  /** Also write the quota letters sheet (one page per rep). */
  writeLetters: boolean;
  /** Quotas locked by hand in the preview (rep, amount as typed): fixed, the others share what is left. */
  locks: { rep: string; amount: string }[];
  /** New hires and leavers: a sheet of the workbook, or null. */
  roster: RosterChoice | null;
  /** Set by "Update the plan" (the stored plan's inputs filled in); null otherwise. */
  update: PlanUpdate | null;
}

export const DEFAULT_PARAMS: ParamInputs = {
  method: "bottomup",
  weighting: "equal",
  measure: "amount",
  target: "",
  periods: "12",
  roundTo: "1",
  growth: "0",
  forecastMethod: "last",
  profitBasis: "costs",
  timeframe: "all",
  year: "",
  from: "",
  to: "",
  phasing: "equal",
  start: "",
  uplift: "0",
  weights: "",
};

export function initialState(outputSheet = "Quotas"): WizardState {
  return {
    step: 0,
    fileName: null,
    sheets: [],
    tables: [],
    sourceKind: "sheet",
    sheet: null,
    table: null,
    selection: null,
    readStatus: "idle",
    readProgress: null,
    source: null,
    mapping: null,
    skipInvalid: false,
    error: null,
    params: { ...DEFAULT_PARAMS },
    touched: {},
    revealErrors: false,
    outputSheet,
    writeStatus: "idle",
    writeProgress: null,
    foreignSheet: null,
    written: null,
    writeLetters: false,
    locks: [],
    roster: null,
    update: null,
  };
}

export type MappingField = "rep" | "amount" | "date" | "units" | "weight" | "team";

export type Action =
  | { type: "goTo"; step: StepIndex }
  | { type: "openStarted"; fileName: string | null }
  | { type: "workbookOpened"; fileName: string | null; sheets: SheetInfo[]; tables: TableInfo[]; sheet: string | null; selection?: RangeRef | null }
  | { type: "setSourceKind"; kind: SourceKind }
  | { type: "setSheet"; sheet: string }
  | { type: "setTable"; table: string }
  | { type: "setSelection"; selection: RangeRef | null }
  | { type: "readStarted" }
  | { type: "progress"; phase: "read" | "write"; done: number; total: number }
  | { type: "readDone"; range: RangeRef; snapshot: SheetSnapshot; table: DetectedTable; below?: { first: number; count: number } | null; mapping?: ColumnMapping }
  | { type: "failed"; phase: "read" | "write"; error: unknown }
  | { type: "setMapping"; field: MappingField; column: number | null }
  | { type: "toggleCost"; column: number; on: boolean }
  | { type: "setSkipInvalid"; on: boolean }
  | { type: "setParam"; name: keyof ParamInputs; value: string }
  | { type: "setWriteLetters"; on: boolean }
  | { type: "touch"; name: keyof ParamInputs }
  | { type: "revealErrors" }
  | { type: "setOutputSheet"; name: string }
  | { type: "writeStarted" }
  | { type: "foreignSheet"; sheet: string; suggestion: string }
  | { type: "writeDone"; sheet: string; result: RangeRef; reps: number; total: number }
  /** Locks a rep's quota at the typed amount (replacing an earlier lock of the rep). */
  | { type: "setLock"; rep: string; amount: string }
  | { type: "unlock"; rep: string }
  /** Drops the locks of reps no longer present (after a source or mapping change). */
  | { type: "keepLocks"; reps: readonly string[] }
  /** Chooses the roster sheet (null: none); the wizard reads it and reports with rosterRead/rosterFailed. */
  | { type: "setRoster"; sheet: string | null }
  | { type: "rosterRead"; sheet: string; entries: RosterEntry[] }
  | { type: "rosterFailed"; sheet: string; error: unknown }
  | { type: "reset" }
  /** "Update the plan": every input from the stored plan (the source was read just before). */
  | { type: "updateFilled"; mapping: ColumnMapping; params: ParamInputs; locks: { rep: string; amount: string }[]; skipInvalid: boolean; outputSheet: string; update: PlanUpdate };

/** Anything that changes the numbers makes an earlier write summary stale. */
function staleWrite(state: WizardState): Partial<WizardState> {
  return state.writeStatus === "writing" ? {} : { writeStatus: "idle", writeProgress: null, written: null, foreignSheet: null };
}

/** Source changes drop what was read from the previous source. */
function newSource(state: WizardState): Partial<WizardState> {
  return { source: null, mapping: null, readStatus: "idle", readProgress: null, error: null, ...staleWrite(state) };
}

export function reducer(state: WizardState, action: Action): WizardState {
  switch (action.type) {
    case "goTo":
      if (action.step > maxReachableStep(state)) return state;
      return { ...state, step: action.step, error: state.step === action.step ? state.error : null, revealErrors: false };
    case "touch":
      return state.touched[action.name] ? state : { ...state, touched: { ...state.touched, [action.name]: true } };
    case "revealErrors":
      return { ...state, revealErrors: true };
    case "openStarted":
      return { ...state, ...newSource(state), fileName: action.fileName, readStatus: "opening", sheets: [], tables: [], sheet: null, table: null, roster: null, update: null };
    case "workbookOpened": {
      const table = action.tables[0]?.name ?? null;
      return {
        ...state,
        fileName: action.fileName,
        sheets: action.sheets,
        tables: action.tables,
        sheet: action.sheet,
        table,
        selection: action.selection ?? state.selection,
        readStatus: "idle",
        error: null,
      };
    }
    case "setSourceKind":
      return action.kind === state.sourceKind ? state : { ...state, ...newSource(state), sourceKind: action.kind };
    case "setSheet":
      return action.sheet === state.sheet ? state : { ...state, ...newSource(state), sheet: action.sheet };
    case "setTable":
      return action.table === state.table ? state : { ...state, ...newSource(state), table: action.table };
    case "setSelection":
      return { ...state, ...newSource(state), selection: action.selection };
    case "readStarted":
      return { ...state, ...newSource(state), readStatus: "reading", readProgress: { done: 0, total: 0 } };
    case "progress":
      if (action.phase === "read") {
        if (state.readStatus !== "reading" && state.readStatus !== "opening") return state;
        return { ...state, readProgress: { done: action.done, total: action.total } };
      }
      if (state.writeStatus !== "writing") return state;
      return { ...state, writeProgress: { done: action.done, total: action.total } };
    case "readDone":
      return {
        ...state,
        readStatus: "done",
        readProgress: null,
        source: { range: action.range, snapshot: action.snapshot, table: action.table, below: action.below ?? null },
        mapping: cloneMapping(action.mapping ?? action.table.suggested),
        error: null,
        ...defaultsFromMapping(state, action.mapping ?? action.table.suggested),
      };
    case "failed":
      if (action.phase === "read") return { ...state, readStatus: "error", readProgress: null, error: action.error };
      return { ...state, writeStatus: "error", writeProgress: null, error: action.error };
    case "setMapping": {
      if (!state.mapping) return state;
      const mapping = { ...state.mapping, [action.field]: action.column };
      // A column is one thing: taking it for this field removes it from the cost list.
      if (action.column !== null) mapping.costs = mapping.costs.filter((c) => c !== action.column);
      return { ...state, ...staleWrite(state), mapping, params: paramsAfterMapping(state.params, mapping) };
    }
    case "toggleCost": {
      if (!state.mapping) return state;
      const costs = state.mapping.costs.filter((c) => c !== action.column);
      if (action.on) costs.push(action.column);
      costs.sort((a, b) => a - b);
      const mapping = { ...state.mapping, costs };
      return { ...state, ...staleWrite(state), mapping, params: paramsAfterMapping(state.params, mapping) };
    }
    case "setSkipInvalid":
      return { ...state, ...staleWrite(state), skipInvalid: action.on };
    case "setParam": {
      const params = { ...state.params, [action.name]: action.value } as ParamInputs;
      // Profit with no cost ticked: a ready-made profit column (Superstore's "Profit") is the measure.
      if (action.name === "method" && action.value === "profit" && state.source && state.mapping?.costs.length === 0 && profitColumn(state.source.table) !== null) {
        params.profitBasis = "column";
      }
      return { ...state, ...staleWrite(state), params };
    }
    case "setWriteLetters":
      return { ...state, ...staleWrite(state), writeLetters: action.on };
    case "setOutputSheet":
      return { ...state, ...staleWrite(state), outputSheet: action.name, error: null };
    case "writeStarted":
      return { ...state, writeStatus: "writing", writeProgress: { done: 0, total: 0 }, foreignSheet: null, written: null, error: null };
    case "foreignSheet":
      return { ...state, writeStatus: "idle", writeProgress: null, foreignSheet: { sheet: action.sheet, suggestion: action.suggestion } };
    case "writeDone":
      return {
        ...state,
        writeStatus: "done",
        writeProgress: null,
        written: { sheet: action.sheet, result: action.result, reps: action.reps, total: action.total },
      };
    case "setLock": {
      const key = textKey(action.rep);
      const locks = state.locks.filter((l) => textKey(l.rep) !== key);
      const at = state.locks.findIndex((l) => textKey(l.rep) === key);
      // An edited lock keeps its place; a new one goes last.
      locks.splice(at < 0 ? locks.length : at, 0, { rep: action.rep, amount: action.amount });
      return { ...state, ...staleWrite(state), locks };
    }
    case "unlock": {
      const key = textKey(action.rep);
      if (!state.locks.some((l) => textKey(l.rep) === key)) return state;
      return { ...state, ...staleWrite(state), locks: state.locks.filter((l) => textKey(l.rep) !== key) };
    }
    case "keepLocks": {
      const present = new Set(action.reps.map(textKey));
      const locks = state.locks.filter((l) => present.has(textKey(l.rep)));
      return locks.length === state.locks.length ? state : { ...state, ...staleWrite(state), locks };
    }
    case "setRoster":
      if (action.sheet === (state.roster?.sheet ?? null)) return state;
      return { ...state, ...staleWrite(state), roster: action.sheet === null ? null : { sheet: action.sheet, status: "reading", entries: null, error: null } };
    case "rosterRead":
      if (state.roster?.sheet !== action.sheet) return state;
      return { ...state, ...staleWrite(state), roster: { sheet: action.sheet, status: "done", entries: action.entries, error: null } };
    case "rosterFailed":
      if (state.roster?.sheet !== action.sheet) return state;
      return { ...state, ...staleWrite(state), roster: { sheet: action.sheet, status: "error", entries: null, error: action.error } };
    case "updateFilled": {
      if (!state.source) return state;
      const next: WizardState = {
        ...state,
        ...staleWrite(state),
        mapping: cloneMapping(action.mapping),
        params: action.params,
        locks: action.locks.map((l) => ({ ...l })),
        skipInvalid: action.skipInvalid,
        outputSheet: action.outputSheet,
        update: action.update,
        touched: {},
        revealErrors: false,
        error: null,
      };
      // Straight to the write step, where the changes per rep show (Back shows every input).
      return { ...next, step: maxReachableStep(next) };
    }
    case "reset":
      // Start over with the same data: parameters and the write summary go, the source stays.
      return { ...state, step: 0, params: paramsAfterMapping({ ...DEFAULT_PARAMS }, state.mapping ?? EMPTY_MAPPING), locks: [], roster: null, update: null, touched: {}, revealErrors: false, writeStatus: "idle", writeProgress: null, written: null, foreignSheet: null, error: null };
  }
}

const EMPTY_MAPPING: ColumnMapping = { rep: null, amount: null, date: null, units: null, costs: [], weight: null, team: null };

function cloneMapping(m: ColumnMapping): ColumnMapping {
  return { ...m, costs: [...m.costs], team: m.team ?? null };
}

/** Choices that no longer make sense once a column is unmapped fall back to what works. */
function paramsAfterMapping(params: ParamInputs, mapping: ColumnMapping): ParamInputs {
  const next = { ...params };
  if (mapping.weight === null && next.weighting === "weight") next.weighting = "equal";
  if (mapping.units === null && next.measure === "units") next.measure = "amount";
  if (mapping.amount === null && mapping.units !== null) next.measure = "units";
  if (mapping.date === null && next.timeframe !== "all") next.timeframe = "all";
  return next;
}

function defaultsFromMapping(state: WizardState, mapping: ColumnMapping): Partial<WizardState> {
  return { params: paramsAfterMapping(state.params, mapping) };
}

/**
 * How far the user may go: the method step needs data with a rep and an amount (or units)
 * column; preview and write need parameters that give a plan (checked by the caller through
 * `canPlan`, which needs the pipeline, so it is passed in by the component).
 */
export function maxReachableStep(state: WizardState, canPlan = true): StepIndex {
  if (!state.source || !state.mapping || state.mapping.rep === null) return 0;
  if (state.mapping.amount === null && state.mapping.units === null) return 0;
  if (!canPlan) return 1;
  return 3;
}

/** The range the current source choice points at, or null when it is not complete. */
export function sourceRange(state: WizardState): RangeRef | null {
  switch (state.sourceKind) {
    case "selection":
      if (!state.selection) return null;
      // One cell selected: the user means "this sheet", as Excel's own table detection does.
      if (state.selection.firstRow === state.selection.lastRow && state.selection.firstColumn === state.selection.lastColumn) {
        return state.sheets.find((s) => s.name === state.selection!.sheet)?.used ?? null;
      }
      return state.selection;
    case "table":
      return state.tables.find((t) => t.name === state.table)?.range ?? null;
    case "sheet":
      return state.sheets.find((s) => s.name === state.sheet)?.used ?? null;
  }
}

/** A free sheet name like "Quotas 2" for when "Quotas" belongs to someone else. */
export function suggestSheetName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  const stem = base.slice(0, 28);
  for (let i = 2; ; i++) {
    const name = `${stem} ${i}`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}
