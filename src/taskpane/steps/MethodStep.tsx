/** Step 2: method, target, periods, rounding, time frame, and the SMART realism check. */
import { Field, Input, Radio, RadioGroup, Select } from "@fluentui/react-components";
import { Notice, StepHeading } from "../common";
import { formatMonth, formatNumber, formatPercent } from "../format";
import { untimedHistory } from "../../quota/realism";
import { errorText } from "../pipeline";
import type { ForecastBase, Method, ParamInputs } from "../state";
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

export function MethodStep() {
  const { state, t, derived, dispatch } = useWizard();
  const styles = useStyles();
  const p = state.params;
  const mapping = state.mapping!;
  const errors = derived.parsed.errors;
  const set = (name: keyof ParamInputs) => (value: string) => dispatch({ type: "setParam", name, value });
  const fieldError = (name: keyof ParamInputs) => {
    const id = errors[name];
    if (!id) return {};
    return { validationMessage: t(id, { method: t(METHOD_NAMES[p.method]) }), validationState: "error" as const };
  };

  return (
    <>
      <StepHeading>{t("methodHeading")}</StepHeading>
      <Field label={t("methodLabel")}>
        <RadioGroup value={p.method} onChange={(_, d) => set("method")(d.value)} data-testid="method">
          {METHODS.map((m) => (
            <Radio key={m.value} value={m.value} label={t(m.label)} />
          ))}
        </RadioGroup>
      </Field>
      {p.method === "profit" && mapping.costs.length === 0 && <Notice intent="warning">{t("needCostColumns")}</Notice>}

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
            <Input value={p.target} inputMode="decimal" autoComplete="off" onChange={(_, d) => set("target")(d.value)} data-testid="target" />
          </Field>
        )}
        {p.method === "forecast" && (
          <>
            <Field label={t("growthLabel")} {...fieldError("growth")}>
              <Input value={p.growth} inputMode="decimal" autoComplete="off" onChange={(_, d) => set("growth")(d.value)} data-testid="growth" />
            </Field>
            <Field label={t("forecastMethodLabel")}>
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
          <Input value={p.periods} inputMode="numeric" autoComplete="off" onChange={(_, d) => set("periods")(d.value)} data-testid="periods" />
        </Field>
        <Field label={t("roundLabel")} hint={t("roundHint")} {...fieldError("roundTo")}>
          <Input value={p.roundTo} inputMode="decimal" autoComplete="off" onChange={(_, d) => set("roundTo")(d.value)} data-testid="round" />
        </Field>
      </div>

      <TimeFrame />
      <Checks />
    </>
  );
}

function TimeFrame() {
  const { state, t, derived, dispatch } = useWizard();
  const styles = useStyles();
  const p = state.params;
  const noDates = state.mapping!.date === null;
  const set = (name: keyof ParamInputs) => (value: string) => dispatch({ type: "setParam", name, value });
  const rangeError = derived.parsed.errors.from;
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
            <Input type="date" value={p.from} onChange={(_, d) => set("from")(d.value)} data-testid="from" />
          </Field>
          <Field label={t("toLabel")}>
            <Input type="date" value={p.to} onChange={(_, d) => set("to")(d.value)} data-testid="to" />
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
  const { history, plan, realism, parsed } = derived;
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
        {parsed.noReviewPeriod && (
          <Notice intent="warning" testId="warn-review">
            {t("warnNoReviewPeriod")}
          </Notice>
        )}
      </div>
    </>
  );
}
