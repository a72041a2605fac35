/**
 * Where a table ends. Like Excel's current region, a table ends at its first row blank in
 * every column looked at; rows further down are not data, but they are reported (count and
 * first row) rather than silently dropped. The wizard and the `quota` command share this. Pure.
 */
import { isBlank } from "./cells";
import type { CellValue, SheetSnapshot } from "../workbook/port";

/** The non-blank rows below the table's end: the first of them (sheet row) and how many. */
export interface RowsBelow {
  first: number;
  count: number;
}

export interface TableEnd {
  /** The last row before the first blank row (firstDataRow − 1 when the table has no data). */
  lastDataRow: number;
  below: RowsBelow | null;
}

/**
 * The last row before the first row blank in every column looked at (all the snapshot's
 * columns, or only `columns`, absolute column numbers), and the non-blank rows after it.
 */
export function tableEnd(snapshot: SheetSnapshot, firstDataRow: number, columns?: readonly number[]): TableEnd {
  const rows = snapshot.rows;
  const idx = columns ? columns.map((c) => snapshot.columns.indexOf(c)).filter((j) => j >= 0) : null;
  const blank = (row: CellValue[]) => (idx ? idx.every((j) => isBlank(row[j])) : row.every((v) => isBlank(v)));
  let i = Math.max(0, firstDataRow - snapshot.firstRow);
  while (i < rows.length && !blank(rows[i])) i++;
  const lastDataRow = snapshot.firstRow + i - 1;
  let count = 0;
  let first = 0;
  for (let k = i; k < rows.length; k++) {
    if (blank(rows[k])) continue;
    if (count === 0) first = snapshot.firstRow + k;
    count++;
  }
  return { lastDataRow, below: count > 0 ? { first, count } : null };
}
