/**
 * Finding the sales table on a sheet and suggesting which column is which. Pure.
 *
 * Header row: real exports put titles, notes and blank rows above the table, so the header is
 * searched in the first HEADER_SCAN_ROWS rows of the snapshot. A row qualifies when at least two
 * of its cells are text that is not a number or date, at least 80 % of its non-blank cells are
 * such text (50 % when two or more cells are known header words), and the row right below it
 * holds a number or date under one of its headers, as do at least half of the next rows —
 * unless two or more of its cells are known header words, which make a header by themselves
 * (also with nothing below: a table without data). Among qualifying rows the one with most
 * text cells plus 3 × known words wins (ties: the first).
 *
 * Extent: like Excel's current region, the table ends at the first row that is blank in every
 * header column (lastDataRow is the row before it; headerRow when there is no data).
 *
 * Mapping: header text is compared case-insensitively with surrounding spaces, punctuation and
 * brackets ignored (" Sales", "Amount (SEK)"), against English and Swedish words. An exact
 * match beats a whole-word match ("Units Sold"), which beats a part of a Swedish compound
 * ("Orderdatum"). Each suggestion must fit the data below: amounts, units, costs and weights
 * mostly numbers, dates mostly dates, reps mostly names. When no column names a person, a
 * region, territory, team, country or segment column stands in as the rep (in that order).
 * A team or manager column (team, sales team, manager, group / team, säljteam, chef, säljchef,
 * grupp) is suggested as `team` once the rep is settled, so it never takes the rep's place
 * ("Sales Manager" beside "Sales Rep") and still stands in for a missing rep column.
 */
import { columnLetter } from "../workbook/plan";
import type { CellValue, SheetSnapshot } from "../workbook/port";
import { cellErrorText, displayText, isBlank, isErrorText, isFailure, parseDate, parseNumberText, textKey } from "./cells";
import { isoDateText } from "./errors";

/** Absolute 1-based column numbers of the sheet; null when there is no such column. */
export interface ColumnMapping {
  rep: number | null;
  amount: number | null;
  date: number | null;
  units: number | null;
  costs: number[];
  weight: number | null;
  /** The team (or manager) each rep belongs to; left out when no column is suggested. */
  team?: number | null;
}

/** What a column's data cells mostly hold ("mixed" when nothing reaches 80 %). */
export type ColumnKind = "text" | "number" | "date" | "mixed" | "empty";

export interface DetectedColumn {
  column: number;
  /** The header as shown: the cell's text without surrounding spaces. */
  header: string;
  kind?: ColumnKind;
  /** Set when the data is a whole-number sequence (1, 2, 3…): a row number or an id, not money. */
  sequence?: true;
  /** Set when every number lies between -1 and 1 (a discount rate, a share): not money. */
  rate?: true;
}

export interface DetectedTable {
  sheet: string;
  headerRow: number;
  firstDataRow: number;
  /** The last row of the table; equals headerRow when there are no data rows. */
  lastDataRow: number;
  columns: DetectedColumn[];
  suggested: ColumnMapping;
}

/** Rows searched for the header. */
export const HEADER_SCAN_ROWS = 50;
/** Data rows looked at to check column types. */
const SAMPLE_ROWS = 200;
/** Rows below a header candidate that must look like data. */
const DATA_CHECK_ROWS = 10;
const MOSTLY = 0.8;

// ---------------------------------------------------------------------------------------------
// Words

type Role = "rep" | "place" | "amount" | "units" | "date" | "cost" | "weight" | "team";

/** Earlier words rank higher at the same match strength. Written in normalised form. */
const WORDS: Record<Role, string[]> = {
  rep: [
    "sales rep", "rep", "sales representative", "representative", "salesperson", "sales person", "salesman",
    "saleswoman", "seller", "account manager", "account executive", "account owner", "key account manager",
    "owner", "sales agent", "agent", "employee", "säljare", "försäljare", "säljarnamn", "säljarens namn",
    "säljansvarig", "kundansvarig", "ansvarig säljare", "ansvarig", "representant",
  ],
  place: [
    "region", "sales region", "territory", "sales territory", "district", "area", "distrikt", "område",
    "säljområde", "säljregion", "team", "sales team", "säljteam", "branch", "office", "kontor", "country",
    "land", "market", "marknad", "segment", "kundsegment",
  ],
  amount: [
    "sales", "revenue", "amount", "net sales", "sales amount", "total sales", "sales value", "turnover",
    "net revenue", "order value", "value", "intäkter", "intäkt", "försäljning", "belopp", "omsättning",
    "försäljningsbelopp", "nettoförsäljning", "värde", "ordervärde",
  ],
  units: [
    "units", "units sold", "quantity", "qty", "volume", "pieces", "pcs", "sold units", "antal", "enheter",
    "antal sålda", "kvantitet", "volym", "styck", "st",
  ],
  date: [
    "order date", "date", "invoice date", "sales date", "sale date", "transaction date", "close date",
    "closed date", "booking date", "posting date", "datum", "orderdatum", "fakturadatum",
    "försäljningsdatum", "bokföringsdatum", "transaktionsdatum", "affärsdatum",
  ],
  cost: [
    "cogs", "cost", "costs", "cost of goods sold", "cost of sales", "acquisition cost",
    "customer acquisition cost", "cac", "total cost", "kostnad", "kostnader", "varukostnad",
    "varukostnader", "anskaffningskostnad", "inköpskostnad", "förvärvskostnad", "självkostnad",
    "shipping cost", "shipping costs", "shipping", "freight", "expense", "expenses", "fraktkostnad", "frakt",
    "utgift", "utgifter",
  ],
  weight: ["weight", "weights", "weighting", "quota weight", "vikt", "vikter", "viktning", "kvotvikt"],
  team: [
    "team", "sales team", "team name", "manager", "sales manager", "team manager", "team lead", "team leader",
    "group", "sales group", "säljteam", "teamnamn", "chef", "säljchef", "försäljningschef", "teamledare",
    "gruppchef", "grupp", "säljgrupp",
  ],
};

/** Words that rule a role out even when one of its words matches ("Sales Rep" is no amount). */
const EXCLUDE: Partial<Record<Role, string[]>> = {
  // "Sales Manager" holds "salesman" but names the rep's manager, not the rep.
  rep: ["sales manager", "team", "group", "grupp", "säljchef", "chef", "team lead", "team leader", "teamledare"],
  amount: [
    "price", "pris", "cost", "kostnad", "discount", "rabatt", "profit", "vinst", "margin", "marginal", "tax",
    "moms", "vat", "quota", "kvot", "target", "mål", "budget", "goal", "rep", "person", "manager",
    "representative", "säljare", "date", "datum", "id", "nr", "no", "number", "count", "antal", "units",
    "quantity", "qty", "region", "team", "channel", "kanal", "type", "typ", "growth", "tillväxt",
  ],
  units: ["price", "pris", "cost", "kostnad", "per", "value", "värde"],
  cost: ["unit", "per", "price", "pris", "styck", "st"],
  weight: ["kg", "g", "gram", "lb", "lbs", "ton", "oz", "net", "gross", "brutto", "netto"],
  team: [
    "product", "produkt", "produktgrupp", "customer", "kund", "kundgrupp", "varugrupp", "artikelgrupp", "age",
    "ålder", "åldersgrupp", "item", "article", "artikel", "price", "pris", "size", "storlek", "id", "nr", "no",
    "number", "email", "e mail", "mail", "phone", "telefon",
  ],
};

interface Word {
  text: string;
  tokens: string[];
  compact: string;
}

function prepare(text: string): Word {
  return { text, tokens: text.split(" "), compact: text.replace(/ /g, "") };
}

const PREPARED: Record<Role, Word[]> = Object.fromEntries(Object.entries(WORDS).map(([role, words]) => [role, words.map(prepare)])) as Record<Role, Word[]>;
const PREPARED_EXCLUDE: Partial<Record<Role, Word[]>> = Object.fromEntries(Object.entries(EXCLUDE).map(([role, words]) => [role, words.map(prepare)]));

/** Header text as compared: lower case, punctuation and brackets as spaces, single spaces. */
export function normalizeHeader(header: string): string {
  return textKey(header)
    .replace(/[_\-–—./\\()[\]{}:;,#*"'!?&+|<>=%$€£]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function containsTokens(tokens: string[], seq: string[]): boolean {
  outer: for (let i = 0; i + seq.length <= tokens.length; i++) {
    for (let j = 0; j < seq.length; j++) if (tokens[i + j] !== seq[j]) continue outer;
    return true;
  }
  return false;
}

/** 3 = the whole header, 2 = whole words of it, 1 = part of a compound word, 0 = no match. */
function strength(h: Word, w: Word): number {
  if (h.text === w.text) return 3;
  if (containsTokens(h.tokens, w.tokens)) return 2;
  if (w.compact.length >= 5 && h.compact.includes(w.compact)) return 1;
  return 0;
}

function excluded(h: Word, role: Role): boolean {
  const list = PREPARED_EXCLUDE[role];
  if (!list) return false;
  return list.some((w) => containsTokens(h.tokens, w.tokens) || (w.compact.length >= 5 && h.compact.includes(w.compact)));
}

interface RoleMatch {
  strength: number;
  /** Higher is better: strength first, then the word's rank. */
  score: number;
}

function matchRole(h: Word, role: Role): RoleMatch | null {
  if (h.text === "") return null;
  const words = PREPARED[role];
  let best: RoleMatch | null = null;
  for (let rank = 0; rank < words.length; rank++) {
    const s = strength(h, words[rank]);
    if (s > 0 && (best === null || s * 1000 - rank > best.score)) best = { strength: s, score: s * 1000 - rank };
  }
  if (best !== null && best.strength < 3 && excluded(h, role)) return null;
  return best;
}

// ---------------------------------------------------------------------------------------------
// Cells

const BLANK = 0;
const TEXT = 1;
const NUMBER = 2;
const DATE = 3;
const OTHER = 4;

function kindOf(v: CellValue | undefined): number {
  if (isBlank(v)) return BLANK;
  if (typeof v === "number") return NUMBER;
  if (typeof v === "string") {
    if (isErrorText(v)) return OTHER;
    if (parseNumberText(v) !== undefined) return NUMBER;
    const d = parseDate(v);
    if (typeof d === "number" || (isFailure(d) && d.failure === "ambiguousDate")) return DATE;
    return TEXT;
  }
  if (v instanceof Date) return DATE;
  return OTHER;
}

/** A header cell as text: strings trimmed, numbers and dates as shown. */
function headerText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return displayText(v);
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return isoDateText(v);
  return cellErrorText(v) ?? "";
}

function rowBlank(row: CellValue[] | undefined, indexes: number[]): boolean {
  if (!row) return true;
  for (const j of indexes) if (!isBlank(row[j])) return false;
  return true;
}

interface Candidate {
  index: number;
  score: number;
}

function headerCandidate(rows: CellValue[][], i: number, width: number): Candidate | null {
  const row = rows[i];
  if (!row) return null;
  let nonBlank = 0;
  let text = 0;
  let known = 0;
  const headerIdx: number[] = [];
  for (let j = 0; j < width; j++) {
    const k = kindOf(row[j]);
    if (k === BLANK) continue;
    nonBlank++;
    headerIdx.push(j);
    if (k !== TEXT) continue;
    text++;
    const h = prepare(normalizeHeader(row[j] as string));
    if ((Object.keys(WORDS) as Role[]).some((r) => (matchRole(h, r)?.strength ?? 0) >= 2)) known++;
  }
  if (text < 2) return null;
  const share = text / nonBlank;
  if (share < MOSTLY && !(known >= 2 && share >= 0.5)) return null;
  let dataRows = 0;
  let numericRows = 0;
  for (let r = i + 1; r < rows.length && dataRows < DATA_CHECK_ROWS; r++) {
    const below = rows[r];
    if (rowBlank(below, headerIdx)) break;
    dataRows++;
    let numeric = false;
    for (const j of headerIdx) {
      const k = kindOf(below[j]);
      if (k === NUMBER || k === DATE) {
        numeric = true;
        break;
      }
    }
    if (numeric) numericRows++;
    else if (dataRows === 1 && known < 2) return null; // the row right below must be data
  }
  // Two known header words make a header even over rows without numbers (yet).
  if (known < 2 && (dataRows === 0 || numericRows * 2 < dataRows)) return null;
  return { index: i, score: text + 3 * known };
}

interface ColumnStats {
  nonBlank: number;
  text: number;
  number: number;
  date: number;
  /** Numbers that could be date serials of 1927..2201 (how Excel's values give dates). */
  serial: number;
  /** Numbers that are whole and each one more than the number above it (1, 2, 3…). */
  stepOne: number;
  /** Numbers from -1 to 1. */
  unitRange: number;
}

function statsOf(rows: CellValue[][], from: number, to: number, j: number): ColumnStats {
  const s: ColumnStats = { nonBlank: 0, text: 0, number: 0, date: 0, serial: 0, stepOne: 0, unitRange: 0 };
  let previous: number | null = null;
  for (let i = from; i <= to; i++) {
    const v = rows[i]?.[j];
    const k = kindOf(v);
    if (k === BLANK) continue;
    s.nonBlank++;
    if (k === TEXT) s.text++;
    else if (k === NUMBER) {
      s.number++;
      if (typeof v === "number" && v >= 10_000 && v < 110_000) s.serial++;
      if (typeof v === "number") {
        if (Number.isInteger(v) && previous !== null && v === previous + 1) s.stepOne++;
        if (v >= -1 && v <= 1) s.unitRange++;
        previous = v;
      } else previous = null;
    } else if (k === DATE) s.date++;
  }
  return s;
}

function kindFrom(s: ColumnStats): ColumnKind {
  if (s.nonBlank === 0) return "empty";
  if (s.date >= MOSTLY * s.nonBlank) return "date";
  if (s.number >= MOSTLY * s.nonBlank) return "number";
  if (s.text >= MOSTLY * s.nonBlank) return "text";
  return "mixed";
}

/** Whether a column's data fits a role; a table without data rows contradicts nothing. */
function fits(role: Role, s: ColumnStats, hasData: boolean): boolean {
  if (s.nonBlank === 0) return !hasData;
  const mostly = MOSTLY * s.nonBlank;
  switch (role) {
    case "amount":
    case "units":
    case "cost":
    case "weight":
      return s.number >= mostly;
    case "date":
      return s.date + s.serial >= mostly;
    case "rep":
    case "team":
      return s.text + s.number >= mostly;
    case "place":
      return s.text >= mostly;
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Finds the header row and the table under it, and suggests a column mapping. null when no
 * row in the first HEADER_SCAN_ROWS rows looks like a header of a data table.
 */
export function detectTable(snapshot: SheetSnapshot): DetectedTable | null {
  const { rows } = snapshot;
  const width = snapshot.columns.length;
  let best: Candidate | null = null;
  for (let i = 0; i < Math.min(HEADER_SCAN_ROWS, rows.length); i++) {
    const c = headerCandidate(rows, i, width);
    if (c && (!best || c.score > best.score)) best = c;
  }
  if (!best) return null;

  const h = best.index;
  const headerCells = rows[h];
  const idx: number[] = [];
  for (let j = 0; j < width; j++) if (!isBlank(headerCells[j])) idx.push(j);
  let last = h;
  while (last + 1 < rows.length && !rowBlank(rows[last + 1], idx)) last++;

  const hasData = last > h;
  const sampleEnd = Math.min(last, h + SAMPLE_ROWS);
  const columns: DetectedColumn[] = [];
  const stats = new Map<number, ColumnStats>();
  const words = new Map<number, Word>();
  for (const j of idx) {
    const column = snapshot.columns[j];
    const header = headerText(headerCells[j]);
    const s = statsOf(rows, h + 1, sampleEnd, j);
    stats.set(column, s);
    words.set(column, prepare(normalizeHeader(header)));
    const detected: DetectedColumn = { column, header, kind: kindFrom(s) };
    // Two or more rows going up by one each time: a row number, not an amount.
    if (s.number >= 2 && s.stepOne >= s.number - 1) detected.sequence = true;
    if (s.number > 0 && s.unitRange === s.number) detected.rate = true;
    columns.push(detected);
  }

  return {
    sheet: snapshot.sheet,
    headerRow: snapshot.firstRow + h,
    firstDataRow: snapshot.firstRow + h + 1,
    lastDataRow: snapshot.firstRow + last,
    columns,
    suggested: suggest(columns, words, stats, hasData),
  };
}

function suggest(columns: DetectedColumn[], words: Map<number, Word>, stats: Map<number, ColumnStats>, hasData: boolean): ColumnMapping {
  const mapping: ColumnMapping = { rep: null, amount: null, date: null, units: null, costs: [], weight: null };
  const single: Role[] = ["rep", "amount", "units", "date", "weight"];
  const rolePriority: Record<string, number> = { rep: 5, amount: 4, date: 3, units: 2, weight: 1 };
  const found: { role: Role; column: number; score: number }[] = [];
  for (const c of columns) {
    const h = words.get(c.column)!;
    const s = stats.get(c.column)!;
    for (const role of single) {
      const m = matchRole(h, role);
      if (m && fits(role, s, hasData)) found.push({ role, column: c.column, score: m.score });
    }
  }
  found.sort((a, b) => b.score - a.score || rolePriority[b.role] - rolePriority[a.role] || a.column - b.column);
  const used = new Set<number>();
  for (const f of found) {
    const key = f.role as Exclude<Role, "place" | "cost">;
    if (mapping[key] !== null || used.has(f.column)) continue;
    mapping[key] = f.column;
    used.add(f.column);
  }
  if (mapping.rep === null) {
    let bestPlace: { column: number; score: number } | null = null;
    for (const c of columns) {
      if (used.has(c.column)) continue;
      const m = matchRole(words.get(c.column)!, "place");
      if (m && fits("place", stats.get(c.column)!, hasData) && (!bestPlace || m.score > bestPlace.score)) bestPlace = { column: c.column, score: m.score };
    }
    if (bestPlace) {
      mapping.rep = bestPlace.column;
      used.add(bestPlace.column);
    }
  }
  // The team after the rep, so a team column still stands in for a missing rep column.
  let bestTeam: { column: number; score: number } | null = null;
  for (const c of columns) {
    if (used.has(c.column)) continue;
    const m = matchRole(words.get(c.column)!, "team");
    if (m && fits("team", stats.get(c.column)!, hasData) && (!bestTeam || m.score > bestTeam.score)) bestTeam = { column: c.column, score: m.score };
  }
  if (bestTeam) {
    mapping.team = bestTeam.column;
    used.add(bestTeam.column);
  }
  for (const c of columns) {
    if (used.has(c.column)) continue;
    if (matchRole(words.get(c.column)!, "cost") && fits("cost", stats.get(c.column)!, hasData) && moneyLike(c)) mapping.costs.push(c.column);
  }
  return mapping;
}

// ---------------------------------------------------------------------------------------------
// Money columns: what the profit method may subtract, and a ready-made profit column

/** Headers of identifiers, codes and calendar parts: numbers, but never money. */
const NOT_MONEY = [
  "id", "code", "kod", "number", "no", "nr", "nummer", "num", "year", "years", "år", "month", "months", "månad",
  "day", "days", "dag", "quarter", "kvartal", "week", "vecka", "zip", "postal", "postnummer", "postnr",
  "postcode", "index", "row", "rad", "rank", "ratio", "rate", "percent", "procent", "andel", "share",
].map(prepare);

const PROFIT_WORDS = [
  "profit", "vinst", "margin", "gross profit", "net profit", "gross margin", "contribution margin", "bruttovinst",
  "nettovinst", "rörelseresultat", "täckningsbidrag", "marginal", "bruttomarginal", "resultat",
].map(prepare);

/** Whether a column reads as money: numbers that are no row numbers, rates, ids or dates. */
export function moneyLike(c: DetectedColumn): boolean {
  if (c.kind !== undefined && c.kind !== "number" && c.kind !== "empty") return false;
  if (c.sequence || c.rate) return false;
  const h = prepare(normalizeHeader(c.header));
  if (NOT_MONEY.some((w) => containsTokens(h.tokens, w.tokens) || (w.compact.length >= 6 && h.compact.includes(w.compact)))) return false;
  // Units, weights and prices per unit are numbers too, but subtracting them gives no profit.
  if (matchRole(h, "units") || matchRole(h, "weight") || excluded(h, "cost")) return false;
  return true;
}

/** Whether a header names a profit ("Profit", "Vinst", "Gross margin"). */
export function isProfitHeader(header: string): boolean {
  const h = prepare(normalizeHeader(header));
  return PROFIT_WORDS.some((w) => strength(h, w) >= 2);
}

/**
 * The columns the profit method can subtract from revenue: money-like numbers (no row number,
 * postal code, year, month number, rate, quantity or unit price) that are not the profit
 * column itself and not in `taken` (the rep, amount, date… columns).
 */
export function costCandidates(table: DetectedTable, taken: readonly (number | null)[] = []): DetectedColumn[] {
  return table.columns.filter((c) => !taken.includes(c.column) && moneyLike(c) && !isProfitHeader(c.header));
}

/** A ready-made profit column (Superstore's "Profit"): money-like numbers under a profit header. */
export function profitColumn(table: DetectedTable): number | null {
  return table.columns.find((c) => moneyLike(c) && isProfitHeader(c.header))?.column ?? null;
}

/** "A" → 1, "xfd" → 16384; null for anything that is not a column of a sheet. */
export function columnNumber(letters: string): number | null {
  const t = letters.trim().toUpperCase();
  if (!/^[A-Z]{1,3}$/.test(t)) return null;
  let n = 0;
  for (let i = 0; i < t.length; i++) n = n * 26 + (t.charCodeAt(i) - 64);
  return n <= 16_384 ? n : null;
}

/**
 * The column a user names: by header (case-insensitive, surrounding spaces ignored; the first
 * of equal headers) or, failing that, by column letter within the table ("C"). null when
 * neither matches.
 */
export function findColumn(table: DetectedTable, nameOrLetter: string): number | null {
  const key = textKey(nameOrLetter);
  if (key === "") return null;
  for (const c of table.columns) if (textKey(c.header) === key) return c.column;
  const n = columnNumber(key);
  if (n === null || table.columns.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const c of table.columns) {
    min = Math.min(min, c.column);
    max = Math.max(max, c.column);
  }
  return n >= min && n <= max ? n : null;
}

/** "C \"Sales\"": a column as messages name it. */
export function columnLabel(table: DetectedTable | null, column: number): string {
  const header = table?.columns.find((c) => c.column === column)?.header;
  return header ? `"${header}"` : columnLetter(column);
}
