/**
 * The Quotas sheet of a year plan: the rep × period schedule, the team table and the year
 * plan's lines of the audit block. Pure; buildQuotaWritePlan (quotaSheet.ts) puts them together
 * with the audit block it shares with the annual plan.
 *
 * Layout (1-based columns; T = 1 with teams, else 0):
 *   schedule   A Rep | B Team (T) | Note | periods… | Quota | History, header in row 1, one row
 *              per rep, a totals row of native sums (SUBTOTAL in the table's totals row):
 *              Σ each period = the period target, Σ Quota = the plan total, and every rep's
 *              Quota is the sum of the rep's periods, so the table adds up both ways.
 *   by team    two rows below: a title, then Team | Reps | Share | periods… | Quota with its
 *              period columns under the schedule's (only with teams; it has a totals row too).
 *   audit      two rows below the last table: label in A, value in B (Team, or Note).
 * Amounts are values, never SALES functions; the only formulas are the tables' own totals.
 */
import { Locale, formatTemplate } from "../i18n";
import { periodHeaders } from "../plan/calendar";
import { yearPlanNoteText } from "../plan/messages";
import { NO_TEAM_LABEL, teamRollup } from "../plan/teams";
import type { Phasing, RosterEntry, YearPlan, YearPlanRow } from "../plan/types";
import { textKey } from "../sheet/cells";
import { decimalsOf, formatNumber, QuotaPlan, tidy } from "../sheet/quotaPlan";
import type { CellBlock, PlanTable, PlanValue } from "./plan";
import type { RangeRef } from "./port";
import { moneyFormat, QUOTA_TABLE_NAME, SHARE_FORMAT, type QuotaProvenance } from "./quotaSheet";

export const TEAM_TABLE_NAME = "SalesQuotasByTeam";

export function isYearPlan(plan: QuotaPlan | YearPlan): plan is YearPlan {
  return Array.isArray((plan as YearPlan).periodLabels);
}

/** A year plan seen as an annual plan (one quota per rep): the Quotas sheet's annual table. */
export function annualPlan(plan: YearPlan): QuotaPlan {
  return { method: plan.method, params: plan.params, rows: plan.rows, total: plan.total, periodTotal: plan.periodTotal, warnings: plan.warnings };
}

/** One line of the audit block. */
export interface AuditLine {
  label: string;
  value: PlanValue;
  format?: string | null;
}

type YearTexts = Record<
  | "rep"
  | "team"
  | "note"
  | "quota"
  | "history"
  | "reps"
  | "share"
  | "total"
  | "byTeam"
  | "noTeam"
  | "locked"
  | "newHire"
  | "newHireRamp"
  | "leaver"
  | "ramp"
  | "phasing"
  | "phasingEqual"
  | "phasingHistory"
  | "phasingTeam"
  | "phasingPattern"
  | "start"
  | "companyTarget"
  | "uplift"
  | "planTotal"
  | "coverage"
  | "lockLabel"
  | "rosterSource"
  | "rosterLabel"
  | "starts"
  | "ends"
  | "rampSteps"
  | "fullQuota"
  | "fullMedian"
  | "planNote",
  string
>;

const TEXTS: Record<Locale, YearTexts> = {
  en: {
    rep: "Rep",
    team: "Team",
    note: "Note",
    quota: "Quota",
    history: "History",
    reps: "Reps",
    share: "Share",
    total: "Total",
    byTeam: "Quotas by team",
    noTeam: NO_TEAM_LABEL.en,
    locked: "locked",
    newHire: "new hire",
    newHireRamp: "new hire (ramp)",
    leaver: "leaver",
    ramp: "ramp",
    phasing: "Phasing",
    phasingEqual: "equal: the same amount every period",
    phasingHistory: "history: each rep's own months (the team's pattern where a rep has none)",
    phasingTeam: "team: the whole team's months of history",
    phasingPattern: "pattern: {weights}",
    start: "First period",
    companyTarget: "Company target",
    uplift: "Uplift (over-assignment)",
    planTotal: "Plan total (Σ quotas)",
    coverage: "Coverage (plan total ÷ target)",
    lockLabel: "Locked: {rep}",
    rosterSource: "Roster",
    rosterLabel: "Roster: {rep}",
    starts: "starts {date}",
    ends: "ends {date}",
    rampSteps: "ramp {steps}",
    fullQuota: "full quota {amount} a month",
    fullMedian: "full quota: the tenured reps' median",
    planNote: "Note",
  },
  sv: {
    rep: "Säljare",
    team: "Team",
    note: "Obs",
    quota: "Kvot",
    history: "Historik",
    reps: "Antal säljare",
    share: "Andel",
    total: "Totalt",
    byTeam: "Kvoter per team",
    noTeam: NO_TEAM_LABEL.sv,
    locked: "låst",
    newHire: "nyanställd",
    newHireRamp: "nyanställd (upprampning)",
    leaver: "slutar",
    ramp: "upprampning",
    phasing: "Fördelning över perioderna",
    phasingEqual: "jämn: samma belopp varje period",
    phasingHistory: "historik: varje säljares egna månader (teamets mönster för den som saknar)",
    phasingTeam: "team: hela teamets månader i historiken",
    phasingPattern: "mönster: {weights}",
    start: "Första perioden",
    companyTarget: "Företagets mål",
    uplift: "Påslag (överfördelning)",
    planTotal: "Planens summa (Σ kvoter)",
    coverage: "Täckning (planens summa ÷ målet)",
    lockLabel: "Låst: {rep}",
    rosterSource: "Personallista",
    rosterLabel: "Personallista: {rep}",
    starts: "börjar {date}",
    ends: "slutar {date}",
    rampSteps: "upprampning {steps}",
    fullQuota: "full kvot {amount} per månad",
    fullMedian: "full kvot: de erfarna säljarnas median",
    planNote: "Obs",
  },
};

// The period headers ("Jan 2026", "Q1 2026", "Feb–Apr 2026") live in plan/calendar.ts, shared with the letters.
export { periodHeader, periodHeaders } from "../plan/calendar";

function rosterByRep(plan: YearPlan): Map<string, RosterEntry> {
  const out = new Map<string, RosterEntry>();
  for (const e of plan.params.roster ?? []) if (!out.has(textKey(e.rep))) out.set(textKey(e.rep), e);
  return out;
}

/** The Note cell of a rep: "locked", "new hire (ramp)", "leaver", joined by "; ". */
export function repNote(row: YearPlanRow, roster: Map<string, RosterEntry>, locale: Locale = "en"): string | null {
  const t = TEXTS[locale] ?? TEXTS.en;
  const parts: string[] = [];
  if (row.locked) parts.push(t.locked);
  if (row.rostered) {
    const e = roster.get(textKey(row.rep));
    if (e?.start) parts.push(e.ramp && e.ramp.length > 0 ? t.newHireRamp : t.newHire);
    else if (e?.ramp && e.ramp.length > 0) parts.push(t.ramp);
    if (e?.end) parts.push(t.leaver);
    if (!e) parts.push(t.rosterSource.toLowerCase());
  }
  return parts.length > 0 ? parts.join("; ") : null;
}

function characters(text: string): number {
  return [...text].length;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Characters a number takes in a #,##0.00-style format. */
function numberWidth(value: number, decimals: number): number {
  const digits = Math.max(1, Math.floor(Math.log10(Math.max(1, Math.abs(value)))) + 1);
  return digits + Math.floor((digits - 1) / 3) + (decimals > 0 ? decimals + 1 : 0) + (value < 0 ? 1 : 0);
}

export interface YearSchedule {
  blocks: CellBlock[];
  tables: PlanTable[];
  /** The row where the audit block starts (its heading). */
  blockRow: number;
  historyColumn: number;
  quotaColumn: number;
  /** The schedule with its totals row (what the user is shown after writing). */
  result: RangeRef;
  /** Column widths, given the audit block's label width and its widest number or date value. */
  columnWidths(labelWidth: number, valueWidth: number): { column: number; width: number }[];
}

/** The schedule table and, with teams, the team table. */
export function yearSchedule(plan: YearPlan, sheetName: string, locale: Locale = "en"): YearSchedule {
  const t = TEXTS[locale] ?? TEXTS.en;
  const money = moneyFormat(plan.params.roundTo);
  const decimals = decimalsOf(plan.params.roundTo);
  const periods = periodHeaders(plan, locale);
  const P = periods.length;
  const hasTeams = plan.teams.length > 0;
  const repCol = 1;
  const teamCol = hasTeams ? 2 : 0;
  const noteCol = hasTeams ? 3 : 2;
  const firstPeriodCol = noteCol + 1;
  const quotaCol = firstPeriodCol + P;
  const historyCol = quotaCol + 1;
  const lastCol = historyCol;
  const roster = rosterByRep(plan);
  const range = (firstRow: number, firstColumn: number, lastRow: number, lastColumn: number): RangeRef => ({ sheet: sheetName, firstRow, firstColumn, lastRow, lastColumn });

  // --- The schedule ------------------------------------------------------------------------------
  const header: string[] = [t.rep];
  if (hasTeams) header.push(t.team);
  header.push(t.note, ...periods, t.quota, t.history);
  const headerRow = 1;
  const firstDataRow = 2;
  const n = plan.rows.length;
  const lastDataRow = headerRow + Math.max(n, 1);
  const totalsRow = lastDataRow + 1;
  const data: PlanValue[][] = plan.rows.map((r) => {
    const row: PlanValue[] = [r.rep];
    if (hasTeams) row.push(r.team ?? null);
    row.push(repNote(r, roster, locale), ...r.schedule, r.quota, r.history);
    return row;
  });
  if (data.length === 0) data.push(header.map(() => null));
  const textFormats = hasTeams ? ["@", "@", "@"] : ["@", "@"];
  const formats = [...textFormats, ...periods.map(() => money), money, money];
  const blocks: CellBlock[] = [
    { row: headerRow, column: 1, values: [header], bold: true },
    { row: firstDataRow, column: 1, values: data, columnFormats: formats },
  ];
  const columnSums = (rows: { schedule: number[]; quota: number }[]) => {
    const sums = Array.from({ length: P }, () => 0);
    let quota = 0;
    for (const r of rows) {
      for (let k = 0; k < P; k++) sums[k] += r.schedule[k] ?? 0;
      quota += r.quota;
    }
    return { periods: sums.map(tidy), quota: tidy(quota) };
  };
  const repSums = columnSums(plan.rows);
  const historyTotal = tidy(plan.rows.reduce((s, r) => s + r.history, 0));
  const scheduleTable: PlanTable = {
    name: QUOTA_TABLE_NAME,
    range: range(headerRow, 1, lastDataRow, lastCol),
    columns: [
      { name: header[0], totals: { label: t.total } },
      ...(hasTeams ? [{ name: t.team, totals: null }] : []),
      { name: t.note, totals: null },
      ...periods.map((name, k) => ({ name, totals: { function: "sum" as const, value: repSums.periods[k] } })),
      { name: t.quota, totals: { function: "sum", value: repSums.quota } },
      { name: t.history, totals: { function: "sum", value: historyTotal } },
    ],
    showTotals: true,
    style: "TableStyleMedium2",
  };
  const tables: PlanTable[] = [scheduleTable];

  // --- By team ---------------------------------------------------------------------------------
  let nextRow = totalsRow + 2;
  let teamWidth = characters(t.team);
  if (hasTeams) {
    const titleRow = totalsRow + 2;
    const teamHeaderRow = titleRow + 1;
    const teamFirst = teamHeaderRow + 1;
    // Reps in no team (a new hire from the roster without one) get a row, so the table adds up to the plan total.
    const teamRows = teamRollup(plan).map((r) => ({ ...r, team: r.team ?? t.noTeam }));
    const teamLast = teamHeaderRow + teamRows.length;
    const teamHeader = [t.team, t.reps, t.share, ...periods, t.quota];
    const total = plan.planTotal;
    const teamData: PlanValue[][] = teamRows.map((team) => [
      team.team,
      team.reps,
      total === 0 ? 0 : team.quota / total,
      ...team.schedule,
      team.quota,
    ]);
    blocks.push({ row: titleRow, column: 1, values: [[t.byTeam]], bold: true });
    blocks.push({ row: teamHeaderRow, column: 1, values: [teamHeader], bold: true });
    blocks.push({ row: teamFirst, column: 1, values: teamData, columnFormats: ["@", "0", SHARE_FORMAT, ...periods.map(() => money), money] });
    const teamSums = columnSums(teamRows.map((r) => ({ schedule: r.schedule, quota: r.quota })));
    tables.push({
      name: TEAM_TABLE_NAME,
      range: range(teamHeaderRow, 1, teamLast, teamHeader.length),
      columns: [
        { name: t.team, totals: { label: t.total } },
        { name: t.reps, totals: { function: "sum", value: teamData.reduce((s, r) => s + (r[1] as number), 0) } },
        { name: t.share, totals: { function: "sum", value: tidy(teamData.reduce((s, r) => s + (r[2] as number), 0)) } },
        ...periods.map((name, k) => ({ name, totals: { function: "sum" as const, value: teamSums.periods[k] } })),
        { name: t.quota, totals: { function: "sum", value: teamSums.quota } },
      ],
      showTotals: true,
      style: "TableStyleMedium2",
    });
    nextRow = teamLast + 1 + 2;
    for (const team of teamRows) teamWidth = Math.max(teamWidth, characters(team.team));
  }

  // --- Widths ----------------------------------------------------------------------------------
  const repWidth = plan.rows.reduce((m, r) => Math.max(m, characters(r.rep)), Math.max(characters(header[0]), characters(t.total)));
  const noteWidth = plan.rows.reduce((m, r) => Math.max(m, characters(repNote(r, roster, locale) ?? "")), characters(t.note));
  // One width for every period column (the widest header or sum), so the months line up.
  let widest = 0;
  for (let k = 0; k < P; k++) widest = Math.max(widest, characters(periods[k]), numberWidth(repSums.periods[k], decimals));
  const columnWidths = (labelWidth: number, valueWidth: number) => {
    const out: { column: number; width: number }[] = [];
    // Column A holds the rep names and the audit block's labels; B the block's values.
    out.push({ column: repCol, width: clamp(Math.max(repWidth, labelWidth) + 2, 12, 40) });
    if (hasTeams) out.push({ column: teamCol, width: clamp(Math.max(teamWidth + 2, valueWidth), 8, 30) });
    out.push({ column: noteCol, width: clamp(Math.max(noteWidth + 2, hasTeams ? characters(t.share) + 3 : valueWidth), 8, 30) });
    for (let k = 0; k < P; k++) out.push({ column: firstPeriodCol + k, width: clamp(widest + 2, 9, 20) });
    out.push({ column: quotaCol, width: clamp(Math.max(numberWidth(repSums.quota, decimals), characters(t.quota)) + 3, 10, 24) });
    out.push({ column: historyCol, width: clamp(Math.max(numberWidth(historyTotal, decimals), characters(t.history)) + 3, 10, 24) });
    return out;
  };

  return {
    blocks,
    tables,
    blockRow: nextRow,
    historyColumn: historyCol,
    quotaColumn: quotaCol,
    result: range(headerRow, 1, totalsRow, lastCol),
    columnWidths,
  };
}

function phasingText(phasing: Phasing, t: YearTexts, locale: Locale): string {
  switch (phasing.kind) {
    case "equal":
      return t.phasingEqual;
    case "history":
      return t.phasingHistory;
    case "team":
      return t.phasingTeam;
    case "pattern":
      return formatTemplate(t.phasingPattern, { weights: phasing.weights.map((w) => formatNumber(w, locale, 4)).join(locale === "sv" ? "; " : ", ") });
  }
}

function rosterText(e: RosterEntry, t: YearTexts, locale: Locale): string {
  const parts: string[] = [];
  if (e.start) parts.push(formatTemplate(t.starts, { date: e.start }));
  if (e.end) parts.push(formatTemplate(t.ends, { date: e.end }));
  if (e.ramp && e.ramp.length > 0) {
    const steps = e.ramp.map((x) => `${formatNumber(x * 100, locale, 1)} %`).join(", ");
    parts.push(formatTemplate(t.rampSteps, { steps }));
  }
  if (e.start || (e.ramp && e.ramp.length > 0)) {
    parts.push(e.full === null ? t.fullMedian : formatTemplate(t.fullQuota, { amount: formatNumber(e.full, locale) }));
  }
  return parts.join("; ");
}

/**
 * The year plan's lines of the audit block: phasing, first period, company target, uplift,
 * plan total and coverage together, the locks and the roster.
 */
export function yearAuditLines(plan: YearPlan, provenance: QuotaProvenance, locale: Locale = "en"): AuditLine[] {
  const t = TEXTS[locale] ?? TEXTS.en;
  const money = moneyFormat(plan.params.roundTo);
  const p = plan.params;
  const lines: AuditLine[] = [];
  lines.push({ label: t.phasing, value: phasingText(p.phasing, t, locale) });
  const first = plan.periodLabels[0];
  if (first !== undefined) lines.push({ label: t.start, value: periodHeaders(plan, locale)[0] ?? first });
  lines.push({ label: t.companyTarget, value: plan.target, format: money });
  lines.push({ label: t.uplift, value: p.uplift, format: SHARE_FORMAT });
  lines.push({ label: t.planTotal, value: plan.planTotal, format: money });
  lines.push({ label: t.coverage, value: plan.coverage, format: SHARE_FORMAT });
  for (const lock of p.locks) lines.push({ label: formatTemplate(t.lockLabel, { rep: lock.rep }), value: lock.amount, format: money });
  if (provenance.roster) lines.push({ label: t.rosterSource, value: provenance.roster });
  for (const e of p.roster ?? []) lines.push({ label: formatTemplate(t.rosterLabel, { rep: e.rep }), value: rosterText(e, t, locale) });
  return lines;
}

/** YearPlan.notes in the reader's language, one audit line each. */
export function yearNoteLines(plan: YearPlan, locale: Locale = "en"): AuditLine[] {
  const t = TEXTS[locale] ?? TEXTS.en;
  return plan.notes.map((note) => ({ label: t.planNote, value: yearPlanNoteText(note, locale) }));
}
