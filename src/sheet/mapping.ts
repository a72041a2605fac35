/**
 * Rules on a column mapping that the wizard and the `quota` command share. Pure.
 */
import { columnLetter } from "../workbook/plan";
import { columnLabel, isProfitHeader, type ColumnMapping, type DetectedTable } from "./detect";
import { SheetError } from "./errors";
import type { QuotaMethod } from "./quotaPlan";

/**
 * Whether `mapping` can feed `method`. The profit method needs cost columns to subtract from
 * revenue, unless the amount column already is a profit ("Profit", "Vinst", "Margin"):
 * without either, the "profit" would be revenue under a profit label. Throws a SheetError
 * (en + sv) naming the sheet, the amount column and the columns there are.
 */
export function validateMapping(method: QuotaMethod, mapping: ColumnMapping, table: DetectedTable): void {
  if (method !== "profit" || mapping.costs.length > 0 || mapping.amount === null) return;
  const header = table.columns.find((c) => c.column === mapping.amount)?.header ?? "";
  if (isProfitHeader(header)) return;
  const columns = table.columns.map((c) => `${columnLetter(c.column)} "${c.header.trim()}"`).join(", ");
  throw new SheetError("profitNeedsCosts", { sheet: table.sheet, amount: columnLabel(table, mapping.amount), columns });
}

/**
 * The mapping the profit method uses: revenue minus the chosen costs, or, with `useProfitColumn`,
 * the given profit column as it is (the amount is already profit, no costs subtracted).
 */
export function profitMapping(mapping: ColumnMapping, profitColumn: number | null): ColumnMapping {
  if (profitColumn === null) return mapping;
  return { ...mapping, amount: profitColumn, costs: [] };
}
