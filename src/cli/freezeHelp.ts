/** `quota freeze --help`, in English and Swedish. */
import type { Locale } from "../i18n";

export const FREEZE_HELP: Record<Locale, string> = {
  en: `Usage: quota freeze <in.xlsx> --out <out.xlsx> [--json] [--lang en|sv]

Writes <out.xlsx>: the same workbook with every formula that calls a SALES function
replaced by its last calculated value, so it can be shared with people who do not have the
add-in (they would see #NAME? once Excel recalculates). This covers calls nested in other
formulas, spilled results (the whole spill range keeps its values) and filled-down (shared)
formulas. Every other formula, value, format and part of the workbook stays as it was.

A cell that calls SALES but holds no calculated value is left as a formula and named in a
warning: open the workbook in Excel with the add-in, let it calculate, save, and run again.

Options:
  --out FILE             the workbook to write (must differ from the input)
  --json                 print {cells, sheets: {name: count}, uncalculated, uncalculatedCells}
  --lang en|sv           language of the messages (default: from LANG)

Exit code 0 = done (also when there was nothing to freeze), 1 = the files, 2 = the command line.

Example:
  quota freeze plan.xlsx --out plan-shared.xlsx
`,
  sv: `Användning: quota freeze <in.xlsx> --out <ut.xlsx> [--json] [--lang en|sv]

Skriver <ut.xlsx>: samma arbetsbok där varje formel som anropar en SALES-funktion har
ersatts av sitt senast beräknade värde, så att den kan delas med den som inte har tillägget
(de skulle annars se #NAME? när Excel räknar om). Det gäller även anrop inuti andra formler,
spillda resultat (hela spillområdet behåller sina värden) och nedkopierade (delade) formler.
Alla andra formler, värden, format och delar av arbetsboken lämnas som de var.

En cell som anropar SALES men saknar beräknat värde lämnas som formel och nämns i en
varning: öppna arbetsboken i Excel med tillägget, låt den beräkna, spara och kör igen.

Alternativ:
  --out FIL              arbetsboken att skriva (får inte vara indatafilen)
  --json                 skriv {cells, sheets: {namn: antal}, uncalculated, uncalculatedCells}
  --lang en|sv           språk för meddelandena (standard: från LANG)

Slutkod 0 = klart (även när inget fanns att frysa), 1 = filerna, 2 = kommandoraden.

Exempel:
  quota freeze plan.xlsx --out plan-delad.xlsx
`,
};
