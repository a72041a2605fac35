/** Messages of `quota freeze` (en + sv), merged into the command's catalog (messages.ts). */
import type { Catalog } from "../i18n";

export const freezeMessages: Catalog = {
  freezeOption: {
    en: "{option} is not an option of quota freeze. Run \"quota freeze --help\".",
    sv: "{option} är inte ett alternativ till quota freeze. Kör \"quota freeze --help\".",
  },
  freezeMissingInput: {
    en: "Give the workbook to freeze: quota freeze <in.xlsx> --out <out.xlsx>.",
    sv: "Ange arbetsboken att frysa: quota freeze <in.xlsx> --out <ut.xlsx>.",
  },
  freezing: { en: "Freezing SALES formulas in {file}…", sv: "Fryser SALES-formler i {file}…" },
  frozeSummary: {
    en: "SALES formulas frozen into their values: {count} ({sheets}).",
    sv: "SALES-formler frysta till sina värden: {count} ({sheets}).",
  },
  frozeSheet: { en: "{sheet} {count}", sv: "{sheet} {count}" },
  nothingToFreeze: {
    en: "Nothing to freeze: no cell calls a SALES function.",
    sv: "Inget att frysa: ingen cell anropar en SALES-funktion.",
  },
  uncalculated: {
    en: "Warning: left as formulas because they call SALES functions but hold no calculated value ({count}): {cells}. Open the workbook in Excel with the add-in, let it calculate, save it and freeze again.",
    sv: "Varning: lämnades som formler eftersom de anropar SALES-funktioner men saknar beräknat värde ({count}): {cells}. Öppna arbetsboken i Excel med tillägget, låt den beräkna, spara och frys igen.",
  },
  frozeWrote: { en: "Wrote {file}.", sv: "Skrev {file}." },
};
