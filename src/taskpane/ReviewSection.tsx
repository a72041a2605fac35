/**
 * "Review the plan": when the open workbook holds a stored plan (the very hidden sheet that
 * `quota allocate` and the wizard keep), the plan is reviewed against the actuals in its own
 * source sheet up to a month and the Attainment sheet is written — the same code as `quota
 * review` (plan/reviewSource.ts, plan/attainmentSheet.ts). In a browser the copy is offered
 * as a download.
 */
import { Button, Field, Input } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import { buildAttainmentWritePlan } from "../plan/attainmentSheet";
import { ReviewError, type Review } from "../plan/review";
import { lastActualMonth, planLastMonth, reviewFromWorkbook } from "../plan/reviewSource";
import { ATTAINMENT_SHEET } from "../plan/sheetNames";
import { readStoredPlan, type StoredPlan } from "../plan/stored";
import { findColumn } from "../sheet/detect";
import { decimalsOf } from "../sheet/quotaPlan";
import { chooseOwnSheet } from "../workbook/plan";
import { Notice, ProgressStatus } from "./common";
import { formatNumber, formatPercent } from "./format";
import { downloadBytes, type OpenedWorkbook } from "./host";
import { errorText } from "./pipeline";
import { reviewFileName, reviewTranslator } from "./reviewStrings";
import type { Progress } from "./state";
import { useStyles } from "./styles";
import { useWizard } from "./Wizard";

/** Reps listed by name in the summary. */
const LISTED = 10;

type Phase =
  | { kind: "idle" }
  | { kind: "working" }
  | { kind: "done"; review: Review; sheet: string }
  | { kind: "error"; error: unknown };

/**
 * The default month: the last month within the plan that has actual data in its source
 * (reviewSource.ts lastActualMonth); the plan's first month until that is known or when the
 * source cannot be read (pressing the button then says why). Read here only when the wizard
 * has not read the plan's source sheet itself (see wizardMonths).
 */
async function defaultThrough(port: OpenedWorkbook["port"], stored: StoredPlan): Promise<string> {
  try {
    const { aggregation } = await reviewFromWorkbook(port, stored, planLastMonth(stored));
    return lastActualMonth(stored, aggregation.periods);
  } catch {
    return stored.params.start;
  }
}

export function ReviewSection({ opened, busy }: { opened: OpenedWorkbook | null; busy: boolean }) {
  const { locale, host, state, derived, t: wizardT } = useWizard();
  const styles = useStyles();
  const t = useMemo(() => reviewTranslator(locale), [locale]);
  const [stored, setStored] = useState<StoredPlan | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [through, setThrough] = useState("");
  /** Whether `through` is still the default (the user has not typed a month). */
  const auto = useRef(true);
  /** The default was read from the source here (once per plan). */
  const readDefault = useRef(false);
  const planRef = useRef<StoredPlan | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [progress, setProgress] = useState<Progress | null>(null);
  // Amounts in whole units of the plan's rounding, as `quota review` and the Attainment sheet show them.
  const decimals = stored ? decimalsOf(stored.params.roundTo) : 0;
  const n = (x: number) => formatNumber(x, locale, decimals);
  const count = (x: number) => formatNumber(x, locale, 0);
  const pct = (x: number | null) => (x === null ? "—" : formatPercent(x, locale));

  // Another workbook: look for its plan again.
  useEffect(() => {
    let live = true;
    setStored(null);
    planRef.current = null;
    setLoadError(null);
    setPhase({ kind: "idle" });
    if (!opened) return;
    readStoredPlan(opened.port).then(
      (plan) => {
        if (!live) return;
        auto.current = true;
        readDefault.current = false;
        planRef.current = plan;
        setStored(plan);
        if (plan) setThrough(plan.params.start);
      },
      (error) => live && setLoadError(error),
    );
    return () => {
      live = false;
    };
  }, [opened]);

  // The months with sales in the wizard's own reading, when it read the plan's source sheet with
  // its date column: no second read of the same rows.
  const source = state.source;
  const base = derived.base;
  const dateColumn = derived.mapping?.date ?? null;
  const wizardMonths = useMemo(() => {
    if (!stored || !source || !base?.ok || dateColumn === null || stored.source.columns.date === null) return null;
    if (source.snapshot.sheet.toLowerCase() !== stored.source.sheet.toLowerCase()) return null;
    return findColumn(source.table, stored.source.columns.date) === dateColumn ? base.value.periods : null;
  }, [stored, source, base, dateColumn]);
  const reading = state.readStatus === "reading" || state.readStatus === "opening" || (source !== null && base === null);
  useEffect(() => {
    if (!stored || !opened || reading) return;
    // Not over a month the user has typed, nor for a plan no longer shown.
    const use = (month: string) => {
      if (planRef.current === stored && auto.current) setThrough(month);
    };
    if (wizardMonths) use(lastActualMonth(stored, wizardMonths));
    else if (!readDefault.current) {
      readDefault.current = true;
      void defaultThrough(opened.port, stored).then(use);
    }
  }, [stored, opened, reading, wizardMonths]);

  if (!opened) return null;
  if (loadError !== null) {
    return (
      <section className={styles.section} data-testid="review">
        <Notice intent="error" title={wizardT("errorTitle")} testId="review-error">
          {t("reviewError", { detail: errorText(loadError, locale, wizardT) })}
        </Notice>
      </section>
    );
  }
  if (!stored) return null;
  const port = opened.port;
  const labels = stored.result.periodLabels;

  const write = async () => {
    setProgress(null);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(through.trim())) {
      setPhase({ kind: "error", error: new ReviewError("badThrough", { value: through }) });
      return;
    }
    setPhase({ kind: "working" });
    try {
      const { review, sourceSheet } = await reviewFromWorkbook(port, stored, through.trim(), { onProgress: (done, total) => setProgress({ done, total }) });
      // As `quota review`: a rerun in the other language replaces the add-in's own Attainment sheet.
      const sheetName = await chooseOwnSheet(ATTAINMENT_SHEET, locale, (name) => port.ownership(name));
      const plan = buildAttainmentWritePlan(review, { source: `${state.fileName ?? stored.source.file ?? ""}${state.fileName || stored.source.file ? ", " : ""}${sourceSheet}`, createdAt: new Date() }, stored.params.roundTo, locale, sheetName);
      await port.apply(plan);
      setPhase({ kind: "done", review, sheet: plan.sheet });
    } catch (error) {
      setPhase({ kind: "error", error });
    }
  };

  return (
    <section className={styles.section} aria-labelledby="review-heading" data-testid="review">
      <h2 id="review-heading" className={styles.subheading}>
        {t("reviewHeading")}
      </h2>
      <p className={styles.hint} data-testid="review-plan">
        {t("reviewHasPlan", { reps: count(stored.result.rows.length), first: labels[0] ?? "", last: labels[labels.length - 1] ?? "", sheet: stored.source.sheet })}
      </p>
      <p className={styles.hint}>{t("reviewExplain")}</p>
      <Field label={t("reviewThrough")}>
        <Input
          value={through}
          onChange={(_, d) => {
            auto.current = false;
            setThrough(d.value);
          }} placeholder="YYYY-MM" data-testid="review-through" />
      </Field>
      <div className={styles.actions}>
        <Button onClick={() => void write()} disabledFocusable={busy || phase.kind === "working"} data-testid="review-write">
          {t("reviewButton")}
        </Button>
      </div>
      {phase.kind === "working" && <ProgressStatus progress={progress} label={t("reviewWorking")} testId="review-progress" />}
      {phase.kind === "error" && (
        <Notice intent="error" title={wizardT("errorTitle")} testId="review-error">
          {t("reviewError", { detail: errorText(phase.error, locale, wizardT) })}
        </Notice>
      )}
      {phase.kind === "done" && (
        <div>
          <Notice intent="success" live testId="review-done">
            <p style={{ margin: 0 }}>{t("reviewWrote", { sheet: phase.sheet, reps: count(phase.review.rows.length), through: phase.review.through })}</p>
            <p style={{ margin: 0 }} data-testid="review-attainment">
              {t("reviewAttainment", { attainment: pct(phase.review.total.attainment), actual: n(phase.review.total.actualToDate), quota: n(phase.review.total.quotaToDate) })}
            </p>
            <p style={{ margin: 0 }} data-testid="review-at-or-above">
              {t("reviewAtOrAbove", { share: pct(phase.review.atOrAbove) })}
            </p>
            {phase.review.unmatched.length > 0 && (
              <p style={{ margin: 0 }} data-testid="review-unmatched">
                {t("reviewUnmatched", {
                  reps:
                    phase.review.unmatched
                      .slice(0, LISTED)
                      .map((u) => `${u.rep} (${n(u.actualToDate)})`)
                      .join(", ") + (phase.review.unmatched.length > LISTED ? ` (+${phase.review.unmatched.length - LISTED})` : ""),
                })}
              </p>
            )}
          </Notice>
          {host.kind === "browser" && opened.toBuffer && (
            <div className={styles.actions}>
              <Button
                appearance="primary"
                data-testid="review-download"
                onClick={async () => {
                  try {
                    downloadBytes(await opened.toBuffer!(), reviewFileName(state.fileName, locale));
                  } catch (error) {
                    setPhase({ kind: "error", error });
                  }
                }}
              >
                {t("reviewDownload", { file: reviewFileName(state.fileName, locale) })}
              </Button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
