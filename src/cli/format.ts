/** How the `quota` command shows a plan: an aligned table for people, JSON for programs. */
import { Locale } from "../i18n";
import { decimalsOf, formatNumber, QuotaPlan, tidy } from "../sheet/quotaPlan";
import { DEFAULT_OUTPUT_SHEET } from "../workbook/plan";
import { quotaTableHeaders } from "../workbook/quotaSheet";
import { CliError } from "./messages";

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

/** Up to this many reps the table lists them all; above, the largest quotas and a count. */
export const TABLE_MAX_REPS = 50;

/** Indexes of the `count` largest quotas, largest first; on a tie the earlier rep first. */
function largestQuotas(plan: QuotaPlan, count: number): number[] {
  const rows = plan.rows;
  const before = (a: number, b: number) => rows[a].quota > rows[b].quota || (rows[a].quota === rows[b].quota && a < b);
  // One pass keeping a small sorted list: no sort (or copy) of a data-sized array.
  const top: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    if (top.length === count && !before(i, top[top.length - 1])) continue;
    let at = top.length;
    while (at > 0 && before(i, top[at - 1])) at--;
    top.splice(at, 0, i);
    if (top.length > count) top.pop();
  }
  return top;
}

export interface TableOptions {
  /** The sheet the full table is written to, named when the printed table is cut short. */
  sheet?: string;
}

/**
 * The plan as an aligned text table with a totals line. Up to TABLE_MAX_REPS reps every rep is
 * listed in plan order; beyond that the largest quotas are listed and a line says how many
 * more reps are in the written sheet (the totals line still covers every rep).
 */
export function formatPlanTable(plan: QuotaPlan, locale: Locale = "en", options: TableOptions = {}): string {
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
  const cut = plan.rows.length > TABLE_MAX_REPS;
  const shown = cut ? largestQuotas(plan, TABLE_MAX_REPS).map((i) => plan.rows[i]) : plan.rows;
  const body = shown.map((r) => [printable(r.rep), money(r.history), percent(r.share), money(r.quota), money(r.periodQuota)]);
  const totals = [totalLabel, money(tidy(historyTotal)), percent(tidy(shareTotal)), money(plan.total), money(plan.periodTotal)];
  const widths = headers.map((h) => width(h));
  for (const row of [...body, totals]) row.forEach((cell, i) => (widths[i] = Math.max(widths[i], width(cell))));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? padEnd(cell, widths[i]) : padStart(cell, widths[i]))).join("  ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const more = cut
    ? [new CliError("moreReps", { count: formatNumber(plan.rows.length - shown.length, locale), shown: formatNumber(shown.length, locale), sheet: options.sheet ?? DEFAULT_OUTPUT_SHEET }).messageIn(locale)]
    : [];
  return [line(headers), rule, ...body.map(line), ...more, rule, line(totals)].join("\n") + "\n";
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
