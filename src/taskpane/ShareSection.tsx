/**
 * "Prepare for sharing": replaces the workbook's SALES formulas by their calculated values
 * (WorkbookPort.freezeFormulas, the same rules as `quota freeze`), after a confirmation that
 * lists the cells. In Excel it changes the open workbook; in a browser the opened file's copy,
 * offered as a download.
 */
import { Button } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import { callsSalesFunction, sheetCellText } from "../workbook/freeze";
import type { FreezeReport } from "../workbook/port";
import { Notice, ProgressStatus } from "./common";
import { formatNumber } from "./format";
import { downloadBytes, type OpenedWorkbook } from "./host";
import { errorText } from "./pipeline";
import type { Progress } from "./state";
import { sharedFileName, shareTranslator } from "./shareStrings";
import { useStyles } from "./styles";
import { useWizard } from "./Wizard";

/** Cells listed in the confirmation. */
const LISTED = 8;

type Phase =
  | { kind: "idle" }
  | { kind: "scanning" }
  | { kind: "confirm"; report: FreezeReport }
  | { kind: "freezing" }
  | { kind: "done"; report: FreezeReport }
  | { kind: "nothing"; report: FreezeReport }
  | { kind: "error"; error: unknown };

export function ShareSection({ opened, busy }: { opened: OpenedWorkbook | null; busy: boolean }) {
  const { locale, host, state, t: wizardT } = useWizard();
  const styles = useStyles();
  const t = useMemo(() => shareTranslator(locale), [locale]);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [progress, setProgress] = useState<Progress | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  /** Cancel, or a scan that found nothing (or failed), puts focus back on the start button. */
  const refocusStart = useRef(false);
  const n = (x: number) => formatNumber(x, locale);

  useEffect(() => {
    if (phase.kind === "confirm" || phase.kind === "done") confirmRef.current?.querySelector("button")?.focus();
    if (refocusStart.current && startRef.current) {
      refocusStart.current = false;
      startRef.current.focus();
    }
  }, [phase.kind]);
  // Another workbook: start again.
  useEffect(() => setPhase({ kind: "idle" }), [opened]);

  if (!opened) return null;
  const port = opened.port;
  const working = phase.kind === "scanning" || phase.kind === "freezing";
  const onProgress = (done: number, total: number) => setProgress({ done, total });

  const scan = async () => {
    setProgress(null);
    setPhase({ kind: "scanning" });
    try {
      const report = await port.freezeFormulas(callsSalesFunction, { dryRun: true, onProgress });
      refocusStart.current = report.count === 0;
      setPhase(report.count === 0 ? { kind: "nothing", report } : { kind: "confirm", report });
    } catch (error) {
      refocusStart.current = true;
      setPhase({ kind: "error", error });
    }
  };
  const freeze = async () => {
    setProgress(null);
    setPhase({ kind: "freezing" });
    try {
      const report = await port.freezeFormulas(callsSalesFunction, { onProgress });
      setPhase({ kind: "done", report });
    } catch (error) {
      refocusStart.current = true;
      setPhase({ kind: "error", error });
    }
  };
  const uncalculated = (report: FreezeReport) =>
    report.uncalculatedCount > 0 && (
      <Notice intent="warning" testId="share-uncalculated">
        {t("shareUncalculated", {
          count: n(report.uncalculatedCount),
          cells: report.uncalculated.slice(0, LISTED).map(sheetCellText).join(", ") + (report.uncalculatedCount > LISTED ? " …" : ""),
        })}
      </Notice>
    );
  const sheets = (report: FreezeReport) => report.sheets.map((s) => `${s.sheet} ${n(s.count)}`).join(", ");

  return (
    <section className={styles.section} aria-labelledby="share-heading" data-testid="share">
      <h2 id="share-heading" className={styles.subheading}>
        {t("shareHeading")}
      </h2>
      <p className={styles.hint}>{t("shareExplain")}</p>
      {(phase.kind === "idle" || phase.kind === "nothing" || phase.kind === "error") && (
        <div className={styles.actions}>
          <Button ref={startRef} onClick={() => void scan()} disabled={busy} data-testid="share-start">
            {t("shareButton")}
          </Button>
        </div>
      )}
      {working && <ProgressStatus progress={progress} label={t(phase.kind === "scanning" ? "shareScanning" : "shareFreezing")} testId="share-progress" />}
      {phase.kind === "nothing" && (
        <Notice intent="info" live testId="share-nothing">
          {t("shareNothing")}
          {uncalculated(phase.report)}
        </Notice>
      )}
      {phase.kind === "error" && (
        <Notice intent="error" title={wizardT("errorTitle")} testId="share-error">
          {t("shareError", { detail: errorText(phase.error, locale, wizardT) })}
        </Notice>
      )}
      {phase.kind === "confirm" && (
        <div ref={confirmRef} role="group" aria-labelledby="share-confirm-title" data-testid="share-confirm">
          <Notice intent="warning">
            <p id="share-confirm-title" style={{ margin: 0, fontWeight: 600 }}>
              {t("shareConfirmTitle", { count: n(phase.report.count) })}
            </p>
            <ul aria-label={t("shareCellsLabel")} style={{ margin: 0, paddingLeft: "1.2em" }} data-testid="share-cells">
              {phase.report.cells.slice(0, LISTED).map((c) => (
                <li key={`${c.sheet}!${c.address}`}>{sheetCellText(c)}</li>
              ))}
            </ul>
            {phase.report.count > LISTED && <p style={{ margin: 0 }}>{t("shareMore", { count: n(phase.report.count - LISTED) })}</p>}
            <p style={{ margin: 0 }}>{t(host.kind === "excel" ? "shareUndoExcel" : "shareUndoBrowser")}</p>
          </Notice>
          {uncalculated(phase.report)}
          <div className={styles.actions}>
            <Button appearance="primary" onClick={() => void freeze()} disabled={busy} data-testid="share-confirm-button">
              {t("shareConfirm")}
            </Button>
            <Button
              onClick={() => {
                refocusStart.current = true;
                setPhase({ kind: "idle" });
              }}
              data-testid="share-cancel"
            >
              {t("shareCancel")}
            </Button>
          </div>
        </div>
      )}
      {phase.kind === "done" && (
        <div ref={confirmRef}>
          <Notice intent="success" live testId="share-done">
            {t("shareDone", { count: n(phase.report.count), sheets: sheets(phase.report) })}
          </Notice>
          {uncalculated(phase.report)}
          {host.kind === "browser" && opened.toBuffer && (
            <div className={styles.actions}>
              <Button
                appearance="primary"
                data-testid="share-download"
                onClick={async () => {
                  try {
                    downloadBytes(await opened.toBuffer!(), sharedFileName(state.fileName, locale));
                  } catch (error) {
                    setPhase({ kind: "error", error });
                  }
                }}
              >
                {t("shareDownload", { file: sharedFileName(state.fileName, locale) })}
              </Button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
