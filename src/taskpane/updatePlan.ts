/**
 * "Update the plan" in the wizard, the part the first screen needs: the locks as typed, and the
 * plan parameters that fields cannot hold (locks, a stored roster, a stored phasing pattern)
 * added back. The stored plan → fields rule is updateFill.ts (loaded with the update). Pure.
 */
import type { Locale } from "../i18n";
import type { Lock } from "../plan/types";
import { parseNumberInput } from "../sheet/inputs";
import type { PlanParams } from "./pipeline";
import type { WizardState } from "./state";

/** The locks as typed, read: rows without a rep are left out; an amount that is not a number is the problem named. */
export function readLocks(locks: WizardState["locks"], locale: Locale): { locks: Lock[]; bad: { rep: string; amount: string } | null } {
  const out: Lock[] = [];
  for (const l of locks) {
    if (l.rep.trim() === "") continue;
    const amount = parseNumberInput(l.amount, locale);
    if (amount === null || amount < 0) return { locks: out, bad: l };
    out.push({ rep: l.rep.trim(), amount });
  }
  return { locks: out, bad: null };
}

/** The parsed parameters with the locks, the stored roster and a stored phasing pattern added. */
export function withPlanExtras(params: PlanParams, locks: Lock[], update: WizardState["update"]): PlanParams {
  const year = params.year ?? { phasing: { kind: "equal" as const }, start: null, uplift: 0 };
  const phasing = year.phasing.kind === "pattern" ? { kind: "pattern" as const, weights: update?.pattern ?? [] } : year.phasing;
  return { ...params, year: { ...year, phasing, locks }, ...(update?.roster ? { roster: update.roster } : {}) };
}
