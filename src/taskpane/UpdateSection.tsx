/**
 * "Update the plan": when the open workbook holds a stored plan (the very hidden sheet the
 * wizard and `quota allocate` keep), a card near the top names it and offers to make it again
 * with every input filled in (Wizard's actions.updatePlan; the rule is src/plan/storedInputs.ts,
 * shared with `quota refresh`). The write step then shows what changes per rep.
 */
import { Button } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { readStoredPlan, type StoredPlan } from "../plan/stored";
import { Notice, ProgressStatus } from "./common";
import { formatNumber } from "./format";
import type { OpenedWorkbook } from "./host";
import { errorText } from "./pipeline";
import { wizardForecastBase } from "./state";
import { updateTranslator } from "./updateStrings";
import { useStyles } from "./styles";
import { useWizard } from "./Wizard";

const METHOD_NAMES: Record<string, { en: string; sv: string }> = {
  topdown: { en: "top-down", sv: "uppifrån och ned" },
  bottomup: { en: "bottom-up", sv: "nedifrån och upp" },
  forecast: { en: "forecast", sv: "prognos" },
  profit: { en: "profit", sv: "vinst" },
};

type Phase = { kind: "idle" } | { kind: "working" } | { kind: "filled" } | { kind: "error"; error: unknown };

export function UpdateSection({ opened, busy }: { opened: OpenedWorkbook | null; busy: boolean }) {
  const { locale, state, actions, t: wizardT } = useWizard();
  const styles = useStyles();
  const t = useMemo(() => updateTranslator(locale), [locale]);
  const [stored, setStored] = useState<StoredPlan | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });

  useEffect(() => {
    let live = true;
    setStored(null);
    setPhase({ kind: "idle" });
    if (!opened) return;
    // A plan that cannot be read is reported by the Review panel; here it is simply not offered.
    readStoredPlan(opened.port).then(
      (plan) => live && setStored(plan),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [opened]);

  // "Start over" or another source drops the filled-in inputs: the card offers the update again.
  useEffect(() => {
    if (phase.kind === "filled" && !state.update) setPhase({ kind: "idle" });
  }, [phase.kind, state.update]);

  if (!opened || !stored) return null;
  const date = stored.createdAt.slice(0, 10);
  const method = METHOD_NAMES[stored.params.method]?.[locale] ?? stored.params.method;
  const n = (x: number) => formatNumber(x, locale);

  const update = async () => {
    setPhase({ kind: "working" });
    try {
      await actions.updatePlan(stored);
      setPhase({ kind: "filled" });
    } catch (error) {
      setPhase({ kind: "error", error });
    }
  };
  const roster = stored.params.roster;
  const lockCount = stored.params.locks.length;
  const forecast = stored.params.method === "forecast" ? wizardForecastBase(stored.params.forecastMethod) : { fellBack: false };

  return (
    <section className={styles.section} aria-labelledby="update-heading" data-testid="update">
      <Notice intent="info" testId="update-card">
        <p id="update-heading" style={{ margin: 0, fontWeight: 600 }} data-testid="update-plan">
          {t("updateHasPlan", { date, method, target: n(stored.result.target) })}
        </p>
        <p style={{ margin: 0 }}>{t("updateExplain")}</p>
        {forecast.fellBack && (
          <p style={{ margin: 0 }} data-testid="update-forecast">
            {t("updateForecastFallback", { base: String(stored.params.forecastMethod) })}
          </p>
        )}
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => void update()} disabled={busy || phase.kind === "working"} data-testid="update-button">
            {t("updateButton")}
          </Button>
        </div>
      </Notice>
      {phase.kind === "working" && <ProgressStatus progress={state.readProgress} label={t("updateWorking")} testId="update-progress" />}
      {phase.kind === "error" && (
        <Notice intent="error" title={wizardT("errorTitle")} testId="update-error">
          {t("updateError", { detail: errorText(phase.error, locale, wizardT) })}
        </Notice>
      )}
      {phase.kind === "filled" && (
        <Notice intent="success" live testId="update-filled">
          <p style={{ margin: 0 }}>{t("updateFilled", { date, sheet: stored.source.sheet, locks: lockCount ? t("updateLocks", { count: lockCount }) : "" })}</p>
          {stored.source.columns.team && <p style={{ margin: 0 }}>{t("updateTeam", { column: stored.source.columns.team })}</p>}
          {roster && roster.length > 0 && (
            <p style={{ margin: 0 }} data-testid="update-roster">
              {t("updateRoster", { count: roster.length, from: stored.source.roster ? `, ${stored.source.roster}` : "" })}
            </p>
          )}
        </Notice>
      )}
    </section>
  );
}
