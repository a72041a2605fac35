/**
 * A stored plan turned back into the inputs it was made from: one rule for `quota refresh`
 * (src/cli/lifecycle.ts) and the wizard's "Update the plan" (src/taskpane). The source's
 * columns are found again by their stored header texts (storedMapping), and a column whose
 * header is gone is named in the message (the same catalog as the Review panel and `quota
 * review`: storedSource.ts). Pure.
 */
import type { ColumnMapping, DetectedTable } from "../sheet/detect";
import { findColumn } from "../sheet/detect";
import type { ForecastMethod } from "../quota/forecast";
import type { StoredColumns, StoredPlan } from "./stored";
import { StoredSourceError } from "./storedSource";
import type { Lock, Phasing, RosterEntry } from "./types";

const DAY_MS = 86_400_000;

export interface PlanInputs {
  sheet: string;
  /** The source's columns by header text: only those the plan was made from. */
  columns: StoredColumns;
  /** The time frame: one year, or a range of whole days (to = the last millisecond of its day). */
  year: number | null;
  from: Date | null;
  to: Date | null;
  skipInvalid: boolean;
  method: StoredPlan["params"]["method"];
  target: number | null;
  periods: number;
  roundTo: number;
  growth: number;
  forecastMethod: ForecastMethod | null;
  weighting: "equal" | "weight";
  phasing: Phasing;
  start: string;
  uplift: number;
  locks: Lock[];
  /** The roster the plan was made with (kept as stored: its source is not read again). */
  roster: RosterEntry[] | null;
  rosterSource: string | null;
  outputSheet: string;
  /** Whether the Quotas sheet shows the rep × period schedule. */
  schedule: boolean;
}

/** The inputs that made `stored`. */
export function storedPlanInputs(stored: StoredPlan): PlanInputs {
  const { source, params } = stored;
  const filter = source.filter;
  const year = filter && "year" in filter ? filter.year : null;
  const range = filter && !("year" in filter) ? filter : null;
  const weighting = params.method === "topdown" && params.weighting === "weight" ? "weight" : "equal";
  return {
    sheet: source.sheet,
    columns: {
      rep: source.columns.rep,
      amount: source.columns.amount,
      date: source.columns.date,
      costs: params.method === "profit" ? [...source.columns.costs] : [],
      weight: weighting === "weight" ? source.columns.weight : null,
      team: source.columns.team,
    },
    year,
    from: range?.from ? new Date(`${range.from}T00:00:00.000Z`) : null,
    to: range?.to ? new Date(new Date(`${range.to}T00:00:00.000Z`).getTime() + DAY_MS - 1) : null,
    skipInvalid: source.skipInvalid,
    method: params.method,
    target: params.target,
    periods: params.periods,
    roundTo: params.roundTo,
    growth: params.growth,
    forecastMethod: params.method === "forecast" ? (params.forecastMethod ?? null) : null,
    weighting,
    phasing: params.phasing,
    start: params.start,
    uplift: params.uplift,
    locks: params.locks.map((l) => ({ ...l })),
    roster: params.roster,
    rosterSource: source.roster,
    outputSheet: stored.outputSheet,
    schedule: stored.schedule ?? true,
  };
}

/**
 * The column mapping of the stored plan in a table read again: every stored header found by
 * its text (or letter), or a StoredSourceError naming the column that is gone.
 */
export function storedMapping(table: DetectedTable, columns: StoredColumns, sheet: string): ColumnMapping {
  const list = table.columns.map((c) => c.header).filter((h) => h).join(", ");
  const column = (name: string): number => {
    const c = findColumn(table, name);
    if (c === null) throw new StoredSourceError("sourceColumnMissing", { column: name, sheet, columns: list });
    return c;
  };
  return {
    rep: column(columns.rep),
    amount: column(columns.amount),
    date: columns.date === null ? null : column(columns.date),
    units: null,
    costs: columns.costs.map(column),
    weight: columns.weight === null ? null : column(columns.weight),
    team: columns.team === null ? null : column(columns.team),
  };
}
