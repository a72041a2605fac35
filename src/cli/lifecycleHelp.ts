/** `quota review --help` and `quota refresh --help`, in English and Swedish. */
import type { Locale } from "../i18n";

export const REVIEW_HELP: Record<Locale, string> = {
  en: `Usage: quota review <plan.xlsx> --through YYYY-MM --out <out.xlsx> [options]

Measures the plan kept in <plan.xlsx> (written by quota allocate or the wizard) against actual
sales, for the periods that have ended by --through, and writes <out.xlsx>: the plan workbook
plus an "Attainment" sheet (quota, actual and attainment per rep and period, to date, and a
run-rate projection to the end of the plan). <plan.xlsx> itself is never written.

  --through YYYY-MM      the last month of actuals to review (required)
  --actuals FILE         a workbook (.xlsx or .csv) with the actual sales; default: the
                         sheet and columns the plan was made from, in <plan.xlsx>
  --sheet NAME, --rep COL, --value COL, --date COL
                         where the actuals are, when detection needs help
  --skip-invalid         skip rows with unreadable cells (counted) instead of stopping
  --out FILE             the output workbook (.xlsx)
  --json                 print the review as JSON instead of the table
  --lang en|sv           language of messages and labels
`,
  sv: `Användning: quota review <plan.xlsx> --through ÅÅÅÅ-MM --out <ut.xlsx> [alternativ]

Mäter planen som är sparad i <plan.xlsx> (skriven av quota allocate eller guiden) mot faktisk
försäljning, för perioderna som har tagit slut till och med --through, och skriver <ut.xlsx>:
planens arbetsbok plus bladet "Måluppfyllelse" (kvot, utfall och måluppfyllelse per säljare och
period, hittills, och en prognos i nuvarande takt till planens slut). <plan.xlsx> skrivs aldrig.

  --through ÅÅÅÅ-MM      den sista månaden med utfall att följa upp (krävs)
  --actuals FIL          en arbetsbok (.xlsx eller .csv) med faktisk försäljning; standard:
                         bladet och kolumnerna som planen gjordes från, i <plan.xlsx>
  --sheet NAMN, --rep KOL, --value KOL, --date KOL
                         var utfallet finns, när igenkänningen behöver hjälp
  --skip-invalid         hoppa över rader med oläsliga celler (räknas) i stället för att stoppa
  --out FIL              utdataboken (.xlsx)
  --json                 skriv uppföljningen som JSON i stället för tabellen
  --lang en|sv           språk för meddelanden och rubriker
`,
};

export const REFRESH_HELP: Record<Locale, string> = {
  en: `Usage: quota refresh <book.xlsx> --out <out.xlsx> [--letters] [--json] [--lang en|sv]

Reads the plan kept in <book.xlsx>, reads its source again with the stored inputs (sheet,
columns, time frame, method, target, periods, start, phasing, rounding, uplift, locks, roster,
teams) and writes the plan anew to <out.xlsx>. On unchanged data the quotas and schedules are
the same, to the unit; otherwise the reps whose quota changed are listed.

  --letters              also write one quota letter per rep
  --json                 print the plan as JSON instead of the table
`,
  sv: `Användning: quota refresh <bok.xlsx> --out <ut.xlsx> [--letters] [--json] [--lang en|sv]

Läser planen som är sparad i <bok.xlsx>, läser dess källa igen med de sparade valen (blad,
kolumner, tidsram, metod, mål, perioder, start, säsong, avrundning, påslag, låsningar,
bemanning, team) och skriver planen på nytt till <ut.xlsx>. Med oförändrade data blir kvoter
och scheman desamma, på enheten; annars listas säljarna vars kvot ändrades.

  --letters              skriv också ett kvotbrev per säljare
  --json                 skriv planen som JSON i stället för tabellen
`,
};
