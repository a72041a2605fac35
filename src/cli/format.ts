/** How the `quota` command shows a plan: an aligned table for people, JSON for programs. */
import { Locale } from "../i18n";
import { decimalsOf, formatNumber, QuotaPlan, tidy } from "../sheet/quotaPlan";
import { DEFAULT_OUTPUT_SHEET } from "../workbook/plan";
import { quotaTableHeaders } from "../workbook/quotaSheet";
import { CliError } from "./messages";
import { periodLabelIn } from "../plan/calendar";
import { NO_TEAM_LABEL, teamRollup } from "../plan/teams";
import type { YearPlan } from "../plan/types";

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

// --- The year plan ---------------------------------------------------------------------------

/** Period targets, several to a line so twelve months fit in 80 columns. */
function periodTargetLines(plan: YearPlan, money: (n: number) => string, locale: Locale): string[] {
  const amounts = plan.periodTargets.map(money);
  const labels = plan.periodLabels.map((l) => periodLabelIn(l, locale));
  let aw = 0;
  let lw = 0;
  amounts.forEach((a, j) => {
    aw = Math.max(aw, width(a));
    lw = Math.max(lw, width(labels[j]));
  });
  const cells = labels.map((label, j) => `${padEnd(label, lw)}  ${padStart(amounts[j], aw)}`);
  const w = lw + 2 + aw;
  const perLine = Math.max(1, Math.floor(82 / (w + 3)));
  const title = locale === "sv" ? `Periodmål (summa ${money(plan.planTotal)}):` : `Period targets (sum ${money(plan.planTotal)}):`;
  const lines = [title];
  for (let k = 0; k < cells.length; k += perLine) lines.push(cells.slice(k, k + perLine).map((c) => padStart(c, w)).join("   ").trimEnd());
  return lines;
}

/** A rep × period table with a totals row (the period targets). */
function scheduleTable(first: string, rows: { name: string; schedule: number[]; quota: number }[], plan: YearPlan, money: (n: number) => string, locale: Locale): string[] {
  const totalLabel = locale === "sv" ? "Totalt" : "Total";
  const headers = [first, ...plan.periodLabels.map((l) => periodLabelIn(l, locale)), locale === "sv" ? "Kvot" : "Quota"];
  const body = rows.map((r) => [printable(r.name), ...r.schedule.map(money), money(r.quota)]);
  const totals = [totalLabel, ...plan.periodTargets.map(money), money(plan.planTotal)];
  const widths = headers.map((h) => width(h));
  for (const row of [...body, totals]) row.forEach((cell, i) => (widths[i] = Math.max(widths[i], width(cell))));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? padEnd(cell, widths[i]) : padStart(cell, widths[i]))).join("  ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(headers), rule, ...body.map(line), rule, line(totals)];
}

/**
 * What the year plan adds below the annual table: with up to four periods the rep × period
 * schedule, with more the period targets (the full schedule is in the sheet and the JSON);
 * then the teams, when a team column is used.
 */
export function formatYearPlan(plan: YearPlan, locale: Locale = "en"): string {
  const decimals = plan.params.roundTo === 0 ? 2 : decimalsOf(plan.params.roundTo);
  const money = (n: number) => formatNumber(n, locale, decimals, decimals);
  const out: string[] = [];
  const periods = plan.periodLabels.length;
  if (periods > 1) {
    out.push("");
    // With more reps than the annual table lists, the period targets stand in for the schedule.
    const lines =
      periods <= 4 && plan.rows.length <= TABLE_MAX_REPS
        ? scheduleTable(locale === "sv" ? "Säljare" : "Rep", plan.rows.map((r) => ({ name: r.rep, schedule: r.schedule, quota: r.quota })), plan, money, locale)
        : periodTargetLines(plan, money, locale);
    for (const l of lines) out.push(l);
  }
  if (plan.teams.length > 0) {
    out.push("");
    // As in the sheet, the reps in no team (new hires from the roster) get a row of their own,
    // so the team table adds up to the plan total and the period targets.
    const wide = periods > 1 && periods <= 4;
    const teams = teamRollup(plan).map((t) => ({ name: t.team ?? NO_TEAM_LABEL[locale], schedule: wide ? t.schedule : [], quota: t.quota }));
    const sums = { ...plan, periodLabels: wide ? plan.periodLabels : [], periodTargets: wide ? plan.periodTargets : [] };
    for (const l of scheduleTable("Team", teams, sums, money, locale)) out.push(l);
  }
  return out.length ? `${out.join("\n")}\n` : "";
}

export interface YearPlanJson extends PlanJson {
  planTotal: number;
  start: string;
  uplift: number;
  periodLabels: string[];
  periodTargets: number[];
  rows: (PlanJson["rows"][number] & { schedule: number[]; team: string | null; locked: boolean; rostered: boolean })[];
  teams: { team: string; quota: number; schedule: number[] }[];
}

export function yearPlanJson(plan: YearPlan): YearPlanJson {
  const flat = planJson(plan);
  return {
    ...flat,
    planTotal: plan.planTotal,
    start: plan.params.start,
    uplift: plan.params.uplift,
    periodLabels: plan.periodLabels,
    periodTargets: plan.periodTargets,
    rows: plan.rows.map((r, i) => ({ ...flat.rows[i], schedule: r.schedule, team: r.team, locked: r.locked, rostered: r.rostered })),
    teams: plan.teams.map((t) => ({ team: t.team, quota: t.quota, schedule: t.schedule })),
  };
}
