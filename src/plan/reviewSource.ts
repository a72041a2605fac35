/**
 * A stored plan reviewed against the actuals in its own workbook: one function for the `quota
 * review` command and the task pane's Review panel. It reads the plan's source sheet and
 * columns (by their stored header texts), aggregates the plan's months up to `through` and
 * reviews (review.ts). Reading goes through the WorkbookPort; the rules are src/sheet's.
 */
import { aggregate, Aggregation } from "../sheet/aggregate";
import { ColumnMapping, DetectedTable, detectTable, HEADER_SCAN_ROWS } from "../sheet/detect";
import { tableEnd } from "../sheet/extent";
import type { ProgressListener, SheetSnapshot, WorkbookPort } from "../workbook/port";
import { Review, reviewPlan } from "./review";
import type { StoredPlan } from "./stored";
import { storedMapping } from "./storedInputs";
import { StoredSourceError } from "./storedSource";

/** The messages of a source that is gone: one catalog with the wizard's update (storedSource.ts). */
export { storedSourceMessages as reviewSourceMessages, StoredSourceError as ReviewSourceError } from "./storedSource";

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

/**
 * The month a review defaults to: the last month within the plan that has actual data (the
 * months of the actuals, "YYYY-MM"); the plan's first month when none has any yet.
 */
export function lastActualMonth(stored: StoredPlan, actualMonths: readonly string[]): string {
  const first = stored.params.start;
  const last = planLastMonth(stored);
  let best: string | null = null;
  for (const m of actualMonths) if (/^\d{4}-\d{2}$/.test(m) && m >= first && m <= last && (best === null || m > best)) best = m;
  return best ?? first;
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
  if (!sheet || !sheet.used) throw new StoredSourceError("sourceSheetMissing", { sheet: stored.source.sheet });
  const used = sheet.used;
  const head = await port.read({ ...used, lastRow: Math.min(used.lastRow, used.firstRow + HEADER_SCAN_ROWS - 1) });
  const found = detectTable(head);
  if (!found) throw new StoredSourceError("sourceTableMissing", { sheet: sheet.name, rows: HEADER_SCAN_ROWS });
  const cols = stored.source.columns;
  // Only the columns a review reads: rep, amount, date (and a profit plan's costs).
  const mapping = storedMapping(found, { ...cols, costs: stored.params.method === "profit" ? cols.costs : [], weight: null, team: null }, sheet.name);
  const { rep, amount, date, costs } = mapping;
  const wanted = [...new Set([rep, amount, date, ...costs].filter((c): c is number => c !== null))].sort((a, b) => a - b);
  const snapshot = await port.read({ ...used, firstRow: found.headerRow }, { columns: wanted, onProgress: options.onProgress });
  const { lastDataRow } = tableEnd(snapshot, found.firstDataRow);
  const { review, aggregation } = reviewOfSource(stored, through, { snapshot, table: { ...found, lastDataRow }, mapping }, options.skipInvalid ?? stored.source.skipInvalid);
  return { review, aggregation, sourceSheet: sheet.name };
}
