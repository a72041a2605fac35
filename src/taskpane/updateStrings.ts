/** The texts of "Update the plan" (UpdateSection, UpdateChanges), in English and Swedish. */
import { Catalog, Locale, LocalizedError, MessageParams, localize } from "../i18n";

export const updateStrings = {
  updateHasPlan: {
    en: "This workbook has a quota plan made {date} ({method}, target {target}).",
    sv: "Arbetsboken har en kvotplan gjord {date} ({method}, mål {target}).",
  },
  updateExplain: {
    en: "Make it again from the sales as they are now, with the same inputs: every field is filled in and the write step shows what changes per rep before anything is written.",
    sv: "Gör den igen från försäljningen som den är nu, med samma indata: alla fält fylls i och skrivsteget visar vad som ändras per säljare innan något skrivs.",
  },
  updateButton: { en: "Update the plan", sv: "Uppdatera planen" },
  updateWorking: { en: "Reading the plan's source…", sv: "Läser planens källa…" },
  updateFilled: {
    en: "Filled in from the plan made {date}: sheet \"{sheet}\", its columns, time frame, method, target, periods, start, phasing, rounding, uplift{locks}. Go Back to check or change them.",
    sv: "Ifyllt från planen gjord {date}: bladet \"{sheet}\", dess kolumner, tidsram, metod, mål, perioder, start, fördelning, avrundning, överfördelning{locks}. Gå Tillbaka för att kontrollera eller ändra dem.",
  },
  updateLocks: { en: " and {count, plural, one {# lock} other {# locks}}", sv: " och {count} {count, plural, one {låsning} other {låsningar}}" },
  updateRoster: {
    en: "The roster stored with the plan ({count, plural, one {# rep} other {# reps}}{from}) is used again as it was, unless you choose a roster sheet in step 2.",
    sv: "Personallistan som sparades med planen ({count} säljare{from}) används igen som den var, om du inte väljer ett blad som personallista i steg 2.",
  },
  updateForecastFallback: {
    en: "The plan's forecast was made from \"{base}\", which the wizard does not offer: the update forecasts from the last result (the history's total), so the quotas may change.",
    sv: "Planens prognos gjordes utifrån \"{base}\", som guiden inte erbjuder: uppdateringen gör prognosen utifrån senaste resultatet (historikens summa), så kvoterna kan ändras.",
  },
  updateTeam: { en: "Teams from column \"{column}\", as in the plan.", sv: "Team från kolumnen \"{column}\", som i planen." },
  updateSheetMissing: {
    en: "The plan was made from sheet \"{sheet}\", which this workbook no longer has, so it cannot be updated from it. Sheets here: {sheets}.",
    sv: "Planen gjordes från bladet \"{sheet}\", som arbetsboken inte längre har, så den kan inte uppdateras därifrån. Blad här: {sheets}.",
  },
  updateError: { en: "The plan could not be updated: {detail}", sv: "Planen kunde inte uppdateras: {detail}" },
  changesHeading: { en: "What changes", sv: "Vad som ändras" },
  changesNone: {
    en: "No changes: every rep keeps the same quota and schedule as in the plan made {date} (total {total}).",
    sv: "Inga ändringar: alla säljare behåller samma kvot och schema som i planen gjord {date} (totalt {total}).",
  },
  changesSummary: {
    en: "{count, plural, one {# rep changes} other {# reps change}} against the plan made {date}; {same} unchanged. Total {before} → {after}.",
    sv: "{count} säljare ändras mot planen gjord {date}; {same} oförändrade. Totalt {before} → {after}.",
  },
  colRep: { en: "Rep", sv: "Säljare" },
  colBefore: { en: "Old quota", sv: "Gammal kvot" },
  colAfter: { en: "New quota", sv: "Ny kvot" },
  colDifference: { en: "Difference", sv: "Skillnad" },
  repNew: { en: "new", sv: "ny" },
  repGone: { en: "removed", sv: "borttagen" },
  scheduleOnly: { en: "same quota, new schedule", sv: "samma kvot, nytt schema" },
} satisfies Catalog;

export type UpdateMessageId = keyof typeof updateStrings;

export function updateTranslator(locale: Locale): (id: UpdateMessageId, params?: MessageParams) => string {
  return (id, params) => localize(updateStrings, id, params, locale);
}

export class UpdateError extends LocalizedError {
  constructor(key: UpdateMessageId, params: MessageParams = {}) {
    super(updateStrings, key, params);
    this.name = "UpdateError";
  }
}
