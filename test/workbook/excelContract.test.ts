/**
 * The WorkbookPort contract suite run against the Office.js adapter on the fake Excel object
 * model; readBack reads the fake's stored cells directly (formulas evaluated), not the port.
 */
import { ExcelWorkbook } from "../../src/workbook/excel";
import { FakeExcel } from "../support/excelMock";
import { runWorkbookPortContract } from "./contract";
import { fakePrintSettings } from "./pageSetup";

runWorkbookPortContract("ExcelWorkbook (Office.js) on a fake Excel", async (fixture) => {
  const fake = new FakeExcel(fixture);
  return {
    port: new ExcelWorkbook({ run: fake.runner }),
    readBack: async (sheet: string) => fake.rows(sheet),
    printSettings: async (sheet: string) => fakePrintSettings(fake, sheet),
  };
});
