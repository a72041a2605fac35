/** Step 2: method, target, periods, rounding, time frame, and the SMART realism check. */
import { Field, Input, Radio, RadioGroup, Select } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import { Notice, StepHeading } from "../common";
import { formatMonth, formatNumber, formatPercent } from "../format";
import { untimedHistory } from "../../quota/realism";
import { profitColumn } from "../../sheet/detect";
import { columnHeader, errorText } from "../pipeline";
import { defaultStart } from "../../plan/yearParams";
import type { ForecastBase, Method, ParamInputs, PhasingChoice } from "../state";
import type { MessageId } from "../strings";
import { useStyles } from "../styles";
import { useWizard } from "../Wizard";

const METHODS: { value: Method; label: MessageId }[] = [
  { value: "topdown", label: "methodTopdown" },
  { value: "bottomup", label: "methodBottomup" },
  { value: "forecast", label: "methodForecast" },
  { value: "profit", label: "methodProfit" },
];

export const METHOD_NAMES: Record<Method, MessageId> = {
  topdown: "methodNameTopdown",
  bottomup: "methodNameBottomup",
  forecast: "methodNameForecast",
  profit: "methodNameProfit",
};

const FORECAST_HINTS: Record<ForecastBase, MessageId> = {
  last: "forecastLastHint",
  average: "forecastAverageHint",
  trend: "forecastTrendHint",
};

export function MethodStep() {
  const { state, t, derived, dispatch } = useWizard();
  const styles = useStyles();
  const p = state.params;
  const mapping = state.mapping!;
  const errors = derived.parsed.errors;
  const set = (name: keyof ParamInputs) => (value: string) => dispatch({ type: "setParam", name, value });
  const touch = (name: keyof ParamInputs) => () => dispatch({ type: "touch", name });
  // A problem shows once the user has left the field, or pressed Next: not while nothing is typed yet.
  const fieldError = (name: keyof ParamInputs) => {
    const id = errors[name];
    if (!id || !(state.touched[name] || state.revealErrors)) return {};
    return { validationMessage: t(id, { method: t(METHOD_NAMES[p.method]) }), validationState: "error" as const };
  };
  const root = useRef<HTMLDivElement>(null);
  // Next with problems: focus goes to the first field that has one.
  useEffect(() => {
    if (state.revealErrors) root.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state.revealErrors]);

  return (
    <div ref={root} className={styles.section}>
      <StepHeading>{t("methodHeading")}</StepHeading>
      <Field label={t("methodLabel")}>
        <RadioGroup value={p.method} onChange={(_, d) => set("method")(d.value)} data-testid="method">
          {METHODS.map((m) => (
            <Radio key={m.value} value={m.value} label={t(m.label)} />
          ))}
        </RadioGroup>
      </Field>
      {p.method === "profit" && <ProfitBasisChoice />}

      {p.method === "topdown" && (
        <Field label={t("weightingLabel")} hint={mapping.weight === null ? t("needWeightColumn") : undefined}>
          <RadioGroup value={p.weighting} onChange={(_, d) => set("weighting")(d.value)}>
            <Radio value="equal" label={t("weightingEqual")} />
            <Radio value="weight" label={t("weightingWeight")} disabled={mapping.weight === null} />
          </RadioGroup>
        </Field>
      )}

      {p.method !== "profit" && mapping.units !== null && (
        <Field label={t("measureLabel")}>
          <RadioGroup value={p.measure} onChange={(_, d) => set("measure")(d.value)} layout="horizontal">
            <Radio value="amount" label={t("measureAmount")} disabled={mapping.amount === null} />
            <Radio value="units" label={t("measureUnits")} />
          </RadioGroup>
        </Field>
      )}

      <div className={styles.grid2}>
        {p.method !== "forecast" && (
          <Field label={t("targetLabel")} hint={t("targetHint")} required {...fieldError("target")}>
            <Input value={p.target} inputMode="decimal" autoComplete="off" onChange={(_, d) => set("target")(d.value)} onBlur={touch("target")} data-testid="target" />
          </Field>
        )}
        {p.method === "forecast" && (
          <>
            <Field label={t("growthLabel")} {...fieldError("growth")}>
              <Input value={p.growth} inputMode="decimal" autoComplete="off" onChange={(_, d) => set("growth")(d.value)} onBlur={touch("growth")} data-testid="growth" />
            </Field>
            <Field label={t("forecastMethodLabel")} hint={t(FORECAST_HINTS[p.forecastMethod])}>
              <Select value={p.forecastMethod} onChange={(_, d) => set("forecastMethod")(d.value as ForecastBase)}>
                <option value="last">{t("forecastLast")}</option>
                <option value="average" disabled={mapping.date === null}>
                  {t("forecastAverage")}
                </option>
                <option value="trend" disabled={mapping.date === null}>
                  {t("forecastTrend")}
                </option>
              </Select>
            </Field>
          </>
        )}
        <Field label={t("periodsLabel")} hint={t("periodsHint")} {...fieldError("periods")}>
          <Input value={p.periods} inputMode="numeric" autoComplete="off" onChange={(_, d) => set("periods")(d.value)} onBlur={touch("periods")} data-testid="periods" />
        </Field>
        <Field label={t("roundLabel")} hint={t("roundHint")} {...fieldError("roundTo")}>
          <Input value={p.roundTo} inputMode="decimal" autoComplete="off" onChange={(_, d) => set("roundTo")(d.value)} onBlur={touch("roundTo")} data-testid="round" />
        </Field>
      </div>

      <YearOptions />
      <TimeFrame />
      <Checks />
    </div>
  );
}

/** The year plan's options: phasing, first month (default shown), uplift — the command's --phasing, --start, --uplift. */
function YearOptions() {
  const { state, t, derived, dispatch } = useWizard();
  const styles = useStyles();
  const p = state.params;
  const noDates = state.mapping?.date === null;
  const errors = derived.parsed.errors;
  const set = (name: keyof ParamInputs) => (value: string) => dispatch({ type: "setParam", name, value });
  const touch = (name: keyof ParamInputs) => () => dispatch({ type: "touch", name });
  const fieldError = (name: keyof ParamInputs) => {
    const id = errors[name];
    if (!id || !(state.touched[name] || state.revealErrors)) return {};
    return { validationMessage: t(id), validationState: "error" as const };
  };
  const month = defaultStart(derived.history?.ok ? derived.history.value.periods : [], new Date());
  // The count of weights against the periods, named in the message.
  const weightsError = () => {
    const id = errors.weights;
    if (!id || !(state.touched.weights || state.revealErrors)) return {};
    const count = p.weights.split(/[;,]/).length;
    return { validationMessage: t(id, { count, periods: p.periods.trim() }), validationState: "error" as const };
  };
  return (
    <>
      <div className={styles.grid2}>
        <Field label={t("phasingLabel")}>
          <Select value={p.phasing} onChange={(_, d) => set("phasing")(d.value as PhasingChoice)} data-testid="phasing">
            <option value="equal">{t("phasingEqual")}</option>
            <option value="history" disabled={noDates}>
              {t("phasingHistory")}
            </option>
            <option value="team" disabled={noDates}>
              {t("phasingTeam")}
            </option>
            <option value="pattern">{t("phasingPattern")}</option>
          </Select>
        </Field>
        {p.phasing === "pattern" && (
          <Field className={styles.wide} label={t("weightsLabel")} hint={t("weightsHint")} {...weightsError()}>
            <Input value={p.weights} autoComplete="off" onChange={(_, d) => set("weights")(d.value)} onBlur={touch("weights")} data-testid="weights" />
          </Field>
        )}
        <Field label={t("startLabel")} hint={t("startHint", { month })} {...fieldError("start")}>
          <Input value={p.start} placeholder={month} autoComplete="off" onChange={(_, d) => set("start")(d.value)} onBlur={touch("start")} data-testid="start" />
        </Field>
        <Field label={t("upliftLabel")} hint={t("upliftHint")} {...fieldError("uplift")}>
          <Input value={p.uplift} inputMode="decimal" autoComplete="off" onChange={(_, d) => set("uplift")(d.value)} onBlur={touch("uplift")} data-testid="uplift" />
        </Field>
      </div>
      <RosterChoice />
    </>
  );
}

/** The roster (the command's --roster FILE#SHEET): none, or another sheet of this workbook. */
function RosterChoice() {
  const { state, t, locale, actions } = useWizard();
  const styles = useStyles();
  const source = state.source?.snapshot.sheet ?? null;
  const sheets = state.sheets.filter((x) => x.visible && x.name !== source);
  const roster = state.roster;
  return (
    <div className={styles.section}>
      <Field label={t("rosterLabel")} hint={t("rosterHint")}>
        <Select value={roster?.sheet ?? ""} onChange={(_, d) => void actions.chooseRoster(d.value === "" ? null : d.value)} data-testid="roster">
          <option value="">{t("mapNone")}</option>
          {sheets.map((x) => (
            <option key={x.name} value={x.name}>
              {x.name}
            </option>
          ))}
        </Select>
      </Field>
      {!roster && state.update?.roster && state.update.roster.length > 0 && (
        <p className={styles.hint} data-testid="roster-stored">
          {t("rosterStored", { count: formatNumber(state.update.roster.length, locale, 0) })}
        </p>
      )}
      {roster?.status === "reading" && (
        <p className={styles.hint} role="status">
          {t("rosterReading")}
        </p>
      )}
      {roster?.status === "done" && (
        <p className={styles.hint} role="status" data-testid="roster-status">
          {t("rosterRead", { count: formatNumber(roster.entries?.length ?? 0, locale, 0) })}
        </p>
      )}
      {roster?.status === "error" && (
        <Notice intent="error" testId="roster-error">
          {errorText(roster.error, locale, t)}
        </Notice>
      )}
    </div>
  );
}

/** Profit as revenue minus the ticked costs, or a ready-made profit column used as it is. */
function ProfitBasisChoice() {
  const { state, t, dispatch } = useWizard();
  const table = state.source!.table;
  const column = profitColumn(table);
  const costs = state.mapping!.costs;
  const costNames = costs.map((c) => columnHeader(table, c)).join(", ");
  return (
    <Field label={t("profitBasisLabel")}>
      <RadioGroup value={state.params.profitBasis} onChange={(_, d) => dispatch({ type: "setParam", name: "profitBasis", value: d.value })} data-testid="profit-basis">
        <Radio value="costs" label={costs.length ? t("profitFromCosts", { costs: costNames }) : t("profitFromCostsNone")} />
        <Radio value="column" label={column === null ? t("profitColumnNone") : t("profitFromColumn", { column: columnHeader(table, column) })} disabled={column === null} />
      </RadioGroup>
    </Field>
  );
}

function TimeFrame() {
  const { state, t, derived, dispatch } = useWizard();
  const styles = useStyles();
  const p = state.params;
  const noDates = state.mapping!.date === null;
  const set = (name: keyof ParamInputs) => (value: string) => dispatch({ type: "setParam", name, value });
  const shown = state.touched.from || state.touched.to || state.revealErrors;
  const rangeError = shown ? derived.parsed.errors.from : undefined;
  return (
    <>
      <Field label={t("timeframeLabel")} hint={noDates ? t("needDateColumn") : undefined}>
        <RadioGroup
          value={p.timeframe}
          onChange={(_, d) => {
            set("timeframe")(d.value);
            // Choosing "one year" starts at the newest year in the data.
            if (d.value === "year" && !p.year && derived.years.length) set("year")(String(derived.years[0]));
          }}
        >
          <Radio value="all" label={t("timeframeAll")} />
          <Radio value="year" label={t("timeframeYear")} disabled={noDates} />
          <Radio value="range" label={t("timeframeRange")} disabled={noDates} />
        </RadioGroup>
      </Field>
      {p.timeframe === "year" && (
        <Field label={t("yearLabel")} validationMessage={derived.parsed.errors.year ? t(derived.parsed.errors.year) : undefined}>
          <Select value={p.year} onChange={(_, d) => set("year")(d.value)} data-testid="year">
            {!p.year && <option value="">—</option>}
            {derived.years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {p.timeframe === "range" && (
        <div className={styles.grid2}>
          <Field label={t("fromLabel")} validationMessage={rangeError ? t(rangeError) : undefined} validationState={rangeError ? "error" : "none"}>
            <Input type="date" value={p.from} onChange={(_, d) => set("from")(d.value)} onBlur={() => dispatch({ type: "touch", name: "from" })} data-testid="from" />
          </Field>
          <Field label={t("toLabel")}>
            <Input type="date" value={p.to} onChange={(_, d) => set("to")(d.value)} onBlur={() => dispatch({ type: "touch", name: "to" })} data-testid="to" />
          </Field>
        </div>
      )}
    </>
  );
}

const REALISM_TITLES = { ok: "realismOk", stretch: "realismStretch", unrealistic: "realismUnrealistic", farBelow: "realismFarBelow" } as const;

/** The realism check, SMART warnings, and anything that stops the plan. */
function Checks() {
  const { state, t, locale, derived } = useWizard();
  const styles = useStyles();
  const { history, plan, realism } = derived;
  const n = (x: number) => formatNumber(x, locale);
  // The same SMART time-bound rule as the `quota` command (src/quota/realism.ts).
  const span = history?.ok ? untimedHistory(history.value.periods, state.params.timeframe !== "all") : null;
  return (
    <>
      <h3 className={styles.subheading}>{t("realismHeading")}</h3>
      <div className={styles.section} data-testid="checks">
        {history && !history.ok && <Notice intent="error">{errorText(history.error, locale, t)}</Notice>}
        {history?.ok && history.value.reps.length === 0 && <Notice intent="error">{t("noHistory")}</Notice>}
        {history?.ok && history.value.rowsOutOfRange > 0 && (
          <p className={styles.hint} data-testid="out-of-range">
            {t("outOfRangeLine", { count: formatNumber(history.value.rowsOutOfRange, locale, 0) })}
          </p>
        )}
        {plan && !plan.ok && history?.ok && history.value.reps.length > 0 && (
          <Notice intent="error" testId="plan-error">
            {errorText(plan.error, locale, t)}
          </Notice>
        )}
        {realism === "noBaseline" && <Notice intent="warning">{t("realismNoBaseline")}</Notice>}
        {realism && realism !== "noBaseline" && (
          <Notice
            intent={realism.level === "ok" ? "success" : realism.level === "stretch" || realism.level === "farBelow" ? "warning" : "error"}
            title={t(REALISM_TITLES[realism.level])}
            testId={`realism-${realism.level}`}
            live
          >
            {t("realismFacts", {
              baseline: n(realism.baseline),
              target: n(realism.target),
              growth: `${realism.requiredGrowth > 0 ? "+" : ""}${formatPercent(realism.requiredGrowth, locale)}`,
            })}
          </Notice>
        )}
        {derived.forecastRealism && <ForecastChecks />}
        {state.mapping!.date !== null && span && (
          <Notice intent="warning" testId="warn-timeframe">
            {t("warnNoTimeframe", { span: t("spanMonths", { first: formatMonth(span.first, locale), last: formatMonth(span.last, locale) }) })}
          </Notice>
        )}
        {state.mapping!.date === null && (
          <Notice intent="warning" testId="warn-timeframe">
            {t("warnNoDates")}
          </Notice>
        )}
      </div>
    </>
  );
}

const OUTLIERS_SHOWN = 10;

/** A forecast has no target: its total is rated against the history, and far-off reps are named. */
function ForecastChecks() {
  const { t, locale, derived } = useWizard();
  const a = derived.forecastRealism!;
  const plan = derived.plan?.ok ? derived.plan.value : null;
  if (!plan) return null;
  const n = (x: number) => formatNumber(x, locale);
  const pct = (g: number) => `${g > 0 ? "+" : ""}${formatPercent(g, locale)}`;
  const history = plan.rows.reduce((s, r) => s + Math.max(0, r.history), 0);
  const asked = pct(plan.params.growth);
  const total = a.total;
  const shown = a.outliers.slice(0, OUTLIERS_SHOWN).map((o) => `${plan.rows[o.index].rep} (${pct(o.growth)})`);
  if (a.outliers.length > shown.length) shown.push(t("andMore", { count: a.outliers.length - shown.length }));
  return (
    <>
      {total.level === "unknown" ? (
        <Notice intent="warning">{t("realismNoBaseline")}</Notice>
      ) : (
        <Notice
          intent={total.level === "ok" ? "success" : total.level === "stretch" ? "warning" : "error"}
          title={t(total.level === "ok" ? "forecastOk" : total.level === "stretch" ? "forecastStretch" : "forecastUnrealistic")}
          testId={`forecast-${total.level}`}
          live
        >
          {t("forecastFacts", { baseline: n(history), total: n(plan.total), growth: pct(total.requiredGrowth), asked })}
        </Notice>
      )}
      {a.outliers.length > 0 && (
        <Notice intent="warning" testId="forecast-outliers">
          {t("forecastOutliers", { asked, reps: shown.join(", ") })}
        </Notice>
      )}
    </>
  );
}
