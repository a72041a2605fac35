import { costCandidates, detectTable, DetectedTable, profitColumn } from "../../src/sheet/detect";
import { SheetError } from "../../src/sheet/errors";
import { validateMapping } from "../../src/sheet/mapping";
import type { CellValue, SheetSnapshot } from "../../src/workbook/port";

function table(rows: CellValue[][]): DetectedTable {
  const width = rows[0].length;
  const s: SheetSnapshot = { sheet: "Orders", firstRow: 1, columns: Array.from({ length: width }, (_, i) => i + 1), rows };
  const t = detectTable(s);
  if (!t) throw new Error("no table detected");
  return t;
}

const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

/** Superstore's columns (shortened), with a row number, a postal code, a discount rate and a Profit column. */
const superstore = () =>
  table([
    ["Row ID", "Order Date", "Customer Name", "Postal Code", "Region", "Sales", "Quantity", "Discount", "Profit", "Shipping Cost"],
    [1, d(2016, 11, 8), "Claire Gute", 42420, "South", 261.96, 2, 0, 41.9136, 12.5],
    [2, d(2016, 11, 8), "Claire Gute", 42420, "South", 731.94, 3, 0.2, 219.582, 30],
    [3, d(2016, 6, 12), "Darrin Van Huff", 90036, "West", 14.62, 2, 0, 6.8714, 2.25],
  ]);

/** The financial sample's columns: money in Discounts, COGS; calendar parts in Month Number and Year. */
const financial = () =>
  table([
    ["Segment", "Country", "Units Sold", "Sale Price", "Gross Sales", "Discounts", " Sales", "COGS", "Profit", "Date", "Month Number", "Year"],
    ["Government", "Canada", 1618.5, 20, 32370, 0, 32370, 16185, 16185, d(2014, 1, 1), 1, 2014],
    ["Midmarket", "France", 2178, 15, 32670, 0, 32670, 21780, 10890, d(2014, 6, 1), 6, 2014],
    ["Midmarket", "Germany", 888, 15, 13320, 200, 13120, 8880, 4240, d(2014, 6, 1), 6, 2014],
  ]);

describe("money-like cost candidates and a ready-made profit column", () => {
  test("Superstore: no row number, postal code, quantity or discount rate; the shipping cost is suggested; Profit is the profit column", () => {
    const t = superstore();
    const taken = [t.suggested.rep, t.suggested.amount, t.suggested.date, t.suggested.units];
    expect(costCandidates(t, taken).map((c) => c.header)).toEqual(["Shipping Cost"]);
    expect(t.suggested.costs).toEqual([10]);
    expect(profitColumn(t)).toBe(9);
  });

  test("financial sample: no month number, year, unit price or units; discounts and COGS are offered", () => {
    const t = financial();
    const taken = [t.suggested.rep, t.suggested.amount, t.suggested.date, t.suggested.units];
    expect(costCandidates(t, taken).map((c) => c.header)).toEqual(["Gross Sales", "Discounts", "COGS"]);
    // Discounts are already out of " Sales": offered, never ticked for the user.
    expect(t.suggested.costs).toEqual([8]);
    expect(profitColumn(t)).toBe(9);
  });
});

describe("validateMapping: one rule for the wizard and the quota command", () => {
  test("profit without costs on a revenue column is refused, naming the sheet and the column", () => {
    const t = superstore();
    const mapping = { ...t.suggested, costs: [] };
    let error: unknown;
    try {
      validateMapping("profit", mapping, t);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SheetError);
    expect((error as SheetError).messageIn("en")).toContain('Profit is revenue minus costs, and no cost column is chosen for sheet "Orders", so the profit would be the revenue of column "Sales".');
    expect((error as SheetError).messageIn("sv")).toContain('Vinst är intäkt minus kostnader, och ingen kostnadskolumn är vald för bladet "Orders"');
  });

  test("profit with costs, profit on a profit column, and other methods pass", () => {
    const t = superstore();
    expect(() => validateMapping("profit", t.suggested, t)).not.toThrow();
    expect(() => validateMapping("profit", { ...t.suggested, amount: 9, costs: [] }, t)).not.toThrow();
    expect(() => validateMapping("bottomup", { ...t.suggested, costs: [] }, t)).not.toThrow();
  });
});
