/**
 * The allocation wizard: four steps over one reducer. This component owns the side effects
 * (reading, writing, downloading) and the derived numbers; the steps only render and
 * dispatch. Everything the user sees comes from `state` plus pure functions of it.
 */
import { Button, mergeClasses } from "@fluentui/react-components";
import { createContext, lazy, Suspense, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState, type Dispatch, type RefObject } from "react";
import type { Locale } from "../i18n";
import { isReservedSheetName, LETTERS_SHEET } from "../plan/sheetNames";
import { assessForecast, type ForecastAssessment } from "../quota/realism";
import { chooseOwnSheet, defaultOutputSheet, OutputSheetTakenError } from "../workbook/plan";
import type { RangeRef, WorkbookPort } from "../workbook/port";
import { fileKindOf } from "../workbook/fileKind";
import { downloadBytes, resultFileName, type Host, type OpenedWorkbook } from "./host";
import {
  checkRealism,
  effectiveMapping,
  firstSalesSheet,
  historyValue,
  isValidSheetName,
  makePlan,
  parseParams,
  readSource,
  rosterLabel,
  showsSchedule,
  writePlans,
  SourceProblem,
  yearsIn,
  type Aggregation,
  type ColumnMapping,
  type ParsedParams,
  type PlanParams,
  type Realism,
  type YearPlan,
  type Result,
  type TimeFilter,
} from "./pipeline";
import { useAnalysis } from "./useAnalysis";
import type { StoredPlan } from "../plan/stored";
import { lockProblem, readLocks, withPlanExtras } from "./updatePlan";
import { initialState, reducer, sourceRange, STEP_COUNT, suggestSheetName, type Action, type SourceKind, type StepIndex, type WizardState } from "./state";
import { translator, type MessageId, type Translate } from "./strings";
import { useStyles } from "./styles";
import { SourceStep } from "./steps/SourceStep";
import { MethodStep } from "./steps/MethodStep";
import { StepHeading } from "./common";

export interface Derived {
  value: "amount" | "profit" | "units";
  /** The mapping the numbers are made from (see effectiveMapping); null before a read. */
  mapping: ColumnMapping | null;
  /** Every row of the source, no time filter: what step 1 reports. */
  base: Result<Aggregation> | null;
  parsed: ParsedParams;
  /** The rows in the chosen time frame: what the quotas are made from. */
  history: Result<Aggregation> | null;
  plan: Result<YearPlan> | null;
  /** What the preview shows: the plan, or when locks stop it, the plan without them (so they can be changed). */
  previewPlan: Result<YearPlan> | null;
  /** The parameters the plan is made with (locks and roster included). */
  planParams: PlanParams | null;
  realism: Realism | "noBaseline" | null;
  /** A forecast's realism: its total against the history, and the reps far from the asked growth. */
  forecastRealism: ForecastAssessment | null;
  years: number[];
  /** A problem with the output sheet name, or null. */
  outputProblem: { id: MessageId; params?: Record<string, string> } | null;
  canLeave: [boolean, boolean, boolean, boolean];
}

export interface WizardActions {
  openFile(file: File): Promise<void>;
  chooseKind(kind: SourceKind): void;
  chooseSheet(name: string): void;
  chooseTable(name: string): void;
  /** The roster sheet (null: none): chosen and read through the workbook port. */
  chooseRoster(name: string | null): Promise<void>;
  useSelection(): Promise<void>;
  write(): Promise<void>;
  reveal(): Promise<void>;
  download(): Promise<void>;
  goTo(step: StepIndex): void;
  /** "Update the plan": reads the stored plan's source and fills every input from it (throws what went wrong). */
  updatePlan(stored: StoredPlan): Promise<void>;
}

export interface WizardContextValue {
  state: WizardState;
  dispatch: Dispatch<Action>;
  t: Translate;
  locale: Locale;
  host: Host;
  derived: Derived;
  actions: WizardActions;
  headingRef: RefObject<HTMLHeadingElement>;
  /** The open workbook, once there is one. */
  port: WorkbookPort | null;
}

const WizardContext = createContext<WizardContextValue | null>(null);

/** "Prepare for sharing" loads with the first workbook (its own chunk, not in the initial scripts). */
const ShareSection = lazy(() => import(/* webpackChunkName: "share" */ "./ShareSection").then((m) => ({ default: m.ShareSection })));
const UpdateSection = lazy(() => import(/* webpackChunkName: "update" */ "./UpdateSection").then((m) => ({ default: m.UpdateSection })));
const ReviewSection = lazy(() => import(/* webpackChunkName: "review" */ "./ReviewSection").then((m) => ({ default: m.ReviewSection })));

type LaterSteps = typeof import("./steps/laterSteps");
let previewModule: LaterSteps | null = null;
let previewLoading: Promise<LaterSteps> | null = null;

/**
 * The preview and write steps (tables, locks, chart, schedule, the write summary) are a chunk of
 * their own, fetched once a source is read: by the time Next reaches them, they are there, and
 * the first screen loads less.
 */
function loadPreview(): Promise<LaterSteps> {
  previewLoading ??= import(/* webpackChunkName: "preview" */ "./steps/laterSteps").then((m) => (previewModule = m));
  return previewLoading;
}

function LaterStep({ step, heading }: { step: "PreviewStep" | "WriteStep"; heading: MessageId }) {
  const { t } = useWizard();
  const [loaded, setLoaded] = useState<LaterSteps | null>(previewModule);
  const [failed, setFailed] = useState<unknown>(null);
  useEffect(() => {
    if (!loaded) loadPreview().then(setLoaded, setFailed);
  }, [loaded]);
  if (loaded) {
    const Step = loaded[step];
    return <Step />;
  }
  return (
    <>
      <StepHeading>{t(heading)}</StepHeading>
      {failed !== null && <p role="alert">{t("unexpected", { detail: failed instanceof Error ? failed.message : String(failed) })}</p>}
    </>
  );
}

const PreviewStep = () => <LaterStep step="PreviewStep" heading="previewHeading" />;
const WriteStep = () => <LaterStep step="WriteStep" heading="writeHeading" />;

export function useWizard(): WizardContextValue {
  const value = useContext(WizardContext);
  if (!value) throw new Error("useWizard outside <Wizard>");
  return value;
}

async function fileBytes(file: File): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

function isSingleCell(r: RangeRef): boolean {
  return r.firstRow === r.lastRow && r.firstColumn === r.lastColumn;
}

const NO_FILTER: TimeFilter = {};

export function useDerived(state: WizardState, locale: Locale): Derived {
  const { source, skipInvalid, params } = state;
  const value = historyValue(params.method, params.measure);
  const mapping = useMemo(
    () => (source && state.mapping ? effectiveMapping(source, state.mapping, params) : state.mapping),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [source, state.mapping, params.method, params.profitBasis],
  );
  const base = useAnalysis(source, mapping && mapping.rep !== null ? mapping : null, value, skipInvalid, NO_FILTER, "{}");
  const parsed = useMemo(() => parseParams(params, locale), [params, locale]);
  const filterKey = parsed.filter ? JSON.stringify(parsed.filter) : null;
  const filtered = useAnalysis(source, base && mapping && params.timeframe !== "all" ? mapping : null, value, skipInvalid, parsed.filter, filterKey);
  const history = !source || !mapping || !base ? null : params.timeframe === "all" ? base : filtered;
  const locks = useMemo(() => readLocks(state.locks, locale), [state.locks, locale]);
  const roster = state.roster;
  const planParams = useMemo<PlanParams | null>(
    () => (parsed.params ? withPlanExtras(parsed.params, locks.locks, state.update, roster) : null),
    [parsed.params, locks, state.update, roster],
  );
  const rosterOk = !roster || roster.status === "done";
  const plan = useMemo((): Result<YearPlan> | null => {
    if (!history?.ok || !planParams) return null;
    if (!rosterOk) return roster?.status === "error" ? { ok: false, error: roster.error } : null;
    if (locks.bad) return { ok: false, error: lockProblem(locks.bad) };
    return makePlan(history.value, planParams);
  }, [history, planParams, locks.bad, rosterOk, roster]);
  const previewPlan = useMemo((): Result<YearPlan> | null => {
    if (plan?.ok || !history?.ok || !planParams || !rosterOk || state.locks.length === 0) return plan;
    const free = makePlan(history.value, { ...planParams, year: { ...planParams.year!, locks: [] } });
    return free.ok ? free : plan;
  }, [plan, history, planParams, rosterOk, state.locks.length]);
  const realism = useMemo(() => {
    if (!history?.ok || !parsed.params || parsed.params.method === "forecast") return null;
    try {
      return checkRealism(parsed.params.target, history.value);
    } catch {
      return null;
    }
  }, [history, parsed.params]);
  const forecastRealism = useMemo(() => {
    if (!plan?.ok || plan.value.method !== "forecast") return null;
    const rows = plan.value.rows;
    return assessForecast(
      rows.map((r) => r.history),
      rows.map((r) => r.quota),
      plan.value.params.growth,
    );
  }, [plan]);
  const years = useMemo(() => (base?.ok ? yearsIn(base.value) : []), [base]);
  const name = state.outputSheet.trim();
  let outputProblem: Derived["outputProblem"] = null;
  if (!isValidSheetName(name)) outputProblem = { id: "invalidSheetName" };
  else if (isReservedSheetName(name)) outputProblem = { id: "sheetNameReserved", params: { sheet: name } };
  else if (source && source.snapshot.sheet.toLowerCase() === name.toLowerCase()) outputProblem = { id: "sheetIsSource", params: { sheet: name } };
  const sourceOk = !!(base?.ok && mapping && mapping.rep !== null && (mapping.amount !== null || mapping.units !== null));
  const planOk = !!plan?.ok;
  // With a lock that stops the plan, the preview is still reachable: the locks are changed there.
  const previewOk = !!previewPlan?.ok;
  return {
    value,
    mapping,
    base,
    parsed,
    history,
    plan,
    previewPlan,
    planParams,
    realism,
    forecastRealism,
    years,
    outputProblem,
    canLeave: [sourceOk, sourceOk && previewOk, sourceOk && planOk, false],
  };
}

export interface WizardProps {
  host: Host;
  locale: Locale;
  /** Output sheet name to start with (default "Quotas"). */
  outputSheet?: string;
}

export function Wizard({ host, locale, outputSheet }: WizardProps) {
  const styles = useStyles();
  const [state, dispatch] = useReducer(reducer, outputSheet ?? defaultOutputSheet(locale), initialState);
  const t = useMemo(() => translator(locale), [locale]);
  const derived = useDerived(state, locale);
  const workbook = useRef<OpenedWorkbook | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;
  const derivedRef = useRef(derived);
  derivedRef.current = derived;
  const readToken = useRef(0);
  const rosterToken = useRef(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const readRange = useCallback(async (range: RangeRef | null) => {
    const wb = workbook.current;
    if (!wb || !range) return;
    const token = ++readToken.current;
    dispatch({ type: "readStarted" });
    try {
      const data = await readSource(wb.port, range, (done, total) => {
        if (token === readToken.current) dispatch({ type: "progress", phase: "read", done, total });
      });
      if (token === readToken.current) dispatch({ type: "readDone", range: data.range, snapshot: data.snapshot, table: data.table, below: data.below ?? null });
    } catch (error) {
      if (token === readToken.current) dispatch({ type: "failed", phase: "read", error });
    }
  }, []);

  /** After a workbook is connected or opened: list it, pick a sensible source and read it. */
  const adopt = useCallback(
    async (opened: OpenedWorkbook, fileName: string | null) => {
      workbook.current = opened;
      const port = opened.port;
      const sheets = await port.listSheets();
      const tables = await port.listTables();
      const selection = port.kind === "excel" ? await port.getSelection() : null;
      const visible = sheets.filter((s) => s.visible);
      const selectedSheet = selection ? visible.find((s) => s.name === selection.sheet && s.used) : undefined;
      const sheet = selectedSheet?.name ?? (await firstSalesSheet(port, visible));
      let kind: SourceKind = "sheet";
      if (port.kind === "excel") kind = selection && !isSingleCell(selection) ? "selection" : tables.length ? "table" : "sheet";
      dispatch({ type: "workbookOpened", fileName, sheets, tables, sheet, selection });
      dispatch({ type: "setSourceKind", kind });
      await readRange(sourceRange({ ...stateRef.current, sheets, tables, sheet, selection, sourceKind: kind, table: tables[0]?.name ?? null }));
    },
    [readRange],
  );

  // In Excel the workbook is there from the start; in a browser, fetch the file adapter early.
  useEffect(() => {
    if (host.kind === "excel" && host.connect) {
      dispatch({ type: "openStarted", fileName: null });
      host
        .connect()
        .then((opened) => adopt(opened, null))
        .catch((error) => dispatch({ type: "failed", phase: "read", error }));
    } else if (host.preload) {
      // Once the pane is up and idle, fetch the file adapter so opening a file does not wait.
      const idle = (window as { requestIdleCallback?: (f: () => void) => number }).requestIdleCallback;
      if (idle) idle(host.preload);
      else setTimeout(host.preload, 200);
    }
  }, [host, adopt]);

  const actions = useMemo<WizardActions>(
    () => ({
      async openFile(file) {
        readToken.current++;
        dispatch({ type: "openStarted", fileName: file.name });
        let opened: OpenedWorkbook;
        try {
          opened = await host.openFile!(await fileBytes(file), file.name, (done, total) => dispatch({ type: "progress", phase: "read", done, total }));
        } catch (error) {
          const known = error && typeof (error as { messageIn?: unknown }).messageIn === "function";
          const detail = error instanceof Error ? error.message : String(error);
          dispatch({ type: "failed", phase: "read", error: known ? error : new SourceProblem(fileKindOf(file.name) === "csv" ? "notCsv" : "notXlsx", { name: file.name, detail }) });
          return;
        }
        try {
          await adopt(opened, file.name);
        } catch (error) {
          dispatch({ type: "failed", phase: "read", error });
        }
      },
      chooseKind(kind) {
        dispatch({ type: "setSourceKind", kind });
        if (kind !== "selection") void readRange(sourceRange({ ...stateRef.current, sourceKind: kind }));
      },
      chooseSheet(name) {
        dispatch({ type: "setSheet", sheet: name });
        void readRange(sourceRange({ ...stateRef.current, sourceKind: "sheet", sheet: name }));
      },
      chooseTable(name) {
        dispatch({ type: "setTable", table: name });
        void readRange(sourceRange({ ...stateRef.current, sourceKind: "table", table: name }));
      },
      async chooseRoster(name) {
        const token = ++rosterToken.current;
        dispatch({ type: "setRoster", sheet: name });
        const wb = workbook.current;
        if (!wb || name === null) return;
        try {
          const sheet = (await wb.port.listSheets()).find((x) => x.name === name);
          if (!sheet) throw new SourceProblem("rosterSheetGone", { sheet: name });
          const { readRosterSheet } = await import(/* webpackChunkName: "roster" */ "./rosterSheet");
          const entries = await readRosterSheet(wb.port, sheet);
          if (token === rosterToken.current) dispatch({ type: "rosterRead", sheet: name, entries });
        } catch (error) {
          if (token === rosterToken.current) dispatch({ type: "rosterFailed", sheet: name, error });
        }
      },
      async useSelection() {
        const wb = workbook.current;
        if (!wb) return;
        try {
          const selection = await wb.port.getSelection();
          dispatch({ type: "setSelection", selection });
          // A single cell means its sheet: make sure the sheet list (used ranges) is current.
          const sheets = await wb.port.listSheets();
          const s = { ...stateRef.current, sheets, selection, sourceKind: "selection" as const };
          if (!selection) return;
          await readRange(sourceRange(s));
        } catch (error) {
          dispatch({ type: "failed", phase: "read", error });
        }
      },
      async write() {
        const wb = workbook.current;
        const s = stateRef.current;
        const d = derivedRef.current;
        if (!wb || !s.source || !d.mapping || !d.plan?.ok || !d.history?.ok || d.outputProblem) return;
        const sheetName = s.outputSheet.trim();
        dispatch({ type: "writeStarted" });
        try {
          if ((await wb.port.ownership(sheetName)) === "foreign") {
            const taken = (await wb.port.listSheets()).map((x) => x.name);
            dispatch({ type: "foreignSheet", sheet: sheetName, suggestion: suggestSheetName(sheetName, taken) });
            return;
          }
          const shown = d.planParams ? showsSchedule(d.planParams) : false;
          const [plan, ...more] = writePlans({
            plan: d.plan.value,
            // An update keeps the stored plan's layout; a team column makes a year plan (as the command's --team).
            schedule: shown || (s.update?.schedule ?? false) || (d.mapping.team !== null && d.mapping.team !== undefined),
            rosterSource: s.roster?.status === "done" ? rosterLabel(s.fileName, s.roster.sheet) : (s.update?.rosterSource ?? null),
            letters: s.writeLetters,
            // As the command: a rerun in the other language replaces the add-in's own letters sheet.
            lettersSheet: s.writeLetters ? await chooseOwnSheet(LETTERS_SHEET, locale, (name) => wb.port.ownership(name)) : undefined,
            skipInvalid: s.skipInvalid,
            source: s.source,
            mapping: d.mapping,
            aggregation: d.history.value,
            value: d.value,
            filter: d.parsed.filter ?? {},
            fileName: s.fileName,
            sheetName,
            locale,
          });
          await wb.port.apply(plan, { onProgress: (done, total) => dispatch({ type: "progress", phase: "write", done, total }) });
          // The stored plan and the letters, through the same port (as the command writes them).
          for (const p of more) await wb.port.apply(p);
          dispatch({ type: "writeDone", sheet: sheetName, result: plan.result, reps: d.plan.value.rows.length, total: d.plan.value.total });
        } catch (error) {
          if (error instanceof OutputSheetTakenError || (error as Error | null)?.name === "OutputSheetTakenError") {
            const taken = (await wb.port.listSheets().catch(() => [])).map((x) => x.name);
            dispatch({ type: "foreignSheet", sheet: sheetName, suggestion: suggestSheetName(sheetName, taken) });
          } else {
            dispatch({ type: "failed", phase: "write", error });
          }
        }
      },
      async reveal() {
        const wb = workbook.current;
        const written = stateRef.current.written;
        if (!wb || !written) return;
        try {
          await wb.port.reveal(written.result);
        } catch (error) {
          dispatch({ type: "failed", phase: "write", error });
        }
      },
      async download() {
        const wb = workbook.current;
        if (!wb?.toBuffer) return;
        try {
          const bytes = await wb.toBuffer();
          downloadBytes(bytes, resultFileName(stateRef.current.fileName, locale));
        } catch (error) {
          dispatch({ type: "failed", phase: "write", error });
        }
      },
      goTo(step) {
        const d = derivedRef.current;
        const from = stateRef.current.step;
        // Forward only through steps whose input is complete; Next on a step with problems shows them all.
        for (let i = from; i < step; i++) {
          if (!d.canLeave[i]) {
            if (i === from) dispatch({ type: "revealErrors" });
            return;
          }
        }
        dispatch({ type: "goTo", step });
      },
      async updatePlan(stored) {
        const wb = workbook.current;
        if (!wb) return;
        const sheets = await wb.port.listSheets();
        const wanted = stored.source.sheet;
        const sheet = sheets.find((x) => x.name === wanted) ?? sheets.find((x) => x.name.toLowerCase() === wanted.toLowerCase());
        // The rule (and its messages) load with the update: not in the first screen's scripts.
        const { updateAction, updateSheetMissing } = await import(/* webpackChunkName: "update" */ "./updateFill");
        if (!sheet?.used) throw updateSheetMissing(wanted, sheets.filter((x) => x.visible).map((x) => x.name));
        const token = ++readToken.current;
        dispatch({ type: "setSourceKind", kind: "sheet" });
        dispatch({ type: "setSheet", sheet: sheet.name });
        dispatch({ type: "readStarted" });
        let data: Awaited<ReturnType<typeof readSource>>;
        try {
          data = await readSource(wb.port, sheet.used, (done, total) => {
            if (token === readToken.current) dispatch({ type: "progress", phase: "read", done, total });
          });
        } catch (error) {
          if (token === readToken.current) dispatch({ type: "failed", phase: "read", error });
          throw error;
        }
        if (token !== readToken.current) return;
        dispatch({ type: "readDone", range: data.range, snapshot: data.snapshot, table: data.table, below: data.below ?? null });
        // A stored column whose header is gone is named (the source stays read, with the columns found).
        dispatch(updateAction(stored, data.table, sheet.name, locale));
      },
    }),
    [host, adopt, readRange, locale],
  );

  // Locks of reps no longer in the source (nor on the roster) go when the source or mapping changes.
  const baseReps = derived.base?.ok ? derived.base.value.reps : null;
  useEffect(() => {
    const roster = stateRef.current.roster;
    if (!baseReps || (roster && roster.status !== "done")) return;
    dispatch({ type: "keepLocks", reps: [...baseReps.map((r) => r.name), ...(roster?.entries ?? []).map((e) => e.rep)] });
  }, [baseReps, state.roster]);

  // The preview's chunk comes while the user sets the parameters.
  useEffect(() => {
    if (state.source) void loadPreview().catch(() => undefined);
  }, [state.source]);

  // Keyboard and screen-reader users land on the new step's heading.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [state.step]);

  const context: WizardContextValue = { state, dispatch, t, locale, host, derived, actions, headingRef, port: workbook.current?.port ?? null };
  const names: MessageId[] = ["stepSource", "stepMethod", "stepPreview", "stepWrite"];
  const Step = [SourceStep, MethodStep, PreviewStep, WriteStep][state.step];
  const busy = state.readStatus === "reading" || state.readStatus === "opening" || state.writeStatus === "writing";

  return (
    <WizardContext.Provider value={context}>
      <main className={styles.root} aria-labelledby="wizard-title">
        <h1 id="wizard-title" className={styles.title}>
          {t("appTitle")}
        </h1>
        {workbook.current && (
          <Suspense fallback={null}>
            <UpdateSection opened={workbook.current} busy={busy} />
          </Suspense>
        )}
        <nav aria-label={t("stepsLabel")}>
          <ol className={styles.steps}>
            {names.map((id, i) => (
              <li
                key={id}
                className={mergeClasses(styles.stepItem, i === state.step && styles.stepCurrent, i < state.step && styles.stepDone)}
                aria-current={i === state.step ? "step" : undefined}
              >
                {i + 1}. {t(id)}
              </li>
            ))}
          </ol>
        </nav>
        <section className={styles.section} aria-labelledby="step-heading">
          <p className={styles.stepCounter}>{t("stepOf", { n: state.step + 1, count: STEP_COUNT })}</p>
          <Step />
        </section>
        <div className={styles.nav}>
          {state.step > 0 ? (
            <Button onClick={() => actions.goTo((state.step - 1) as StepIndex)} disabled={state.writeStatus === "writing"}>
              {t("back")}
            </Button>
          ) : (
            <span />
          )}
          {state.step < STEP_COUNT - 1 && (
            <Button
              appearance="primary"
              // The method step's Next stays pressable: pressing it shows what is missing, on its field.
              disabled={busy || (state.step !== 1 && !derived.canLeave[state.step])}
              onClick={() => actions.goTo((state.step + 1) as StepIndex)}
              data-testid="next"
            >
              {t("next")}
            </Button>
          )}
        </div>
        {workbook.current && (
          <Suspense fallback={null}>
            <ReviewSection opened={workbook.current} busy={busy} />
            <ShareSection opened={workbook.current} busy={busy} />
          </Suspense>
        )}
      </main>
    </WizardContext.Provider>
  );
}
