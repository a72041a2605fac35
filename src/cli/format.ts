/** How the `quota` command shows a plan: an aligned table for people, JSON for programs. */
import { Locale } from "../i18n";
import { decimalsOf, formatNumber, QuotaPlan, tidy } from "../sheet/quotaPlan";
import { quotaTableHeaders } from "../workbook/quotaSheet";

/** Control characters in a rep name would break the terminal's layout. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
}

/** Display width: code points (good enough for names in Latin, Nordic and similar scripts). */
function width(text: string): number {
  return [...text].length;
}

function padEnd(text: string, n: number): string {
  return text + " ".repeat(Math.max(0, n - width(text)));
}

function padStart(text: string, n: number): string {
  return " ".repeat(Math.max(0, n - width(text))) + text;
}

/** The plan as an aligned text table with a totals line. */
export function formatPlanTable(plan: QuotaPlan, locale: Locale = "en"): string {
  const decimals = plan.params.roundTo === 0 ? 2 : decimalsOf(plan.params.roundTo);
  const money = (n: number) => formatNumber(n, locale, decimals, decimals);
  const percent = (n: number) => `${formatNumber(n * 100, locale, 1, 1)} %`;
  const headers = quotaTableHeaders(locale, plan.method);
  const totalLabel = locale === "sv" ? "Totalt" : "Total";
  let historyTotal = 0;
  let shareTotal = 0;
  for (const r of plan.rows) {
    historyTotal += r.history;
    shareTotal += r.share;
  }
  const body = plan.rows.map((r) => [printable(r.rep), money(r.history), percent(r.share), money(r.quota), money(r.periodQuota)]);
  const totals = [totalLabel, money(tidy(historyTotal)), percent(tidy(shareTotal)), money(plan.total), money(plan.periodTotal)];
  const all = [headers, ...body, totals];
  const widths = headers.map((_, i) => Math.max(...all.map((row) => width(row[i]))));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? padEnd(cell, widths[i]) : padStart(cell, widths[i]))).join("  ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(headers), rule, ...body.map(line), rule, line(totals)].join("\n") + "\n";
}

export interface PlanJson {
  method: string;
  target: number | null;
  periods: number;
  round: number;
  rows: { rep: string; history: number; quota: number; periodQuota: number }[];
  total: number;
}

export function planJson(plan: QuotaPlan): PlanJson {
  return {
    method: plan.method,
    target: plan.params.target,
    periods: plan.params.periods,
    round: plan.params.roundTo,
    rows: plan.rows.map((r) => ({ rep: r.rep, history: r.history, quota: r.quota, periodQuota: r.periodQuota })),
    total: plan.total,
  };
}
