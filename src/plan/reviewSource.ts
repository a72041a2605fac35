/**
 * A stored plan reviewed against the actuals in its own workbook: one function for the `quota
 * review` command and the task pane's Review panel. It reads the plan's source sheet and
 * columns (by their stored header texts), aggregates the plan's months up to `through` and
 * reviews (review.ts). Reading goes through the WorkbookPort; the rules are src/sheet's.
 */
import { Catalog, LocalizedError } from "../i18n";
import { aggregate, Aggregation } from "../sheet/aggregate";
import { ColumnMapping, DetectedTable, detectTable, findColumn, HEADER_SCAN_ROWS } from "../sheet/detect";
import { tableEnd } from "../sheet/extent";
import type { ProgressListener, SheetSnapshot, WorkbookPort } from "../workbook/port";
import { Review, reviewPlan } from "./review";
import type { StoredPlan } from "./stored";

export const reviewSourceMessages: Catalog = {
  sourceSheetMissing: {
    en: "The plan was made from sheet \"{sheet}\", which this workbook no longer has. Make the plan again, or review it with `quota review --actuals`.",
    sv: "Planen gjordes från bladet \"{sheet}\", som arbetsboken inte längre har. Gör planen igen, eller följ upp den med `quota review --actuals`.",
  },
  sourceTableMissing: {
    en: "Sheet \"{sheet}\" holds no sales table any more (no header row in its first {rows} rows).",
    sv: "Bladet \"{sheet}\" har inte längre någon försäljningstabell (ingen rubrikrad bland de första {rows} raderna).",
  },
  sourceColumnMissing: {
    en: "The plan's column \"{column}\" is no longer in sheet \"{sheet}\". Columns there: {columns}.",
    sv: "Planens kolumn \"{column}\" finns inte längre på bladet \"{sheet}\". Kolumner där: {columns}.",
  },
};

export class ReviewSourceError extends LocalizedError {
  constructor(key: keyof typeof reviewSourceMessages & string, params: Record<string, string | number> = {}) {
    super(reviewSourceMessages, key, params);
    this.name = "ReviewSourceError";
  }
}

/** The plan's months only: from its start to the end of the `through` month (null when `through` is before the start). */
export function reviewRange(stored: StoredPlan, through: string): { from: Date | null; to: Date | null } {
  const [sy, sm] = stored.params.start.split("-").map(Number);
  const [ty, tm] = through.split("-").map(Number);
  const from = new Date(Date.UTC(sy, sm - 1, 1));
  const to = new Date(Date.UTC(ty, tm, 1) - 1);
  return to < from ? { from: null, to: null } : { from, to };
}

/** The plan's last month, "YYYY-MM" (start + 11 months). */
export function planLastMonth(stored: StoredPlan): string {
  const [y, m] = stored.params.start.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + 11, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** Aggregates a source already read (the plan's months up to `through`) and reviews the plan against it. */
export function reviewOfSource(
  stored: StoredPlan,
  through: string,
  source: { snapshot: SheetSnapshot; table: DetectedTable; mapping: ColumnMapping },
  skipInvalid: boolean,
): { review: Review; aggregation: Aggregation } {
  const { from, to } = reviewRange(stored, through);
  const aggregation = aggregate(source.snapshot, source.table, source.mapping, {
    value: stored.params.method === "profit" ? "profit" : "amount",
    skipInvalid,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  });
  const review = reviewPlan({
    start: stored.params.start,
    periodLabels: stored.result.periodLabels,
    rows: stored.result.rows,
    actuals: aggregation.reps.map((r) => ({ name: r.name, byMonth: r.byMonth })),
    through,
  });
  return { review, aggregation };
}

export interface ReviewFromWorkbook {
  review: Review;
  aggregation: Aggregation;
  sourceSheet: string;
}

/** Reads the plan's own source sheet and columns through the port and reviews the plan up to `through`. */
export async function reviewFromWorkbook(
  port: WorkbookPort,
  stored: StoredPlan,
  through: string,
  options: { skipInvalid?: boolean; onProgress?: ProgressListener } = {},
): Promise<ReviewFromWorkbook> {
  const sheets = await port.listSheets();
  const sheet = sheets.find((s) => s.name.toLowerCase() === stored.source.sheet.toLowerCase());
  if (!sheet || !sheet.used) throw new ReviewSourceError("sourceSheetMissing", { sheet: stored.source.sheet });
  const used = sheet.used;
  const head = await port.read({ ...used, lastRow: Math.min(used.lastRow, used.firstRow + HEADER_SCAN_ROWS - 1) });
  const found = detectTable(head);
  if (!found) throw new ReviewSourceError("sourceTableMissing", { sheet: sheet.name, rows: HEADER_SCAN_ROWS });
  const columnsText = found.columns.map((c) => c.header).filter((h) => h).join(", ");
  const column = (name: string): number => {
    const c = findColumn(found, name);
    if (c === null) throw new ReviewSourceError("sourceColumnMissing", { column: name, sheet: sheet.name, columns: columnsText });
    return c;
  };
  const cols = stored.source.columns;
  const rep = column(cols.rep);
  const amount = column(cols.amount);
  const date = cols.date === null ? null : column(cols.date);
  const costs = stored.params.method === "profit" ? cols.costs.map((c) => column(c)) : [];
  const mapping: ColumnMapping = { rep, amount, date, costs, weight: null, units: null, team: null };
  const wanted = [...new Set([rep, amount, date, ...costs].filter((c): c is number => c !== null))].sort((a, b) => a - b);
  const snapshot = await port.read({ ...used, firstRow: found.headerRow }, { columns: wanted, onProgress: options.onProgress });
  const { lastDataRow } = tableEnd(snapshot, found.firstDataRow);
  const { review, aggregation } = reviewOfSource(stored, through, { snapshot, table: { ...found, lastDataRow }, mapping }, options.skipInvalid ?? stored.source.skipInvalid);
  return { review, aggregation, sourceSheet: sheet.name };
}
