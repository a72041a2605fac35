/**
 * The `quota` command's year-plan options: --phasing, --start, --uplift, --lock, --roster.
 * Parsed and checked here, before any file is opened; src/plan/yearPlan.ts applies them.
 */
import type { Locale } from "../i18n";
import { FIRST_PLAN_START, LAST_PLAN_START, parsePlanStart } from "../plan/calendar";
import { YearPlanError } from "../plan/messages";
import type { Lock, Phasing } from "../plan/types";
import { readLockAmount, readPhasing, readUplift } from "../plan/yearParams";
import { checkYearShape } from "../plan/yearPlan";
import { monthKey } from "../sheet/cells";
import { parseNumberArg } from "./args";
import { CliError, usageError } from "./messages";

/** equal | history | team | W,W,… (one weight per period; "," or ";" between them). */
export function parsePhasingArg(text: string): Phasing {
  const phasing = readPhasing(text, parseNumberArg);
  if (phasing === null) throw usageError("badPhasing", { value: text });
  return phasing;
}

/** "YYYY-MM" (the plan's first month). */
export function parseStartArg(text: string): string {
  const m = parsePlanStart(text);
  if (m === null) throw usageError("badStart", { value: text, first: FIRST_PLAN_START, last: LAST_PLAN_START });
  return monthKey(m);
}

/** Uplift as 0.1 or "10%"; a bare whole number above 1 ("10") is refused with a hint, as --growth does. */
export function parseUpliftArg(text: string): number {
  const r = readUplift(text, parseNumberArg);
  if (r.ok) return r.value;
  if (r.problem === "badUplift") throw usageError("badUplift", { value: text });
  throw usageError("upliftLooksLikePercent", { value: r.value, percent: r.percent });
}

/** "REP=AMOUNT": the rep before the last "=", matched later like SUMIFS (trimmed, case-insensitive). */
export function parseLockArg(text: string): Lock {
  const eq = text.lastIndexOf("=");
  const rep = eq > 0 ? text.slice(0, eq).trim() : "";
  const amount = eq > 0 ? readLockAmount(text.slice(eq + 1), parseNumberArg) : null;
  if (rep === "" || amount === null) throw usageError("badLock", { value: text });
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

/** A year-plan rule broken by the command line alone: the plan's own message, exit code 2. */
class YearOptionError extends CliError {
  constructor(readonly planError: YearPlanError) {
    super("unexpected", {}, 2);
    this.message = planError.message;
  }

  override messageIn(locale: Locale): string {
    return this.planError.messageIn(locale);
  }
}

/**
 * --phasing and --roster against --periods (a pattern of 12 weights for 4 periods, history
 * phasing over 5 periods…): checked before any file is read, so a large file is not read for
 * nothing, and refused as a command-line mistake. planYear applies the same rule.
 */
export function checkYearOptions(options: { phasing: Phasing; periods: number; roster: unknown }): void {
  try {
    checkYearShape(options.phasing, options.periods, options.roster !== null);
  } catch (e) {
    throw e instanceof YearPlanError ? new YearOptionError(e) : e;
  }
}

// The shared rules, re-exported for the command's callers.
export { defaultStart, yearOptionsGiven, yearPlanParams, type YearOptions } from "../plan/yearParams";
