/**
 * The year plan's messages, en + sv: errors that stop a plan (each names the rep, the lock or
 * the option at fault) and notes for the audit block (what a rule did to whom).
 */
import { Catalog, Locale, localize, LocalizedError, MessageParams } from "../i18n";
import { formatNumber } from "../sheet/quotaPlan";

export const yearPlanMessages: Catalog = {
  // Errors
  badStart: {
    en: "The plan start \"{value}\" is not a month from {first} to {last} (the plan's twelve months must be dates Excel holds): use YYYY-MM, for example 2026-01.",
    sv: "Planens start \"{value}\" är ingen månad från {first} till {last} (planens tolv månader måste vara datum som Excel kan lagra): använd ÅÅÅÅ-MM, till exempel 2026-01.",
  },
  badUplift: {
    en: "The uplift must be a number of at least 0, such as 0.1 or 10% (got {value}).",
    sv: "Påslaget måste vara ett tal på minst 0, till exempel 0,1 eller 10% (fick {value}).",
  },
  patternLength: {
    en: "The phasing pattern has {actual} weights, but the plan has {periods} periods: give one weight per period.",
    sv: "Säsongsmönstret har {actual} vikter, men planen har {periods} perioder: ange en vikt per period.",
  },
  patternNegative: {
    en: "Phasing weight {index} is negative ({value}); weights must be zero or more.",
    sv: "Säsongsvikt {index} är negativ ({value}); vikterna måste vara noll eller mer.",
  },
  patternAllZero: {
    en: "The phasing weights add up to zero, so there is nothing to spread the quotas by.",
    sv: "Säsongsvikterna summerar till noll, så det finns inget att fördela kvoterna efter.",
  },
  needsCalendar: {
    en: "Phasing \"{phasing}\" works by calendar month, so the periods must split a year evenly (1, 2, 3, 4, 6 or 12); got {periods}.",
    sv: "Säsongsfördelningen \"{phasing}\" räknar i kalendermånader, så perioderna måste dela ett år jämnt (1, 2, 3, 4, 6 eller 12); fick {periods}.",
  },
  rosterNeedsCalendar: {
    en: "The roster works by calendar month, so the periods must split a year evenly (1, 2, 3, 4, 6 or 12); got {periods}.",
    sv: "Bemanningslistan räknar i kalendermånader, så perioderna måste dela ett år jämnt (1, 2, 3, 4, 6 eller 12); fick {periods}.",
  },
  needsDates: {
    en: "Phasing \"{phasing}\" needs the history by month: map a date column, or use equal phasing.",
    sv: "Säsongsfördelningen \"{phasing}\" behöver historiken per månad: välj en datumkolumn, eller använd jämn fördelning.",
  },
  teamPatternEmpty: {
    en: "The team sold nothing in any month of the history, so there is no seasonal pattern: use equal phasing.",
    sv: "Teamet sålde ingenting i någon månad av historiken, så det finns inget säsongsmönster: använd jämn fördelning.",
  },
  lockUnknownRep: {
    en: "The lock \"{rep}\" names no rep in the history or on the roster.",
    sv: "Låsningen \"{rep}\" namnger ingen säljare i historiken eller i bemanningslistan.",
  },
  lockTwice: {
    en: "{rep} is locked twice; give one amount per rep.",
    sv: "{rep} är låst två gånger; ange ett belopp per säljare.",
  },
  lockBadAmount: {
    en: "The lock for {rep} must be an amount of 0 or more (got {value}).",
    sv: "Låsningen för {rep} måste vara ett belopp på 0 eller mer (fick {value}).",
  },
  fixedExceed: {
    en: "The fixed quotas add up to {fixed}, more than the plan total {total}: {reps}. Lower them or raise the target.",
    sv: "De fasta kvoterna summerar till {fixed}, mer än planens summa {total}: {reps}. Sänk dem eller höj målet.",
  },
  nobodyLeft: {
    en: "Every rep's quota is fixed by a lock or the roster, so nobody takes the remaining {left} of the plan total {total}: unlock a rep or change the target.",
    sv: "Varje säljares kvot är fast genom en låsning eller bemanningslistan, så ingen tar de återstående {left} av planens summa {total}: lås upp en säljare eller ändra målet.",
  },
  noMonths: {
    en: "{rep} has a quota of {amount} but is on the roster for no whole month of the plan ({from} to {to}).",
    sv: "{rep} har kvoten {amount} men finns i bemanningslistan ingen hel månad av planen ({from} till {to}).",
  },
  rosterTwice: {
    en: "{rep} is on the roster twice ({source}); keep one line per rep.",
    sv: "{rep} finns två gånger i bemanningslistan ({source}); ha en rad per säljare.",
  },
  rosterBadDate: {
    en: "The roster's {field} date for {rep} is \"{value}\" ({source}); use a date such as 2026-03-01.",
    sv: "Bemanningslistans {field}datum för {rep} är \"{value}\" ({source}); använd ett datum som 2026-03-01.",
  },
  rosterEndBeforeStart: {
    en: "{rep} ends ({end}) before starting ({start}) on the roster ({source}).",
    sv: "{rep} slutar ({end}) innan starten ({start}) i bemanningslistan ({source}).",
  },
  rosterBadRamp: {
    en: "The ramp for {rep} must be shares between 0 and 1, such as 0.25, 0.5, 0.75 (got {value}; {source}).",
    sv: "Upptrappningen för {rep} måste vara andelar mellan 0 och 1, till exempel 0,25, 0,5, 0,75 (fick {value}; {source}).",
  },
  rosterBadFull: {
    en: "The full monthly quota for {rep} must be an amount of 0 or more (got {value}; {source}).",
    sv: "Den fulla månadskvoten för {rep} måste vara ett belopp på 0 eller mer (fick {value}; {source}).",
  },
  rosterNoMedian: {
    en: "{rep} has no full monthly quota on the roster, and there are no tenured reps to take a median from ({source}).",
    sv: "{rep} saknar full månadskvot i bemanningslistan, och det finns inga erfarna säljare att ta en median från ({source}).",
  },
  // Notes for the audit block
  noteHistoryFallback: {
    en: "No monthly sales in the time frame for {reps}: phased by the team's pattern.",
    sv: "Ingen försäljning per månad i tidsramen för {reps}: fördelat efter teamets mönster.",
  },
  noteMissingMonths: {
    en: "The time frame covers no calendar month {months} (1 = January): those months take the average month of the pattern.",
    sv: "Tidsramen täcker inte kalendermånad {months} (1 = januari): de månaderna får mönstrets genomsnittliga månad.",
  },
  noteMedianFull: {
    en: "{rep} has no full monthly quota on the roster: the median of the tenured reps, {amount} a month, was used.",
    sv: "{rep} saknar full månadskvot i bemanningslistan: de erfarna säljarnas median, {amount} per månad, användes.",
  },
  noteNewHire: {
    en: "{rep} starts {start} (new hire): {amount} fixed from the roster and the ramp.",
    sv: "{rep} börjar {start} (nyanställd): {amount} fast enligt bemanningslistan och upprampningen.",
  },
  noteLeaver: {
    en: "{rep} ends {end}: quota {amount}, nothing after that; the rest goes to the others.",
    sv: "{rep} slutar {end}: kvot {amount}, inget därefter; resten går till de andra.",
  },
  noteLocked: {
    en: "Locked by hand: {reps}. The others share what is left.",
    sv: "Låsta för hand: {reps}. De andra delar på resten.",
  },
  noteUplift: {
    en: "Uplift {uplift} %: the quotas add up to {total}, {coverage} % of the target {target}.",
    sv: "Påslag {uplift} %: kvoterna summerar till {total}, {coverage} % av målet {target}.",
  },
  notePeriodTargets: {
    en: "Period targets by the exact column sums; {periods} took a unit less than largest remainder would give, because no rep could fill them.",
    sv: "Periodmålen följer de exakta kolumnsummorna; {periods} fick en enhet mindre än största rest skulle ge, eftersom ingen säljare kunde fylla dem.",
  },
};

export type YearPlanMessageKey = keyof typeof yearPlanMessages & string;

function formatParams(params: MessageParams, locale: Locale): MessageParams {
  const out: MessageParams = {};
  for (const [name, value] of Object.entries(params)) out[name] = typeof value === "number" ? formatNumber(value, locale) : value;
  return out;
}

/** A year plan that cannot be made; the message names the rep, lock or option at fault. */
export class YearPlanError extends LocalizedError {
  constructor(key: YearPlanMessageKey, params: MessageParams = {}) {
    super(yearPlanMessages, key, params);
    this.name = "YearPlanError";
    this.message = this.messageIn("en");
  }

  override messageIn(locale: Locale): string {
    return localize(yearPlanMessages, this.key, formatParams(this.params, locale), locale);
  }
}

/** A note of YearPlan.notes in the reader's language. */
export function yearPlanNoteText(note: { key: string; params: MessageParams }, locale: Locale = "en"): string {
  return localize(yearPlanMessages, note.key, formatParams(note.params, locale), locale);
}
