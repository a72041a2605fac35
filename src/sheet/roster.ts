/**
 * The roster: new hires, leavers and ramps, read from a sheet (of the sales workbook or of
 * another one). Pure: a SheetSnapshot in, RosterEntry[] out.
 *
 * Columns, found by their headers in English or Swedish like the sales columns (case,
 * surrounding spaces, punctuation and brackets ignored; the header need not be in row 1, it is
 * searched in the first HEADER_SCAN_ROWS rows):
 *   Rep    rep, sales rep, name, employee / säljare, namn, medarbetare       (required)
 *   Start  start, start date, hire date, hired / start, startdatum, anställd
 *   End    end, end date, leaving date, last day / slut, slutdatum, sista dag
 *   Ramp   ramp, ramp up / upprampning, ramp schema
 *   Full   full, full quota, monthly quota / full kvot, månadskvot
 * A header row needs the Rep column and at least one of the others. The table runs to the first
 * row that is blank in every column found (as Excel's current region does).
 *
 * Cells: dates are read as the sales dates are (serials, real dates, text in either order,
 * detected once per column); a ramp is a number (0.25 or 25 %) or text listing the steps:
 * "25%, 50%, 75%", "0.25;0.5;0.75", "0,25; 0,5", "25% 50% 75%". Every step is a fraction of full
 * quota from 0 to 1 (0 %–100 %): a bare 25 is refused rather than guessed. Full is a number of
 * zero or more. Blank Start, End, Ramp or Full cells are null.
 *
 * Errors (SheetError, naming the cell): a cell that cannot be read; a row without a rep; the
 * same rep twice (compared as the sales reps are: trimmed, case-folded), naming both cells; an
 * end date before the start date, naming both cells.
 */
import type { RosterEntry } from "../plan/types";
import type { CellValue, SheetSnapshot } from "../workbook/port";
import {
  DateOrder,
  detectDateOrder,
  detectDecimalSeparator,
  isBlank,
  isFailure,
  parseDate,
  parseName,
  parseNumber,
  parseNumberText,
  serialToYMD,
  textKey,
} from "./cells";
import { HEADER_SCAN_ROWS, normalizeHeader } from "./detect";
import { cellRef, displayValue, SheetError, SheetMessageKey } from "./errors";

export type RosterRole = "rep" | "start" | "end" | "ramp" | "full";

/** Earlier words rank higher at the same match strength. Written in normalised form. */
const ROSTER_WORDS: Record<RosterRole, string[]> = {
  rep: [
    "rep", "sales rep", "sales representative", "representative", "salesperson", "seller", "account manager",
    "employee", "name", "rep name", "säljare", "försäljare", "namn", "medarbetare", "säljarnamn",
  ],
  start: [
    "start", "start date", "starts", "hire date", "hired", "joined", "first day", "startdatum", "anställd",
    "anställningsdatum", "anställd från", "första dag", "börjar",
  ],
  end: [
    "end", "end date", "ends", "leaving date", "leaves", "leaver", "last day", "termination date", "slut",
    "slutdatum", "sista dag", "slutar", "avgång", "anställd till",
  ],
  ramp: ["ramp", "ramp up", "rampup", "ramp schedule", "ramping", "upprampning", "ramp schema", "rampschema", "inkörning"],
  full: [
    "full", "full quota", "full monthly quota", "monthly quota", "quota", "full kvot", "månadskvot", "full månadskvot",
    "kvot",
  ],
};

const ROLES: RosterRole[] = ["rep", "start", "end", "ramp", "full"];

/** 3 = the whole header, 2 = whole words of it; the best over the role's words (0 = none). */
function matchScore(header: string, role: RosterRole): number {
  const h = normalizeHeader(header);
  if (h === "") return 0;
  const tokens = h.split(" ");
  const words = ROSTER_WORDS[role];
  let best = 0;
  words.forEach((w, rank) => {
    const wt = w.split(" ");
    let s = 0;
    if (h === w) s = 3;
    else {
      for (let i = 0; i + wt.length <= tokens.length && s === 0; i++) if (wt.every((t, j) => tokens[i + j] === t)) s = 2;
    }
    if (s > 0) best = Math.max(best, s * 1000 - rank);
  });
  return best;
}

export interface RosterColumns {
  /** Sheet row of the header. */
  headerRow: number;
  /** Index into snapshot.columns per role; -1 when the role has no column. */
  index: Record<RosterRole, number>;
  /** The header text per role, for messages. */
  header: Record<RosterRole, string>;
}

/** Finds the roster's header row and its columns; null when no row has a Rep and one more. */
export function detectRosterColumns(snapshot: SheetSnapshot): RosterColumns | null {
  const rows = snapshot.rows;
  for (let i = 0; i < Math.min(HEADER_SCAN_ROWS, rows.length); i++) {
    const row = rows[i] ?? [];
    const found: { role: RosterRole; j: number; score: number }[] = [];
    row.forEach((v, j) => {
      if (typeof v !== "string") return;
      for (const role of ROLES) {
        const score = matchScore(v, role);
        if (score > 0) found.push({ role, j, score });
      }
    });
    found.sort((a, b) => b.score - a.score || a.j - b.j);
    const index = { rep: -1, start: -1, end: -1, ramp: -1, full: -1 } as Record<RosterRole, number>;
    const header = { rep: "", start: "", end: "", ramp: "", full: "" } as Record<RosterRole, string>;
    const taken = new Set<number>();
    for (const f of found) {
      if (index[f.role] >= 0 || taken.has(f.j)) continue;
      index[f.role] = f.j;
      header[f.role] = String(row[f.j]).trim();
      taken.add(f.j);
    }
    if (index.rep >= 0 && ROLES.some((r) => r !== "rep" && index[r] >= 0)) return { headerRow: snapshot.firstRow + i, index, header };
  }
  return null;
}

function isoDay(serial: number): string {
  const { year, month, day } = serialToYMD(Math.floor(serial));
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The steps of a ramp cell as fractions; a string naming the problem when it cannot be read. */
export function parseRamp(value: CellValue): number[] | null | "bad" {
  if (isBlank(value)) return null;
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 && value <= 1 ? [value] : "bad";
  if (typeof value !== "string") return "bad";
  const text = value.trim();
  let parts: string[];
  if (text.includes(";")) parts = text.split(";");
  else if (text.includes("|")) parts = text.split("|");
  else if (/,\s/.test(text)) parts = text.split(/,\s+/);
  else if (/^\d+,\d+$/.test(text)) parts = [text]; // one number with a decimal comma: 0,5
  else if (text.includes(",")) parts = text.split(",");
  else parts = text.split(/\s+/).every((p) => p.endsWith("%")) ? text.split(/\s+/) : [text];
  const steps: number[] = [];
  for (const raw of parts) {
    const part = raw.trim();
    if (part === "") continue;
    const n = parseNumberText(part);
    if (n === undefined || !(n >= 0 && n <= 1)) return "bad";
    steps.push(n);
  }
  return steps.length === 0 ? "bad" : steps;
}

/**
 * Reads the roster on a sheet. `sheetName` names the sheet in messages (it may belong to
 * another workbook than the sales data). Throws SheetError naming the cell at fault.
 */
export function readRoster(snapshot: SheetSnapshot, sheetName: string = snapshot.sheet): RosterEntry[] {
  const found = detectRosterColumns(snapshot);
  if (!found) throw new SheetError("rosterNoHeader", { sheet: sheetName });
  const { index, header } = found;
  const rows = snapshot.rows;
  const base = snapshot.firstRow;
  const usedIdx = ROLES.map((r) => index[r]).filter((j) => j >= 0);
  const first = found.headerRow - base + 1;
  let last = first - 1;
  while (last + 1 < rows.length && usedIdx.some((j) => !isBlank(rows[last + 1]?.[j]))) last++;

  const column = (j: number) => snapshot.columns[j];
  const where = (i: number, j: number) => cellRef(sheetName, base + i, column(j));
  const columnName = (role: RosterRole) => `"${header[role]}"`;
  const cellError = (key: SheetMessageKey, i: number, role: RosterRole, value: CellValue | undefined) =>
    new SheetError(key, { sheet: sheetName, cell: where(i, index[role]), column: columnName(role), value: displayValue(value), row: base + i });
  const values = function* (j: number): Generator<CellValue | undefined> {
    for (let i = first; i <= last; i++) yield rows[i]?.[j];
  };
  const dateOrders = new Map<RosterRole, DateOrder | null>();
  const readDate = (i: number, role: RosterRole): number | null => {
    if (index[role] < 0) return null;
    const v = rows[i]?.[index[role]];
    if (!dateOrders.has(role)) dateOrders.set(role, detectDateOrder(values(index[role])));
    const d = parseDate(v, dateOrders.get(role) ?? null);
    if (isFailure(d)) throw cellError(d.failure, i, role, v);
    return d;
  };
  const fullDecimal = index.full >= 0 ? detectDecimalSeparator(values(index.full)) : null;

  const entries: RosterEntry[] = [];
  const seen = new Map<string, { i: number; rep: string }>();
  for (let i = first; i <= last; i++) {
    const row = rows[i] ?? [];
    if (usedIdx.every((j) => isBlank(row[j]))) continue;
    const rv = row[index.rep];
    const rep = parseName(rv);
    if (rep === null) throw cellError("rosterRepMissing", i, "rep", rv);
    if (isFailure(rep)) throw cellError(rep.failure, i, "rep", rv);
    const key = textKey(rep);
    const before = seen.get(key);
    if (before !== undefined) {
      throw new SheetError("rosterDuplicate", { rep: before.rep, firstCell: where(before.i, index.rep), secondCell: where(i, index.rep), cell: where(i, index.rep) });
    }
    seen.set(key, { i, rep });

    const start = readDate(i, "start");
    const end = readDate(i, "end");
    if (start !== null && end !== null && Math.floor(end) < Math.floor(start)) {
      throw new SheetError("rosterEndBeforeStart", {
        rep,
        start: isoDay(start),
        end: isoDay(end),
        startCell: where(i, index.start),
        endCell: where(i, index.end),
        cell: where(i, index.end),
      });
    }

    let ramp: number[] | null = null;
    if (index.ramp >= 0) {
      const v = row[index.ramp];
      const r = parseRamp(v ?? null);
      if (r === "bad") throw cellError("rosterBadRamp", i, "ramp", v);
      ramp = r;
    }

    let full: number | null = null;
    if (index.full >= 0) {
      const v = row[index.full];
      const n = parseNumber(v, fullDecimal);
      if (isFailure(n)) throw cellError(n.failure, i, "full", v);
      if (n !== null && n < 0) throw cellError("rosterNegativeFull", i, "full", v);
      full = n;
    }

    entries.push({
      rep,
      start: start === null ? null : isoDay(start),
      end: end === null ? null : isoDay(end),
      ramp,
      full,
      source: where(i, index.rep),
    });
  }
  return entries;
}
