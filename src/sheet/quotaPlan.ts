/**
 * From an aggregation (one history per rep) to a quota plan: the numbers the Quotas sheet,
 * the wizard's preview and the `quota` command show. Pure: every split goes through the
 * engine, so quotas add up exactly.
 *
 * What each method means here (the horizon is the period the target covers, split into
 * `periods` review periods):
 * - topdown:  quota = target split equally, or by each rep's weight ("weight" weighting).
 * - bottomup: quota = target split by each rep's share of history.
 * - forecast: quota = the rep's history × (1 + growth), rounded; there is no target. A target
 *             passed anyway is not used (a warning says so and compares it with the total).
 * - profit:   history is revenue − costs (aggregate with value "profit"), then bottom-up on it.
 *             A rep who made a loss gets a profit quota of 0 and a warning naming them: losses
 *             are real in profit data and should not stop the plan for everyone else.
 * For every method periodQuota splits (total ÷ periods) by the same weights, so the period
 * column also adds up exactly, to total ÷ periods rounded to the unit.
 *
 * Bottom-up on sales amounts refuses a negative history (an error naming the rep): net
 * negative sales means returns or a wrong column, and silently giving 0 would hide that.
 */
import { Catalog, Locale, localize, LocalizedError, MessageParams } from "../i18n";
import { allocate, fromUnits, toUnits, validateAmount, validateRoundTo } from "../quota/allocate";
import { bottomUp } from "../quota/bottomup";
import { QuotaError } from "../quota/errors";
import { planAmountProblem, requireInPlanRange, roundUnitProblem } from "../quota/validate";
import { forecast, ForecastMethod } from "../quota/forecast";
import { topDownSplit } from "../quota/topdown";
import type { Aggregation, RepHistory } from "./aggregate";

export type QuotaMethod = "topdown" | "bottomup" | "forecast" | "profit";
export const QUOTA_METHODS: readonly QuotaMethod[] = ["topdown", "bottomup", "forecast", "profit"];

export interface QuotaPlanParams {
  method: QuotaMethod;
  /** The whole horizon's target; null when there is none (forecast). */
  target: number | null;
  /** Review periods the horizon is split into (12 = months of a year). */
  periods: number;
  /** Rounding unit of every quota (0 = no rounding). */
  roundTo: number;
  /** Growth for forecast, as a decimal (0.3 = 30 %). */
  growth: number;
  forecastMethod?: ForecastMethod;
  /** Top-down only: split equally (default) or by each rep's weight. */
  weighting?: "equal" | "weight";
}

export interface QuotaPlanRow {
  rep: string;
  history: number;
  /** The rep's weight ÷ the total weight (0..1). */
  share: number;
  /** Quota for the whole horizon. */
  quota: number;
  /** Quota for one review period. */
  periodQuota: number;
}

export interface PlanWarning {
  key: keyof typeof planMessages & string;
  params: MessageParams;
}

export interface QuotaPlan {
  method: QuotaMethod;
  /** The parameters as used (a forecast's ignored target is null here). */
  params: QuotaPlanParams;
  rows: QuotaPlanRow[];
  /** Σ quota, exact: the target rounded to the unit (or the sum of forecasts). */
  total: number;
  /** Σ periodQuota, exact: total ÷ periods rounded to the unit. */
  periodTotal: number;
  warnings: PlanWarning[];
}

export const planMessages: Catalog = {
  noReps: {
    en: "There are no reps to give quotas to: no data row was used. Check the sheet, the rep column and the date filter.",
    sv: "Det finns inga säljare att ge kvoter: ingen datarad användes. Kontrollera bladet, säljarkolumnen och datumfiltret.",
  },
  unknownMethod: {
    en: "Unknown method \"{value}\". Use one of: topdown, bottomup, forecast, profit.",
    sv: "Okänd metod \"{value}\". Använd någon av: topdown, bottomup, forecast, profit.",
  },
  targetRequired: {
    en: "The {method} method needs a target (the total to split between the reps).",
    sv: "Metoden {method} behöver ett mål (summan som ska fördelas mellan säljarna).",
  },
  badGrowth: {
    en: "Growth must be a number greater than -100 % (got {value}).",
    sv: "Tillväxten måste vara ett tal större än -100 % (fick {value}).",
  },
  negativeHistory: {
    en: "{rep} has a negative history ({value}). Bottom-up splits the target by each rep's share of history, which cannot be negative: check the value column and the date filter, or use top-down.",
    sv: "{rep} har en negativ historik ({value}). Nedifrån och upp fördelar målet efter varje säljares andel av historiken, som inte kan vara negativ: kontrollera värdekolumnen och datumfiltret, eller använd uppifrån och ned.",
  },
  allZeroHistory: {
    en: "Every rep's history is zero, so there is nothing to split the target by. Check the value column and the date filter, or use top-down.",
    sv: "Alla säljares historik är noll, så det finns inget att fördela målet efter. Kontrollera värdekolumnen och datumfiltret, eller använd uppifrån och ned.",
  },
  noProfit: {
    en: "No rep made a profit (revenue − costs) in the data, so there is nothing to split the target by. Check the cost columns and the date filter.",
    sv: "Ingen säljare gjorde vinst (intäkter − kostnader) i datan, så det finns inget att fördela målet efter. Kontrollera kostnadskolumnerna och datumfiltret.",
  },
  missingWeight: {
    en: "{rep} has no weight: every rep needs a number in the weight column for a weighted top-down split.",
    sv: "{rep} saknar vikt: varje säljare behöver ett tal i viktkolumnen för en viktad fördelning uppifrån och ned.",
  },
  negativeWeight: {
    en: "{rep} has a negative weight ({value}); weights must be zero or more.",
    sv: "{rep} har en negativ vikt ({value}); vikter måste vara noll eller mer.",
  },
  allZeroWeights: {
    en: "Every rep's weight is zero, so there is nothing to split the target by.",
    sv: "Alla säljares vikter är noll, så det finns inget att fördela målet efter.",
  },
  needsMonths: {
    en: "The \"{value}\" forecast needs monthly history: map a date column, or use the \"last\" forecast.",
    sv: "Prognosen \"{value}\" behöver historik per månad: välj en datumkolumn, eller använd prognosen \"last\".",
  },
  forecastFailed: {
    en: "Cannot forecast {rep}: {reason}",
    sv: "Kan inte göra en prognos för {rep}: {reason}",
  },
  // Warnings
  targetRounded: {
    en: "The target {target} is not a multiple of the rounding unit {round}; the quotas add up to {total}.",
    sv: "Målet {target} är inte en multipel av avrundningsenheten {round}; kvoterna summerar till {total}.",
  },
  periodTotalRounded: {
    en: "{total} ÷ {periods} periods = {exact} is not a multiple of the rounding unit {round}; the quotas per period add up to {periodTotal} ({periods} × {periodTotal} = {product}).",
    sv: "{total} ÷ {periods} perioder = {exact} är inte en multipel av avrundningsenheten {round}; kvoterna per period summerar till {periodTotal} ({periods} × {periodTotal} = {product}).",
  },
  zeroHistory: {
    en: "No history for {reps}: quota 0.",
    sv: "Ingen historik för {reps}: kvot 0.",
  },
  lossClamped: {
    en: "Loss (revenue − costs < 0) for {reps}: profit quota 0.",
    sv: "Förlust (intäkter − kostnader < 0) för {reps}: vinstkvot 0.",
  },
  trendFellBack: {
    en: "Only one month of history for {reps}: forecast from the average instead of a trend.",
    sv: "Bara en månads historik för {reps}: prognos utifrån medelvärdet i stället för en trend.",
  },
  negativeForecastClamped: {
    en: "The forecast is below zero for {reps}: quota 0.",
    sv: "Prognosen är under noll för {reps}: kvot 0.",
  },
  targetIgnored: {
    en: "A forecast has no target: each quota is the rep's history × (1 + growth). The target {target} was not used; the quotas add up to {total}.",
    sv: "En prognos har inget mål: varje kvot är säljarens historik × (1 + tillväxt). Målet {target} användes inte; kvoterna summerar till {total}.",
  },
  growthIgnored: {
    en: "Growth is used only by the forecast method; {growth} was not used.",
    sv: "Tillväxt används bara av prognosmetoden; {growth} användes inte.",
  },
  weightingIgnored: {
    en: "Weights are used only by the topdown method; they were not used.",
    sv: "Vikter används bara av metoden topdown; de användes inte.",
  },
  zeroWeight: {
    en: "Weight 0 for {reps}: quota 0.",
    sv: "Vikt 0 för {reps}: kvot 0.",
  },
};

/** Number params are formatted for the reader's locale when the message is shown. */
function formatParams(params: MessageParams, locale: Locale): MessageParams {
  const out: MessageParams = {};
  for (const [name, value] of Object.entries(params)) {
    out[name] = typeof value === "number" ? formatNumber(value, locale) : value;
  }
  return out;
}

/** A plan that cannot be made, with a message naming the rep or the parameter at fault. */
export class PlanError extends LocalizedError {
  constructor(
    key: keyof typeof planMessages & string,
    params: MessageParams = {},
    readonly reason: LocalizedError | null = null,
  ) {
    super(planMessages, key, params);
    this.name = "PlanError";
    this.message = this.messageIn("en");
  }

  override messageIn(locale: Locale): string {
    const params = formatParams(this.params, locale);
    if (this.reason) params.reason = this.reason.messageIn(locale);
    return localize(planMessages, this.key, params, locale);
  }
}

/** A warning's text in the user's language. */
export function planWarningText(warning: PlanWarning, locale: Locale = "en"): string {
  return localize(planMessages, warning.key, formatParams(warning.params, locale), locale);
}

/**
 * Numbers as a user reads them in messages and the CLI table: grouped thousands, at most
 * `maxDecimals` decimals (en 1,234.5; sv 1 234,5 with a no-break space).
 */
export function formatNumber(value: number, locale: Locale = "en", maxDecimals = 2, minDecimals = 0): string {
  return new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-US", {
    maximumFractionDigits: Math.max(maxDecimals, minDecimals),
    minimumFractionDigits: minDecimals,
  }).format(value);
}

/** Decimals a rounding unit implies: 100 → 0, 0.5 → 1, 0.01 → 2; no rounding → 2. */
export function decimalsOf(roundTo: number): number {
  if (roundTo === 0) return 2;
  for (let d = 0; d <= 10; d++) {
    const scaled = roundTo * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 10;
}

/** Sums of many decimal amounts carry float noise (0.1 + 0.2); keep Excel's 15 digits. */
export function tidy(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value === 0 ? 0 : value;
  return Number(value.toPrecision(15));
}

const LIST_LIMIT = 5;

function listReps(names: string[]): MessageParams[string] {
  if (names.length <= LIST_LIMIT) return names.join(", ");
  return `${names.slice(0, LIST_LIMIT).join(", ")} (+${names.length - LIST_LIMIT})`;
}

/** A quantity rounded to the unit, as an exact count of units (unit 0 = unrounded). */
function roundedWhole(value: number, roundTo: number): number {
  return roundTo === 0 ? value : fromUnits(toUnits(value, roundTo), roundTo);
}

/** Σ parts without float drift: parts are multiples of the unit, so add whole units. */
function exactSum(parts: number[], roundTo: number): number {
  if (roundTo === 0) return parts.reduce((a, b) => a + b, 0);
  let units = 0;
  for (const p of parts) units += toUnits(p, roundTo);
  return fromUnits(units, roundTo);
}

/** Whether value is a whole number of units (within float noise of decimal units). */
function isMultiple(value: number, roundTo: number): boolean {
  if (roundTo === 0) return true;
  const ratio = value / roundTo;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9 * Math.max(1, Math.abs(ratio));
}

function validatePeriods(periods: number): void {
  if (typeof periods !== "number" || !Number.isInteger(periods) || periods < 1) {
    throw new QuotaError("#NUM!", "notWhole", { param: "periods", min: 1, value: String(periods) });
  }
}

/** Months from the first to the last one present, so gaps count as zero months. */
function monthRange(periods: string[]): string[] {
  const sorted = [...periods].filter((p) => /^\d{4}-\d{2}$/.test(p)).sort();
  if (sorted.length === 0) return [];
  const [y0, m0] = sorted[0].split("-").map(Number);
  const [y1, m1] = sorted[sorted.length - 1].split("-").map(Number);
  const out: string[] = [];
  for (let y = y0, m = m0; y < y1 || (y === y1 && m <= m1); m === 12 ? ((m = 1), y++) : m++) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
  }
  return out;
}

/**
 * The rep's forecast for the next horizon. "last" (default): the whole history × (1 + growth).
 * The other methods work on the rep's monthly series and forecast a horizon as long as the
 * history window (a year of months gives the next year), so every method answers the same
 * question: what should this rep sell in the next horizon. The series starts at the rep's
 * first month with sales, so a rep hired mid-year is judged on the months they worked
 * ("average" then gives their run-rate over the whole next horizon). A trend needs two
 * months: with one, the rep's average is used (`fellBack`).
 */
function forecastRep(rep: RepHistory, months: string[], growth: number, method: ForecastMethod): { value: number; fellBack: boolean } {
  if (method === "last") return { value: forecast([rep.total], growth, "last"), fellBack: false };
  const first = months.findIndex((m) => rep.byMonth[m] !== undefined);
  if (first < 0) return { value: 0, fellBack: false };
  const series = months.slice(first).map((m) => rep.byMonth[m] ?? 0);
  const horizon = months.length;
  if (method === "average" || series.length < 2) {
    return { value: forecast(series, growth, "average") * horizon, fellBack: method !== "average" };
  }
  let sum = 0;
  for (let h = 1; h <= horizon; h++) sum += forecast(series, growth, method, h);
  return { value: sum, fellBack: false };
}

/** Plans the quotas. Throws PlanError / QuotaError (both LocalizedError) on input it cannot use. */
export function planQuotas(aggregation: Pick<Aggregation, "reps" | "periods">, params: QuotaPlanParams): QuotaPlan {
  const { method, periods, roundTo } = params;
  const growth = params.growth ?? 0;
  if (!QUOTA_METHODS.includes(method)) throw new PlanError("unknownMethod", { value: String(method) });
  validatePeriods(periods);
  validateRoundTo(roundTo);
  requireInPlanRange(roundTo, "round_to", roundUnitProblem(roundTo));
  if (typeof growth !== "number" || !Number.isFinite(growth) || growth <= -1) {
    throw new PlanError("badGrowth", { value: String(growth) });
  }
  const reps = aggregation.reps;
  if (reps.length === 0) throw new PlanError("noReps");

  const warnings: PlanWarning[] = [];
  const warn = (key: PlanWarning["key"], warningParams: MessageParams = {}) => warnings.push({ key, params: warningParams });
  const repList = (filter: (i: number) => boolean) => listReps(reps.filter((_, i) => filter(i)).map((r) => r.name));

  const usedParams: QuotaPlanParams = { ...params, growth };
  if (method !== "forecast" && growth !== 0) warn("growthIgnored", { growth: `${tidy(growth * 100)} %` });
  if (method !== "topdown" && params.weighting === "weight") warn("weightingIgnored");

  const history = reps.map((r) => tidy(r.total));
  let weights: number[] | null; // null = equal shares
  let quotas: number[];
  let periodQuotas: number[];
  let total: number;
  let periodTotal: number;
  let perPeriodBase: number; // what periodTotal is this split of: the target, or a forecast's total

  if (method === "forecast") {
    const forecastMethod = params.forecastMethod ?? "last";
    const months = forecastMethod === "last" ? [] : monthRange(aggregation.periods);
    if (forecastMethod !== "last" && months.length === 0) throw new PlanError("needsMonths", { value: forecastMethod });
    const fellBack: boolean[] = [];
    const raw = reps.map((rep) => {
      try {
        const f = forecastRep(rep, months, growth, forecastMethod);
        fellBack.push(f.fellBack);
        return f.value;
      } catch (e) {
        if (e instanceof LocalizedError) throw new PlanError("forecastFailed", { rep: rep.name }, e);
        throw e;
      }
    });
    if (fellBack.some(Boolean)) warn("trendFellBack", { reps: repList((i) => fellBack[i]) });
    const negative = raw.map((v) => v < 0);
    if (negative.some(Boolean)) warn("negativeForecastClamped", { reps: repList((i) => negative[i]) });
    quotas = raw.map((v) => roundedWhole(Math.max(0, tidy(v)), roundTo));
    total = exactSum(quotas, roundTo);
    if (params.target !== null && params.target !== undefined) {
      warn("targetIgnored", { target: params.target, total });
      usedParams.target = null;
    }
    weights = quotas;
    perPeriodBase = total;
    periodTotal = roundedWhole(total / periods, roundTo);
    periodQuotas = total > 0 ? allocate(total / periods, quotas, roundTo, "quotas") : quotas.map(() => 0);
  } else {
    const target = params.target;
    if (target === null || target === undefined) throw new PlanError("targetRequired", { method });
    validateAmount(target, "target");
    requireInPlanRange(target, "target", planAmountProblem(target));
    total = roundedWhole(target, roundTo);
    if (!isMultiple(target, roundTo)) warn("targetRounded", { target, round: roundTo, total });

    if (method === "topdown") {
      if (params.weighting === "weight") {
        weights = reps.map((rep) => {
          const w = rep.weight;
          if (typeof w !== "number" || Number.isNaN(w)) throw new PlanError("missingWeight", { rep: rep.name });
          if (w < 0) throw new PlanError("negativeWeight", { rep: rep.name, value: w });
          return w;
        });
        if (weights.every((w) => w === 0)) throw new PlanError("allZeroWeights");
        const zero = weights.map((w) => w === 0);
        if (zero.some(Boolean)) warn("zeroWeight", { reps: repList((i) => zero[i]) });
      } else {
        weights = null;
      }
      quotas = topDownSplit(target, reps.length, 1, weights, roundTo);
      periodQuotas = topDownSplit(target, reps.length, periods, weights, roundTo);
    } else {
      if (method === "profit") {
        const loss = history.map((h) => h < 0);
        if (history.every((h) => h <= 0)) throw new PlanError("noProfit");
        if (loss.some(Boolean)) warn("lossClamped", { reps: repList((i) => loss[i]) });
        weights = history.map((h) => Math.max(0, h));
      } else {
        const negative = history.findIndex((h) => h < 0);
        if (negative >= 0) throw new PlanError("negativeHistory", { rep: reps[negative].name, value: history[negative] });
        if (history.every((h) => h === 0)) throw new PlanError("allZeroHistory");
        weights = history;
      }
      const zero = history.map((h) => h === 0);
      if (zero.some(Boolean)) warn("zeroHistory", { reps: repList((i) => zero[i]) });
      quotas = bottomUp(target, weights, 1, roundTo);
      periodQuotas = bottomUp(target, weights, periods, roundTo);
    }
    perPeriodBase = target;
    periodTotal = roundedWhole(target / periods, roundTo);
  }

  if (periods > 1 && !isMultiple(perPeriodBase / periods, roundTo)) {
    warn("periodTotalRounded", {
      total: perPeriodBase,
      periods,
      exact: tidy(perPeriodBase / periods),
      round: roundTo,
      periodTotal,
      product: tidy(periodTotal * periods),
    });
  }

  const weightSum = weights === null ? reps.length : weights.reduce((a, b) => a + b, 0);
  const rows: QuotaPlanRow[] = reps.map((rep, i) => ({
    rep: rep.name,
    history: history[i],
    share: weightSum === 0 ? 0 : (weights === null ? 1 : weights[i]) / weightSum,
    quota: quotas[i],
    periodQuota: periodQuotas[i],
  }));
  return { method, params: usedParams, rows, total, periodTotal, warnings };
}
