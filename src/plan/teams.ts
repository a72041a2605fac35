/**
 * The plan by team, as every face of the product shows it: each team's quota and schedule
 * (the sums of its reps'), then, when some reps are in no team (a new hire from the roster has
 * no team cell), one row for them, so the rows add up to the plan total both ways.
 */
import type { Locale } from "../i18n";
import { textKey } from "../sheet/cells";
import { tidy } from "../sheet/quotaPlan";
import type { TeamRow } from "./types";

/** The label of the row of reps in no team. */
export const NO_TEAM_LABEL: Record<Locale, string> = { en: "(no team)", sv: "(inget team)" };

export interface TeamRollupRow {
  /** The team, or null for the reps in no team. */
  team: string | null;
  reps: number;
  quota: number;
  schedule: number[];
}

/** What the roll-up reads of a plan (a YearPlan, or a stored plan's rows with teamsOfRows). */
export interface TeamRollupInput {
  rows: readonly { team: string | null; quota: number; schedule: number[] }[];
  teams: readonly TeamRow[];
  periodLabels: readonly string[];
}

/** plan.teams with their head counts, plus the reps in no team when there are any. */
export function teamRollup(plan: TeamRollupInput): TeamRollupRow[] {
  if (plan.teams.length === 0) return [];
  const counts = new Map<string, number>();
  const rest = { team: null, reps: 0, quota: 0, schedule: plan.periodLabels.map(() => 0) };
  for (const r of plan.rows) {
    if (r.team !== null) {
      counts.set(textKey(r.team), (counts.get(textKey(r.team)) ?? 0) + 1);
      continue;
    }
    rest.reps++;
    rest.quota += r.quota;
    r.schedule.forEach((x, k) => (rest.schedule[k] += x));
  }
  const rows: TeamRollupRow[] = plan.teams.map((t) => ({ team: t.team, reps: counts.get(textKey(t.team)) ?? 0, quota: t.quota, schedule: t.schedule }));
  if (rest.reps > 0) rows.push({ ...rest, quota: tidy(rest.quota), schedule: rest.schedule.map(tidy) });
  return rows;
}

