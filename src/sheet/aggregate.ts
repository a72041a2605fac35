/**
 * Transaction rows → one history per rep. Pure, single pass over the rows.
 *
 * Rules (each chosen so a wrong number cannot slip through unseen):
 * - Reps are matched as SUMIFS matches text (cells.ts textKey): " anna svensson" and
 *   "Anna Svensson" are one rep, shown with the first spelling of a used row. Reps appear in
 *   the order of their first used row. Names that look like formulas (=x, +46 70…, -, @x) are
 *   plain names. A number in the rep column (a rep id) is a name too.
 * - value "amount" sums the amount column, "units" the units column, "profit" sums
 *   amount − Σ cost columns per row.
 * - A blank value or cost cell counts as 0 (counted in blankValues). A blank rep cell makes the
 *   row invalid ("rep missing"): its money would otherwise vanish or land on a nameless rep.
 * - A cell that cannot be read (error value, text that is no number, TRUE/FALSE, a date where
 *   a number belongs, a date that is no date) stops with a SheetError naming the sheet, cell and
 *   value — or, with skipInvalid, the row is left out and listed in skipped (first bad cell).
 * - Filters (year, from, to) are inclusive and by whole days: `to` covers its whole day. A row
 *   outside them counts in rowsOutOfRange and is not read further, so bad cells in years that
 *   were not asked for do not stop the run. With a filter, a row whose date is blank or
 *   unreadable is invalid. Without one, a blank date is allowed (the row counts in the total,
 *   not in any month; see undatedRows).
 * - A row whose rep cell is a totals label ("Total", "TOTAL:", "Total sales", "Subtotal North",
 *   "Grand Total", "Summa Norr", "Totalt 2025", …: see totals.ts), or
 *   whose blank/unreadable rep or date sits beside such a label, is not a sale: it is always
 *   left out and listed in skipped (key "totalsRow"), without stopping, so a totals row under
 *   the data never becomes a rep holding everyone's sales.
 * - Rows blank in every column used are gaps and are not counted at all.
 * - A weight (top-down) is a per-rep attribute such as territory size, not summed: it must be
 *   the same number on every row of the rep that has one (blank cells are allowed); two rows
 *   with different weights stop the run with a SheetError naming the rep and both cells.
 * - A team (teamColumn) is a per-rep attribute too: every rep belongs to one team. Blank team
 *   cells are allowed on some rows; a rep found in two teams (compared as textKey) stops the
 *   run naming both cells, and a rep with no team on any used row stops it naming the rep.
 * rowsRead = rowsUsed + rowsOutOfRange + skipped.length.
 *
 * Speed: names are resolved once per distinct cell text (a Map), numbers and serial dates are
 * used as they stand, a serial's month comes from a per-day table and months are small slot
 * numbers indexing a plain array per rep; text numbers and text dates are the only cells
 * parsed, with the column's decimal separator and day/month order detected once, on the first
 * text cell of the column.
 */
import type { CellValue, SheetSnapshot } from "../workbook/port";
import { columnLetter } from "../workbook/plan";
import {
  dateToSerial,
  DateOrder,
  DecimalSeparator,
  detectDateOrder,
  detectDecimalSeparator,
  isBlank,
  isFailure,
  MAX_SERIAL,
  isExcelYear,
  MIN_SERIAL,
  monthKey,
  FailureReason,
  parseDate,
  parseName,
  parseNumber,
  ParseFailure,
  serialFromYMD,
  serialMonthIndex,
  textKey,
} from "./cells";
import type { ColumnMapping, DetectedTable } from "./detect";
import { cellRef, displayValue, isoDateText, SheetError, SheetMessageKey } from "./errors";
import { isTotalsLabel } from "./totals";

export type ValueKind = "amount" | "profit" | "units";

export interface AggregateOptions {
  value: ValueKind;
  /** Only rows dated in this calendar year. */
  year?: number;
  /** Only rows dated on or after this day (UTC date, as dates read from workbooks are). */
  from?: Date | null;
  /** Only rows dated on or before this day (the whole day counts). */
  to?: Date | null;
  /** Leave out rows with unreadable cells (listed in skipped) instead of stopping. */
  skipInvalid?: boolean;
  /** A column of per-rep weights (for a weighted top-down split): the same number on all of a rep's rows. */
  weightColumn?: number | null;
  /** A column naming each rep's team: one team per rep. */
  teamColumn?: number | null;
}

export interface SkippedRow {
  /** Sheet row (1-based). */
  row: number;
  /** The column of the cell at fault (1-based), null when the row as a whole is. */
  column: number | null;
  value: CellValue;
  /** The reason in English (names the cell); error.messageIn(locale) gives it in sv. */
  reason: string;
  key: SheetMessageKey;
  error: SheetError;
}

export interface RepHistory {
  /** The first spelling seen, without surrounding spaces. */
  name: string;
  /** The matching key: trimmed, case-folded (cells.ts textKey). */
  key: string;
  total: number;
  /** Rows summed into this rep. */
  rows: number;
  /** Sums by "YYYY-MM" of the rows' dates (no entries without a date column). */
  byMonth: Record<string, number>;
  /** The rep's weight, when a weight column is given and the rep has a number there. */
  weight?: number;
  /** The rep's team (first spelling), when a team column is given. */
  team?: string;
}

export interface Aggregation {
  reps: RepHistory[];
  value: ValueKind;
  /** Non-blank rows of the table. */
  rowsRead: number;
  rowsUsed: number;
  rowsOutOfRange: number;
  skipped: SkippedRow[];
  /** The months present in used rows, "YYYY-MM", ascending. */
  periods: string[];
  /** Used rows with a blank amount/units/cost cell, counted as 0. */
  blankValues: number;
  /** Used rows without a date (only when no filter is set; with one they are invalid). */
  undatedRows: number;
}

/**
 * Rep cells that label a totals row rather than name a rep (compared as textKey). The rule the
 * aggregation applies is wider (totals.ts isTotalsLabel: these words followed by punctuation or
 * more words, "Total sales", "Subtotal North"); this list stays for callers that want the
 * bare labels.
 */
export const TOTAL_LABELS: ReadonlySet<string> = new Set([
  "total",
  "totals",
  "grand total",
  "total result",
  "subtotal",
  "sub total",
  "sum",
  "summa",
  "totalt",
  "totalsumma",
  "delsumma",
  "slutsumma",
  "totalresultat",
]);

interface Acc {
  key: string;
  name: string;
  total: number;
  rows: number;
  /** Sums by month slot (see monthSlot); NaN where the rep has no row in that month. */
  monthly: number[];
  weight: number | undefined;
  /** The row and column of the cell the weight came from. */
  weightRow: number;
  team: string | undefined;
  teamKey: string;
  teamRow: number;
  listed: boolean;
}

/** What a distinct rep cell resolves to (one shape for all, so lookups stay fast). */
interface Slot {
  acc: Acc | null;
  /** The text as shown, for the rep's name if this is its first used row. */
  display: string;
  totals: boolean;
  failure: FailureReason | null;
}

// Module-local bindings of what the row loop uses: some CommonJS builds turn every access to
// an imported name into a getter call, which costs more than the work itself at a million rows.
const LOW = MIN_SERIAL;
const HIGH = MAX_SERIAL;
const blankCell = isBlank;
const monthIndexOf = serialMonthIndex;

const FIRST_MONTH = 1900 * 12;
const MONTHS = (9999 - 1900 + 1) * 12;

function validDate(d: Date | null | undefined, which: string): number | null {
  if (d === null || d === undefined) return null;
  const s = d instanceof Date ? dateToSerial(d) : NaN;
  if (!(s >= MIN_SERIAL && s < MAX_SERIAL)) throw new SheetError("badDate", { which, value: d instanceof Date ? isoDateText(d) : String(d) });
  return Math.floor(s);
}

/**
 * The largest number Excel holds is 9.99999999999999E+307: a sum beyond ±9.99E+307 (or one
 * that overflowed to ±Infinity) would fail only when it is written, far from its cause. Stop
 * here instead, naming the rep and the column. (Sums keep 15–17 significant digits as every
 * float does; Excel shows 15. That loses cents only beyond 10^13 and is not an error.)
 */
export const MAX_SUM = 9.99e307;

function checkMagnitudes(listed: Acc[], sheet: string, column: string): void {
  // Positive and negative histories apart: callers add up either kind (shares, the realism check).
  let positive = 0;
  let negative = 0;
  let largest: Acc | null = null;
  for (const acc of listed) {
    let ok = Math.abs(acc.total) <= MAX_SUM; // false for NaN and ±Infinity
    for (let m = 0; ok && m < acc.monthly.length; m++) {
      const v = acc.monthly[m];
      if (v === v && !(Math.abs(v) <= MAX_SUM)) ok = false;
    }
    if (!ok) throw new SheetError("sumTooLarge", { sheet, column, rep: acc.name });
    if (acc.total > 0) positive += acc.total;
    else negative += acc.total;
    if (largest === null || Math.abs(acc.total) > Math.abs(largest.total)) largest = acc;
  }
  if (largest !== null && !(positive <= MAX_SUM && -negative <= MAX_SUM)) throw new SheetError("totalTooLarge", { sheet, column, rep: largest.name });
}

/**
 * Sums the table's rows by rep. Throws SheetError for a mapping or filter it cannot use and,
 * unless skipInvalid, for the first cell it cannot read.
 */
export function aggregate(snapshot: SheetSnapshot, table: DetectedTable, mapping: ColumnMapping, options: AggregateOptions): Aggregation {
  const sheet = snapshot.sheet;
  const kind = options.value;
  const skipInvalid = options.skipInvalid === true;

  // --- Columns -------------------------------------------------------------------------------
  if (mapping.rep === null) throw new SheetError("noRepColumn", { sheet });
  const valueColumn = kind === "units" ? mapping.units : mapping.amount;
  if (valueColumn === null) throw new SheetError(kind === "units" ? "noUnitsColumn" : "noAmountColumn", { sheet });
  const positions = new Map<number, number>();
  snapshot.columns.forEach((c, j) => {
    if (!positions.has(c)) positions.set(c, j);
  });
  const indexOf = (column: number): number => {
    const j = positions.get(column);
    if (j === undefined) throw new SheetError("columnNotRead", { sheet, column: columnLetter(column) });
    return j;
  };
  const repIdx = indexOf(mapping.rep);
  const valueIdx = indexOf(valueColumn);
  const costIdx = kind === "profit" ? mapping.costs.map(indexOf) : [];
  const weightColumn = options.weightColumn ?? null;
  const weightIdx = weightColumn === null ? -1 : indexOf(weightColumn);
  const teamColumn = options.teamColumn ?? null;
  const teamIdx = teamColumn === null ? -1 : indexOf(teamColumn);

  // --- Filter --------------------------------------------------------------------------------
  let lo = -Infinity;
  let hi = Infinity;
  const year = options.year;
  if (year !== undefined && year !== null) {
    if (!isExcelYear(year)) throw new SheetError("badYear", { value: String(year) });
    lo = serialFromYMD(year, 1, 1);
    hi = year === 9999 ? MAX_SERIAL : serialFromYMD(year + 1, 1, 1);
  }
  const fromDay = validDate(options.from, "from");
  const toDay = validDate(options.to, "to");
  if (fromDay !== null && toDay !== null && fromDay > toDay) {
    throw new SheetError("badRange", { from: isoDateText(options.from as Date), to: isoDateText(options.to as Date) });
  }
  if (fromDay !== null) lo = Math.max(lo, fromDay);
  if (toDay !== null) hi = Math.min(hi, toDay + 1);
  const filtering = lo !== -Infinity || hi !== Infinity;
  if (filtering && mapping.date === null) throw new SheetError("dateColumnNeeded", { sheet });
  const dateIdx = mapping.date === null ? -1 : indexOf(mapping.date);

  const used = [...new Set([repIdx, valueIdx, dateIdx, weightIdx, teamIdx, ...costIdx].filter((j) => j >= 0))];
  const nUsed = used.length;

  // --- Rows ----------------------------------------------------------------------------------
  const rows = snapshot.rows;
  const base = snapshot.firstRow;
  const first = Math.max(table.firstDataRow, base);
  const last = Math.min(table.lastDataRow, base + rows.length - 1);

  const decimals = new Map<number, DecimalSeparator | null>();
  const decimalOf = (j: number): DecimalSeparator | null => {
    let d = decimals.get(j);
    if (d === undefined) {
      d = detectDecimalSeparator(columnValues(j));
      decimals.set(j, d);
    }
    return d;
  };
  let dateOrder: DateOrder | null | undefined;
  function* columnValues(j: number): Generator<CellValue | undefined> {
    for (let r = first; r <= last; r++) yield rows[r - base]?.[j];
  }
  const readNumber = (v: CellValue | undefined, j: number): number | null | ParseFailure => {
    if (typeof v === "number") return Number.isFinite(v) ? v : parseNumber(v);
    if (typeof v === "string") return parseNumber(v, decimalOf(j));
    return parseNumber(v);
  };

  const headers = new Map<number, string>();
  for (const c of table.columns) if (c.header !== "" && !headers.has(c.column)) headers.set(c.column, c.header);
  const columnName = (j: number): string => {
    const column = snapshot.columns[j];
    const h = headers.get(column);
    return h ? `"${h}"` : columnLetter(column);
  };

  const skipped: SkippedRow[] = [];
  /** Reports a bad cell: throws, or records the row as skipped. */
  const invalid = (row: number, j: number, value: CellValue | undefined, key: SheetMessageKey): void => {
    const column = snapshot.columns[j];
    const error = new SheetError(key, { sheet, cell: cellRef(sheet, row, column), column: columnName(j), value: displayValue(value), row });
    if (!skipInvalid) throw error;
    skipped.push({ row, column, value: value ?? null, reason: error.message, key, error });
  };
  const totalsRow = (row: number, j: number, value: CellValue | undefined): void => {
    const column = snapshot.columns[j];
    const error = new SheetError("totalsRow", { sheet, cell: cellRef(sheet, row, column), column: columnName(j), value: displayValue(value), row });
    skipped.push({ row, column: null, value: value ?? null, reason: error.message, key: "totalsRow", error });
  };

  const byKey = new Map<string, Acc>();
  const byText = new Map<string, Slot>();
  const byNumber = new Map<number, Slot>();
  const listed: Acc[] = [];
  const slotFor = (name: string | ParseFailure): Slot => {
    if (typeof name !== "string") return { acc: null, display: "", totals: false, failure: name.failure };
    const key = textKey(name);
    let acc = byKey.get(key);
    if (!acc) {
      acc = { key, name, total: 0, rows: 0, monthly: [], weight: undefined, weightRow: 0, team: undefined, teamKey: "", teamRow: 0, listed: false };
      byKey.set(key, acc);
    }
    return { acc, display: name, totals: isTotalsLabel(key), failure: null };
  };
  // Months as small slot numbers: a flat table month → slot (390 kB) beats a Map per rep.
  const slotOfMonth = dateIdx >= 0 ? new Int32Array(MONTHS).fill(-1) : null;
  const monthOfSlot: number[] = [];
  /**
   * Where a row that failed a check is labelled as a totals row ("Total" in any used cell);
   * -1 when it is not. Only called on the rare failing rows.
   */
  const totalsLabelAt = (row: CellValue[]): number => {
    for (const j of used) {
      const v = row[j];
      if (typeof v === "string" && isTotalsLabel(v)) return j;
    }
    return -1;
  };
  /** Reports a bad cell, unless the row is a totals row (then it is listed as one). */
  const invalidOrTotals = (row: CellValue[], r: number, j: number, key: SheetMessageKey): void => {
    const at = totalsLabelAt(row);
    if (at >= 0) totalsRow(r, at, row[at]);
    else invalid(r, j, row[j], key);
  };

  let rowsRead = 0;
  let rowsUsed = 0;
  let rowsOutOfRange = 0;
  let blankValues = 0;
  let undatedRows = 0;

  rowLoop: for (let r = first; r <= last; r++) {
    const row = rows[r - base];
    if (row === undefined) continue;
    const rv = row[repIdx];
    // A rep cell starting with a visible character settles that the row is not blank.
    if (!(typeof rv === "string" && rv.length > 0 && rv.charCodeAt(0) > 32 && rv.charCodeAt(0) < 127) && typeof rv !== "number") {
      let blank = true;
      for (let u = 0; u < nUsed; u++) {
        if (!blankCell(row[used[u]])) {
          blank = false;
          break;
        }
      }
      if (blank) continue;
    }
    rowsRead++;

    // Date first: rows outside the filter are not read further.
    let serial = NaN;
    if (dateIdx >= 0) {
      const dv = row[dateIdx];
      if (typeof dv === "number" && dv >= LOW && dv < HIGH) serial = dv;
      else {
        if (typeof dv === "string" && dateOrder === undefined) dateOrder = detectDateOrder(columnValues(dateIdx));
        const d = parseDate(dv, dateOrder ?? null);
        if (d === null) {
          if (filtering) {
            invalidOrTotals(row, r, dateIdx, "dateMissing");
            continue;
          }
        } else if (isFailure(d)) {
          invalidOrTotals(row, r, dateIdx, d.failure);
          continue;
        } else serial = d;
      }
      if (filtering && !(serial >= lo && serial < hi)) {
        rowsOutOfRange++;
        continue;
      }
    }

    // Rep
    let slot: Slot | null | undefined;
    if (typeof rv === "string") {
      slot = byText.get(rv);
      if (slot === undefined) {
        const name = parseName(rv);
        slot = name === null ? null : slotFor(name);
        if (slot !== null) byText.set(rv, slot);
      }
    } else if (typeof rv === "number" && Number.isFinite(rv)) {
      slot = byNumber.get(rv);
      if (slot === undefined) {
        slot = slotFor(String(rv));
        byNumber.set(rv, slot);
      }
    } else {
      const name = parseName(rv);
      slot = name === null ? null : slotFor(name);
    }
    if (slot === null) {
      invalidOrTotals(row, r, repIdx, "repMissing");
      continue;
    }
    if (slot.failure !== null) {
      invalid(r, repIdx, rv, slot.failure);
      continue;
    }
    if (slot.totals) {
      totalsRow(r, repIdx, rv);
      continue;
    }

    // Value
    let blankValue = false;
    const vv = row[valueIdx];
    let value: number;
    if (typeof vv === "number" && Number.isFinite(vv)) value = vv;
    else {
      const n = readNumber(vv, valueIdx);
      if (n === null) {
        blankValue = true;
        value = 0;
      } else if (isFailure(n)) {
        invalid(r, valueIdx, vv, n.failure);
        continue;
      } else value = n;
    }
    for (let c = 0; c < costIdx.length; c++) {
      const j = costIdx[c];
      const cv = row[j];
      if (typeof cv === "number" && Number.isFinite(cv)) {
        value -= cv;
        continue;
      }
      const n = readNumber(cv, j);
      if (n === null) blankValue = true;
      else if (isFailure(n)) {
        invalid(r, j, cv, n.failure);
        continue rowLoop;
      } else value -= n;
    }

    const acc = slot.acc as Acc;
    let weight: number | null = null;
    if (weightIdx >= 0) {
      const wv = row[weightIdx];
      const n = typeof wv === "number" && Number.isFinite(wv) ? wv : readNumber(wv, weightIdx);
      if (isFailure(n)) {
        invalid(r, weightIdx, wv, n.failure);
        continue;
      }
      weight = n;
      if (weight !== null && acc.weight !== undefined && weight !== acc.weight) {
        throw new SheetError("weightDiffers", {
          rep: acc.name,
          first: acc.weight,
          firstCell: cellRef(sheet, acc.weightRow, snapshot.columns[weightIdx]),
          second: weight,
          secondCell: cellRef(sheet, r, snapshot.columns[weightIdx]),
          cell: cellRef(sheet, r, snapshot.columns[weightIdx]),
          column: columnName(weightIdx),
        });
      }
    }
    let team: string | null = null;
    let teamKey = "";
    if (teamIdx >= 0) {
      const tv = row[teamIdx];
      const t = parseName(tv);
      if (isFailure(t)) {
        invalid(r, teamIdx, tv, t.failure);
        continue;
      }
      if (t !== null) {
        team = t;
        teamKey = textKey(t);
        if (acc.team !== undefined && teamKey !== acc.teamKey) {
          throw new SheetError("twoTeams", {
            rep: acc.name,
            first: acc.team,
            firstCell: cellRef(sheet, acc.teamRow, snapshot.columns[teamIdx]),
            second: team,
            secondCell: cellRef(sheet, r, snapshot.columns[teamIdx]),
            cell: cellRef(sheet, r, snapshot.columns[teamIdx]),
          });
        }
      }
    }

    // Commit
    if (!acc.listed) {
      acc.listed = true;
      acc.name = slot.display;
      listed.push(acc);
    }
    if (weight !== null && acc.weight === undefined) {
      acc.weight = weight;
      acc.weightRow = r;
    }
    if (team !== null && acc.team === undefined) {
      acc.team = team;
      acc.teamKey = teamKey;
      acc.teamRow = r;
    }
    acc.total += value;
    acc.rows++;
    rowsUsed++;
    if (blankValue) blankValues++;
    if (slotOfMonth !== null) {
      if (Number.isNaN(serial)) undatedRows++;
      else {
        const mi = monthIndexOf(serial) - FIRST_MONTH;
        let m = slotOfMonth[mi];
        if (m < 0) {
          m = slotOfMonth[mi] = monthOfSlot.length;
          monthOfSlot.push(mi + FIRST_MONTH);
        }
        const monthly = acc.monthly;
        while (monthly.length <= m) monthly.push(NaN);
        const sum = monthly[m];
        monthly[m] = sum === sum ? sum + value : value; // NaN: the rep's first row this month
      }
    }
  }

  // --- Result --------------------------------------------------------------------------------
  checkMagnitudes(listed, sheet, columnName(valueIdx));
  if (teamIdx >= 0) {
    const lost = listed.find((acc) => acc.team === undefined);
    if (lost) throw new SheetError("noTeam", { rep: lost.name, column: columnName(teamIdx), sheet });
  }
  const order = monthOfSlot.map((_, slot) => slot).sort((a, b) => monthOfSlot[a] - monthOfSlot[b]);
  const keys = monthOfSlot.map(monthKey);
  const reps: RepHistory[] = listed.map((acc) => {
    const byMonth: Record<string, number> = {};
    for (const slot of order) {
      const sum = acc.monthly[slot];
      if (sum !== undefined && !Number.isNaN(sum)) byMonth[keys[slot]] = sum;
    }
    const rep: RepHistory = { name: acc.name, key: acc.key, total: acc.total, rows: acc.rows, byMonth };
    if (acc.weight !== undefined) rep.weight = acc.weight;
    if (acc.team !== undefined) rep.team = acc.team;
    return rep;
  });
  const periods = order.map((slot) => keys[slot]);
  return { reps, value: kind, rowsRead, rowsUsed, rowsOutOfRange, skipped, periods, blankValues, undatedRows };
}
