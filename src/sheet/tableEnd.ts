/**
 * Where a sales table ends, shared by the `quota` command and the wizard: like Excel's current
 * region, at its first row that is blank in every column read. Non-blank rows further down are
 * not data of the table; they are counted (with the first of them) so both can say so and
 * record it on the Quotas sheet, rather than silently adding them or dropping them.
 */
import type { CellValue, SheetSnapshot } from "../workbook/port";
import { isBlank } from "./cells";

export interface RowsBelow {
  /** The first non-blank row below the table's end (sheet row, 1-based). */
  first: number;
  /** Non-blank rows below the table's end. */
  count: number;
}

export interface TableEnd {
  /** The last row before the first blank row (firstDataRow − 1 when the table has no data). */
  lastDataRow: number;
  below: RowsBelow | null;
}

export function tableEnd(snapshot: SheetSnapshot, firstDataRow: number): TableEnd {
  const rows = snapshot.rows;
  const blank = (row: CellValue[]) => row.every((v) => isBlank(v));
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
