/**
 * What changed between the stored plan and the same plan made again (`quota refresh`, the
 * wizard's "Update the plan"): per rep the old quota, the new one and the difference, and the
 * reps added or gone. Reps are matched as the plan matches them (trimmed, case-insensitive).
 * Pure.
 */
export interface RepChange {
  rep: string;
  /** null: the rep is new. */
  before: number | null;
  /** null: the rep is gone. */
  after: number | null;
  /** after − before (a gone rep: −before; a new rep: after). */
  difference: number;
  /** The quota is the same but the month-by-month schedule is not. */
  scheduleOnly: boolean;
}

export interface PlanDiff {
  /** Reps whose quota or schedule changed, then new reps, then reps gone (plan order). */
  changes: RepChange[];
  /** Reps with the same quota and schedule. */
  unchanged: number;
  totalBefore: number;
  totalAfter: number;
}

type Row = { rep: string; quota: number; schedule: number[] };

const key = (rep: string) => rep.trim().toLowerCase();

export function diffPlans(before: readonly Row[], after: readonly Row[]): PlanDiff {
  const old = new Map<string, Row>();
  for (const r of before) old.set(key(r.rep), r);
  const seen = new Set<string>();
  const changed: RepChange[] = [];
  const added: RepChange[] = [];
  let unchanged = 0;
  let totalBefore = 0;
  let totalAfter = 0;
  for (const r of before) totalBefore += r.quota;
  for (const row of after) {
    totalAfter += row.quota;
    const k = key(row.rep);
    seen.add(k);
    const was = old.get(k);
    if (!was) added.push({ rep: row.rep, before: null, after: row.quota, difference: row.quota, scheduleOnly: false });
    else if (was.quota !== row.quota) changed.push({ rep: row.rep, before: was.quota, after: row.quota, difference: row.quota - was.quota, scheduleOnly: false });
    else if (was.schedule.length !== row.schedule.length || was.schedule.some((v, i) => v !== row.schedule[i])) {
      changed.push({ rep: row.rep, before: was.quota, after: row.quota, difference: 0, scheduleOnly: true });
    } else unchanged++;
  }
  const gone: RepChange[] = [];
  for (const was of before) if (!seen.has(key(was.rep))) gone.push({ rep: was.rep, before: was.quota, after: null, difference: -was.quota, scheduleOnly: false });
  return { changes: [...changed, ...added, ...gone], unchanged, totalBefore, totalAfter };
}
