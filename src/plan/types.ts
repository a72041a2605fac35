/**
 * The year plan's data: what `planYear` (src/plan/yearPlan.ts) takes and gives. Shared by the
 * `quota` command, the wizard and the Quotas sheet layout, so they agree on one shape.
 *
 * A year plan turns an annual plan (one quota per rep, src/sheet/quotaPlan.ts) into a rep ×
 * period schedule that adds up exactly both ways: each rep's periods to the rep's quota, each
 * period's reps to the period target, and the period targets to the plan total. Amounts are
 * whole rounding units. Pure data: no Office, DOM or Node types.
 */
import type { QuotaPlan, QuotaPlanParams, QuotaPlanRow } from "../sheet/quotaPlan";

/** How the plan total is spread over the periods. */
export type Phasing =
  | { kind: "equal" }
  /** Each rep's own history by calendar month (or quarter); reps without any fall back to "team". */
  | { kind: "history" }
  /** The whole team's history pattern, for everyone. */
  | { kind: "team" }
  /** One non-negative weight per period, in plan order. */
  | { kind: "pattern"; weights: number[] };

/** A rep on the roster: new hires, leavers and ramps. Dates are ISO days, "YYYY-MM-DD". */
export interface RosterEntry {
  rep: string;
  start: string | null;
  end: string | null;
  /** Fractions of full quota for the first months of tenure (0.25, 0.5, 0.75); then 1. */
  ramp: number[] | null;
  /** Full monthly quota; null = the median full-month quota of the tenured reps. */
  full: number | null;
  /** Where the entry came from, for messages ("Roster!A5"). */
  source?: string;
}

/** A quota agreed by hand: fixed, the others share what is left. */
export interface Lock {
  rep: string;
  amount: number;
}

export interface YearPlanParams extends QuotaPlanParams {
  phasing: Phasing;
  /** First plan month, "YYYY-MM". With periods 4 the plan is in quarters from that month. */
  start: string;
  /** Over-assignment: the reps' quotas add up to target × (1 + uplift). */
  uplift: number;
  locks: Lock[];
  roster: RosterEntry[] | null;
}

export interface YearPlanRow extends QuotaPlanRow {
  team: string | null;
  /** The quota was fixed by a lock. */
  locked: boolean;
  /** A new hire on a ramp, or a leaver: amounts fixed from the roster. */
  rostered: boolean;
  /** One amount per period; Σ schedule = quota exactly. */
  schedule: number[];
}

export interface TeamRow {
  team: string;
  quota: number;
  schedule: number[];
}

export interface YearPlan extends Omit<QuotaPlan, "rows" | "params"> {
  params: YearPlanParams;
  rows: YearPlanRow[];
  /** The company target (params.target), or the forecast total. */
  target: number;
  /** Σ quota = target × (1 + uplift), rounded to the unit. */
  planTotal: number;
  /** planTotal ÷ target. */
  coverage: number;
  /** "2026-01"… for months, "2026-Q1"… for quarters (or "2026-P1"… for other period counts). */
  periodLabels: string[];
  /** Σ over reps per period; Σ periodTargets = planTotal exactly. */
  periodTargets: number[];
  /** Team subtotals, in order of first appearance; empty without a team column. */
  teams: TeamRow[];
  /** Lines for the audit block (phasing fallbacks, median full quota used, …), already localized keys. */
  notes: { key: string; params: Record<string, string | number> }[];
}

/*
 * Inputs beyond the params: planYear(aggregation, params) reads each RepHistory's `byMonth`
 * (for history/team phasing) and its `team` (set by aggregate() when a team column is mapped;
 * a rep found in two teams is refused there, naming both cells).
 */
