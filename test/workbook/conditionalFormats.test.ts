/**
 * Conditional formats (the Attainment sheet's bands) in both adapters: cellIs rules with
 * differential formats in the .xlsx package, CellValue conditional formats through Office.js.
 */
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { ExcelWorkbook } from "../../src/workbook/excel";
import type { WritePlan } from "../../src/workbook/plan";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { FakeExcel } from "../support/excelMock";
import { assertWellFormed, fixtureToXlsx, salesWorkbook } from "./fixtures";

const range = { sheet: "Bands", firstRow: 2, firstColumn: 2, lastRow: 4, lastColumn: 3 };
const plan: WritePlan = {
  sheet: "Bands",
  blocks: [{ row: 1, column: 1, values: [["Rep", "Jan", "Feb"], ["A", 0.5, 1.2], ["B", 0.95, 1], ["C", 0.2, 0.99]] }],
  tables: [],
  charts: [],
  columnWidths: [],
  freezeRows: 0,
  result: { ...range, firstRow: 1, firstColumn: 1 },
  conditionalFormats: [
    {
      range,
      rules: [
        { operator: "lessThan", values: [0.9], fill: "FFC7CE", font: "9C0006" },
        { operator: "between", values: [0.9, 0.999999999], fill: "FFEB9C", font: "9C5700" },
        { operator: "greaterThanOrEqual", values: [1], fill: "C6EFCE", font: "006100" },
      ],
    },
  ],
};

test(".xlsx: cellIs rules in the sheet, their fills as dxfs in styles.xml", async () => {
  const port = await XlsxWorkbook.fromBuffer(await fixtureToXlsx(salesWorkbook()));
  await port.apply(plan);
  const bytes = await port.toBuffer();
  const zip = await JSZip.loadAsync(bytes);
  const sheetXml = await zip.file("xl/worksheets/sheet4.xml")!.async("string");
  const stylesXml = await zip.file("xl/styles.xml")!.async("string");
  assertWellFormed(sheetXml, "sheet4.xml");
  assertWellFormed(stylesXml, "styles.xml");
  expect(sheetXml).toContain(
    '<conditionalFormatting sqref="B2:C4"><cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>0.9</formula></cfRule>' +
      '<cfRule type="cellIs" dxfId="1" priority="2" operator="between"><formula>0.9</formula><formula>0.999999999</formula></cfRule>' +
      '<cfRule type="cellIs" dxfId="2" priority="3" operator="greaterThanOrEqual"><formula>1</formula></cfRule></conditionalFormatting>',
  );
  expect(sheetXml.indexOf("</sheetData>")).toBeLessThan(sheetXml.indexOf("<conditionalFormatting"));
  expect(sheetXml.indexOf("<conditionalFormatting")).toBeLessThan(sheetXml.indexOf("<pageMargins"));
  expect(stylesXml).toMatch(/<dxfs count="3"><dxf><font><color rgb="FF9C0006"\/><\/font><fill><patternFill><bgColor rgb="FFFFC7CE"\/>/);
  // Another reader sees the same rules.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  // ExcelJS reads the rules back although its typings do not declare the property.
  const cf = (wb.getWorksheet("Bands") as unknown as { conditionalFormattings: { ref: string; rules: { operator?: string }[] }[] }).conditionalFormattings;
  expect(cf).toHaveLength(1);
  expect(cf[0].ref).toBe("B2:C4");
  expect(cf[0].rules.map((r) => r.operator)).toEqual(["lessThan", "between", "greaterThanOrEqual"]);
});

test("Excel: one CellValue conditional format per rule on the plan's range", async () => {
  const fake = new FakeExcel(salesWorkbook());
  await new ExcelWorkbook({ run: fake.runner }).apply(plan);
  const sheet = fake.findSheet("Bands")!;
  expect(sheet.conditionalFormats).toEqual([
    { rect: { r0: 1, c0: 1, rows: 3, cols: 2 }, rule: { formula1: "0.9", operator: "LessThan" }, fill: "#FFC7CE", font: "#9C0006" },
    { rect: { r0: 1, c0: 1, rows: 3, cols: 2 }, rule: { formula1: "0.9", formula2: "0.999999999", operator: "Between" }, fill: "#FFEB9C", font: "#9C5700" },
    { rect: { r0: 1, c0: 1, rows: 3, cols: 2 }, rule: { formula1: "1", operator: "GreaterThanOrEqual" }, fill: "#C6EFCE", font: "#006100" },
  ]);
});
