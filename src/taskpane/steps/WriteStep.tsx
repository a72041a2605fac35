/** Step 4: write the Quotas sheet (same write plan as the `quota` command), then show or download it. */
import { Button, Checkbox, Field, Input } from "@fluentui/react-components";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { chooseOutputSheet, defaultOutputSheet, OutputSheetTakenError, qualifiedAddress } from "../../workbook/plan";
import type { SheetOwnership } from "../../workbook/port";
import { Notice, ProgressStatus, StepHeading } from "../common";
import { formatNumber } from "../format";
import { resultFileName } from "../host";
import { errorText } from "../pipeline";
import { useStyles } from "../styles";
import { useWizard } from "../Wizard";

/** What an update changes per rep: loaded with the update (not in the first screen's scripts). */
const UpdateChanges = lazy(() => import(/* webpackChunkName: "update" */ "../UpdateChanges").then((m) => ({ default: m.UpdateChanges })));

export function WriteStep() {
  const { state, t, locale, host, derived, actions, dispatch } = useWizard();
  const styles = useStyles();
  const [downloading, setDownloading] = useState(false);
  const ownership = useOwnership(state.outputSheet.trim(), state.writeStatus);
  const writing = state.writeStatus === "writing";
  const nameProblem = derived.outputProblem;
  // Right after writing, the sheet is ours because we just wrote it: no "will be replaced".
  const replacing = ownership === "ours" && state.writeStatus !== "done";
  const doneRef = useRef<HTMLDivElement>(null);
  useOwnSheetName();

  // After writing, the summary's first button is where the user goes next.
  useEffect(() => {
    if (state.writeStatus === "done") doneRef.current?.querySelector("button")?.focus();
  }, [state.writeStatus]);

  return (
    <>
      <StepHeading>{t("writeHeading")}</StepHeading>
      <p className={styles.text}>{t("writeExplain")}</p>
      {state.update && (
        <Suspense fallback={null}>
          <UpdateChanges />
        </Suspense>
      )}
      <Field
        label={t("outputSheetLabel")}
        validationMessage={nameProblem ? t(nameProblem.id, nameProblem.params) : replacing ? t("willReplace", { sheet: state.outputSheet.trim() }) : undefined}
        validationState={nameProblem ? "error" : replacing ? "warning" : "none"}
      >
        <Input value={state.outputSheet} onChange={(_, d) => dispatch({ type: "setOutputSheet", name: d.value })} disabled={writing} data-testid="output-sheet" />
      </Field>
      {state.foreignSheet && (
        <Notice intent="error" testId="foreign-sheet">
          <p style={{ margin: 0 }}>{new OutputSheetTakenError(state.foreignSheet.sheet).messageIn(locale)}</p>
          <div className={styles.actions}>
            <Button onClick={() => dispatch({ type: "setOutputSheet", name: state.foreignSheet!.suggestion })}>{t("useOtherName", { sheet: state.foreignSheet.suggestion })}</Button>
          </div>
        </Notice>
      )}
      <Checkbox
        label={t("lettersLabel")}
        checked={state.writeLetters}
        onChange={(_, d) => dispatch({ type: "setWriteLetters", on: d.checked === true })}
        disabled={writing}
        data-testid="write-letters"
      />
      <div className={styles.actions}>
        <Button appearance="primary" disabled={writing || !!nameProblem || !derived.plan?.ok} onClick={() => void actions.write()} data-testid="write">
          {t("writeButton")}
        </Button>
      </div>
      {writing && <ProgressStatus progress={state.writeProgress} label={t("writing")} testId="write-progress" />}
      {state.writeStatus === "error" && (
        <Notice intent="error" title={t("errorTitle")} testId="write-error">
          {errorText(state.error, locale, t)}
        </Notice>
      )}
      {state.writeStatus === "done" && state.written && (
        <div ref={doneRef} className={styles.section}>
          <Notice intent="success" live testId="write-done">
            <p style={{ margin: 0 }}>
              {t("writeDone", { count: state.written.reps, address: qualifiedAddress(state.written.result), total: formatNumber(state.written.total, locale) })}
            </p>
            {host.kind === "browser" && <p className={styles.hint}>{t("downloadHint")}</p>}
          </Notice>
          <div className={styles.actions}>
            {host.kind === "excel" ? (
              <Button appearance="primary" onClick={() => void actions.reveal()} data-testid="reveal">
                {t("selectResult")}
              </Button>
            ) : (
              <Button
                appearance="primary"
                disabled={downloading}
                data-testid="download"
                onClick={async () => {
                  setDownloading(true);
                  try {
                    await actions.download();
                  } finally {
                    setDownloading(false);
                  }
                }}
              >
                {downloading ? t("preparingDownload") : t("download", { file: resultFileName(state.fileName, locale) })}
              </Button>
            )}
            <Button onClick={() => dispatch({ type: "reset" })}>{t("startOver")}</Button>
          </div>
        </div>
      )}
    </>
  );
}

/** Whether the output sheet exists and is ours, checked as the name is typed (and after writing). */
/**
 * The command's rule (workbook/plan.ts chooseOutputSheet): while the name is still the default,
 * a workbook that already holds the add-in's sheet under the other language's name (Quotas /
 * Kvoter) gets that sheet replaced, not a second one added.
 */
function useOwnSheetName(): void {
  const { port: workbookPort, state, locale, dispatch } = useWizard();
  const isDefault = state.outputSheet === defaultOutputSheet(locale);
  useEffect(() => {
    if (!workbookPort || !isDefault) return;
    let live = true;
    chooseOutputSheet(locale, (name) => workbookPort.ownership(name))
      .then((name) => {
        if (live && name !== defaultOutputSheet(locale)) dispatch({ type: "setOutputSheet", name });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [workbookPort, isDefault, locale, dispatch]);
}

function useOwnership(sheet: string, writeStatus: string): SheetOwnership | null {
  const { port: workbookPort } = useWizard();
  const [value, setValue] = useState<SheetOwnership | null>(null);
  useEffect(() => {
    let live = true;
    setValue(null);
    if (!workbookPort || !sheet || writeStatus === "writing") return;
    // Checked once typing pauses: in Excel every check is a round trip to the workbook.
    const timer = setTimeout(() => {
      workbookPort
        .ownership(sheet)
        .then((o) => live && setValue(o))
        .catch(() => live && setValue(null));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [workbookPort, sheet, writeStatus]);
  return value;
}
