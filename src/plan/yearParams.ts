/**
 * The year plan's parameters, one rule for the `quota` command and the wizard: the default
 * first month, whether year options were asked for, the uplift's reading and the params
 * planYear (src/plan/yearPlan.ts) takes. Pure.
 */
import { parseMonth } from "./calendar";
import type { Lock, Phasing, RosterEntry, YearPlanParams } from "./types";
import { monthKey } from "../sheet/cells";
import type { QuotaPlanParams } from "../sheet/quotaPlan";

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
 * Whether a year plan was asked for (any of its options): then the Quotas sheet shows the
 * rep × period schedule; otherwise it keeps the annual table.
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

export type UpliftReading = { ok: true; value: number } | { ok: false; problem: "badUplift" } | { ok: false; problem: "upliftLooksLikePercent"; value: string; percent: number };

/**
 * Uplift as 0.1 or "10%", 0 or more; a bare whole number above 1 ("10") is refused with a
 * hint (it is almost surely meant as a percentage). `parseNumber` reads the number part.
 */
export function readUplift(text: string, parseNumber: (s: string) => number | null): UpliftReading {
  const trimmed = text.trim();
  const percent = /%$/.test(trimmed);
  const n = parseNumber(percent ? trimmed.slice(0, -1).trim() : trimmed);
  if (n === null || n < 0) return { ok: false, problem: "badUplift" };
  if (!percent && Number.isInteger(n) && n > 1) return { ok: false, problem: "upliftLooksLikePercent", value: trimmed, percent: n * 100 };
  return { ok: true, value: percent ? n / 100 : n };
}

/**
 * A phasing as typed: equal | history | team | W,W,… (one weight per period, "," or ";"
 * between them; each weight read by `parseNumber`, 0 or more). Null when it cannot be read.
 * The number of weights is checked against the periods by planYear ("patternLength").
 */
export function readPhasing(text: string, parseNumber: (s: string) => number | null): Phasing | null {
  const t = text.trim().toLowerCase();
  if (t === "equal" || t === "history" || t === "team") return { kind: t };
  const parts = t.split(/[;,]/).map((p) => p.trim());
  const weights = parts.map((p) => parseNumber(p));
  if (parts.length < 1 || weights.some((w) => w === null || w < 0)) return null;
  return { kind: "pattern", weights: weights as number[] };
}

/** A lock's amount as typed ("REP=AMOUNT"'s right side): a number of 0 or more, else null. */
export function readLockAmount(text: string, parseNumber: (s: string) => number | null): number | null {
  const amount = parseNumber(text);
  return amount === null || amount < 0 ? null : amount;
}
