/** A hand-made year plan for the Quotas sheet tests (the engine is tested on its own). */
import type { YearPlan, YearPlanRow } from "../../src/plan/types";

export const months = (...runs: [number, number][]) => runs.flatMap(([value, count]) => Array.from({ length: count }, () => value));

function row(rep: string, team: string | null, history: number, schedule: number[], extra: Partial<YearPlanRow> = {}): YearPlanRow {
  const quota = schedule.reduce((s, x) => s + x, 0);
  return { rep, team, history, share: 0, quota, periodQuota: quota / 12, locked: false, rostered: false, schedule, ...extra };
}

/** A hand-made year plan: two teams, a lock, a new hire on a ramp and a leaver; exact both ways. */
export function yearPlan(teams = true): YearPlan {
  const rows = [
    row("Anna Svensson", "North", 300000, months([30000, 12]), { locked: true }),
    row("Erik Lindqvist", "North", 400000, months([40000, 12])),
    row("Nora New", "South", 0, months([0, 3], [5000, 1], [10000, 1], [15000, 1], [20000, 6]), { rostered: true }),
    row("=Lars", "South", 250000, months([45000, 6], [0, 6]), { rostered: true }),
  ].map((r) => (teams ? r : { ...r, team: null }));
  const periodTargets = months([115000, 3], [120000, 1], [125000, 1], [130000, 1], [90000, 6]);
  return {
    method: "bottomup",
    params: {
      method: "bottomup",
      target: 1200000,
      periods: 12,
      roundTo: 100,
      growth: 0,
      phasing: { kind: "history" },
      start: "2026-01",
      uplift: 0.05,
      locks: [{ rep: "Anna Svensson", amount: 360000 }],
      roster: [
        { rep: "Nora New", start: "2026-04-01", end: null, ramp: [0.25, 0.5, 0.75], full: 20000, source: "Roster!A2" },
        { rep: "=Lars", start: null, end: "2026-06-30", ramp: null, full: null, source: "Roster!A3" },
      ],
    },
    rows,
    total: 1260000,
    periodTotal: 105000,
    warnings: [],
    target: 1200000,
    planTotal: 1260000,
    coverage: 1.05,
    periodLabels: Array.from({ length: 12 }, (_, k) => `2026-${String(k + 1).padStart(2, "0")}`),
    periodTargets,
    teams: teams
      ? [
          { team: "North", quota: 840000, schedule: months([70000, 12]) },
          { team: "South", quota: 420000, schedule: months([45000, 3], [50000, 1], [55000, 1], [60000, 1], [20000, 6]) },
        ]
      : [],
    notes: [{ key: "noteLocked", params: { reps: "Anna Svensson" } }],
  };
}

