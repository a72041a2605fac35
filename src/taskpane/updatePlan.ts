/**
 * "Update the plan" in the wizard, the part the first screen needs: the locks as typed, and the
 * plan parameters that fields cannot hold (locks, a stored roster, a stored phasing pattern)
 * added back. The stored plan → fields rule is updateFill.ts (loaded with the update). Pure.
 */
import type { Locale } from "../i18n";
import type { Lock } from "../plan/types";
import { YearPlanError } from "../plan/messages";
import { readLockAmount } from "../plan/yearParams";
import { parseNumberInput } from "../sheet/inputs";
import type { PlanParams } from "./pipeline";
import type { WizardState } from "./state";

/** The locks as typed, read: rows without a rep are left out; an amount that is not a number is the problem named. */
export function readLocks(locks: WizardState["locks"], locale: Locale): { locks: Lock[]; bad: { rep: string; amount: string } | null } {
  const out: Lock[] = [];
  for (const l of locks) {
    if (l.rep.trim() === "") continue;
    // The command's reading of --lock's amount, with the user's number format.
    const amount = readLockAmount(l.amount, (x) => parseNumberInput(x, locale));
    if (amount === null) return { locks: out, bad: l };
    out.push({ rep: l.rep.trim(), amount });
  }
  return { locks: out, bad: null };
}

/** A lock whose amount cannot be read: the engine's message, naming the rep. */
export function lockProblem(bad: { rep: string; amount: string }): YearPlanError {
  return new YearPlanError("lockBadAmount", { rep: bad.rep.trim(), value: bad.amount.trim() });
}

/**
 * The parsed parameters with the locks, the roster (a roster sheet's when one is chosen, else
 * the stored plan's) and, for a pattern whose weights field is empty, the stored pattern added.
 */
export function withPlanExtras(params: PlanParams, locks: Lock[], update: WizardState["update"], roster: WizardState["roster"] = null): PlanParams {
  const year = params.year ?? { phasing: { kind: "equal" as const }, start: null, uplift: 0 };
  const phasing = year.phasing.kind === "pattern" && year.phasing.weights.length === 0 ? { kind: "pattern" as const, weights: update?.pattern ?? [] } : year.phasing;
  const entries = roster ? (roster.status === "done" ? roster.entries : null) : (update?.roster ?? null);
  return { ...params, year: { ...year, phasing, locks }, ...(entries ? { roster: entries } : {}) };
}
