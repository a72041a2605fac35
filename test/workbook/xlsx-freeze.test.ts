/**
 * freezeFormulas on the in-memory .xlsx adapter (the task pane outside Office): a dry run
 * changes nothing, a real one changes only the sheet with SALES formulas, reads still give the
 * same values, and the workbook still takes the Quotas sheet afterwards.
 */
import ExcelJS from "exceljs";
import { callsSalesFunction } from "../../src/workbook/freeze";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { checkPackage, quotaPlan, text, TWO_REPS, withExtraParts, zipEntries } from "./fixtures";

// Generous: the machine running the tests may be busy (no timed assertions here).
jest.setTimeout(60_000);

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Notes").addRow(["=SALES.QUOTA_TOPDOWN(1,2) is typed as text here"]);
  const plan = wb.addWorksheet("Plan");
  plan.addRow(["Month", "Ramp", "Check"]);
  plan.addRow([1, { formula: "_xldudf_SALES_QUOTA_RAMP(10000,A2)", result: 2500 }, { formula: "B2*2", result: 5000 }]);
  plan.addRow([2, { formula: "IF(A3>1,_xldudf_SALES_QUOTA_RAMP(10000,A3),0)", result: 5000 }, { formula: "B3*2", result: 10000 }]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

test.each(["exceljs", "stream"] as const)("freezes in memory (%s reader) and keeps the workbook usable", async (reader) => {
  const input = await workbook();
  const port = await XlsxWorkbook.fromBuffer(input, { reader });
  const before = await zipEntries(await port.toBuffer());
  const range = { sheet: "Plan", firstRow: 1, firstColumn: 1, lastRow: 3, lastColumn: 3 };
  const values = (await port.read(range)).rows;

  const dry = await port.freezeFormulas(callsSalesFunction, { dryRun: true });
  expect(dry).toEqual({
    count: 2,
    sheets: [{ sheet: "Plan", count: 2 }],
    cells: [
      { sheet: "Plan", address: "B2" },
      { sheet: "Plan", address: "B3" },
    ],
    uncalculated: [],
    uncalculatedCount: 0,
  });
  const afterDry = await zipEntries(await port.toBuffer());
  for (const [name, bytes] of before) expect(Buffer.compare(Buffer.from(bytes), Buffer.from(afterDry.get(name)!))).toBe(0);

  const progress: [number, number][] = [];
  const report = await port.freezeFormulas(callsSalesFunction, { onProgress: (d, t) => progress.push([d, t]) });
  expect(report.count).toBe(2);
  expect(progress[progress.length - 1]).toEqual([2, 2]);
  expect((await port.read(range)).rows).toEqual(values);
  const after = await zipEntries(await port.toBuffer());
  const changed = [...before.keys()].filter((n) => Buffer.compare(Buffer.from(before.get(n)!), Buffer.from(after.get(n)!)) !== 0);
  expect(changed).toEqual(["xl/worksheets/sheet2.xml"]);
  const sheet = text(after.get("xl/worksheets/sheet2.xml"));
  expect(sheet).not.toContain("_xldudf_");
  expect(sheet).toContain("<f>B3*2</f>");

  // a second freeze finds nothing; the Quotas sheet can still be written
  expect((await port.freezeFormulas(callsSalesFunction)).count).toBe(0);
  await port.apply(quotaPlan(TWO_REPS));
  expect(await checkPackage(await port.toBuffer())).toEqual([]);
});

test("drops calcChain.xml, its relationship and its content type when only frozen cells were in it", async () => {
  const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const chain = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B2" i="2"/><c r="B3"/></calcChain>`;
  const input = await withExtraParts(await workbook(), [
    {
      name: "xl/calcChain.xml",
      data: chain,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml",
      rel: { from: "xl/_rels/workbook.xml.rels", type: `${REL}/calcChain`, target: "calcChain.xml" },
    },
  ]);
  const port = await XlsxWorkbook.fromBuffer(input);
  expect((await port.freezeFormulas(callsSalesFunction)).count).toBe(2);
  const out = await port.toBuffer();
  const entries = await zipEntries(out);
  expect(entries.has("xl/calcChain.xml")).toBe(false);
  expect(text(entries.get("xl/_rels/workbook.xml.rels"))).not.toContain("calcChain");
  expect(text(entries.get("[Content_Types].xml"))).not.toContain("calcChain");
  expect(await checkPackage(out)).toEqual([]);
});
