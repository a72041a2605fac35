/**
 * What the .xlsx readers say about a file they cannot read (the wrong kind of file, a damaged
 * or hostile one), and the limits that keep every read within bounded memory and time. One
 * catalog for the `quota` command and the task pane; no Node modules here.
 */
import { LocalizedError, type Catalog, type MessageParams } from "../i18n";

/** Excel's sheet size: rows 1..1,048,576, columns A..XFD. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
/** Excel's limit on the characters one cell holds. */
export const MAX_CELL_TEXT = 32_767;

export interface ReadLimits {
  /** Bytes the input file may have. */
  fileBytes: number;
  /** Bytes one worksheet part may inflate to (a full 1,048,576-row, 7-column sheet is about 320 MB). */
  sheetBytes: number;
  /** Bytes the shared strings part may inflate to. */
  sharedStringsBytes: number;
  /** Bytes any other part read whole (workbook, styles, relationships, content types) may inflate to. */
  partBytes: number;
  /** Bytes all parts read may inflate to together (each part counted once). */
  totalBytes: number;
  /** Characters in one cell (Excel's limit). */
  cellText: number;
  /** Characters of text, a comment or a tag between two "<" (no real part has anything near). */
  run: number;
  /** Elements open at once. */
  depth: number;
}

export const DEFAULT_LIMITS: Readonly<ReadLimits> = {
  fileBytes: 1024 * 2 ** 20,
  sheetBytes: 1024 * 2 ** 20,
  sharedStringsBytes: 256 * 2 ** 20,
  partBytes: 64 * 2 ** 20,
  totalBytes: 2048 * 2 ** 20,
  cellText: MAX_CELL_TEXT,
  run: 4 * 2 ** 20,
  depth: 256,
};

export const fileMessages: Catalog = {
  empty: {
    en: "The file is empty (0 bytes): it is not a workbook.",
    sv: "Filen är tom (0 byte): den är ingen arbetsbok.",
  },
  truncated: {
    en: "The file is cut short: it ends before its zip directory. Copy or download it again.",
    sv: "Filen är avkortad: den tar slut före sin zip-katalog. Kopiera eller ladda ned den igen.",
  },
  xls: {
    en: "This is an .xls file (Excel 97–2003): open it in Excel and save it as .xlsx.",
    sv: "Det här är en .xls-fil (Excel 97–2003): öppna den i Excel och spara den som .xlsx.",
  },
  encrypted: {
    en: "This workbook is password-protected: remove the password in Excel first (File > Info > Protect Workbook), then save it again.",
    sv: "Arbetsboken är lösenordsskyddad: ta bort lösenordet i Excel först (Arkiv > Information > Skydda arbetsbok) och spara den igen.",
  },
  csv: {
    en: "This is a CSV file (text), not an .xlsx workbook: open it in Excel and save it as .xlsx.",
    sv: "Det här är en CSV-fil (text), inte en .xlsx-arbetsbok: öppna den i Excel och spara den som .xlsx.",
  },
  unknown: {
    en: "This is not an .xlsx workbook (it is not a zip package): save it as .xlsx in Excel.",
    sv: "Det här är ingen .xlsx-arbetsbok (den är inget zip-paket): spara den som .xlsx i Excel.",
  },
  notWorkbook: {
    en: "This zip file is not an Excel workbook (it holds no workbook part): save the workbook as .xlsx in Excel.",
    sv: "Den här zip-filen är ingen Excel-arbetsbok (den har ingen arbetsboksdel): spara arbetsboken som .xlsx i Excel.",
  },
  damagedZip: {
    en: "The file is damaged: its zip structure cannot be read.",
    sv: "Filen är skadad: dess zip-struktur går inte att läsa.",
  },
  fileTooLarge: {
    en: "The file is too large to read: {size} MB (the limit is {limit} MB).",
    sv: "Filen är för stor för att läsas: {size} MB (gränsen är {limit} MB).",
  },
  partTooLarge: {
    en: "The file is too large or damaged: {part} inflates to more than {limit} MB.",
    sv: "Filen är för stor eller skadad: {part} packas upp till mer än {limit} MB.",
  },
  totalTooLarge: {
    en: "The file is too large or damaged: its parts inflate to more than {limit} MB in all.",
    sv: "Filen är för stor eller skadad: dess delar packas upp till mer än {limit} MB sammanlagt.",
  },
  sizeMismatch: {
    en: "The file is damaged: {part} inflates to more than the {size} bytes its zip entry records.",
    sv: "Filen är skadad: {part} packas upp till mer än de {size} byte som dess zip-post anger.",
  },
  badZipEntry: {
    en: "The file is damaged: {part} cannot be unpacked.",
    sv: "Filen är skadad: {part} går inte att packa upp.",
  },
  badUtf8: {
    en: "The file is damaged: {part} is not valid UTF-8 text.",
    sv: "Filen är skadad: {part} är inte giltig UTF-8-text.",
  },
  badXml: {
    en: "The file is damaged: {part} is not well-formed XML (line {line}, column {column}).",
    sv: "Filen är skadad: {part} är inte välformad XML (rad {line}, kolumn {column}).",
  },
  badCharRef: {
    en: "The file is damaged: {part}, line {line}: a character reference names no valid character.",
    sv: "Filen är skadad: {part}, rad {line}: en teckenreferens anger inget giltigt tecken.",
  },
  undefinedEntity: {
    en: "The file is damaged: {part}, line {line}: it refers to an entity XML does not define.",
    sv: "Filen är skadad: {part}, rad {line}: den hänvisar till en entitet som XML inte definierar.",
  },
  tooDeep: {
    en: "The file is damaged: {part} nests elements more than {limit} deep.",
    sv: "Filen är skadad: {part} nästlar element djupare än {limit} nivåer.",
  },
  longRun: {
    en: "The file is too large or damaged: {part} holds a text, comment or tag over {limit} MB long.",
    sv: "Filen är för stor eller skadad: {part} innehåller en text, kommentar eller tagg som är över {limit} MB lång.",
  },
  partEnds: {
    en: "The file is damaged: {part} ends before its cell data does.",
    sv: "Filen är skadad: {part} tar slut före sina celldata.",
  },
  badCellRef: {
    en: "The file is damaged: {part}: \"{ref}\" is not a cell address.",
    sv: "Filen är skadad: {part}: \"{ref}\" är ingen celladress.",
  },
  rowOutOfRange: {
    en: "The file is damaged: {part} has a row {row}; a sheet has at most 1,048,576 rows.",
    sv: "Filen är skadad: {part} har en rad {row}; ett blad har högst 1 048 576 rader.",
  },
  columnOutOfRange: {
    en: "The file is damaged: {part} has a cell in row {row} past column XFD (a sheet has 16,384 columns).",
    sv: "Filen är skadad: {part} har en cell på rad {row} bortom kolumn XFD (ett blad har 16 384 kolumner).",
  },
  badDimension: {
    en: "The file is damaged: {part} claims the used range \"{ref}\", which is not within A1:XFD1048576.",
    sv: "Filen är skadad: {part} anger använt område \"{ref}\", som inte ligger inom A1:XFD1048576.",
  },
  twoValues: {
    en: "The file is damaged: {part}, cell {cell} has more than one <v> value.",
    sv: "Filen är skadad: {part}, cell {cell} har mer än ett <v>-värde.",
  },
  notNumber: {
    en: "The file is damaged: {part}, cell {cell}: <v> holds \"{text}\", which is not a number.",
    sv: "Filen är skadad: {part}, cell {cell}: <v> innehåller \"{text}\", som inte är ett tal.",
  },
  notBoolean: {
    en: "The file is damaged: {part}, cell {cell}: <v> holds \"{text}\", which is not TRUE or FALSE (1 or 0).",
    sv: "Filen är skadad: {part}, cell {cell}: <v> innehåller \"{text}\", som inte är SANT eller FALSKT (1 eller 0).",
  },
  badSharedString: {
    en: "The file is damaged: {part}, cell {cell} refers to shared string \"{text}\", which the file does not have ({count} strings).",
    sv: "Filen är skadad: {part}, cell {cell} hänvisar till delad sträng \"{text}\", som filen inte har ({count} strängar).",
  },
  cellTooLong: {
    en: "The file is too large or damaged: {part}, cell {cell} holds more than 32,767 characters (Excel's limit for a cell).",
    sv: "Filen är för stor eller skadad: {part}, cell {cell} innehåller mer än 32 767 tecken (Excels gräns för en cell).",
  },
  stringTooLong: {
    en: "The file is too large or damaged: {part}, string {index} holds more than 32,767 characters (Excel's limit for a cell).",
    sv: "Filen är för stor eller skadad: {part}, sträng {index} innehåller mer än 32 767 tecken (Excels gräns för en cell).",
  },
};

/** A file the readers refuse: the wrong kind, too large, or damaged (the message says which). */
export class FileProblem extends LocalizedError {
  constructor(key: string, params: MessageParams = {}) {
    super(fileMessages, key, params);
    this.name = "FileProblem";
  }
}

/** A cell value the file format does not allow; the sheet reader names the part and cell. */
export class BadCellValue extends Error {
  constructor(
    readonly key: "notNumber" | "notBoolean" | "badSharedString",
    readonly count = 0,
  ) {
    super(key);
    this.name = "BadCellValue";
  }
}

/** Bytes as whole megabytes for messages. */
export function megabytes(bytes: number): string {
  return String(Math.round(bytes / 2 ** 20));
}

/** "A1"-style address of a 1-based row and column (for messages). */
export function cellAddress(row: number, column: number): string {
  let s = "";
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return `${s}${row}`;
}

/** A cell's text cut to a length fit for a one-line message. */
export function shortText(text: string): string {
  const t = text.replace(/\s+/g, " ");
  return t.length > 24 ? `${t.slice(0, 24)}…` : t;
}
