/**
 * Locks in the preview (the command's --lock "REP=AMOUNT"): a rep's annual quota is edited in
 * the table, which locks it, and the others re-split at once (planYear with the locks). Locked
 * reps are marked in words; each can be edited again or unlocked, in the row and in the list of
 * locks (which stays when a lock stops the plan, so it can be fixed there). Also the marks of
 * rostered reps and the team subtotals table.
 */
import { Button, Input, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { textKey } from "../../sheet/cells";
import type { YearPlan, YearPlanRow } from "../../plan/types";
import { NO_TEAM_LABEL, teamRollup, type TeamRollupRow } from "../../plan/teams";
import { decimalsOf } from "../../sheet/quotaPlan";
import { quotaTableHeaders } from "../../workbook/quotaSheet";
import { DataTable, type DataColumn } from "../DataTable";
import { formatCompact, formatNumber, formatPercent } from "../format";
import { Notice } from "../common";
import { errorText } from "../pipeline";
import { useStyles } from "../styles";
import { useWizard } from "../Wizard";

const useLockStyles = makeStyles({
  marks: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, marginTop: "2px" },
  mark: {
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase100,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusSmall,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground2,
    whiteSpace: "normal",
    // Break between words only ("Nyanställd (upprampning)" must not split inside a word).
    overflowWrap: "normal",
    wordBreak: "normal",
  },
  locked: { border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke1}`, color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  controls: { display: "flex", flexWrap: "wrap", justifyContent: "flex-end", gap: tokens.spacingHorizontalXXS, marginTop: "2px" },
  editor: { display: "flex", flexDirection: "column", alignItems: "stretch", gap: tokens.spacingVerticalXXS, marginTop: "2px", minWidth: "5.5em" },
  input: { width: "100%", minWidth: 0 },
  // The native input's default size (20 characters) would widen the quota column past a 320 px pane.
  nativeInput: { width: "100%", minWidth: 0 },
  lockList: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  lockItem: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  lockName: { flexGrow: 1, minWidth: "6em", overflowWrap: "anywhere" },
  lockInput: { width: "9em", maxWidth: "100%" },
});

/** The words after a rep's name: locked, new hire on a ramp, on the roster part of the year. */
export function RowMarks({ row, newHire }: { row: YearPlanRow; newHire: boolean }) {
  const { t } = useWizard();
  const s = useLockStyles();
  if (!row.locked && !row.rostered) return null;
  return (
    <span className={s.marks}>
      {row.locked && (
        <span className={mergeClasses(s.mark, s.locked)} data-mark="locked">
          {t("lockedMark")}
        </span>
      )}
      {row.rostered && (
        <span className={s.mark} data-mark={newHire ? "new-hire" : "roster"}>
          {t(newHire ? "newHireMark" : "partYearMark")}
        </span>
      )}
    </span>
  );
}

/** The reps added by the roster (not in the history): the plan's rows after the history's. */
export function newHireKeys(plan: YearPlan, historyReps: number): Set<string> {
  return new Set(plan.rows.slice(historyReps).map((r) => textKey(r.rep)));
}

/** The typed amount of a rep's lock, or null. */
function lockOf(locks: readonly { rep: string; amount: string }[], rep: string): string | null {
  const key = textKey(rep);
  return locks.find((l) => textKey(l.rep) === key)?.amount ?? null;
}

/**
 * The quota cell's controls: "Edit" (which opens an amount field; Enter or "Lock" locks the
 * rep at that amount, Escape cancels) and, for a locked rep, "Unlock".
 */
export function QuotaEditor({ row, rowActive, editing, decimals, onEdit }: { row: YearPlanRow; rowActive: boolean; editing: boolean; decimals: number; onEdit(rep: string | null): void }) {
  const { state, t, locale, dispatch } = useWizard();
  const s = useLockStyles();
  const typed = lockOf(state.locks, row.rep);
  const [draft, setDraft] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (editing) {
      setDraft(typed ?? formatNumber(row.quota, locale, decimals));
      // Opened: the field takes focus with its text selected.
      requestAnimationFrame(() => input.current?.select());
    } else if (wasEditing.current) {
      editButton.current?.focus();
    }
    wasEditing.current = editing;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing]);
  const commit = () => {
    // An emptied amount unlocks the rep.
    dispatch(draft.trim() === "" ? { type: "unlock", rep: row.rep } : { type: "setLock", rep: row.rep, amount: draft.trim() });
    onEdit(null);
  };
  const tab = rowActive || editing ? 0 : -1;
  if (editing) {
    return (
      <span className={s.editor} data-cell-controls="">
        <Input
          input={{ ref: input, size: 1, className: s.nativeInput }}
          className={s.input}
          size="small"
          value={draft}
          inputMode="decimal"
          autoComplete="off"
          aria-label={t("quotaOf", { rep: row.rep })}
          onChange={(_, d) => setDraft(d.value)}
          onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commit();
            } else if (e.key === "Escape") {
              e.preventDefault();
              onEdit(null);
            }
          }}
          data-testid="lock-input"
        />
        <span className={s.controls}>
          <Button size="small" appearance="primary" onClick={commit} aria-label={t("lockQuotaOf", { rep: row.rep })} data-testid="lock-apply">
            {t("lockQuota")}
          </Button>
          <Button size="small" onClick={() => onEdit(null)}>
            {t("cancelEdit")}
          </Button>
        </span>
      </span>
    );
  }
  return (
    <span className={s.controls} data-cell-controls="">
      <Button ref={editButton} size="small" appearance="subtle" tabIndex={tab} aria-label={t("editQuotaOf", { rep: row.rep })} onClick={() => onEdit(row.rep)} data-testid="edit-quota">
        {t("editQuota")}
      </Button>
      {typed !== null && (
        <Button size="small" appearance="subtle" tabIndex={tab} aria-label={t("unlockOf", { rep: row.rep })} onClick={() => dispatch({ type: "unlock", rep: row.rep })} data-testid="unlock-row">
          {t("unlock")}
        </Button>
      )}
    </span>
  );
}

/** The locks as a list: amount (editable) and Unlock per rep, the total locked, and why a lock stops the plan. */
export function LockList({ plan }: { plan: YearPlan | null }) {
  const { state, t, locale, derived, dispatch } = useWizard();
  const styles = useStyles();
  const s = useLockStyles();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const failed = derived.plan && !derived.plan.ok ? derived.plan.error : null;
  if (state.locks.length === 0 && !failed) return <p className={styles.hint}>{t("locksHint")}</p>;
  const decimals = plan ? decimalsOf(plan.params.roundTo) : 0;
  const n = (x: number) => formatNumber(x, locale, decimals);
  const locked = derived.plan?.ok ? derived.plan.value.rows.filter((r) => r.locked) : [];
  const fixed = locked.reduce((a, r) => a + r.quota, 0);
  return (
    <section aria-labelledby="locks-heading" className={styles.section} data-testid="locks">
      <h3 id="locks-heading" className={styles.subheading}>
        {t("locksHeading")}
      </h3>
      {failed !== null && (
        <Notice intent="error" testId="lock-error">
          {errorText(failed, locale, t)}
        </Notice>
      )}
      {derived.plan?.ok && locked.length > 0 && (
        <p className={styles.hint} role="status" data-testid="locks-summary">
          {t("locksSummary", { count: locked.length, amount: n(fixed), rest: n(derived.plan.value.planTotal - fixed) })}
        </p>
      )}
      <ul className={s.lockList}>
        {state.locks.map((l) => {
          const draft = drafts[l.rep] ?? l.amount;
          const commit = () => {
            if (draft !== l.amount) dispatch(draft.trim() === "" ? { type: "unlock", rep: l.rep } : { type: "setLock", rep: l.rep, amount: draft.trim() });
            setDrafts(({ [l.rep]: _, ...rest }) => rest);
          };
          return (
            <li key={textKey(l.rep)} className={s.lockItem} data-testid="lock-item">
              <span className={s.lockName}>{l.rep}</span>
              <Input
                className={s.lockInput}
                size="small"
                value={draft}
                inputMode="decimal"
                autoComplete="off"
                aria-label={t("lockedQuotaOf", { rep: l.rep })}
                onChange={(_, d) => setDrafts((x) => ({ ...x, [l.rep]: d.value }))}
                onBlur={commit}
                onKeyDown={(e) => {
                  if (e.key === "Enter") commit();
                }}
              />
              <Button size="small" onClick={() => dispatch({ type: "unlock", rep: l.rep })} aria-label={t("unlockOf", { rep: l.rep })} data-testid="unlock">
                {t("unlock")}
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Team subtotals (each team's quota is the sum of its reps', reps in no team on a row of their own), as the Quotas sheet's team table. */
export function TeamTable({ plan }: { plan: YearPlan }) {
  const { t, locale } = useWizard();
  const styles = useStyles();
  const lines = teamRollup(plan);
  if (lines.length === 0) return null;
  const decimals = decimalsOf(plan.params.roundTo);
  const n = (x: number) => formatNumber(x, locale, decimals);
  const c = (x: number) => formatCompact(x, locale, decimals);
  const name = (x: TeamRollupRow) => x.team ?? NO_TEAM_LABEL[locale];
  const columns: DataColumn<TeamRollupRow>[] = [
    { id: "team", header: t("teamHeader"), text: name },
    { id: "reps", header: t("teamReps"), numeric: true, text: (x) => formatNumber(x.reps, locale, 0) },
    { id: "share", header: "%", numeric: true, text: (x) => formatPercent(plan.planTotal > 0 ? x.quota / plan.planTotal : 0, locale) },
    { id: "quota", header: quotaTableHeaders(locale, plan.method)[3], numeric: true, text: (x) => n(x.quota), compact: (x) => c(x.quota) },
  ];
  const teamTotal = lines.reduce((a, x) => a + x.quota, 0);
  return (
    <>
      <h3 className={styles.subheading}>{t("teamsHeading")}</h3>
      <DataTable
        columns={columns}
        rows={lines}
        rowKey={(x) => (x.team === null ? "" : `t:${textKey(x.team)}`)}
        caption={t("teamsCaption")}
        label={t("teamsScrollLabel")}
        testId="team-table"
        footer={{ label: t("total"), testId: "team-totals", cells: { quota: { text: n(teamTotal), compact: c(teamTotal), testId: "team-total" } } }}
      />
    </>
  );
}
