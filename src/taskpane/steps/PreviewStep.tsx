/** Step 3: the quotas per rep, their totals (equal to the target), and a bar chart. */
import { Field, Input, mergeClasses, Select, Switch } from "@fluentui/react-components";
import { useDeferredValue, useMemo, useState } from "react";
import { textKey } from "../../sheet/cells";
import { decimalsOf, planWarningText, type QuotaPlanRow } from "../../sheet/quotaPlan";
import { quotaTableHeaders } from "../../workbook/quotaSheet";
import { Notice, StepHeading } from "../common";
import { DataTable, type DataColumn } from "../DataTable";
import { formatCompact, formatNumber, formatPercent } from "../format";
import { QuotaChart } from "../QuotaChart";
import { ScheduleTable } from "../ScheduleTable";
import { useStyles } from "../styles";
import { useWizard } from "../Wizard";
import { METHOD_NAMES } from "./MethodStep";
import { LockList, newHireKeys, QuotaEditor, RowMarks, TeamTable } from "./Locks";
import type { YearPlanRow } from "../../plan/types";

/** From this many reps on, the table gets a search field and a sort order. */
export const SEARCH_FROM = 12;

export type PreviewSort = "sheet" | "quota" | "history" | "name";

/** Rows in the order asked for: the sheet's order, largest quota or history first, or by name. */
export function sortRows(rows: readonly QuotaPlanRow[], sort: PreviewSort, locale: string): QuotaPlanRow[] {
  const indexed = rows.map((row, i) => ({ row, i }));
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  const by: Record<PreviewSort, (a: (typeof indexed)[0], b: (typeof indexed)[0]) => number> = {
    sheet: (a, b) => a.i - b.i,
    quota: (a, b) => b.row.quota - a.row.quota || a.i - b.i,
    history: (a, b) => b.row.history - a.row.history || a.i - b.i,
    name: (a, b) => collator.compare(a.row.rep.trim(), b.row.rep.trim()) || a.i - b.i,
  };
  return indexed.sort(by[sort]).map((x) => x.row);
}

export function PreviewStep() {
  const { t, locale, derived } = useWizard();
  const [editing, setEditing] = useState<string | null>(null);
  const styles = useStyles();
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<PreviewSort>("sheet");
  const [showSchedule, setShowSchedule] = useState(false);
  const deferredQuery = useDeferredValue(query);
  // With a lock that stops the plan, the plan without locks stays in view (the locks are fixed here).
  const result = derived.previewPlan;
  const plan = result?.ok ? result.value : null;
  const shownRows = useMemo(() => {
    if (!plan) return [];
    const key = textKey(deferredQuery);
    const filtered = key === "" ? plan.rows : plan.rows.filter((r) => textKey(r.rep).includes(key));
    return sortRows(filtered, sort, locale === "sv" ? "sv-SE" : "en-US");
  }, [plan, deferredQuery, sort, locale]);
  const newHires = useMemo(() => (plan && derived.history?.ok ? newHireKeys(plan, derived.history.value.reps.length) : new Set<string>()), [plan, derived.history]);
  if (!plan) return <StepHeading>{t("previewHeading")}</StepHeading>;
  const headers = quotaTableHeaders(locale, plan.method);
  // Amounts with the decimals of the rounding unit, as the Quotas sheet formats them.
  const decimals = decimalsOf(plan.params.roundTo);
  const n = (x: number) => formatNumber(x, locale, decimals);
  const c = (x: number) => formatCompact(x, locale, decimals);
  const historyTotal = plan.rows.reduce((s, r) => s + r.history, 0);
  const shareTotal = plan.rows.reduce((s, r) => s + r.share, 0);
  const target = plan.params.target;
  const methodName = t(METHOD_NAMES[plan.method]);
  let totalLine: string;
  if (target === null) totalLine = t("totalNoTarget", { total: n(plan.total) });
  else if (plan.total === target) totalLine = t("totalEqualsTarget", { total: n(plan.total) });
  else totalLine = t("totalRoundedTarget", { total: n(plan.total), target: n(target), round: n(plan.params.roundTo) });
  const searchable = plan.rows.length >= SEARCH_FROM;
  const sortedBy = (id: PreviewSort): "ascending" | "descending" | undefined => (sort === id ? (id === "name" ? "ascending" : "descending") : undefined);

  const columns: DataColumn<YearPlanRow>[] = [
    {
      id: "rep",
      header: headers[0],
      text: (r) => r.rep,
      sort: sortedBy("name"),
      // Narrow panes show the share under the name (the share column is hidden there).
      extra: (r) => (
        <>
          <RowMarks row={r} newHire={newHires.has(textKey(r.rep))} />
          <span className={styles.shareInline} data-inline-share="">
            <span className={styles.visuallyHidden}>{headers[2]} </span>
            {formatPercent(r.share, locale)}
          </span>
        </>
      ),
    },
    { id: "history", header: headers[1], numeric: true, text: (r) => n(r.history), compact: (r) => c(r.history), sort: sortedBy("history") },
    { id: "share", header: headers[2], numeric: true, text: (r) => formatPercent(r.share, locale), className: styles.shareColumn },
    {
      id: "quota",
      header: headers[3],
      numeric: true,
      text: (r) => n(r.quota),
      compact: (r) => c(r.quota),
      sort: sortedBy("quota"),
      // Edit a quota to lock it (the command's --lock): the others re-split at once.
      extra: (r, rowActive) => <QuotaEditor row={r} rowActive={rowActive} editing={editing === r.rep} decimals={decimals} onEdit={setEditing} />,
    },
    { id: "period", header: headers[4], numeric: true, text: (r) => n(r.periodQuota), compact: (r) => c(r.periodQuota) },
  ];

  return (
    <>
      <StepHeading>{t("previewHeading")}</StepHeading>
      <Notice intent={target === null ? "info" : "success"} testId="total-line">
        <p style={{ margin: 0 }}>{totalLine}</p>
        {plan.params.periods > 1 && <p style={{ margin: 0 }}>{t("periodTotalLine", { total: n(plan.periodTotal), periods: plan.params.periods })}</p>}
      </Notice>
      {searchable && (
        <div className={styles.grid2}>
          <Field label={t("searchReps")}>
            <Input type="search" value={query} onChange={(_, d) => setQuery(d.value)} autoComplete="off" data-testid="rep-search" />
          </Field>
          <Field label={t("sortLabel")}>
            <Select value={sort} onChange={(_, d) => setSort(d.value as PreviewSort)} data-testid="rep-sort">
              <option value="sheet">{t("sortSheet")}</option>
              <option value="quota">{t("sortQuota")}</option>
              <option value="history">{t("sortHistory")}</option>
              <option value="name">{t("sortName")}</option>
            </Select>
          </Field>
        </div>
      )}
      {searchable && (
        <p className={styles.hint} role="status" data-testid="rep-count">
          {shownRows.length === 0 ? t("noRepMatches", { query: deferredQuery.trim() }) : t("repsShown", { shown: shownRows.length, count: plan.rows.length })}
        </p>
      )}
      <LockList plan={plan} />
      <DataTable
        columns={columns}
        rows={shownRows as YearPlanRow[]}
        rowKey={(r) => r.rep}
        caption={t("tableCaption", { method: methodName })}
        label={t("tableScrollLabel")}
        testId="preview-table"
        footer={{
          label: searchable ? t("totalAll", { count: plan.rows.length }) : t("total"),
          testId: "totals-row",
          cells: {
            history: { text: n(historyTotal), compact: c(historyTotal) },
            share: { text: formatPercent(shareTotal, locale) },
            quota: { text: n(plan.total), compact: c(plan.total), testId: "total-quota" },
            period: { text: n(plan.periodTotal), compact: c(plan.periodTotal), testId: "total-period" },
          },
        }}
      />
      <TeamTable plan={plan} />
      {plan.params.periods > 1 && <Switch label={t("scheduleToggle")} checked={showSchedule} onChange={(_, d) => setShowSchedule(d.checked)} data-testid="schedule-toggle" />}
      {plan.params.periods > 1 && showSchedule && (
        <div style={{ maxWidth: "100%", minWidth: 0, overflowX: "auto" }}>
          <ScheduleTable plan={plan} locale={locale} t={t} marks={(r) => <RowMarks row={r} newHire={newHires.has(textKey(r.rep))} />} />
        </div>
      )}
      {plan.warnings.length > 0 && (
        <Notice intent="warning" testId="plan-warnings">
          <ul className={mergeClasses(styles.list)} style={{ margin: 0 }}>
            {plan.warnings.map((w, i) => (
              <li key={i}>{planWarningText(w, locale)}</li>
            ))}
          </ul>
        </Notice>
      )}
      <h3 className={styles.subheading}>{t("chartTitle")}</h3>
      <QuotaChart plan={plan} historyLabel={headers[1]} quotaLabel={headers[3]} />
    </>
  );
}
