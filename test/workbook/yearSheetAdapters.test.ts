/**
 * A year plan's Quotas sheet through both adapters: the schedule and the team table are real
 * Excel tables whose totals rows add up both ways, and the page setup is applied.
 */
import { ExcelWorkbook } from "../../src/workbook/excel";
import { buildQuotaWritePlan } from "../../src/workbook/quotaSheet";
import type { CellValue } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { FakeExcel } from "../support/excelMock";
import { exceljsValues, fixtureToXlsx, salesWorkbook } from "./fixtures";
import { fakePrintSettings, xlsxPrintSettings } from "./pageSetup";
import { months, yearPlan } from "./yearFixtures";

const plan = yearPlan();
const wp = buildQuotaWritePlan(plan, { sourceSheet: "Sales", columns: { rep: "Rep", amount: "Amount", team: "Team" }, createdAt: new Date(Date.UTC(2026, 0, 15)) });

/** Checks the sheet as read back: schedule totals row (6) and team table totals row (12). */
function expectTotals(rows: CellValue[][]): void {
  // Row 6: Total | | | Jan…Dec | Quota | History
  expect(rows[5][0]).toBe("Total");
  expect(rows[5].slice(3, 15)).toEqual(plan.periodTargets);
  expect(rows[5][15]).toBe(1260000);
  expect(rows[5][16]).toBe(950000);
  // Row 12: the team table's totals
  expect(rows[11][0]).toBe("Total");
  expect(rows[11][1]).toBe(4);
  expect(rows[11].slice(3, 15)).toEqual(plan.periodTargets);
  expect(rows[11][15]).toBe(1260000);
  expect(rows[9].slice(0, 2)).toEqual(["North", 2]);
  expect(rows[9].slice(3, 15)).toEqual(months([70000, 12]));
}

describe("a year plan's Quotas sheet through the adapters", () => {
  it("xlsx: two tables with totals rows, print settings saved", async () => {
    const port = await XlsxWorkbook.fromBuffer(await fixtureToXlsx(salesWorkbook()));
    await port.apply(wp);
    const bytes = await port.toBuffer();
    expectTotals(await exceljsValues(bytes, "Quotas"));
    const tables = (await port.listTables()).filter((t) => t.range.sheet === "Quotas").map((t) => [t.name, t.range.firstRow, t.range.lastRow, t.range.lastColumn]);
    expect(tables).toEqual([
      ["SalesQuotas", 1, 6, 17],
      ["SalesQuotasByTeam", 9, 12, 16],
    ]);
    expect(await xlsxPrintSettings(bytes, "Quotas")).toEqual({ orientation: "landscape", fitToWidth: 1, fitToHeight: 0, printTitleRows: "$1:$1" });
  });

  it("Excel: two tables with totals rows, page layout set", async () => {
    const fake = new FakeExcel(salesWorkbook());
    const port = new ExcelWorkbook({ run: fake.runner });
    await port.apply(wp);
    expectTotals(fake.rows("Quotas"));
    expect(fakePrintSettings(fake, "Quotas")).toEqual({ orientation: "landscape", fitToWidth: 1, fitToHeight: 0, printTitleRows: "$1:$1" });
    // Re-running replaces both tables, and nothing is left over.
    await port.apply(wp);
    expect((await port.listTables()).filter((t) => t.range.sheet === "Quotas").map((t) => t.name)).toEqual(["SalesQuotas", "SalesQuotasByTeam"]);
  });
});
