/**
 * The year plan's schedule in the preview: rep × period, with the rep column sticky and a
 * totals row (each period's target, and the plan total) — the same numbers the Quotas sheet
 * shows in its schedule layout. Sums hold both ways (planYear guarantees it).
 */
import type { ReactNode } from "react";
import type { Locale } from "../i18n";
import type { YearPlan, YearPlanRow } from "../plan/types";
import { decimalsOf } from "../sheet/quotaPlan";
import { periodHeaders } from "../workbook/yearSheet";
import { quotaTableHeaders } from "../workbook/quotaSheet";
import { DataTable, type DataColumn } from "./DataTable";
import { formatCompact, formatNumber } from "./format";
import type { Translate } from "./strings";

export function ScheduleTable({ plan, locale, t, marks }: { plan: YearPlan; locale: Locale; t: Translate; marks?: (row: YearPlanRow) => ReactNode }) {
  const decimals = decimalsOf(plan.params.roundTo);
  const n = (x: number) => formatNumber(x, locale, decimals);
  const c = (x: number) => formatCompact(x, locale, decimals);
  const headers = quotaTableHeaders(locale, plan.method);
  const periods = periodHeaders(plan, locale);
  const columns: DataColumn<YearPlanRow>[] = [
    { id: "rep", header: headers[0], text: (r) => r.rep, ...(marks ? { extra: marks } : {}) },
    ...periods.map((header, i) => ({ id: `p${i}`, header, numeric: true, text: (r: YearPlanRow) => n(r.schedule[i]), compact: (r: YearPlanRow) => c(r.schedule[i]) })),
    { id: "quota", header: headers[3], numeric: true, text: (r) => n(r.quota), compact: (r) => c(r.quota) },
  ];
  const cells: Record<string, { text: string; compact?: string; testId?: string }> = { quota: { text: n(plan.planTotal), compact: c(plan.planTotal), testId: "schedule-total" } };
  plan.periodTargets.forEach((x, i) => (cells[`p${i}`] = { text: n(x), compact: c(x) }));
  return (
    <DataTable
      columns={columns}
      rows={plan.rows}
      rowKey={(r) => r.rep}
      caption={t("scheduleHeading")}
      label={t("scheduleScrollLabel")}
      testId="schedule-table"
      footer={{ label: t("total"), testId: "schedule-totals", cells }}
    />
  );
}
