/** Small pieces the steps share: the focusable step heading, notices, progress. */
import { makeStyles, mergeClasses, ProgressBar, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { Progress } from "./state";
import { formatPercent } from "./format";
import { useStyles } from "./styles";
import { useWizard } from "./Wizard";

/** The step's h2; focus lands here when the step changes (see Wizard). */
export function StepHeading({ children }: { children: ReactNode }) {
  const { headingRef } = useWizard();
  const styles = useStyles();
  return (
    <h2 id="step-heading" ref={headingRef} tabIndex={-1} className={styles.heading}>
      {children}
    </h2>
  );
}

const useNoticeStyles = makeStyles({
  base: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground1,
    overflowWrap: "anywhere",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  error: { backgroundColor: tokens.colorStatusDangerBackground1, border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusDangerBorder1}` },
  warning: { backgroundColor: tokens.colorStatusWarningBackground1, border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusWarningBorder1}` },
  success: { backgroundColor: tokens.colorStatusSuccessBackground1, border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusSuccessBorder1}` },
  info: { backgroundColor: tokens.colorNeutralBackground3, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  title: { fontWeight: tokens.fontWeightSemibold, margin: 0 },
  body: { margin: 0 },
});

export type NoticeIntent = "error" | "warning" | "success" | "info";

/**
 * A message box. Errors are alerts (read out at once); the others are plain text the user
 * meets in reading order, or a polite status when `live` is set.
 */
export function Notice({ intent, title, children, live, testId }: { intent: NoticeIntent; title?: string; children: ReactNode; live?: boolean; testId?: string }) {
  const s = useNoticeStyles();
  const role = intent === "error" ? "alert" : live ? "status" : undefined;
  return (
    <div role={role} className={mergeClasses(s.base, s[intent])} data-testid={testId} data-intent={intent}>
      {title && <p className={s.title}>{title}</p>}
      <div className={s.body}>{children}</div>
    </div>
  );
}

/** A progress bar with a spoken status line ("Reading rows… 40 %"), announced in 10 % steps. */
export function ProgressStatus({ progress, label, testId }: { progress: Progress | null; label: string; testId?: string }) {
  const styles = useStyles();
  const { locale } = useWizard();
  const fraction = progress && progress.total > 0 ? Math.min(1, progress.done / progress.total) : undefined;
  const stepped = fraction === undefined ? "" : ` ${formatPercent(Math.floor(fraction * 10) / 10, locale, 0)}`;
  return (
    <div className={styles.status} data-testid={testId}>
      <ProgressBar value={fraction} max={1} thickness="large" aria-label={label} />
      <p role="status" className={styles.hint}>
        {label}
        {stepped}
      </p>
    </div>
  );
}
