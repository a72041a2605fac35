/**
 * Before an update is written: what changes per rep against the stored plan (src/plan/planDiff.ts,
 * the rule `quota refresh` reports with) — old quota → new quota, the difference, reps added
 * and removed — or "no changes" when the plan comes out the same to the unit.
 */
import { useMemo } from "react";
import { diffPlans, type RepChange } from "../plan/planDiff";
import { decimalsOf } from "../sheet/quotaPlan";
import { DataTable, type DataColumn } from "./DataTable";
import { formatNumber } from "./format";
import { updateTranslator } from "./updateStrings";
import { useWizard } from "./Wizard";

export function UpdateChanges() {
  const { state, derived, locale } = useWizard();
  const t = useMemo(() => updateTranslator(locale), [locale]);
  const update = state.update;
  const plan = derived.plan?.ok ? derived.plan.value : null;
  const diff = useMemo(() => (update && plan ? diffPlans(update.before, plan.rows) : null), [update, plan]);
  if (!update || !plan || !diff) return null;
  const decimals = decimalsOf(plan.params.roundTo);
  const n = (x: number) => formatNumber(x, locale, decimals);
  const signed = (x: number) => (x > 0 ? `+${n(x)}` : x < 0 ? `−${n(-x)}` : n(0));
  const date = update.createdAt.slice(0, 10);
  if (diff.changes.length === 0) {
    return (
      <p data-testid="update-no-changes" role="status">
        {t("changesNone", { date, total: n(diff.totalAfter) })}
      </p>
    );
  }
  const columns: DataColumn<RepChange>[] = [
    { id: "rep", header: t("colRep"), text: (r) => (r.before === null ? `${r.rep} (${t("repNew")})` : r.after === null ? `${r.rep} (${t("repGone")})` : r.rep) },
    { id: "before", header: t("colBefore"), numeric: true, text: (r) => (r.before === null ? "—" : n(r.before)) },
    { id: "after", header: t("colAfter"), numeric: true, text: (r) => (r.after === null ? "—" : n(r.after)) },
    { id: "difference", header: t("colDifference"), numeric: true, text: (r) => (r.scheduleOnly ? t("scheduleOnly") : signed(r.difference)) },
  ];
  return (
    <div data-testid="update-changes">
      <p data-testid="update-changes-summary">
        {t("changesSummary", { count: diff.changes.length, date, same: diff.unchanged, before: n(diff.totalBefore), after: n(diff.totalAfter) })}
      </p>
      <DataTable columns={columns} rows={diff.changes} rowKey={(r) => `${r.rep}|${r.before === null ? "new" : r.after === null ? "gone" : ""}`} caption={t("changesHeading")} label={t("changesHeading")} testId="update-changes-table" />
    </div>
  );
}
