/** `quota --help` and `quota allocate --help`, in English and Swedish. */
import { Locale } from "../i18n";
import type { HelpTopic } from "./args";
import { FREEZE_HELP } from "./freezeHelp";
import { REFRESH_HELP, REVIEW_HELP } from "./lifecycleHelp";

const MAIN: Record<Locale, string> = {
  en: `quota: turn a sales workbook into fair, exact sales quotas.

Usage:
  quota allocate <in.xlsx> --out <out.xlsx> [options]   write a Quotas sheet
  quota allocate <in.csv> --out <out.xlsx> [options]    the same from a CSV file
  quota freeze <in.xlsx> --out <out.xlsx>               SALES formulas → values, to share
  quota review <plan.xlsx> --through YYYY-MM --out <out.xlsx>   attainment against actuals
  quota refresh <book.xlsx> --out <out.xlsx>            make the stored plan again
  quota --help | quota allocate --help                  show help
  quota --version                                       show the version

The input workbook is never changed: the result is a copy with a "Quotas" sheet added.
Run "quota allocate --help" for the options.
`,
  sv: `quota: gör om en försäljningsarbetsbok till rättvisa, exakta säljkvoter.

Användning:
  quota allocate <in.xlsx> --out <ut.xlsx> [alternativ]  skriv ett Kvoter-blad
  quota allocate <in.csv> --out <ut.xlsx> [alternativ]   samma från en CSV-fil
  quota freeze <in.xlsx> --out <ut.xlsx>                 SALES-formler → värden, för delning
  quota review <plan.xlsx> --through ÅÅÅÅ-MM --out <ut.xlsx>   måluppfyllelse mot utfall
  quota refresh <bok.xlsx> --out <ut.xlsx>               gör den sparade planen igen
  quota --help | quota allocate --help                   visa hjälp
  quota --version                                        visa versionen

Indataboken ändras aldrig: resultatet är en kopia med bladet "Kvoter" tillagt.
Kör "quota allocate --help" för alternativen.
`,
};

const ALLOCATE: Record<Locale, string> = {
  en: `Usage: quota allocate <in.xlsx> --out <out.xlsx> [options]
       quota allocate <in.csv> --out <out.xlsx> [options]

Reads the sales table of <in.xlsx>, sums each rep's history, splits the target with the
chosen method and writes <out.xlsx>: the same workbook plus a "Quotas" sheet (a table with
a totals row equal to the target, a note on how the numbers were made, and a chart).
A .csv (or .txt, .tsv) input gives a new workbook: its rows as a sheet of text, plus Quotas.

Source (detected when not given; COL is a header such as " Sales" or a column letter):
  --sheet NAME           sheet to read (default: the first sheet with a sales table)
  --rep COL              column with the rep names
  --value COL            column with the sales amounts
  --date COL             column with the dates
  --year YYYY            only rows dated in that year
  --from DATE --to DATE  only rows dated in that range, both days included (YYYY-MM-DD)
  --skip-invalid         skip rows with unreadable cells (counted) instead of stopping

Method:
  --method M             topdown | bottomup | forecast | profit (default bottomup)
                           topdown   target split equally, or by --weights COL
                           bottomup  target split by each rep's share of history
                           forecast  each rep's history × (1 + growth); no target
                           profit    bottom-up on revenue − costs (--cost COL,...), or on a
                                     Profit column as it is when no cost column is found;
                                     a rep with a loss gets 0 and a warning
  --target N             the total for the whole horizon (not used by forecast)
  --periods N            review periods the horizon is split into (default 1; 12 = months)
  --round R              rounding unit of every quota (default 1; 0 = no rounding)
  --growth G             forecast growth: 0.3 or 30% (default 0)
  --forecast B           forecast base: last (default; the whole history) | average
                         (monthly average) | trend (linear trend) | growth (growth curve)
  --weights COL          top-down weight column
  --cost COL,...         cost columns for profit (default: detected cost columns)

Year plan (each rep's quota per period, adding up exactly both ways):
  --start YYYY-MM        first plan month (default: the month after the last history date)
  --phasing P            equal (default) | history (each rep's own months) |
                         team (the team's months) | W,W,... (one weight per period,
                         e.g. 8,8,9,9,8,7,5,6,9,10,10,11)
  --uplift U             quotas add up to target × (1 + U): 0.1 or 10% (default 0)
  --lock "REP=AMOUNT"    fix a rep's quota; the others share the rest (repeatable)
  --team COL             column with each rep's team: team totals and schedules
  --roster FILE[#SHEET]  new hires, leavers and ramps (Rep, Start, End, Ramp, Full)

Output:
  --out FILE             the workbook to write (must differ from the input)
  --sheet-out NAME       name of the output sheet (default Quotas; Kvoter in Swedish)
  --letters              also write the sheet Letters: one printed quota letter per rep
  --json                 print the plan as JSON (rows with schedules, period targets, teams)
  --lang en|sv           language of messages and sheet labels (default: from LANG)

Quotas add up exactly to the target rounded to the unit; leftover units go to the largest
remainders, ties to the earlier rep. The quota table goes to stdout; progress, warnings and
errors go to stderr. Exit code 0 = done, 1 = the data or files, 2 = the command line.

Example:
  quota allocate sales.xlsx --out quotas.xlsx --year 2025 --target 1500000 --periods 12 --round 100
`,
  sv: `Användning: quota allocate <in.xlsx> --out <ut.xlsx> [alternativ]
            quota allocate <in.csv> --out <ut.xlsx> [alternativ]

Läser försäljningstabellen i <in.xlsx>, summerar varje säljares historik, fördelar målet
med vald metod och skriver <ut.xlsx>: samma arbetsbok plus bladet "Kvoter" (en tabell med
en summarad lika med målet, en notering om hur siffrorna togs fram, och ett diagram).
En .csv-fil (eller .txt, .tsv) ger en ny arbetsbok: raderna som ett blad med text, plus Kvoter.

Källa (hittas automatiskt om den inte anges; KOL är en rubrik som " Sales" eller en kolumnbokstav):
  --sheet NAMN           blad att läsa (standard: första bladet med en försäljningstabell)
  --rep KOL              kolumnen med säljarnas namn
  --value KOL            kolumnen med försäljningsbeloppen
  --date KOL             kolumnen med datum
  --year ÅÅÅÅ            bara rader daterade det året
  --from DATUM --to DATUM  bara rader i det intervallet, båda dagarna medräknade (ÅÅÅÅ-MM-DD)
  --skip-invalid         hoppa över rader med oläsbara celler (räknas) i stället för att stoppa

Metod:
  --method M             topdown | bottomup | forecast | profit (standard bottomup)
                           topdown   målet delat lika, eller efter --weights KOL
                           bottomup  målet fördelat efter varje säljares andel av historiken
                           forecast  varje säljares historik × (1 + tillväxt); inget mål
                           profit    nedifrån och upp på intäkter − kostnader (--cost KOL,...), eller
                                     på en vinstkolumn som den är när ingen kostnadskolumn hittas;
                                     en säljare med förlust får 0 och en varning
  --target N             summan för hela perioden (används inte av forecast)
  --periods N            uppföljningsperioder som perioden delas i (standard 1; 12 = månader)
  --round R              avrundningsenhet för varje kvot (standard 1; 0 = ingen avrundning)
  --growth G             tillväxt för forecast: 0.3 eller 30% (standard 0)
  --forecast B           prognosgrund: last (standard; hela historiken) | average
                         (månadssnitt) | trend (linjär trend) | growth (tillväxtkurva)
  --weights KOL          viktkolumn för topdown
  --cost KOL,...         kostnadskolumner för profit (standard: hittade kostnadskolumner)

Årsplan (varje säljares kvot per period, som summerar exakt åt båda hållen):
  --start ÅÅÅÅ-MM        planens första månad (standard: månaden efter sista historikdatumet)
  --phasing P            equal (standard) | history (säljarens egna månader) |
                         team (teamets månader) | V,V,... (en vikt per period,
                         t.ex. 8,8,9,9,8,7,5,6,9,10,10,11)
  --uplift U             kvoterna summerar till målet × (1 + U): 0.1 eller 10% (standard 0)
  --lock "SÄLJARE=BELOPP"  lås en säljares kvot; de andra delar på resten (kan upprepas)
  --team KOL             kolumnen med varje säljares team: teamens summor och scheman
  --roster FIL[#BLAD]    nyanställda, avgångar, upprampning (Rep, Start, End, Ramp, Full)

Utdata:
  --out FIL              arbetsboken att skriva (får inte vara indatafilen)
  --sheet-out NAMN       namn på utdatabladet (standard Kvoter; Quotas på engelska)
  --letters              skriv också bladet Kvotbrev: ett utskrivet kvotbrev per säljare
  --json                 skriv planen som JSON (rader med scheman, periodmål, team)
  --lang en|sv           språk för meddelanden och bladets texter (standard: från LANG)

Kvoterna summerar exakt till målet avrundat till enheten; överblivna enheter går till de
största resterna, vid lika till den tidigare säljaren. Kvottabellen skrivs till stdout;
förlopp, varningar och fel till stderr. Slutkod 0 = klart, 1 = data eller filer, 2 = kommandoraden.

Exempel:
  quota allocate sales.xlsx --out kvoter.xlsx --year 2025 --target 1500000 --periods 12 --round 100
`,
};

export function helpText(topic: HelpTopic, locale: Locale = "en"): string {
  const texts = { main: MAIN, allocate: ALLOCATE, freeze: FREEZE_HELP, review: REVIEW_HELP, refresh: REFRESH_HELP }[topic] ?? MAIN;
  return texts[locale] ?? texts.en;
}
