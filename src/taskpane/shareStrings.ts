/** The texts of "Prepare for sharing" (ShareSection), in English and Swedish. */
import { Catalog, Locale, MessageParams, localize } from "../i18n";
import { derivedFileName } from "../workbook/plan";

export const shareStrings = {
  shareHeading: { en: "Share this workbook", sv: "Dela arbetsboken" },
  shareExplain: {
    en: "People without the add-in see #NAME? where SALES functions are. Prepare the workbook for sharing: SALES formulas become their calculated values; other formulas, values and formats stay.",
    sv: "Den som inte har tillägget ser #NAME? där SALES-funktioner finns. Förbered arbetsboken för delning: SALES-formler blir sina beräknade värden; andra formler, värden och format lämnas kvar.",
  },
  shareButton: { en: "Prepare for sharing…", sv: "Förbered för delning…" },
  shareScanning: { en: "Looking for SALES formulas…", sv: "Letar efter SALES-formler…" },
  shareFreezing: { en: "Replacing formulas by values…", sv: "Ersätter formler med värden…" },
  shareNothing: { en: "Nothing to freeze: no cell calls a SALES function.", sv: "Inget att frysa: ingen cell anropar en SALES-funktion." },
  shareConfirmTitle: { en: "Replace {count} SALES formulas by their values?", sv: "Ersätta {count} SALES-formler med sina värden?" },
  shareCellsLabel: { en: "Cells", sv: "Celler" },
  shareMore: { en: "… and {count} more.", sv: "… och {count} till." },
  shareUndoExcel: {
    en: "This cannot be undone: Excel clears its undo history when an add-in changes cells. Save a copy first if you may need the formulas again.",
    sv: "Det går inte att ångra: Excel tömmer sin ångrahistorik när ett tillägg ändrar celler. Spara en kopia först om du kan behöva formlerna igen.",
  },
  shareUndoBrowser: {
    en: "This cannot be undone in this page. The file you opened stays as it was: you download the shared copy.",
    sv: "Det går inte att ångra på den här sidan. Filen du öppnade lämnas som den var: du laddar ned den delade kopian.",
  },
  shareUncalculated: {
    en: "Left as formulas because they hold no calculated value ({count}): {cells}. Let Excel calculate them with the add-in first.",
    sv: "Lämnas som formler eftersom de saknar beräknat värde ({count}): {cells}. Låt Excel beräkna dem med tillägget först.",
  },
  shareConfirm: { en: "Replace by values", sv: "Ersätt med värden" },
  shareCancel: { en: "Cancel", sv: "Avbryt" },
  shareDone: { en: "Replaced {count} SALES formulas by their values ({sheets}).", sv: "Ersatte {count} SALES-formler med sina värden ({sheets})." },
  shareDownload: { en: "Download {file}", sv: "Ladda ned {file}" },
  shareError: { en: "The workbook could not be prepared: {detail}", sv: "Arbetsboken kunde inte förberedas: {detail}" },
} satisfies Catalog;

export type ShareMessageId = keyof typeof shareStrings;

export function shareTranslator(locale: Locale): (id: ShareMessageId, params?: MessageParams) => string {
  return (id, params) => localize(shareStrings, id, params, locale);
}

/** "sales.xlsx" → "sales-shared.xlsx" ("sales-delad.xlsx" in Swedish; .xlsm stays .xlsm). */
export function sharedFileName(original: string | null, locale: Locale): string {
  return derivedFileName(original, "shared", locale);
}
