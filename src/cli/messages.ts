/**
 * The `quota` command's messages (en + sv) and its error type. Every failure the user can
 * cause ends as one CliError line; `exitCode` 2 = the command line itself is wrong, 1 = the
 * data or the files are.
 */
import { Catalog, LocalizedError, MessageParams } from "../i18n";
import { freezeMessages } from "./freezeMessages";

export const cliMessages: Catalog = {
  ...freezeMessages,
  unknownCommand: {
    en: "Unknown command \"{value}\". Run \"quota --help\".",
    sv: "Okänt kommando \"{value}\". Kör \"quota --help\".",
  },
  unknownOption: {
    en: "Unknown option \"{value}\". Run \"quota allocate --help\" for the options.",
    sv: "Okänt alternativ \"{value}\". Kör \"quota allocate --help\" för alternativen.",
  },
  unknownOptionSuggest: {
    en: "Unknown option \"{value}\" (did you mean {suggestion}?). Run \"quota allocate --help\" for the options.",
    sv: "Okänt alternativ \"{value}\" (menade du {suggestion}?). Kör \"quota allocate --help\" för alternativen.",
  },
  missingValue: { en: "{option} needs a value.", sv: "{option} behöver ett värde." },
  givenTwice: { en: "{option} is given twice.", sv: "{option} anges två gånger." },
  flagValue: { en: "{option} takes no value.", sv: "{option} tar inget värde." },
  missingInput: {
    en: "Give the sales workbook to read: quota allocate <in.xlsx> --out <out.xlsx>.",
    sv: "Ange försäljningsarbetsboken att läsa: quota allocate <in.xlsx> --out <ut.xlsx>.",
  },
  extraArgument: { en: "Unexpected argument \"{value}\".", sv: "Oväntat argument \"{value}\"." },
  missingOut: {
    en: "--out is required: the input workbook is never changed, so the result goes to a new file.",
    sv: "--out krävs: indataboken ändras aldrig, så resultatet skrivs till en ny fil.",
  },
  outNotXlsx: {
    en: "--out must name an .xlsx file (or .xlsm for a macro-enabled workbook), got \"{value}\".",
    sv: "--out måste vara en .xlsx-fil (eller .xlsm för en makroaktiverad arbetsbok), fick \"{value}\".",
  },
  macroNeedsXlsm: {
    en: "{input} is a macro-enabled workbook and its copy keeps the macros, which Excel opens only as .xlsm: name the output {suggestion}.",
    sv: "{input} är en makroaktiverad arbetsbok och kopian behåller makrona, som Excel bara öppnar som .xlsm: döp utdatafilen till {suggestion}.",
  },
  xlsmWithoutMacros: {
    en: "{input} has no macros, and Excel refuses a workbook without macros named .xlsm: name the output {suggestion}.",
    sv: "{input} har inga makron, och Excel vägrar öppna en arbetsbok utan makron som heter .xlsm: döp utdatafilen till {suggestion}.",
  },
  badNumber: {
    en: "{option} expects a number such as 1500000 or 0.5, got \"{value}\".",
    sv: "{option} förväntar sig ett tal som 1500000 eller 0.5, fick \"{value}\".",
  },
  negativeNumber: {
    en: "{option} must not be negative, got \"{value}\".",
    sv: "{option} får inte vara negativt, fick \"{value}\".",
  },
  numberTooLarge: {
    en: "{option} must be at most {max}, the largest amount Excel shows exactly (15 digits), got \"{value}\".",
    sv: "{option} får vara högst {max}, det största belopp Excel visar exakt (15 siffror), fick \"{value}\".",
  },
  roundTooSmall: {
    en: "--round must be 0 (no rounding) or at least {min}; a finer unit leaves Excel's 15 digits. Got \"{value}\".",
    sv: "--round måste vara 0 (ingen avrundning) eller minst {min}; en finare enhet går utanför Excels 15 siffror. Fick \"{value}\".",
  },
  yearOutOfRange: {
    en: "--year must be between {first} and {last}, the years Excel's dates cover, got \"{value}\".",
    sv: "--year måste ligga mellan {first} och {last}, åren som Excels datum täcker, fick \"{value}\".",
  },
  dateOutOfRange: {
    en: "{option} must be a date Excel can hold, {first} to {last}, got \"{value}\".",
    sv: "{option} måste vara ett datum som Excel kan hålla, {first} till {last}, fick \"{value}\".",
  },
  zeroTarget: {
    en: "--target must be more than 0 (got \"{value}\"): a target of 0 gives every rep a quota of 0.",
    sv: "--target måste vara större än 0 (fick \"{value}\"): ett mål på 0 ger varje säljare kvoten 0.",
  },
  sheetOutReserved: {
    en: "--sheet-out \"{value}\" is the name of another sheet this tool writes ({names}); choose another name.",
    sv: "--sheet-out \"{value}\" är namnet på ett annat blad som verktyget skriver ({names}); välj ett annat namn.",
  },
  targetRoundsToZero: {
    en: "--target {value} rounds to 0 at the rounding unit {round}: every quota would be 0. Use a smaller --round or a larger target.",
    sv: "--target {value} avrundas till 0 med avrundningsenheten {round}: varje kvot skulle bli 0. Använd en mindre --round eller ett större mål.",
  },
  badWhole: {
    en: "{option} expects a whole number of at least {min}, got \"{value}\".",
    sv: "{option} förväntar sig ett heltal på minst {min}, fick \"{value}\".",
  },
  badYear: {
    en: "--year expects a four-digit year such as 2025, got \"{value}\".",
    sv: "--year förväntar sig ett fyrsiffrigt år som 2025, fick \"{value}\".",
  },
  badDate: {
    en: "{option} expects a date as YYYY-MM-DD, got \"{value}\".",
    sv: "{option} förväntar sig ett datum som ÅÅÅÅ-MM-DD, fick \"{value}\".",
  },
  yearAndRange: {
    en: "Use either --year or --from/--to, not both.",
    sv: "Använd antingen --year eller --from/--to, inte båda.",
  },
  rangeReversed: {
    en: "--from {from} is after --to {to}.",
    sv: "--from {from} ligger efter --to {to}.",
  },
  badMethod: {
    en: "--method must be one of topdown, bottomup, forecast, profit (got \"{value}\").",
    sv: "--method måste vara en av topdown, bottomup, forecast, profit (fick \"{value}\").",
  },
  badLang: { en: "--lang must be en or sv (got \"{value}\").", sv: "--lang måste vara en eller sv (fick \"{value}\")." },
  badGrowth: {
    en: "--growth expects a decimal such as 0.3 or a percentage such as 30%, got \"{value}\".",
    sv: "--growth förväntar sig ett decimaltal som 0.3 eller en procentsats som 30%, fick \"{value}\".",
  },
  growthLooksLikePercent: {
    en: "--growth {value} would mean {percent} %; write {value}% for {value} percent, or a decimal such as 0.3.",
    sv: "--growth {value} skulle betyda {percent} %; skriv {value}% för {value} procent, eller ett decimaltal som 0.3.",
  },
  targetRequired: {
    en: "--target is required for --method {method} (the total to split between the reps).",
    sv: "--target krävs för --method {method} (summan som ska fördelas mellan säljarna).",
  },
  badForecast: {
    en: "Unknown forecast base \"{value}\". Use one of: {methods}.",
    sv: "Okänd prognosgrund \"{value}\". Använd någon av: {methods}.",
  },
  forecastNeedsForecast: {
    en: "--forecast is used only with --method forecast.",
    sv: "--forecast används bara med --method forecast.",
  },
  weightsNeedTopdown: {
    en: "--weights is used only with --method topdown.",
    sv: "--weights används bara med --method topdown.",
  },
  costNeedsProfit: {
    en: "--cost is used only with --method profit.",
    sv: "--cost används bara med --method profit.",
  },
  inputMissing: { en: "Cannot find the input file {path}.", sv: "Hittar inte indatafilen {path}." },
  inputNotFile: { en: "{path} is not a file.", sv: "{path} är inte en fil." },
  sameFile: {
    en: "--out {path} is the input file; choose another file name (the input is never written).",
    sv: "--out {path} är indatafilen; välj ett annat filnamn (indatafilen skrivs aldrig).",
  },
  outDirMissing: {
    en: "Cannot write {path}: the folder {dir} does not exist.",
    sv: "Kan inte skriva {path}: mappen {dir} finns inte.",
  },
  readFailed: {
    en: "Cannot read {path} as an .xlsx workbook: {detail}",
    sv: "Kan inte läsa {path} som en .xlsx-arbetsbok: {detail}",
  },
  writeFailed: { en: "Cannot write {path}: {detail}", sv: "Kan inte skriva {path}: {detail}" },
  sheetMissing: {
    en: "There is no sheet named \"{sheet}\" in {file}. Sheets: {sheets}.",
    sv: "Det finns inget blad som heter \"{sheet}\" i {file}. Blad: {sheets}.",
  },
  noSalesSheet: {
    en: "No sheet in {file} holds a sales table (a header row with a rep column and an amount column). Name the sheet and columns with --sheet, --rep and --value.",
    sv: "Inget blad i {file} innehåller en försäljningstabell (en rubrikrad med en säljarkolumn och en beloppskolumn). Ange blad och kolumner med --sheet, --rep och --value.",
  },
  noTable: {
    en: "No table with a header row found on sheet \"{sheet}\".",
    sv: "Ingen tabell med en rubrikrad hittades på bladet \"{sheet}\".",
  },
  unknownColumn: {
    en: "Sheet \"{sheet}\" has no column \"{value}\" (for {option}). Columns: {columns}.",
    sv: "Bladet \"{sheet}\" har ingen kolumn \"{value}\" (för {option}). Kolumner: {columns}.",
  },
  repNotDetected: {
    en: "Cannot tell which column of sheet \"{sheet}\" holds the reps: name it with --rep. Columns: {columns}.",
    sv: "Kan inte avgöra vilken kolumn på bladet \"{sheet}\" som innehåller säljarna: ange den med --rep. Kolumner: {columns}.",
  },
  valueNotDetected: {
    en: "Cannot tell which column of sheet \"{sheet}\" holds the sales amounts: name it with --value. Columns: {columns}.",
    sv: "Kan inte avgöra vilken kolumn på bladet \"{sheet}\" som innehåller försäljningsbeloppen: ange den med --value. Kolumner: {columns}.",
  },
  dateNotDetected: {
    en: "--year, --from and --to need a date column, and none was found on sheet \"{sheet}\": name it with --date. Columns: {columns}.",
    sv: "--year, --from och --to behöver en datumkolumn, och ingen hittades på bladet \"{sheet}\": ange den med --date. Kolumner: {columns}.",
  },
  costNotDetected: {
    en: "--method profit needs cost columns, and none was found on sheet \"{sheet}\": name them with --cost COL,COL. Columns: {columns}.",
    sv: "--method profit behöver kostnadskolumner, och ingen hittades på bladet \"{sheet}\": ange dem med --cost KOL,KOL. Kolumner: {columns}.",
  },
  outputSheetTaken: {
    en: "{file} already has a sheet named \"{sheet}\" that this tool did not create; choose another name with --sheet-out.",
    sv: "{file} har redan ett blad som heter \"{sheet}\" som verktyget inte skapade; välj ett annat namn med --sheet-out.",
  },
  unexpected: { en: "Unexpected error: {detail}", sv: "Oväntat fel: {detail}" },
  // Progress and summary lines (stderr)
  reading: { en: "Reading {file}…", sv: "Läser {file}…" },
  readingRows: { en: "Reading {sheet}: {done, plural, one {# row} other {# rows}}", sv: "Läser {sheet}: {done, plural, one {# rad} other {# rader}}" },
  writing: { en: "Writing {file}…", sv: "Skriver {file}…" },
  usingSheet: {
    en: "Sheet \"{sheet}\", header in row {row}; columns: {columns}.",
    sv: "Blad \"{sheet}\", rubriker på rad {row}; kolumner: {columns}.",
  },
  rowsSummary: {
    en: "{read, plural, one {# row} other {# rows}} read, {used} used, {outside} outside the dates, {skipped} skipped.",
    sv: "{read, plural, one {# rad läst} other {# rader lästa}}, {used, plural, one {# använd} other {# använda}}, {outside} utanför datumen, {skipped, plural, one {# överhoppad} other {# överhoppade}}.",
  },
  skippedRow: {
    en: "Skipped row {row}: {reason}",
    sv: "Hoppade över rad {row}: {reason}",
  },
  skippedMore: {
    en: "… and {count, plural, one {# more skipped row} other {# more skipped rows}}.",
    sv: "… och {count, plural, one {# överhoppad rad till} other {# fler överhoppade rader}}.",
  },
  warning: { en: "Warning: {text}", sv: "Varning: {text}" },
  rowsBelow: {
    en: "Warning: the table ends at row {end}, where a blank row follows; {count, plural, one {# more row} other {# more rows}} from row {first} down {count, plural, one {was} other {were}} left out. Delete the blank row to include them.",
    sv: "Varning: tabellen slutar på rad {end}, där en tom rad följer; {count, plural, one {# rad till} other {# rader till}} från rad {first} och nedåt togs inte med. Ta bort den tomma raden för att ta med dem.",
  },
  realismOk: {
    en: "The target {target} is {growth} on the history of {history}: achievable.",
    sv: "Målet {target} är {growth} mot historiken {history}: uppnåeligt.",
  },
  realismStretch: {
    en: "The target {target} is {growth} on the history of {history}: a stretch.",
    sv: "Målet {target} är {growth} mot historiken {history}: en utmaning.",
  },
  realismUnrealistic: {
    en: "The target {target} is {growth} on the history of {history}: more than double, hardly achievable.",
    sv: "Målet {target} är {growth} mot historiken {history}: mer än det dubbla, knappast uppnåeligt.",
  },
  moreReps: {
    en: "… and {count} more reps (the {shown} largest quotas are shown); all are in the {sheet} sheet.",
    sv: "… och {count} säljare till (de {shown} största kvoterna visas); alla finns i bladet {sheet}.",
  },
  // The year plan's options
  badPhasing: {
    en: "--phasing must be equal, history, team or one weight per period such as 8,8,9,9,8,7,5,6,9,10,10,11 (got \"{value}\").",
    sv: "--phasing måste vara equal, history, team eller en vikt per period som 8,8,9,9,8,7,5,6,9,10,10,11 (fick \"{value}\").",
  },
  badStart: {
    en: "--start must be a month from {first} to {last} (the plan's twelve months must be dates Excel holds), such as 2026-01 (got \"{value}\").",
    sv: "--start måste vara en månad från {first} till {last} (planens tolv månader måste vara datum som Excel kan lagra), som 2026-01 (fick \"{value}\").",
  },
  badUplift: {
    en: "--uplift expects a decimal such as 0.1 or a percentage such as 10%, of 0 or more (got \"{value}\").",
    sv: "--uplift förväntar sig ett decimaltal som 0.1 eller en procentsats som 10%, på 0 eller mer (fick \"{value}\").",
  },
  upliftLooksLikePercent: {
    en: "--uplift {value} would mean {percent} %; write {value}% for {value} percent, or a decimal such as 0.1.",
    sv: "--uplift {value} skulle betyda {percent} %; skriv {value}% för {value} procent, eller ett decimaltal som 0.1.",
  },
  badLock: {
    en: "--lock expects REP=AMOUNT with an amount of 0 or more, such as \"Anna Svensson=250000\" (got \"{value}\").",
    sv: "--lock förväntar sig SÄLJARE=BELOPP med ett belopp på 0 eller mer, som \"Anna Svensson=250000\" (fick \"{value}\").",
  },
  badRoster: {
    en: "--roster expects FILE or FILE#SHEET, such as roster.xlsx#Hires (got \"{value}\").",
    sv: "--roster förväntar sig FIL eller FIL#BLAD, som roster.xlsx#Nyanställda (fick \"{value}\").",
  },
  // quota review / refresh / --letters
  optionNotFor: {
    en: "{option} is not an option of quota {command}; see quota {command} --help.",
    sv: "{option} är inget alternativ till quota {command}; se quota {command} --help.",
  },
  commandMissingInput: {
    en: "quota {command} needs the plan workbook: quota {command} <plan.xlsx> --out <out.xlsx>.",
    sv: "quota {command} behöver planens arbetsbok: quota {command} <plan.xlsx> --out <ut.xlsx>.",
  },
  throughRequired: {
    en: "quota review needs --through YYYY-MM: the last month of actuals to review.",
    sv: "quota review behöver --through ÅÅÅÅ-MM: den sista månaden med utfall att följa upp.",
  },
  badThrough: {
    en: "--through must be a month such as 2026-03 (got \"{value}\").",
    sv: "--through måste vara en månad som 2026-03 (fick \"{value}\").",
  },
  reviewSummary: {
    en: "Through {through}: {periods} of {total} periods reviewed; actual {actual} against quota {quota} ({attainment}); {atOrAbove} of reps at or above quota (a healthy plan has 55–70 %).",
    sv: "Till och med {through}: {periods} av {total} perioder följs upp; utfall {actual} mot kvot {quota} ({attainment}); {atOrAbove} av säljarna på eller över kvot (en sund plan har 55–70 %).",
  },
  reviewUnmatched: {
    en: "In the actuals but not in the plan: {reps}.",
    sv: "I utfallet men inte i planen: {reps}.",
  },
  wroteReview: {
    en: "Wrote sheet \"{sheet}\" to {file} ({reps} reps).",
    sv: "Skrev bladet \"{sheet}\" till {file} ({reps} säljare).",
  },
  wroteLetters: {
    en: "Wrote {count} quota letters to sheet \"{sheet}\" (one printed page each).",
    sv: "Skrev {count} kvotbrev till bladet \"{sheet}\" (en utskriven sida vardera).",
  },
  refreshChanges: {
    en: "Changed since the plan was made: {changes}.",
    sv: "Ändrat sedan planen gjordes: {changes}.",
  },
  refreshSame: {
    en: "The refreshed plan has the same quotas and schedules as the stored one.",
    sv: "Den uppdaterade planen har samma kvoter och scheman som den sparade.",
  },
  note: { en: "Note: {text}", sv: "Obs: {text}" },
  rosterMissing: { en: "Cannot find the roster file {path} (--roster).", sv: "Hittar inte bemanningsfilen {path} (--roster)." },
  rosterNotFound: {
    en: "No sheet in {file} holds a roster (a header row with Rep and Start, End, Ramp or Full). Name the sheet: --roster {file}#SHEET.",
    sv: "Inget blad i {file} innehåller en bemanningslista (en rubrikrad med Rep och Start, End, Ramp eller Full). Ange bladet: --roster {file}#BLAD.",
  },
  realismFarBelow: {
    en: "The target {target} is {growth} on the history of {history}: far below it, likely a unit mistake (thousands vs units?) or a history longer than the target's horizon.",
    sv: "Målet {target} är {growth} mot historiken {history}: långt under den, troligen ett enhetsfel (tusental eller ental?) eller en historik som är längre än målets horisont.",
  },
  unlikeHorizons: {
    en: "Warning: no --year, --from or --to is set, and the history spans {months} months ({first} to {last}): the realism check below compares a target for one horizon with all of that history, which are unlike horizons. Set --year (or --from and --to) to the time the target covers.",
    sv: "Varning: varken --year, --from eller --to är angivet, och historiken spänner över {months} månader ({first} till {last}): rimlighetskontrollen nedan jämför ett mål för en horisont med hela den historiken, alltså olika horisonter. Ange --year (eller --from och --to) för tiden som målet gäller.",
  },
  wrote: {
    en: "Wrote sheet \"{sheet}\" to {file} ({reps, plural, one {# rep} other {# reps}}, quotas add up to {total}).",
    sv: "Skrev bladet \"{sheet}\" till {file} ({reps} säljare, kvoterna summerar till {total}).",
  },
};

export class CliError extends LocalizedError {
  constructor(
    key: keyof typeof cliMessages & string,
    params: MessageParams = {},
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(cliMessages, key, params);
    this.name = "CliError";
  }
}

/** A mistake in the command line itself (exit code 2). */
export function usageError(key: keyof typeof cliMessages & string, params: MessageParams = {}): CliError {
  return new CliError(key, params, 2);
}
