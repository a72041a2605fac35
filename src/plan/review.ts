/**
 * A review of a year plan against actual sales: per rep and per period the quota, the actual
 * and the attainment, and to date the totals, the attainment and a run-rate projection to the
 * end of the plan. Pure: the plan's schedule and the actuals (aggregated by rep and month, as
 * src/sheet/aggregate.ts gives them) in, numbers out.
 *
 * Rules:
 * - The review covers the periods that have ended by `through` (a month, "YYYY-MM"): a quarter
 *   counts once its last month is in. Actuals dated after `through` or before the plan start
 *   are left out (counted in `actualsOutside`).
 * - Attainment = actual ÷ quota; null where the quota is 0 (a rep not yet ramped in).
 * - Projection = actual to date ÷ periods elapsed × periods in the plan (run rate).
 * - Reps are matched as the plan matches them: trimmed, case-insensitive (textKey). Actuals for
 *   reps that are not in the plan are listed in `unmatched`, never dropped silently.
 * - atOrAbove: the share of reps with a quota to date > 0 whose attainment is ≥ 100 %.
 *   Planners expect roughly 55–70 % in a healthy plan.
 */
import { LocalizedError } from "../i18n";
import { textKey } from "../sheet/cells";
import { monthIndex, periodMonths } from "./periods";
import { teamRollup, type TeamRollupInput } from "./teams";
import type { TeamRow } from "./types";

export interface ReviewPlanRow {
  rep: string;
  team: string | null;
  /** The annual quota: Σ schedule. */
  quota: number;
  schedule: number[];
}

export interface ActualRep {
  /** The name as spelled in the actuals. */
  name: string;
  /** Sums by "YYYY-MM". */
  byMonth: Record<string, number>;
}

export interface ReviewInput {
  /** First plan month, "YYYY-MM". */
  start: string;
  periodLabels: string[];
  rows: ReviewPlanRow[];
  actuals: ActualRep[];
  /** The last month with actuals to review, "YYYY-MM". */
  through: string;
}

export interface ReviewPeriod {
  period: string;
  quota: number;
  actual: number;
  attainment: number | null;
}

export interface ReviewFigures {
  quota: number;
  quotaToDate: number;
  actualToDate: number;
  attainment: number | null;
  projection: number;
  byPeriod: ReviewPeriod[];
}

export interface ReviewRow extends ReviewFigures {
  rep: string;
  team: string | null;
}

/** A team's figures (plan/teams.ts teamRollup): team null is the reps in no team, so the teams add up to the total. */
export interface ReviewTeam extends ReviewFigures {
  team: string | null;
  reps: number;
}

/** Attainment bands, as the Attainment sheet colours them. */
export const NEAR_QUOTA = 0.9;

export interface Review {
  through: string;
  /** Labels of the periods reviewed (those ended by `through`). */
  periods: string[];
  /** All of the plan's periods. */
  periodsInPlan: number;
  rows: ReviewRow[];
  teams: ReviewTeam[];
  total: ReviewFigures;
  /** Share (0..1) of reps with a quota to date who are at or above it; null when none has one. */
  atOrAbove: number | null;
  /** Reps with a quota to date, by attainment band. */
  distribution: { below: number; near: number; atOrAbove: number };
  /** Actuals for reps the plan does not have, with their total in the reviewed months. */
  unmatched: { rep: string; actualToDate: number }[];
  /** Σ actuals dated outside the reviewed months (before the start or after `through`). */
  actualsOutside: number;
}

export const reviewMessages = {
  throughBeforeFirstPeriod: {
    en: "No period of the plan has ended by {through}: the first period ends in {firstEnd}. Give a later --through month.",
    sv: "Ingen period i planen har tagit slut till och med {through}: den första perioden slutar {firstEnd}. Ange en senare månad för --through.",
  },
  badThrough: {
    en: "\"{value}\" is not a month: write it as YYYY-MM, for example 2026-03.",
    sv: "\"{value}\" är ingen månad: skriv den som ÅÅÅÅ-MM, till exempel 2026-03.",
  },
  periodsNotCalendar: {
    en: "A plan in {periods} periods does not follow calendar months, so it cannot be reviewed against dated sales: make the plan in 1, 2, 3, 4, 6 or 12 periods.",
    sv: "En plan i {periods} perioder följer inte kalendermånaderna, så den kan inte följas upp mot daterad försäljning: gör planen i 1, 2, 3, 4, 6 eller 12 perioder.",
  },
  scheduleLength: {
    en: "The plan for {rep} has {count} periods, not {periods}: the stored plan is damaged.",
    sv: "Planen för {rep} har {count} perioder, inte {periods}: den sparade planen är skadad.",
  },
};

export class ReviewError extends LocalizedError {
  constructor(key: keyof typeof reviewMessages, params: Record<string, string | number> = {}) {
    super(reviewMessages, key, params);
    this.name = "ReviewError";
  }
}

/** Sums amounts that carry float noise, keeping Excel's 15 significant digits. */
function tidy(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(15));
}

function ratio(actual: number, quota: number): number | null {
  return quota > 0 ? actual / quota : null;
}

function figures(quota: number, schedule: number[], actualByPeriod: number[], elapsed: number, labels: string[]): ReviewFigures {
  let quotaToDate = 0;
  let actualToDate = 0;
  const byPeriod: ReviewPeriod[] = [];
  for (let p = 0; p < elapsed; p++) {
    quotaToDate += schedule[p];
    actualToDate += actualByPeriod[p];
    byPeriod.push({ period: labels[p], quota: schedule[p], actual: tidy(actualByPeriod[p]), attainment: ratio(actualByPeriod[p], schedule[p]) });
  }
  quotaToDate = tidy(quotaToDate);
  actualToDate = tidy(actualToDate);
  return {
    quota,
    quotaToDate,
    actualToDate,
    attainment: ratio(actualToDate, quotaToDate),
    projection: tidy((actualToDate / elapsed) * schedule.length),
    byPeriod,
  };
}

/**
 * The team subtotals of a plan kept without them (the stored plan keeps only its reps), as
 * plan.teams has them: in order of first appearance, names compared as rep names are. Kept
 * here, not in teams.ts, so the task pane's first load stays small.
 */
function teamsOfRows(rows: TeamRollupInput["rows"], periods: number): TeamRow[] {
  const byKey = new Map<string, TeamRow>();
  for (const r of rows) {
    if (r.team === null) continue;
    const key = textKey(r.team);
    let team = byKey.get(key);
    if (!team) {
      team = { team: r.team, quota: 0, schedule: new Array<number>(periods).fill(0) };
      byKey.set(key, team);
    }
    team.quota += r.quota;
    r.schedule.forEach((x, k) => (team!.schedule[k] += x));
  }
  return [...byKey.values()].map((t) => ({ team: t.team, quota: tidy(t.quota), schedule: t.schedule.map(tidy) }));
}

export function reviewPlan(input: ReviewInput): Review {
  const { start, periodLabels, rows, through } = input;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(through)) throw new ReviewError("badThrough", { value: through });
  const periods = periodLabels.length;
  if (periods < 1 || periods > 12 || 12 % periods !== 0) throw new ReviewError("periodsNotCalendar", { periods });
  for (const row of rows) {
    if (row.schedule.length !== periods) throw new ReviewError("scheduleLength", { rep: row.rep, count: row.schedule.length, periods });
  }
  const months = periodMonths(start, periods);
  const throughIndex = monthIndex(through);
  let elapsed = 0;
  while (elapsed < periods && monthIndex(months[elapsed][months[elapsed].length - 1]) <= throughIndex) elapsed++;
  if (elapsed === 0) {
    const firstEnd = months[0][months[0].length - 1];
    throw new ReviewError("throughBeforeFirstPeriod", { through, firstEnd });
  }
  const periodOf = new Map<string, number>();
  for (let p = 0; p < elapsed; p++) for (const m of months[p]) periodOf.set(m, p);

  // Actuals by rep key and period; what falls outside the reviewed months is only counted.
  const actualsByKey = new Map<string, { name: string; byPeriod: number[] }>();
  let actualsOutside = 0;
  for (const rep of input.actuals) {
    const key = textKey(rep.name);
    let entry = actualsByKey.get(key);
    if (!entry) {
      entry = { name: rep.name, byPeriod: new Array<number>(elapsed).fill(0) };
      actualsByKey.set(key, entry);
    }
    for (const [month, amount] of Object.entries(rep.byMonth)) {
      const p = periodOf.get(month);
      if (p === undefined) actualsOutside += amount;
      else entry.byPeriod[p] += amount;
    }
  }

  const labels = periodLabels;
  const planKeys = new Set<string>();
  const reviewRows: ReviewRow[] = rows.map((row) => {
    const key = textKey(row.rep);
    planKeys.add(key);
    const actual = actualsByKey.get(key)?.byPeriod ?? new Array<number>(elapsed).fill(0);
    return { rep: row.rep, team: row.team, ...figures(row.quota, row.schedule, actual, elapsed, labels) };
  });

  const sumColumns = (list: { schedule: number[]; actual: number[] }[]) => {
    const schedule = new Array<number>(periods).fill(0);
    const actual = new Array<number>(elapsed).fill(0);
    for (const item of list) {
      for (let p = 0; p < periods; p++) schedule[p] += item.schedule[p];
      for (let p = 0; p < elapsed; p++) actual[p] += item.actual[p];
    }
    return { schedule: schedule.map(tidy), actual };
  };
  const withActuals = rows.map((row, i) => ({ row, schedule: row.schedule, actual: reviewRows[i].byPeriod.map((b) => b.actual) }));

  // The teams as the Quotas sheet rolls them up (plan/teams.ts), with the reps in no team last.
  const membersOf = new Map<string | null, typeof withActuals>();
  for (const item of withActuals) {
    const key = item.row.team === null ? null : textKey(item.row.team);
    const list = membersOf.get(key);
    if (list) list.push(item);
    else membersOf.set(key, [item]);
  }
  const teams: ReviewTeam[] = teamRollup({ rows, teams: teamsOfRows(rows, periods), periodLabels }).map((tm) => {
    const sums = sumColumns(membersOf.get(tm.team === null ? null : textKey(tm.team)) ?? []);
    return { team: tm.team, reps: tm.reps, ...figures(tm.quota, tm.schedule, sums.actual, elapsed, labels) };
  });

  const totalSums = sumColumns(withActuals);
  const total = figures(tidy(rows.reduce((s, r) => s + r.quota, 0)), totalSums.schedule, totalSums.actual, elapsed, labels);

  const distribution = { below: 0, near: 0, atOrAbove: 0 };
  for (const row of reviewRows) {
    if (row.attainment === null) continue;
    if (row.attainment >= 1) distribution.atOrAbove++;
    else if (row.attainment >= NEAR_QUOTA) distribution.near++;
    else distribution.below++;
  }
  const rated = distribution.below + distribution.near + distribution.atOrAbove;

  const unmatched: Review["unmatched"] = [];
  for (const [key, entry] of actualsByKey) {
    if (planKeys.has(key)) continue;
    let sum = 0;
    for (const v of entry.byPeriod) sum += v;
    unmatched.push({ rep: entry.name, actualToDate: tidy(sum) });
  }

  return {
    through,
    periods: labels.slice(0, elapsed),
    periodsInPlan: periods,
    rows: reviewRows,
    teams,
    total,
    atOrAbove: rated === 0 ? null : distribution.atOrAbove / rated,
    distribution,
    unmatched,
    actualsOutside: tidy(actualsOutside),
  };
}
