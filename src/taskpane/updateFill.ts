/**
 * "Update the plan": a stored plan's inputs (src/plan/storedInputs.ts, the rule `quota refresh`
 * uses too) as the wizard's fields. Loaded with the update (its own chunk). Pure.
 */
import type { Locale } from "../i18n";
import type { DetectedTable } from "../sheet/detect";
import type { StoredPlan } from "../plan/stored";
import { storedMapping, storedPlanInputs } from "../plan/storedInputs";
import { DEFAULT_PARAMS, wizardForecastBase, type Action, type ParamInputs } from "./state";
import { UpdateError } from "./updateStrings";

/** The stored plan's source sheet is gone: the message names it and the sheets there are. */
export function updateSheetMissing(sheet: string, sheets: string[]): UpdateError {
  return new UpdateError("updateSheetMissing", { sheet, sheets: sheets.map((n) => `"${n}"`).join(", ") });
}

const DAY_MS = 86_400_000;

/** A number as the user would type it: "1234.5" / "1234,5" (no grouping, read back exactly). */
export function numberText(x: number, locale: Locale): string {
  const s = String(x);
  return locale === "sv" ? s.replace(".", ",") : s;
}

/** Uplift as typed: "0.1" (a fraction), or "200%" where a bare whole number would read as a percentage. */
function upliftText(uplift: number, locale: Locale): string {
  return Number.isInteger(uplift) && uplift > 1 ? `${numberText(uplift * 100, locale)}%` : numberText(uplift, locale);
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Every input of the stored plan for a source read again (its table): the "updateFilled"
 * action. Throws StoredSourceError naming a stored column whose header is gone.
 */
export function updateAction(stored: StoredPlan, table: DetectedTable, sheet: string, locale: Locale): Extract<Action, { type: "updateFilled" }> {
  const i = storedPlanInputs(stored);
  const mapping = storedMapping(table, i.columns, sheet);
  const params: ParamInputs = {
    ...DEFAULT_PARAMS,
    method: i.method,
    weighting: i.weighting,
    measure: "amount",
    target: i.target === null ? "" : numberText(i.target, locale),
    periods: String(i.periods),
    roundTo: numberText(i.roundTo, locale),
    growth: i.method === "forecast" ? numberText(Math.round(i.growth * 100 * 1e9) / 1e9, locale) : DEFAULT_PARAMS.growth,
    // A base the wizard does not offer falls back to "last": the card says so (UpdateSection).
    forecastMethod: i.method === "forecast" ? wizardForecastBase(i.forecastMethod).base : DEFAULT_PARAMS.forecastMethod,
    // Profit with no cost columns was made from a ready-made profit column.
    profitBasis: i.method === "profit" && i.columns.costs.length === 0 ? "column" : "costs",
    timeframe: i.year !== null ? "year" : i.from || i.to ? "range" : "all",
    year: i.year !== null ? String(i.year) : "",
    from: i.from ? day(i.from) : i.to ? "1900-01-01" : "",
    to: i.to ? day(new Date(i.to.getTime() - DAY_MS + 1)) : i.from ? "9999-12-31" : "",
    phasing: i.phasing.kind,
    // The stored weights in the custom-weights field (";" between them: a comma may be a decimal comma).
    weights: i.phasing.kind === "pattern" ? i.phasing.weights.map(String).join(";") : "",
    start: i.start,
    uplift: upliftText(i.uplift, locale),
  };
  return {
    type: "updateFilled",
    mapping,
    params,
    locks: i.locks.map((l) => ({ rep: l.rep, amount: numberText(l.amount, locale) })),
    skipInvalid: i.skipInvalid,
    outputSheet: i.outputSheet,
    update: {
      createdAt: stored.createdAt,
      before: stored.result.rows,
      roster: i.roster,
      rosterSource: i.rosterSource,
      pattern: i.phasing.kind === "pattern" ? i.phasing.weights : null,
      schedule: i.schedule,
    },
  };
}
