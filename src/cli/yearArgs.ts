/**
 * The `quota` command's year-plan options: --phasing, --start, --uplift, --lock, --roster.
 * Parsed and checked here, before any file is opened; src/plan/yearPlan.ts applies them.
 */
import { parseMonth } from "../plan/calendar";
import type { Lock, Phasing, RosterEntry, YearPlanParams } from "../plan/types";
import { monthKey } from "../sheet/cells";
import type { QuotaPlanParams } from "../sheet/quotaPlan";
import { parseNumberArg } from "./args";
import { usageError } from "./messages";

/** equal | history | team | W,W,… (one weight per period; "," or ";" between them). */
export function parsePhasingArg(text: string): Phasing {
  const t = text.trim().toLowerCase();
  if (t === "equal" || t === "history" || t === "team") return { kind: t };
  const parts = t.split(/[;,]/).map((p) => p.trim());
  const weights = parts.map((p) => parseNumberArg(p));
  if (parts.length < 1 || weights.some((w) => w === null || w < 0)) throw usageError("badPhasing", { value: text });
  return { kind: "pattern", weights: weights as number[] };
}

/** "YYYY-MM" (the plan's first month). */
export function parseStartArg(text: string): string {
  const m = parseMonth(text);
  if (m === null) throw usageError("badStart", { value: text });
  return monthKey(m);
}

/** Uplift as 0.1 or "10%"; a bare whole number above 1 ("10") is refused with a hint, as --growth does. */
export function parseUpliftArg(text: string): number {
  const trimmed = text.trim();
  const percent = /%$/.test(trimmed);
  const n = parseNumberArg(percent ? trimmed.slice(0, -1) : trimmed);
  if (n === null || n < 0) throw usageError("badUplift", { value: text });
  if (!percent && Number.isInteger(n) && n > 1) throw usageError("upliftLooksLikePercent", { value: trimmed, percent: n * 100 });
  return percent ? n / 100 : n;
}

/** "REP=AMOUNT": the rep before the last "=", matched later like SUMIFS (trimmed, case-insensitive). */
export function parseLockArg(text: string): Lock {
  const eq = text.lastIndexOf("=");
  const rep = eq > 0 ? text.slice(0, eq).trim() : "";
  const amount = eq > 0 ? parseNumberArg(text.slice(eq + 1)) : null;
  if (rep === "" || amount === null || amount < 0) throw usageError("badLock", { value: text });
  return { rep, amount };
}

/** "FILE" or "FILE#SHEET" (the sheet after the last "#"). */
export function parseRosterArg(text: string): { file: string; sheet: string | null } {
  const hash = text.lastIndexOf("#");
  const file = (hash >= 0 ? text.slice(0, hash) : text).trim();
  const sheet = hash >= 0 ? text.slice(hash + 1).trim() : "";
  if (file === "" || (hash >= 0 && sheet === "")) throw usageError("badRoster", { value: text });
  return { file, sheet: sheet === "" ? null : sheet };
}

/** The default plan start: the month after the last month of history, else January of next year. */
export function defaultStart(historyMonths: readonly string[], now: Date): string {
  let last = -1;
  for (const key of historyMonths) {
    const m = parseMonth(key);
    if (m !== null && m > last) last = m;
  }
  return monthKey(last >= 0 ? last + 1 : (now.getUTCFullYear() + 1) * 12);
}

export interface YearOptions {
  phasing: Phasing;
  start: string | null;
  uplift: number;
  locks: Lock[];
}

/**
 * Whether the command was asked for a year plan (any of its options): then the Quotas sheet
 * shows the rep × period schedule; otherwise it keeps the annual table.
 */
export function yearOptionsGiven(options: YearOptions & { team?: string | null; roster?: unknown }): boolean {
  return (
    options.phasing.kind !== "equal" ||
    options.start !== null ||
    options.uplift !== 0 ||
    options.locks.length > 0 ||
    (options.team ?? null) !== null ||
    (options.roster ?? null) !== null
  );
}

export function yearPlanParams(base: QuotaPlanParams, options: YearOptions, historyMonths: readonly string[], roster: RosterEntry[] | null, now: Date): YearPlanParams {
  return {
    ...base,
    phasing: options.phasing,
    start: options.start ?? defaultStart(historyMonths, now),
    uplift: options.uplift,
    locks: options.locks,
    roster,
  };
}
