/** The texts of the Review panel (ReviewSection), in English and Swedish. */
import { Catalog, Locale, MessageParams, localize } from "../i18n";
import { derivedFileName } from "../workbook/plan";

export const reviewStrings = {
  reviewHeading: { en: "Review the plan", sv: "Följ upp planen" },
  reviewHasPlan: {
    en: "This workbook has a quota plan ({reps} reps, periods {first} – {last}, from sheet \"{sheet}\").",
    sv: "Arbetsboken har en kvotplan ({reps} säljare, perioder {first} – {last}, från bladet \"{sheet}\").",
  },
  reviewExplain: {
    en: "Compare the plan with the actual sales in its source sheet: the Attainment sheet shows each rep's quota to date, actual and attainment.",
    sv: "Jämför planen med det faktiska utfallet på källbladet: bladet Måluppfyllelse visar varje säljares kvot hittills, utfall och måluppfyllelse.",
  },
  reviewThrough: { en: "Actuals through (YYYY-MM)", sv: "Utfall till och med (ÅÅÅÅ-MM)" },
  reviewButton: { en: "Write the Attainment sheet", sv: "Skriv bladet Måluppfyllelse" },
  reviewWorking: { en: "Reading the actuals…", sv: "Läser utfallet…" },
  reviewWrote: { en: "Wrote sheet \"{sheet}\" ({reps} reps, through {through}).", sv: "Skrev bladet \"{sheet}\" ({reps} säljare, till och med {through})." },
  reviewAttainment: {
    en: "Attainment to date: {attainment} ({actual} of {quota}).",
    sv: "Måluppfyllelse hittills: {attainment} ({actual} av {quota}).",
  },
  reviewAtOrAbove: {
    en: "Reps at or above quota: {share} (55–70 % is healthy).",
    sv: "Säljare på eller över kvot: {share} (55–70 % är sunt).",
  },
  reviewUnmatched: {
    en: "In the actuals but not in the plan: {reps}.",
    sv: "I utfallet men inte i planen: {reps}.",
  },
  reviewDownload: { en: "Download {file}", sv: "Ladda ned {file}" },
  reviewError: { en: "The plan could not be reviewed: {detail}", sv: "Planen kunde inte följas upp: {detail}" },
} satisfies Catalog;

export type ReviewMessageId = keyof typeof reviewStrings;

export function reviewTranslator(locale: Locale): (id: ReviewMessageId, params?: MessageParams) => string {
  return (id, params) => localize(reviewStrings, id, params, locale);
}

/** "sales.xlsx" → "sales-review.xlsx" ("sales-uppföljning.xlsx" in Swedish; .xlsm stays .xlsm). */
export function reviewFileName(original: string | null, locale: Locale): string {
  return derivedFileName(original, "review", locale);
}
