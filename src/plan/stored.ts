/**
 * The plan kept in the workbook: its inputs (source sheet and columns, time frame, method,
 * target, periods, start, phasing, rounding, uplift, locks, roster, teams) and its result (each
 * rep's quota and schedule), so `quota refresh`, `quota review` and the wizard can take it up
 * again.
 *
 * Where: a very hidden sheet owned by the add-in (STORED_PLAN_SHEET), column A a key, column B
 * its value; the plan itself is JSON in "plan" rows, cut into pieces under Excel's 32,767
 * characters a cell. A sheet, not a custom XML part: Excel, Excel on the web and LibreOffice
 * all keep a hidden sheet's cells when they save (LibreOffice drops custom XML parts of .xlsx).
 * How the numbers were made stays readable by everyone in the Quotas sheet's visible audit block.
 */
import { Catalog, LocalizedError } from "../i18n";
import type { WritePlan } from "../workbook/plan";
import type { CellValue, WorkbookPort } from "../workbook/port";
import type { YearPlan, YearPlanParams } from "./types";

export { STORED_PLAN_SHEET } from "./sheetNames";
import { STORED_PLAN_SHEET } from "./sheetNames";
export const STORED_PLAN_FORMAT = 1;
/** Characters of JSON per cell: under Excel's 32,767, with room to spare. */
const PIECE = 30_000;

/** A column of the source, by its header text (a letter when the header is blank). */
export interface StoredColumns {
  rep: string;
  amount: string;
  date: string | null;
  costs: string[];
  weight: string | null;
  team: string | null;
}

export interface StoredPlan {
  format: typeof STORED_PLAN_FORMAT;
  /** ISO timestamp of the write. */
  createdAt: string;
  madeBy: string;
  source: {
    /** The source workbook's file name when it was a file (null inside Excel). */
    file: string | null;
    sheet: string;
    /** The header row of the source table (1-based). */
    headerRow: number;
    columns: StoredColumns;
    filter: { year: number } | { from: string | null; to: string | null } | null;
    skipInvalid: boolean;
    /** Where the roster came from ("Roster", "roster.xlsx#Sheet1"), for the audit block. */
    roster: string | null;
  };
  params: YearPlanParams;
  outputSheet: string;
  /** Whether the Quotas sheet shows the rep × period schedule (else the annual table). */
  schedule?: boolean;
  result: {
    periodLabels: string[];
    target: number;
    planTotal: number;
    rows: { rep: string; team: string | null; quota: number; schedule: number[]; locked: boolean; rostered: boolean }[];
  };
}

export const storedPlanMessages: Catalog = {
  damaged: {
    en: "The plan stored in this workbook (sheet {sheet}) cannot be read: {detail}. Make the plan again with `quota allocate` or the wizard.",
    sv: "Planen som är sparad i arbetsboken (bladet {sheet}) kan inte läsas: {detail}. Gör planen igen med `quota allocate` eller guiden.",
  },
  newerFormat: {
    en: "The plan stored in this workbook was written by a newer version of Sales Quota (format {format}). Update the add-in.",
    sv: "Planen som är sparad i arbetsboken skrevs av en nyare version av Sales Quota (format {format}). Uppdatera tillägget.",
  },
  noPlan: {
    en: "{file} holds no stored plan. Make one first with `quota allocate` (or the wizard), which keeps the plan in the workbook.",
    sv: "{file} har ingen sparad plan. Gör en först med `quota allocate` (eller guiden), som sparar planen i arbetsboken.",
  },
};

export class StoredPlanError extends LocalizedError {
  constructor(key: string, params: Record<string, string | number> = {}) {
    super(storedPlanMessages, key, params);
    this.name = "StoredPlanError";
  }
}

/** The stored form of a plan that was just made. */
export function storedPlanOf(plan: YearPlan, meta: Omit<StoredPlan, "format" | "params" | "result">): StoredPlan {
  return {
    format: STORED_PLAN_FORMAT,
    ...meta,
    params: plan.params,
    result: {
      periodLabels: plan.periodLabels,
      target: plan.target,
      planTotal: plan.planTotal,
      rows: plan.rows.map((r) => ({ rep: r.rep, team: r.team, quota: r.quota, schedule: r.schedule, locked: r.locked, rostered: r.rostered })),
    },
  };
}

/** The write plan of the very hidden sheet that holds `stored`. */
export function storedPlanWritePlan(stored: StoredPlan): WritePlan {
  const json = JSON.stringify(stored);
  const values: (string | number)[][] = [
    ["Sales Quota plan", "Do not edit: the add-in reads this sheet to refresh and review the plan."],
    ["format", STORED_PLAN_FORMAT],
    ["pieces", Math.max(1, Math.ceil(json.length / PIECE))],
  ];
  for (let at = 0; at < json.length || at === 0; at += PIECE) values.push(["plan", json.slice(at, at + PIECE)]);
  return {
    sheet: STORED_PLAN_SHEET,
    blocks: [{ row: 1, column: 1, values }],
    tables: [],
    charts: [],
    columnWidths: [],
    freezeRows: 0,
    result: { sheet: STORED_PLAN_SHEET, firstRow: 1, firstColumn: 1, lastRow: values.length, lastColumn: 2 },
    visibility: "veryHidden",
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The stored plan from the sheet's cells (A1 down); throws StoredPlanError when damaged. */
export function parseStoredPlan(rows: CellValue[][]): StoredPlan {
  const damaged = (detail: string) => new StoredPlanError("damaged", { sheet: STORED_PLAN_SHEET, detail });
  const format = rows[1]?.[1];
  if (rows[1]?.[0] !== "format" || typeof format !== "number") throw damaged("no format row");
  if (format > STORED_PLAN_FORMAT) throw new StoredPlanError("newerFormat", { format });
  const pieces = rows[2]?.[1];
  if (typeof pieces !== "number" || !Number.isInteger(pieces) || pieces < 1) throw damaged("no piece count");
  let json = "";
  for (let i = 0; i < pieces; i++) {
    const row = rows[3 + i];
    if (!row || row[0] !== "plan" || typeof row[1] !== "string") throw damaged(`piece ${i + 1} of ${pieces} is missing`);
    json += row[1];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw damaged("the plan text is not valid");
  }
  if (!isObject(parsed) || !isObject(parsed.source) || !isObject(parsed.params) || !isObject(parsed.result)) throw damaged("parts of the plan are missing");
  const result = parsed.result as Record<string, unknown>;
  if (!Array.isArray(result.rows) || !Array.isArray(result.periodLabels)) throw damaged("the schedule is missing");
  const periods = (result.periodLabels as unknown[]).length;
  for (const row of result.rows as unknown[]) {
    if (!isObject(row) || typeof row.rep !== "string" || typeof row.quota !== "number" || !Array.isArray(row.schedule) || row.schedule.length !== periods) {
      throw damaged("a rep's schedule is incomplete");
    }
    if (!(row.schedule as unknown[]).every((v) => typeof v === "number" && Number.isFinite(v))) throw damaged(`the schedule of ${row.rep} holds a value that is not a number`);
  }
  return parsed as unknown as StoredPlan;
}

/** The workbook's stored plan, or null when it has none. */
export async function readStoredPlan(port: WorkbookPort): Promise<StoredPlan | null> {
  const sheets = await port.listSheets();
  const sheet = sheets.find((s) => s.name.toLowerCase() === STORED_PLAN_SHEET.toLowerCase());
  if (!sheet || !sheet.used) return null;
  if ((await port.ownership(sheet.name)) !== "ours") return null;
  const snapshot = await port.read({ ...sheet.used, firstRow: 1, firstColumn: 1, lastColumn: Math.max(2, sheet.used.lastColumn) });
  const rows = snapshot.rows.map((r) => r.slice(0, 2));
  return parseStoredPlan(rows);
}
