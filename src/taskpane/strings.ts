/**
 * Every text the wizard shows, in English and Swedish, keyed by message id. Errors from the
 * pipeline bring their own catalogs (LocalizedError.messageIn); everything else is here.
 */
import { Catalog, Locale, MessageParams, localize, pickLocale } from "../i18n";

export const strings = {
  appTitle: { en: "Sales quotas", sv: "Säljkvoter" },
  stepsLabel: { en: "Wizard steps", sv: "Guidens steg" },
  stepOf: { en: "Step {n} of {count}", sv: "Steg {n} av {count}" },
  stepSource: { en: "Source", sv: "Källa" },
  stepMethod: { en: "Method", sv: "Metod" },
  stepPreview: { en: "Preview", sv: "Granska" },
  stepWrite: { en: "Write", sv: "Skriv" },
  back: { en: "Back", sv: "Tillbaka" },
  next: { en: "Next", sv: "Nästa" },
  errorTitle: { en: "Something needs your attention", sv: "Något behöver åtgärdas" },
  unexpected: { en: "Something went wrong: {detail}", sv: "Något gick fel: {detail}" },
  browserMode: {
    en: "Running outside Excel: open a workbook file; the result is offered as a download.",
    sv: "Körs utanför Excel: öppna en arbetsboksfil; resultatet erbjuds som nedladdning.",
  },

  // Step 1: source
  sourceHeading: { en: "Choose the sales data", sv: "Välj försäljningsdata" },
  sourceIntroExcel: {
    en: "Point the wizard at your sales transactions: one row per sale, with a rep and an amount.",
    sv: "Peka ut dina försäljningstransaktioner: en rad per affär, med säljare och belopp.",
  },
  sourceIntroBrowser: {
    en: "Open an Excel workbook (.xlsx) or a CSV file with sales transactions. The file stays on this computer: nothing is uploaded.",
    sv: "Öppna en Excel-arbetsbok (.xlsx) eller en CSV-fil med försäljningstransaktioner. Filen stannar på den här datorn: inget laddas upp.",
  },
  fileLabel: { en: "Workbook (.xlsx) or CSV file", sv: "Arbetsbok (.xlsx) eller CSV-fil" },
  chooseFile: { en: "Open a workbook…", sv: "Öppna en arbetsbok…" },
  chooseOtherFile: { en: "Open another workbook…", sv: "Öppna en annan arbetsbok…" },
  noFile: { en: "No workbook open.", sv: "Ingen arbetsbok öppen." },
  fileOpened: { en: "Opened {name}.", sv: "Öppnade {name}." },
  opening: { en: "Opening {name}…", sv: "Öppnar {name}…" },
  notXlsx: {
    en: "\"{name}\" could not be opened as an Excel workbook (.xlsx): {detail}",
    sv: "\"{name}\" gick inte att öppna som en Excel-arbetsbok (.xlsx): {detail}",
  },
  readerStopped: {
    en: "Reading \"{name}\" stopped ({detail}). The browser may have run out of memory: close other tabs and try again.",
    sv: "Läsningen av \"{name}\" avbröts ({detail}). Webbläsaren kan ha fått slut på minne: stäng andra flikar och försök igen.",
  },
  notCsv: {
    en: "\"{name}\" could not be read as a CSV file: {detail}",
    sv: "\"{name}\" gick inte att läsa som en CSV-fil: {detail}",
  },
  sourceKind: { en: "Read from", sv: "Läs från" },
  kindSelection: { en: "The selected range", sv: "Det markerade området" },
  kindTable: { en: "An Excel table", sv: "En Excel-tabell" },
  kindSheet: { en: "A sheet's used range", sv: "Ett blads använda område" },
  useSelection: { en: "Use the current selection", sv: "Använd aktuell markering" },
  selectionIs: { en: "Selected: {address}", sv: "Markerat: {address}" },
  selectionHint: {
    en: "Select the sales data in the sheet (a single cell means the whole sheet), then press the button.",
    sv: "Markera försäljningsdata i bladet (en enda cell betyder hela bladet) och tryck sedan på knappen.",
  },
  noSelection: { en: "Nothing is selected.", sv: "Inget är markerat." },
  tableLabel: { en: "Table", sv: "Tabell" },
  noTables: { en: "This workbook has no Excel tables.", sv: "Arbetsboken har inga Excel-tabeller." },
  sheetLabel: { en: "Sheet", sv: "Blad" },
  emptySheet: { en: "{sheet} (empty)", sv: "{sheet} (tomt)" },
  chooseSheet: { en: "Choose a sheet", sv: "Välj ett blad" },
  reading: { en: "Reading rows…", sv: "Läser rader…" },
  noTableFound: {
    en: "No sales table was found in {address}: no header row names a rep and an amount column. Choose another sheet or range.",
    sv: "Ingen försäljningstabell hittades i {address}: ingen rubrikrad anger en säljar- och en beloppskolumn. Välj ett annat blad eller område.",
  },
  emptyRange: { en: "{address} is empty.", sv: "{address} är tomt." },
  detected: {
    en: "Found a table in {address}: header in row {row}, data in rows {first}–{last}.",
    sv: "Hittade en tabell i {address}: rubriker på rad {row}, data på rad {first}–{last}.",
  },
  rowsBelow: {
    en: "The table ends at row {end}, where a blank row follows; {count} more rows from row {first} down are left out. Delete the blank row to include them.",
    sv: "Tabellen slutar på rad {end}, där en tom rad följer; {count} rader till från rad {first} och nedåt tas inte med. Ta bort den tomma raden för att ta med dem.",
  },
  mappingHeading: { en: "Columns", sv: "Kolumner" },
  mappingHint: {
    en: "Suggested from the headers; change any that are wrong.",
    sv: "Föreslagna utifrån rubrikerna; ändra de som är fel.",
  },
  mapRep: { en: "Rep (who gets a quota)", sv: "Säljare (vem som får kvot)" },
  mapAmount: { en: "Amount (revenue)", sv: "Belopp (intäkt)" },
  mapDate: { en: "Date", sv: "Datum" },
  mapUnits: { en: "Units", sv: "Antal enheter" },
  mapCosts: { en: "Costs (subtracted for profit)", sv: "Kostnader (dras av för vinst)" },
  mapWeight: { en: "Weight (for top-down by weight)", sv: "Vikt (för uppifrån och ned med vikt)" },
  mapNone: { en: "(none)", sv: "(ingen)" },
  mapTeam: { en: "Team (subtotals per team)", sv: "Team (delsummor per team)" },
  columnOption: { en: "{letter}: {header}", sv: "{letter}: {header}" },
  noCostCandidates: {
    en: "No other money columns to choose from (ids, codes, calendar columns and rates are not costs).",
    sv: "Det finns inga andra beloppskolumner att välja (id, koder, kalenderkolumner och andelar är inga kostnader).",
  },
  needRep: { en: "Choose the rep column.", sv: "Välj säljarkolumnen." },
  needAmount: { en: "Choose the amount column.", sv: "Välj beloppskolumnen." },
  skipInvalid: {
    en: "Skip rows with cells that cannot be read (they are counted and listed)",
    sv: "Hoppa över rader med celler som inte går att läsa (de räknas och listas)",
  },
  statsHeading: { en: "Rows", sv: "Rader" },
  statsLine: {
    en: "Rows read: {read}; used: {used}; skipped: {skipped}. Reps: {reps}.",
    sv: "Lästa rader: {read}; använda: {used}; överhoppade: {skipped}. Säljare: {reps}.",
  },
  outOfRangeLine: {
    en: "Rows outside the chosen time frame: {count}.",
    sv: "Rader utanför den valda tidsramen: {count}.",
  },
  skippedHeading: { en: "Skipped rows and why", sv: "Överhoppade rader och varför" },
  skippedMore: { en: "…and {count} more.", sv: "…och {count} till." },

  // Step 2: method
  methodHeading: { en: "Method and parameters", sv: "Metod och parametrar" },
  methodLabel: { en: "Allocation method", sv: "Fördelningsmetod" },
  methodTopdown: { en: "Top-down: split a company target", sv: "Uppifrån och ned: dela upp företagets mål" },
  methodBottomup: { en: "Bottom-up: by each rep's share of history", sv: "Nedifrån och upp: efter varje säljares andel av historiken" },
  methodForecast: { en: "Forecast: history plus growth", sv: "Prognos: historik plus tillväxt" },
  methodProfit: { en: "Profit: by revenue minus costs", sv: "Vinst: efter intäkt minus kostnader" },
  methodNameTopdown: { en: "top-down", sv: "uppifrån och ned" },
  methodNameBottomup: { en: "bottom-up", sv: "nedifrån och upp" },
  methodNameForecast: { en: "forecast", sv: "prognos" },
  methodNameProfit: { en: "profit", sv: "vinst" },
  weightingLabel: { en: "Split the target", sv: "Dela upp målet" },
  weightingEqual: { en: "Equally", sv: "Lika" },
  weightingWeight: { en: "By the weight column", sv: "Efter viktkolumnen" },
  needWeightColumn: {
    en: "Map a weight column in step 1 to split by weight.",
    sv: "Välj en viktkolumn i steg 1 för att dela upp efter vikt.",
  },
  profitBasisLabel: { en: "Profit from", sv: "Vinst utifrån" },
  profitFromCosts: {
    en: "Revenue minus the cost columns ticked in step 1 ({costs})",
    sv: "Intäkt minus kostnadskolumnerna som är valda i steg 1 ({costs})",
  },
  profitFromCostsNone: {
    en: "Revenue minus cost columns (none is ticked in step 1 yet)",
    sv: "Intäkt minus kostnadskolumner (ingen är vald i steg 1 än)",
  },
  profitFromColumn: { en: "This profit column as it is: {column}", sv: "Den här vinstkolumnen som den är: {column}" },
  profitColumnNone: { en: "A profit column (none was found)", sv: "En vinstkolumn (ingen hittades)" },
  measureLabel: { en: "History measures", sv: "Historiken mäter" },
  measureAmount: { en: "Revenue", sv: "Intäkt" },
  measureUnits: { en: "Units", sv: "Enheter" },
  targetLabel: { en: "Target for the whole time frame", sv: "Mål för hela tidsramen" },
  targetHint: { en: "For example 1,500,000", sv: "Till exempel 1 500 000" },
  periodsLabel: { en: "Review periods", sv: "Uppföljningsperioder" },
  periodsHint: { en: "12 for monthly reviews, 4 for quarterly", sv: "12 för månadsvis uppföljning, 4 för kvartalsvis" },
  roundLabel: { en: "Round quotas to", sv: "Avrunda kvoter till" },
  roundHint: { en: "0 = no rounding", sv: "0 = ingen avrundning" },
  growthLabel: { en: "Growth (%)", sv: "Tillväxt (%)" },
  forecastMethodLabel: { en: "Forecast from", sv: "Prognos utifrån" },
  forecastLast: { en: "The last result (the history's total)", sv: "Senaste resultatet (historikens summa)" },
  forecastAverage: { en: "The monthly average", sv: "Månadsgenomsnittet" },
  forecastTrend: { en: "The monthly trend (linear)", sv: "Månadstrenden (linjär)" },
  forecastLastHint: {
    en: "Each rep's total in the time frame × (1 + growth).",
    sv: "Varje säljares summa i tidsramen × (1 + tillväxt).",
  },
  forecastAverageHint: {
    en: "Each rep's monthly average × the months of the time frame × (1 + growth). When a rep sold from the first month, this equals the last result; it differs for a rep who started later (their run-rate over the whole time frame).",
    sv: "Varje säljares månadsgenomsnitt × tidsramens månader × (1 + tillväxt). För en säljare som sålt från första månaden blir det samma som senaste resultatet; det skiljer sig för en säljare som började senare (takten över hela tidsramen).",
  },
  forecastTrendHint: {
    en: "A straight line through each rep's months, carried on for as many months as the time frame has, × (1 + growth). Reps whose forecast grows far from the growth asked are named below.",
    sv: "En rät linje genom varje säljares månader, förlängd lika många månader som tidsramen har, × (1 + tillväxt). Säljare vars prognos växer långt från den begärda tillväxten nämns nedan.",
  },
  timeframeLabel: { en: "History time frame", sv: "Historikens tidsram" },
  timeframeAll: { en: "All rows", sv: "Alla rader" },
  timeframeYear: { en: "One year", sv: "Ett år" },
  timeframeRange: { en: "A date range", sv: "Ett datumintervall" },
  yearLabel: { en: "Year", sv: "År" },
  fromLabel: { en: "From", sv: "Från" },
  toLabel: { en: "To", sv: "Till" },
  needDateColumn: {
    en: "Map a date column in step 1 to choose a year or a date range.",
    sv: "Välj en datumkolumn i steg 1 för att välja ett år eller ett datumintervall.",
  },
  invalidTarget: {
    en: "Enter the target as a number up to 10^15 (Excel's 15 digits), for example 1,500,000 or 1500000.50. A comma only groups thousands, so \"1,5\" is not read as 1.5.",
    sv: "Ange målet som ett tal upp till 10^15 (Excels 15 siffror), till exempel 1 500 000 eller 1500000,50.",
  },
  negativeTarget: { en: "The target cannot be negative.", sv: "Målet kan inte vara negativt." },
  zeroTarget: {
    en: "The target must be more than 0: a target of 0 gives every rep a quota of 0.",
    sv: "Målet måste vara större än 0: ett mål på 0 ger varje säljare kvoten 0.",
  },
  targetRoundsToZero: {
    en: "The target rounds to 0 at this rounding unit: every quota would be 0. Use a smaller rounding unit or a larger target.",
    sv: "Målet avrundas till 0 med den här avrundningsenheten: varje kvot skulle bli 0. Använd en mindre avrundningsenhet eller ett större mål.",
  },
  periodsRequired: {
    en: "Enter the review periods: a whole number of at least 1 (12 for monthly, 1 for the whole time frame).",
    sv: "Ange uppföljningsperioderna: ett heltal på minst 1 (12 för månadsvis, 1 för hela tidsramen).",
  },
  targetRequired: { en: "The {method} method needs a target.", sv: "Metoden {method} behöver ett mål." },
  invalidPeriods: { en: "Review periods must be a whole number of at least 1.", sv: "Uppföljningsperioder måste vara ett heltal på minst 1." },
  invalidRound: {
    en: "The rounding unit must be 0 (no rounding) or a number from 0.000000001 to 10^15.",
    sv: "Avrundningsenheten måste vara 0 (ingen avrundning) eller ett tal från 0,000000001 till 10^15.",
  },
  invalidGrowth: { en: "Enter growth as a percentage, for example 10.", sv: "Ange tillväxten i procent, till exempel 10." },
  invalidYear: { en: "Choose a year.", sv: "Välj ett år." },
  phasingLabel: { en: "Spread over the periods", sv: "Fördelning över perioderna" },
  phasingEqual: { en: "Equal", sv: "Lika" },
  phasingHistory: { en: "Each rep's history by month", sv: "Varje säljares historik per månad" },
  phasingTeam: { en: "The team's history by month", sv: "Teamets historik per månad" },
  phasingPattern: { en: "Custom weights", sv: "Egna vikter" },
  weightsLabel: { en: "Weights, one per period (W,W,…)", sv: "Vikter, en per period (V,V,…)" },
  weightsHint: { en: "For example 8,8,9,9,8,7,5,6,9,10,10,11 for twelve months.", sv: "Till exempel 8;8;9;9;8;7;5;6;9;10;10;11 för tolv månader." },
  invalidWeights: {
    en: "Enter one weight of 0 or more per period, at least one above 0, separated by \",\" or \";\".",
    sv: "Ange en vikt på 0 eller mer per period, minst en över 0, åtskilda med \",\" eller \";\".",
  },
  weightsCount: {
    en: "{count} weights given, but the plan has {periods} periods: give one weight per period.",
    sv: "{count} vikter angivna, men planen har {periods} perioder: ange en vikt per period.",
  },
  rosterLabel: { en: "Roster (new hires, leavers)", sv: "Personallista (nyanställda, avgångar)" },
  rosterHint: {
    en: "A sheet listing reps with Start and optionally End, Ramp and Full (monthly quota).",
    sv: "Ett blad med säljare och Start samt eventuellt Slut, Ramp och Full (månadskvot).",
  },
  rosterSheetGone: { en: "The sheet \"{sheet}\" is no longer in the workbook.", sv: "Bladet \"{sheet}\" finns inte längre i arbetsboken." },
  rosterStored: {
    en: "The roster stored with the plan is used ({count, plural, one {# rep} other {# reps}}); choose a sheet to replace it.",
    sv: "Personallistan som sparades med planen används ({count, plural, one {# säljare} other {# säljare}}); välj ett blad för att ersätta den.",
  },
  rosterReading: { en: "Reading the roster…", sv: "Läser personallistan…" },
  rosterRead: { en: "{count, plural, one {# rep} other {# reps}} on the roster.", sv: "{count, plural, one {# säljare} other {# säljare}} i personallistan." },
  startLabel: { en: "First month (YYYY-MM)", sv: "Första månad (ÅÅÅÅ-MM)" },
  startHint: { en: "Default: {month}, the month after the history.", sv: "Standard: {month}, månaden efter historiken." },
  upliftLabel: { en: "Uplift (%)", sv: "Överfördelning (%)" },
  upliftHint: {
    en: "The reps' quotas add up to the target plus this much, for example 10%.",
    sv: "Säljarnas kvoter summerar till målet plus så här mycket, till exempel 10%.",
  },
  badLock: { en: "The locked quota of {rep} is not an amount: \"{amount}\".", sv: "Den låsta kvoten för {rep} är inte ett belopp: \"{amount}\"." },
  invalidStart: { en: "Enter the first month as YYYY-MM, from 1900-01 to 9999-01, for example 2026-01.", sv: "Ange första månaden som ÅÅÅÅ-MM, från 1900-01 till 9999-01, till exempel 2026-01." },
  invalidUplift: {
    en: "Enter the uplift as a percentage such as 10% or a decimal such as 0.1, of 0 or more.",
    sv: "Ange överfördelningen som en procentsats som 10% eller ett decimaltal som 0,1, på 0 eller mer.",
  },
  scheduleHeading: { en: "Quotas per period", sv: "Kvoter per period" },
  scheduleToggle: { en: "Show the quotas per period", sv: "Visa kvoterna per period" },
  scheduleScrollLabel: { en: "Quotas per period (scrolls sideways)", sv: "Kvoter per period (kan rullas i sidled)" },
  lettersLabel: { en: "Write quota letters (one page per rep)", sv: "Skriv kvotbrev (en sida per säljare)" },
  invalidRange: {
    en: "Enter both dates, the start on or before the end.",
    sv: "Ange båda datumen, början samma dag som eller före slutet.",
  },
  noHistory: {
    en: "No rows fall in the chosen time frame, so there is no history to allocate by.",
    sv: "Inga rader ligger i den valda tidsramen, så det finns ingen historik att fördela efter.",
  },
  realismHeading: { en: "Realism check", sv: "Rimlighetskontroll" },
  realismFacts: {
    en: "Baseline (history in the time frame): {baseline}. Target: {target}. Required growth: {growth}.",
    sv: "Baslinje (historik i tidsramen): {baseline}. Mål: {target}. Nödvändig tillväxt: {growth}.",
  },
  realismOk: { en: "Achievable: the target is within reach of the history.", sv: "Uppnåeligt: målet ligger inom räckhåll från historiken." },
  realismStretch: {
    en: "Stretch target: it needs clearly more than the history. Agree it with the team and review it often.",
    sv: "Sträckmål: det kräver klart mer än historiken. Kom överens med teamet och följ upp ofta.",
  },
  realismUnrealistic: {
    en: "Not achievable: the required growth is far beyond the history. Lower the target or lengthen the time frame (a SMART goal is achievable).",
    sv: "Inte uppnåeligt: den nödvändiga tillväxten ligger långt över historiken. Sänk målet eller förläng tidsramen (ett SMART-mål är uppnåeligt).",
  },
  realismFarBelow: {
    en: "Far below the history: the target is less than half of it. Check the unit (thousands vs units?) and the time frame; a much longer history than the target's horizon looks like this too.",
    sv: "Långt under historiken: målet är mindre än hälften av den. Kontrollera enheten (tusental eller ental?) och tidsramen; en mycket längre historik än målets horisont ser också ut så.",
  },
  realismNoBaseline: {
    en: "The history adds up to zero, so the target cannot be compared with a baseline.",
    sv: "Historiken summerar till noll, så målet kan inte jämföras med en baslinje.",
  },
  forecastFacts: {
    en: "History in the time frame: {baseline}. Forecast total: {total}. Growth: {growth} (asked: {asked}).",
    sv: "Historik i tidsramen: {baseline}. Prognos totalt: {total}. Tillväxt: {growth} (begärd: {asked}).",
  },
  forecastOk: { en: "Achievable: the forecasts add up to a total within reach of the history.", sv: "Uppnåeligt: prognoserna summerar till en summa inom räckhåll från historiken." },
  forecastStretch: {
    en: "Stretch: the forecasts add up to clearly more than the history. Agree them with the team and review them often.",
    sv: "Sträckmål: prognoserna summerar till klart mer än historiken. Kom överens med teamet och följ upp ofta.",
  },
  forecastUnrealistic: {
    en: "Not achievable: the forecasts add up to far more than the history. Lower the growth or forecast from the last result.",
    sv: "Inte uppnåeligt: prognoserna summerar till långt mer än historiken. Sänk tillväxten eller gör prognosen utifrån senaste resultatet.",
  },
  forecastOutliers: {
    en: "Forecast growth far from the {asked} asked for: {reps}. Check these reps' months, or forecast from the last result.",
    sv: "Prognosen växer långt från de begärda {asked} för: {reps}. Kontrollera de här säljarnas månader, eller gör prognosen utifrån senaste resultatet.",
  },
  andMore: { en: "and {count} more", sv: "och {count} till" },
  warnNoTimeframe: {
    en: "No time frame is set: the history spans {span}. Choose a year or a date range so the quota is time-bound.",
    sv: "Ingen tidsram är vald: historiken spänner över {span}. Välj ett år eller ett datumintervall så att kvoten är tidsbunden.",
  },
  warnNoDates: {
    en: "No date column is mapped, so the history has no known time frame. Map one in step 1 to make the quota time-bound.",
    sv: "Ingen datumkolumn är vald, så historiken har ingen känd tidsram. Välj en i steg 1 så att kvoten blir tidsbunden.",
  },
  spanMonths: { en: "{first} to {last}", sv: "{first} till {last}" },

  // Step 3: preview
  previewHeading: { en: "Preview the quotas", sv: "Förhandsgranska kvoterna" },
  tableCaption: { en: "Quotas per rep ({method})", sv: "Kvoter per säljare ({method})" },
  lockedMark: { en: "Locked", sv: "Låst" },
  newHireMark: { en: "New hire (ramped)", sv: "Nyanställd (upprampning)" },
  partYearMark: { en: "On the roster part of the year", sv: "I personallistan del av året" },
  editQuota: { en: "Edit", sv: "Ändra" },
  editQuotaOf: { en: "Edit the quota of {rep} (locks it)", sv: "Ändra kvoten för {rep} (låser den)" },
  quotaOf: { en: "Quota of {rep}", sv: "Kvot för {rep}" },
  lockedQuotaOf: { en: "Locked quota of {rep}", sv: "Låst kvot för {rep}" },
  lockQuota: { en: "Lock", sv: "Lås" },
  lockQuotaOf: { en: "Lock the quota of {rep}", sv: "Lås kvoten för {rep}" },
  cancelEdit: { en: "Cancel", sv: "Avbryt" },
  unlock: { en: "Unlock", sv: "Lås upp" },
  unlockOf: { en: "Unlock {rep}", sv: "Lås upp {rep}" },
  locksHeading: { en: "Locked quotas", sv: "Låsta kvoter" },
  locksHint: {
    en: "Edit a rep's quota in the table to lock it: the other reps share what is left of the plan total.",
    sv: "Ändra en säljares kvot i tabellen för att låsa den: övriga säljare delar på resten av planens summa.",
  },
  locksSummary: {
    en: "{count, plural, one {# locked} other {# locked}}, {amount} in all; the others share {rest}.",
    sv: "{count, plural, one {# låst} other {# låsta}}, {amount} sammanlagt; övriga delar på {rest}.",
  },
  teamsHeading: { en: "Quotas by team", sv: "Kvoter per team" },
  teamsCaption: { en: "Quotas by team", sv: "Kvoter per team" },
  teamsScrollLabel: { en: "Quotas by team (scrolls sideways)", sv: "Kvoter per team (kan rullas i sidled)" },
  teamHeader: { en: "Team", sv: "Team" },
  teamReps: { en: "Reps", sv: "Säljare" },
  total: { en: "Total", sv: "Summa" },
  totalEqualsTarget: {
    en: "The quotas add up to exactly {total}: the target.",
    sv: "Kvoterna summerar till exakt {total}: målet.",
  },
  totalRoundedTarget: {
    en: "The quotas add up to exactly {total}: the target {target} rounded to {round}.",
    sv: "Kvoterna summerar till exakt {total}: målet {target} avrundat till {round}.",
  },
  totalNoTarget: { en: "The quotas add up to {total} (a forecast has no target).", sv: "Kvoterna summerar till {total} (en prognos har inget mål)." },
  periodTotalLine: {
    en: "Per period the quotas add up to {total} ({periods, plural, one {# period} other {# periods}}).",
    sv: "Per period summerar kvoterna till {total} ({periods, plural, one {# period} other {# perioder}}).",
  },
  searchReps: { en: "Find a rep", sv: "Sök säljare" },
  sortLabel: { en: "Sort by", sv: "Sortera efter" },
  sortSheet: { en: "The sheet's order", sv: "Bladets ordning" },
  sortQuota: { en: "Quota, largest first", sv: "Kvot, störst först" },
  sortHistory: { en: "History, largest first", sv: "Historik, störst först" },
  sortName: { en: "Name, A to Z", sv: "Namn, A till Ö" },
  repsShown: { en: "Showing {shown} of {count} reps.", sv: "Visar {shown} av {count} säljare." },
  noRepMatches: { en: "No rep matches \"{query}\".", sv: "Ingen säljare matchar \"{query}\"." },
  totalAll: { en: "Total (all {count} reps)", sv: "Summa (alla {count} säljare)" },
  tableScrollLabel: { en: "Quota table (scrolls sideways)", sv: "Kvottabell (kan rullas i sidled)" },
  chartTitle: { en: "Quota vs history per rep", sv: "Kvot jämfört med historik per säljare" },
  chartDesc: {
    en: "Horizontal bars, history and quota for each rep. The table above holds the exact numbers.",
    sv: "Liggande staplar, historik och kvot för varje säljare. Tabellen ovan innehåller de exakta talen.",
  },
  chartMore: { en: "The {shown} largest of {count} reps are shown.", sv: "De {shown} största av {count} säljare visas." },
  chartBar: { en: "{rep}: history {history}, quota {quota}", sv: "{rep}: historik {history}, kvot {quota}" },

  // Step 4: write
  writeHeading: { en: "Write the quotas", sv: "Skriv kvoterna" },
  writeExplain: {
    en: "The quotas go to the sheet below as a table with totals, a chart and a note on how they were made. Your data sheets are not changed; writing again replaces only what this add-in wrote.",
    sv: "Kvoterna hamnar i bladet nedan som en tabell med summor, ett diagram och en notering om hur de togs fram. Dina datablad ändras inte; att skriva igen ersätter bara det som tillägget skrev.",
  },
  outputSheetLabel: { en: "Output sheet", sv: "Utdatablad" },
  invalidSheetName: {
    en: "A sheet name has 1–31 characters and none of : \\ / ? * [ ].",
    sv: "Ett bladnamn har 1–31 tecken och inga av : \\ / ? * [ ].",
  },
  sheetNameReserved: {
    en: "\"{sheet}\" is the name of another sheet the add-in writes (the stored plan, the quota letters or the review); choose another name.",
    sv: "\"{sheet}\" är namnet på ett annat blad som tillägget skriver (den sparade planen, kvotbreven eller uppföljningen); välj ett annat namn.",
  },
  sheetIsSource: {
    en: "\"{sheet}\" is the sheet the sales data comes from; choose another name.",
    sv: "\"{sheet}\" är bladet som försäljningsdata kommer från; välj ett annat namn.",
  },
  willReplace: {
    en: "\"{sheet}\" was written by this add-in before; it will be replaced.",
    sv: "\"{sheet}\" skrevs av tillägget tidigare; det kommer att ersättas.",
  },
  useOtherName: { en: "Use \"{sheet}\" instead", sv: "Använd \"{sheet}\" i stället" },
  writeButton: { en: "Write quotas", sv: "Skriv kvoter" },
  writing: { en: "Writing…", sv: "Skriver…" },
  writeDone: {
    en: "Done: the quotas are in {address}. Reps: {count}; the quotas add up to {total}.",
    sv: "Klart: kvoterna finns i {address}. Säljare: {count}; kvoterna summerar till {total}.",
  },
  selectResult: { en: "Select the result", sv: "Markera resultatet" },
  download: { en: "Download {file}", sv: "Ladda ned {file}" },
  downloadHint: {
    en: "The download is your workbook with the quota sheet added; the file you opened is unchanged.",
    sv: "Nedladdningen är din arbetsbok med kvotbladet tillagt; filen du öppnade är oförändrad.",
  },
  preparingDownload: { en: "Preparing the download…", sv: "Förbereder nedladdningen…" },
  startOver: { en: "Start over", sv: "Börja om" },
} satisfies Catalog;

export type MessageId = keyof typeof strings;

export type Translate = (id: MessageId, params?: MessageParams) => string;

export function translator(locale: Locale): Translate {
  return (id, params) => localize(strings, id, params, locale);
}

/**
 * The wizard's language: Office's display language inside Office, the browser's otherwise.
 * Anything Swedish (sv, sv-SE, sv-FI) gives Swedish; everything else English.
 */
export function detectLocale(officeLanguage: string | null | undefined, browserLanguage: string | null | undefined): Locale {
  return pickLocale(officeLanguage || browserLanguage || "en");
}
