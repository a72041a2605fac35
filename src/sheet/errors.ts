/**
 * Errors of the sales-table layer: a cell that cannot be read, a mapping that cannot be used,
 * a filter that makes no sense. Every message names the sheet and cell (Orders!F17) or the
 * column, and the value found, so the user can go straight to it.
 */
import { Catalog, LocalizedError, MessageParams } from "../i18n";
import { qualifiedAddress } from "../workbook/plan";
import type { CellValue } from "../workbook/port";
import { isErrorText } from "./cells";

/**
 * Templates. Cell messages take {cell} (sheet-qualified address), {column} (the header, or
 * the column letter when there is none) and {value} (already formatted by displayValue).
 */
export const sheetMessages: Catalog = {
  notNumber: {
    en: "Cell {cell} (column {column}) holds {value}, which is not a number.",
    sv: "Cellen {cell} (kolumnen {column}) innehåller {value}, som inte är ett tal.",
  },
  booleanNotNumber: {
    en: "Cell {cell} (column {column}) holds the logical value {value} where a number is expected.",
    sv: "Cellen {cell} (kolumnen {column}) innehåller sanningsvärdet {value} där ett tal förväntas.",
  },
  dateNotNumber: {
    en: "Cell {cell} (column {column}) holds the date {value} where a number is expected.",
    sv: "Cellen {cell} (kolumnen {column}) innehåller datumet {value} där ett tal förväntas.",
  },
  errorValue: {
    en: "Cell {cell} (column {column}) holds the error {value}.",
    sv: "Cellen {cell} (kolumnen {column}) innehåller felet {value}.",
  },
  notDate: {
    en: "Cell {cell} (column {column}) holds {value}, which is not a date.",
    sv: "Cellen {cell} (kolumnen {column}) innehåller {value}, som inte är ett datum.",
  },
  ambiguousDate: {
    en: "Cell {cell} (column {column}) holds {value}: day and month could be either way round, and no other date in the column tells which. Write dates as 2025-03-15.",
    sv: "Cellen {cell} (kolumnen {column}) innehåller {value}: dag och månad kan tolkas åt båda hållen, och inget annat datum i kolumnen avgör vilket. Skriv datum som 2025-03-15.",
  },
  dateOutOfRange: {
    en: "Cell {cell} (column {column}) holds {value}, which is outside Excel's dates (1900-01-01 to 9999-12-31).",
    sv: "Cellen {cell} (kolumnen {column}) innehåller {value}, som ligger utanför Excels datum (1900-01-01 till 9999-12-31).",
  },
  dateMissing: {
    en: "Cell {cell} (column {column}) is blank, so the row cannot be placed in the chosen dates.",
    sv: "Cellen {cell} (kolumnen {column}) är tom, så raden kan inte placeras i de valda datumen.",
  },
  notName: {
    en: "Cell {cell} (column {column}) holds {value}, which is not a name.",
    sv: "Cellen {cell} (kolumnen {column}) innehåller {value}, som inte är ett namn.",
  },
  repMissing: {
    en: "Cell {cell} (column {column}) is blank: the row has no rep.",
    sv: "Cellen {cell} (kolumnen {column}) är tom: raden saknar säljare.",
  },
  totalsRow: {
    en: "Row {row} is a totals row ({value} in cell {cell}), not a sale; it was left out.",
    sv: "Rad {row} är en summarad ({value} i cellen {cell}), inte en försäljning; den togs inte med.",
  },
  sumTooLarge: {
    en: "The sum of column {column} for rep \"{rep}\" is too large for Excel (beyond ±9.99E+307). Check the amounts of that rep in sheet \"{sheet}\".",
    sv: "Summan av kolumnen {column} för säljaren \"{rep}\" är för stor för Excel (bortom ±9,99E+307). Kontrollera säljarens belopp i bladet \"{sheet}\".",
  },
  totalTooLarge: {
    en: "The sum of column {column} over all reps is too large for Excel (beyond ±9.99E+307); the largest is rep \"{rep}\". Check the amounts in sheet \"{sheet}\".",
    sv: "Summan av kolumnen {column} för alla säljare är för stor för Excel (bortom ±9,99E+307); störst är säljaren \"{rep}\". Kontrollera beloppen i bladet \"{sheet}\".",
  },
  // Per-rep attributes
  weightDiffers: {
    en: "{rep} has the weight {first} in cell {firstCell} and {second} in cell {secondCell} (column {column}): a weight is one number per rep, the same on all of the rep's rows.",
    sv: "{rep} har vikten {first} i cellen {firstCell} och {second} i cellen {secondCell} (kolumnen {column}): en vikt är ett tal per säljare, samma på alla säljarens rader.",
  },
  twoTeams: {
    en: "{rep} is in team {first} ({firstCell}) and in team {second} ({secondCell}): a rep belongs to one team.",
    sv: "{rep} finns i teamet {first} ({firstCell}) och i teamet {second} ({secondCell}): en säljare hör till ett team.",
  },
  noTeam: {
    en: "{rep} has no team: every row of the rep is blank in the team column {column} of sheet \"{sheet}\".",
    sv: "{rep} saknar team: alla säljarens rader är tomma i teamkolumnen {column} i bladet \"{sheet}\".",
  },
  // The roster (new hires, leavers, ramps)
  rosterNoHeader: {
    en: "No roster table found on sheet \"{sheet}\": it needs a Rep column and at least one of Start, End, Ramp and Full quota (in English or Swedish: Säljare, Startdatum, Slutdatum, Upprampning, Full kvot).",
    sv: "Ingen bemanningslista hittades i bladet \"{sheet}\": den behöver en kolumn Säljare och minst en av Startdatum, Slutdatum, Upprampning och Full kvot (på svenska eller engelska: Rep, Start, End, Ramp, Full quota).",
  },
  rosterRepMissing: {
    en: "Cell {cell} (column {column}) is blank: the roster row has no rep.",
    sv: "Cellen {cell} (kolumnen {column}) är tom: raden i bemanningslistan saknar säljare.",
  },
  rosterDuplicate: {
    en: "{rep} is on the roster twice ({firstCell} and {secondCell}): give each rep one row.",
    sv: "{rep} finns två gånger i bemanningslistan ({firstCell} och {secondCell}): ge varje säljare en rad.",
  },
  rosterEndBeforeStart: {
    en: "{rep} ends on {end} ({endCell}), before starting on {start} ({startCell}).",
    sv: "{rep} slutar {end} ({endCell}), innan hen börjar {start} ({startCell}).",
  },
  rosterBadRamp: {
    en: "Cell {cell} (column {column}) holds {value}, which is not a ramp: list each month's share of full quota from 0 to 100 %, such as 25%, 50%, 75% or 0.25; 0.5; 0.75.",
    sv: "Cellen {cell} (kolumnen {column}) innehåller {value}, som inte är en upprampning: ange varje månads andel av full kvot från 0 till 100 %, till exempel 25%, 50%, 75% eller 0,25; 0,5; 0,75.",
  },
  rosterNegativeFull: {
    en: "Cell {cell} (column {column}) holds {value}: a full quota cannot be negative.",
    sv: "Cellen {cell} (kolumnen {column}) innehåller {value}: en full kvot kan inte vara negativ.",
  },
  // Mapping and options
  noRepColumn: {
    en: "No rep column is chosen for sheet \"{sheet}\".",
    sv: "Ingen säljarkolumn är vald för bladet \"{sheet}\".",
  },
  noAmountColumn: {
    en: "No amount column is chosen for sheet \"{sheet}\".",
    sv: "Ingen beloppskolumn är vald för bladet \"{sheet}\".",
  },
  noUnitsColumn: {
    en: "No units column is chosen for sheet \"{sheet}\".",
    sv: "Ingen kolumn för antal är vald för bladet \"{sheet}\".",
  },
  dateColumnNeeded: {
    en: "A year or date range needs a date column, and none is chosen for sheet \"{sheet}\".",
    sv: "Ett år eller datumintervall behöver en datumkolumn, och ingen är vald för bladet \"{sheet}\".",
  },
  profitNeedsCosts: {
    en: "Profit is revenue minus costs, and no cost column is chosen for sheet \"{sheet}\", so the profit would be the revenue of column {amount}. Choose the cost columns (--cost COL,COL in the quota command), or a profit column such as \"Profit\" as the amount. Columns: {columns}.",
    sv: "Vinst är intäkt minus kostnader, och ingen kostnadskolumn är vald för bladet \"{sheet}\", så vinsten skulle bli intäkten i kolumnen {amount}. Välj kostnadskolumnerna (--cost KOL,KOL i kommandot quota), eller en vinstkolumn som \"Vinst\" som belopp. Kolumner: {columns}.",
  },
  columnNotRead: {
    en: "Column {column} of sheet \"{sheet}\" was not read, so it cannot be used.",
    sv: "Kolumn {column} i bladet \"{sheet}\" lästes inte in, så den kan inte användas.",
  },
  badYear: {
    en: "The year must be a whole number from 1900 to 9999 (got {value}).",
    sv: "Året måste vara ett heltal från 1900 till 9999 (fick {value}).",
  },
  badDate: {
    en: "The {which} date is not a valid date (got {value}).",
    sv: "Datumet {which} är inte ett giltigt datum (fick {value}).",
  },
  badRange: {
    en: "The date range starts after it ends ({from} to {to}).",
    sv: "Datumintervallet börjar efter att det slutar ({from} till {to}).",
  },
};

export type SheetMessageKey = keyof typeof sheetMessages & string;

/** A sheet that cannot be read as asked; `params` name the sheet, cell, column and value. */
export class SheetError extends LocalizedError {
  constructor(key: SheetMessageKey, params: MessageParams = {}) {
    super(sheetMessages, key, params);
    this.name = "SheetError";
  }

  /** The sheet-qualified cell address (e.g. "Orders!F17"), when the error is about a cell. */
  get cell(): string | null {
    const c = this.params.cell;
    return typeof c === "string" ? c : null;
  }
}

const MAX_SHOWN = 60;

/** yyyy-mm-dd (and hh:mm when there is a time), read in UTC as dates from files are. */
export function isoDateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return "Invalid Date";
  const iso = d.toISOString();
  const time = iso.slice(11, 16);
  return time === "00:00" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}

/** A cell value as a message shows it: text in quotes (shortened); errors, numbers, dates bare. */
export function displayValue(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "\"\"";
  if (typeof value === "string") {
    if (isErrorText(value)) return value.trim();
    const t = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN - 1)}…` : value;
    return `"${t}"`;
  }
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return isoDateText(value);
  return String(value.error);
}

/** Sheet-qualified address of one cell, quoted as Excel quotes sheet names: 'My sales'!C7. */
export function cellRef(sheet: string, row: number, column: number): string {
  return qualifiedAddress({ sheet, firstRow: row, firstColumn: column, lastRow: row, lastColumn: column });
}
