import ExcelJS from "exceljs";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { OWNER_MARKER_NAME, OutputSheetTakenError, type WritePlan } from "../../src/workbook/plan";
import type { CellValue } from "../../src/workbook/port";
import { runWorkbookPortContract } from "./contract";
import { xlsxPrintSettings } from "./pageSetup";
import {
  checkPackage,
  day,
  exceljsValues,
  expectedSheet,
  fixtureToXlsx,
  FIVE_REPS,
  quotaPlan,
  salesWorkbook,
  text,
  TWO_REPS,
  withExtraParts,
  workbookWithForeignQuotas,
  zipEntries,
} from "./fixtures";

runWorkbookPortContract("XlsxWorkbook (in memory)", async (fixture) => {
  const port = await XlsxWorkbook.fromBuffer(await fixtureToXlsx(fixture));
  return { port, readBack: async (sheet) => exceljsValues(await port.toBuffer(), sheet), printSettings: async (sheet) => xlsxPrintSettings(await port.toBuffer(), sheet) };
});

runWorkbookPortContract("XlsxWorkbook (streaming from the package, as for big files)", async (fixture) => {
  const port = await XlsxWorkbook.fromBuffer(await fixtureToXlsx(fixture), { reader: "stream" });
  return { port, readBack: async (sheet) => exceljsValues(await port.toBuffer(), sheet), printSettings: async (sheet) => xlsxPrintSettings(await port.toBuffer(), sheet) };
});

const SHARED_PARTS = ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"];

/** A workbook with styled cells and parts ExcelJS does not keep (custom properties, an unknown part). */
async function richInput(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sales");
  ws.addRow(["Rep", "Amount", "Date"]);
  ws.addRow(["Anna", 1234.5, day(2025, 1, 15)]);
  ws.addRow(["Björn", 99, day(2025, 2, 1)]);
  ws.getRow(1).font = { bold: true, color: { argb: "FFFF0000" } };
  ws.getCell("B2").numFmt = "#,##0.00 [$kr-41D]";
  ws.getCell("B3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
  ws.getCell("B3").border = { top: { style: "thin" }, bottom: { style: "double" } };
  ws.getCell("C2").numFmt = "yyyy-mm-dd";
  ws.getCell("C3").numFmt = "d mmm yyyy";
  ws.getColumn(1).width = 30;
  wb.addWorksheet("Notes").addRow(["Keep me", { formula: "1+1", result: 2 }]);
  const base = new Uint8Array(await wb.xlsx.writeBuffer());
  return withExtraParts(base, [
    {
      name: "docProps/custom.xml",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Department"><vt:lpwstr>Sales &amp; Ops</vt:lpwstr></property></Properties>`,
      contentType: "application/vnd.openxmlformats-officedocument.custom-properties+xml",
      rel: { from: "_rels/.rels", type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties", target: "docProps/custom.xml" },
    },
    {
      name: "xl/vendor/unknown.bin",
      data: new Uint8Array([0, 1, 2, 3, 254, 255, 0x50, 0x4b]),
      contentType: "application/vnd.example.unknown",
      rel: { from: "xl/_rels/workbook.xml.rels", type: "http://example.com/relationships/unknown", target: "vendor/unknown.bin" },
    },
  ]);
}

function sections(xml: string, names: string[]): { outside: string; inside: Record<string, string> } {
  let outside = xml;
  const inside: Record<string, string> = {};
  for (const n of names) {
    const m = new RegExp(`<${n}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${n}>)`).exec(outside);
    inside[n] = m?.[1] ?? "";
    if (m) outside = outside.replace(m[0], `<${n}/>`);
  }
  return { outside, inside };
}

describe("XlsxWorkbook at the package level", () => {
  let input: Uint8Array;
  let output: Uint8Array;
  const plan = quotaPlan(FIVE_REPS);

  beforeAll(async () => {
    input = await richInput();
    const wb = await XlsxWorkbook.fromBuffer(input);
    await wb.apply(plan);
    output = await wb.toBuffer();
  });

  it("keeps every part of the input byte for byte except the four shared parts", async () => {
    const before = await zipEntries(input);
    const after = await zipEntries(output);
    expect(before.has("docProps/custom.xml")).toBe(true);
    expect(before.has("xl/vendor/unknown.bin")).toBe(true);
    const changed: string[] = [];
    for (const [name, bytes] of before) {
      const now = after.get(name);
      expect(now).toBeDefined();
      if (Buffer.compare(Buffer.from(bytes), Buffer.from(now as Uint8Array)) !== 0) changed.push(name);
    }
    expect(changed.sort()).toEqual([...SHARED_PARTS].sort());
    const added = [...after.keys()].filter((k) => !before.has(k)).sort();
    expect(added).toEqual(["xl/charts/chart1.xml", "xl/drawings/_rels/drawing1.xml.rels", "xl/drawings/drawing1.xml", "xl/tables/table1.xml", "xl/worksheets/_rels/sheet3.xml.rels", "xl/worksheets/sheet3.xml"]);
  });

  it("only inserts into the shared parts; existing style indices stay where they were", async () => {
    const before = await zipEntries(input);
    const after = await zipEntries(output);
    const wbBefore = text(before.get("xl/workbook.xml"));
    const wbAfter = text(after.get("xl/workbook.xml"));
    const inserted = wbAfter.replace(/<sheet name="Quotas" sheetId="\d+" r:id="rId\d+"\/>/, "").replace(/<definedName name="SalesQuota_Output"[^>]*>[^<]*<\/definedName>/, "");
    // ExcelJS writes no definedNames element; ours is then a new one around the marker
    expect(inserted.replace("<definedNames></definedNames>", "")).toBe(wbBefore);
    const relsBefore = text(before.get("xl/_rels/workbook.xml.rels"));
    const relsAfter = text(after.get("xl/_rels/workbook.xml.rels"));
    expect(relsAfter.replace(/<Relationship Id="rId\d+" Type="[^"]+\/worksheet" Target="worksheets\/sheet3.xml"\/>/, "")).toBe(relsBefore);
    const typesBefore = text(before.get("[Content_Types].xml"));
    const typesAfter = text(after.get("[Content_Types].xml"));
    expect(typesAfter.replace(/<Override PartName="\/xl\/(worksheets\/sheet3|tables\/table1|drawings\/drawing1|charts\/chart1)\.xml" ContentType="[^"]+"\/>/g, "")).toBe(typesBefore);

    const sBefore = sections(text(before.get("xl/styles.xml")), ["numFmts", "fonts", "cellXfs"]);
    const sAfter = sections(text(after.get("xl/styles.xml")), ["numFmts", "fonts", "cellXfs"]);
    expect(sAfter.outside).toBe(sBefore.outside);
    for (const n of ["numFmts", "fonts", "cellXfs"]) {
      expect(sAfter.inside[n].startsWith(sBefore.inside[n])).toBe(true);
      expect(sAfter.inside[n].length).toBeGreaterThan(sBefore.inside[n].length);
    }
    const count = (xml: string, tag: string) => Number(new RegExp(`<${tag} count="(\\d+)"`).exec(xml)?.[1]);
    const stylesAfter = text(after.get("xl/styles.xml"));
    expect(count(stylesAfter, "cellXfs")).toBe((sAfter.inside.cellXfs.match(/<xf\b/g) ?? []).length);
    expect(count(stylesAfter, "fonts")).toBe((sAfter.inside.fonts.match(/<font\b/g) ?? []).length);
    expect(count(stylesAfter, "numFmts")).toBe((sAfter.inside.numFmts.match(/<numFmt\b/g) ?? []).length);
  });

  it("is a consistent package: well-formed parts, every target and content type present", async () => {
    expect(await checkPackage(output)).toEqual([]);
  });

  it("keeps what an ExcelJS round trip would drop", async () => {
    const roundTrip = new ExcelJS.Workbook();
    await roundTrip.xlsx.load(input as unknown as ArrayBuffer);
    const viaExcelJs = await zipEntries(new Uint8Array(await roundTrip.xlsx.writeBuffer()));
    expect(viaExcelJs.has("xl/vendor/unknown.bin")).toBe(false);
    const after = await zipEntries(output);
    expect([...(after.get("xl/vendor/unknown.bin") as Uint8Array)]).toEqual([0, 1, 2, 3, 254, 255, 0x50, 0x4b]);
    expect(text(after.get("docProps/custom.xml"))).toContain("Sales &amp; Ops");
  });

  it("ExcelJS reads the original sheets with identical values and styles", async () => {
    const a = new ExcelJS.Workbook();
    const b = new ExcelJS.Workbook();
    await a.xlsx.load(input as unknown as ArrayBuffer);
    await b.xlsx.load(output as unknown as ArrayBuffer);
    expect(b.worksheets.map((w) => w.name)).toEqual(["Sales", "Notes", "Quotas"]);
    for (const wsA of a.worksheets) {
      const wsB = b.getWorksheet(wsA.name) as ExcelJS.Worksheet;
      let cells = 0;
      wsA.eachRow({ includeEmpty: true }, (row, r) =>
        row.eachCell({ includeEmpty: true }, (cell, c) => {
          const other = wsB.getCell(r, c);
          expect({ at: cell.address, value: other.value, style: other.style }).toEqual({ at: cell.address, value: cell.value, style: cell.style });
          cells++;
        }),
      );
      expect(cells).toBeGreaterThan(0);
      expect(wsB.getColumn(1).width).toBe(wsA.getColumn(1).width);
    }
  });

  it("writes the add-in's sheet the way Excel expects it", async () => {
    const after = await zipEntries(output);
    const sheet = text(after.get("xl/worksheets/sheet3.xml"));
    // text that looks like a formula is an inline string, never a formula
    expect(sheet).toContain('t="inlineStr"><is><t xml:space="preserve">=1+2</t></is>');
    expect(sheet).toContain('<t xml:space="preserve">=cmd|\' /C calc\'!A0</t>');
    const formulas = [...sheet.matchAll(/<f>([^<]*)<\/f>/g)].map((m) => m[1]);
    expect(formulas).toEqual(["SUBTOTAL(109,QuotaTable[History])", "SUBTOTAL(109,QuotaTable[Share])", "SUBTOTAL(109,QuotaTable[Quota])"]);
    expect(sheet).toMatch(/<c r="D7" s="\d+"><f>SUBTOTAL\(109,QuotaTable\[Quota\]\)<\/f><v>20000<\/v><\/c>/);
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(sheet).toContain('<col min="1" max="1" width="24" customWidth="1"/>');
    expect(sheet).toContain('<dimension ref="A1:D15"/>');
    // the date is the 1900-system serial with a date format
    expect(sheet).toMatch(/<c r="B14" s="(\d+)"><v>45987<\/v><\/c>/);
    const table = text(after.get("xl/tables/table1.xml"));
    expect(table).toContain('name="QuotaTable" displayName="QuotaTable" ref="A1:D7" totalsRowCount="1"');
    expect(table).toContain('<autoFilter ref="A1:D6"/>');
    expect(table).toContain('<tableColumn id="1" name="Rep" totalsRowLabel="Total"/>');
    expect(table).toContain('<tableColumn id="4" name="Quota" totalsRowFunction="sum"/>');
    expect(table).toContain('<tableStyleInfo name="TableStyleMedium2"');
    const workbook = text(after.get("xl/workbook.xml"));
    expect(workbook).toContain(`<definedName name="${OWNER_MARKER_NAME}" localSheetId="2" hidden="1">'Quotas'!$A$1</definedName>`);
    const chart = text(after.get("xl/charts/chart1.xml"));
    expect(chart).toContain('<c:barDir val="col"/><c:grouping val="clustered"/>');
    expect(chart).toContain("<c:f>'Quotas'!$D$2:$D$6</c:f>");
    expect(chart).toContain('<c:pt idx="0"><c:v>Anna Svensson</c:v></c:pt>');
    expect(chart).toContain('<c:pt idx="4"><c:v>2500</c:v></c:pt>');
  });

  it("gives the output's number formats and fonts to ExcelJS as planned", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(output as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Quotas") as ExcelJS.Worksheet;
    expect(ws.getCell("B2").numFmt).toBe("#,##0");
    expect(ws.getCell("C2").numFmt).toBe("0.0%");
    expect(ws.getCell("D2").numFmt).toBe('#,##0 "kr"');
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("A9").font?.italic).toBe(true);
    expect(ws.getCell("B14").value).toEqual(day(2025, 11, 26));
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("re-running leaves no orphan or duplicate parts and does not grow styles.xml", async () => {
    const wb = await XlsxWorkbook.fromBuffer(input);
    await wb.apply(plan);
    const first = await zipEntries(await wb.toBuffer());
    await wb.apply(quotaPlan(TWO_REPS));
    await wb.apply(plan);
    const again = await wb.toBuffer();
    const second = await zipEntries(again);
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    expect(text(second.get("xl/styles.xml"))).toBe(text(first.get("xl/styles.xml")));
    expect(text(second.get("xl/workbook.xml"))).toBe(text(first.get("xl/workbook.xml")));
    expect(text(second.get("[Content_Types].xml")).length).toBe(text(first.get("[Content_Types].xml")).length);
    expect(await checkPackage(again)).toEqual([]);
    // and when re-opened from the saved bytes, too
    const reopened = await XlsxWorkbook.fromBuffer(again);
    expect(await reopened.ownership("Quotas")).toBe("ours");
    await reopened.apply(quotaPlan(TWO_REPS));
    const third = await reopened.toBuffer();
    expect(await checkPackage(third)).toEqual([]);
    expect([...(await zipEntries(third)).keys()].filter((k) => /tables|charts|drawings/.test(k)).sort()).toEqual([
      "xl/charts/chart1.xml",
      "xl/drawings/_rels/drawing1.xml.rels",
      "xl/drawings/drawing1.xml",
      "xl/tables/table1.xml",
    ]);
    expectSameRows(await exceljsValues(third, "Quotas"), expectedSheet(quotaPlan(TWO_REPS)));
  });

  it("a refused apply leaves every byte of the workbook's parts as it was", async () => {
    const bytes = await fixtureToXlsx(workbookWithForeignQuotas());
    const wb = await XlsxWorkbook.fromBuffer(bytes);
    await expect(wb.apply(plan)).rejects.toBeInstanceOf(OutputSheetTakenError);
    const before = await zipEntries(bytes);
    const after = await zipEntries(await wb.toBuffer());
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, data] of before) expect(Buffer.compare(Buffer.from(data), Buffer.from(after.get(name) as Uint8Array))).toBe(0);
  });
});

function expectSameRows(actual: CellValue[][], expected: CellValue[][]): void {
  const norm = (rows: CellValue[][]) => rows.map((r) => r.map((v) => (v === undefined ? null : v)));
  const width = Math.max(...expected.map((r) => r.length), ...actual.map((r) => r.length));
  const pad = (rows: CellValue[][]) => norm(rows).map((r) => [...r, ...Array(width - r.length).fill(null)]);
  expect(pad(actual)).toEqual(pad(expected));
}

describe("XlsxWorkbook values", () => {
  it("escapes XML specials and control characters and reads them back exactly", async () => {
    const strings = ["a<b>&\"c'", "tab\tand\nnew line", "\u0001ctrl\u001f", "_x0041_ stays literal", "emoji 👍 and ñ", "  padded  ", "\r\nwindows"];
    const plan: WritePlan = { ...quotaPlan(TWO_REPS), blocks: [{ row: 1, column: 1, values: strings.map((s) => [s]) }], tables: [], charts: [] };
    const wb = await XlsxWorkbook.fromBuffer(await fixtureToXlsx(salesWorkbook()));
    await wb.apply(plan);
    const bytes = await wb.toBuffer();
    expect(await checkPackage(bytes)).toEqual([]);
    const sheet = text((await zipEntries(bytes)).get("xl/worksheets/sheet4.xml"));
    expect(sheet).toContain("_x0001_ctrl_x001F_");
    expect(sheet).toContain("_x005F_x0041_ stays literal");
    const reopened = await XlsxWorkbook.fromBuffer(bytes);
    const snap = await reopened.read({ sheet: "Quotas", firstRow: 1, firstColumn: 1, lastRow: strings.length, lastColumn: 1 });
    expect(snap.rows.map((r) => r[0])).toEqual(strings);
  });

  it("reads 1900-system serials as the days Excel shows, including before March 1900", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Dates");
    [1, 59, 61, 45672, 45672.75].forEach((serial, i) => {
      ws.getCell(i + 1, 1).value = serial;
      ws.getCell(i + 1, 1).numFmt = "yyyy-mm-dd hh:mm";
    });
    const port = await XlsxWorkbook.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    const snap = await port.read({ sheet: "Dates", firstRow: 1, firstColumn: 1, lastRow: 5, lastColumn: 1 });
    expect(snap.rows.map((r) => (r[0] as Date).toISOString())).toEqual([
      "1900-01-01T00:00:00.000Z",
      "1900-02-28T00:00:00.000Z",
      "1900-03-01T00:00:00.000Z",
      "2025-01-15T00:00:00.000Z",
      "2025-01-15T18:00:00.000Z",
    ]);
  });

  it("reads and writes dates of a 1904-system workbook", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet("Mac");
    ws.getCell("A1").value = 44210; // 2025-01-15 in the 1904 system
    ws.getCell("A1").numFmt = "yyyy-mm-dd";
    const port = await XlsxWorkbook.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    const snap = await port.read({ sheet: "Mac", firstRow: 1, firstColumn: 1, lastRow: 1, lastColumn: 1 });
    expect(snap.rows[0][0]).toEqual(day(2025, 1, 15));
    await port.apply({ ...quotaPlan(TWO_REPS), blocks: [{ row: 1, column: 1, values: [[day(2025, 1, 15)]] }], tables: [], charts: [] });
    const sheet = text((await zipEntries(await port.toBuffer())).get("xl/worksheets/sheet2.xml"));
    expect(sheet).toMatch(/<c r="A1" s="\d+"><v>44210<\/v><\/c>/);
  });

  it("reads cached formula results of every type", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("F");
    ws.getCell("A1").value = { formula: "NA()", result: { error: "#N/A" } };
    ws.getCell("A2").value = { formula: "1=1", result: true };
    ws.getCell("A3").value = { formula: "DATE(2025,1,2)", result: day(2025, 1, 2) };
    ws.getCell("A3").numFmt = "yyyy-mm-dd";
    ws.getCell("A4").value = { formula: '"a"&"b"', result: "ab" };
    ws.getCell("A5").value = { formula: "1+2", result: 3 };
    ws.getCell("A6").value = { formula: "1+2" } as ExcelJS.CellFormulaValue; // never calculated
    ws.getCell("A7").value = { richText: [{ text: "rich " }, { font: { bold: true }, text: "text" }] };
    ws.getCell("A8").value = { text: "link", hyperlink: "https://example.com" };
    ws.getCell("A9").value = { formula: "1-1", result: 0 };
    ws.getCell("A10").value = { formula: "1=2", result: false };
    const port = await XlsxWorkbook.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    const snap = await port.read({ sheet: "F", firstRow: 1, firstColumn: 1, lastRow: 10, lastColumn: 1 });
    expect(snap.rows.map((r) => r[0])).toEqual([{ error: "#N/A" }, true, day(2025, 1, 2), "ab", 3, null, "rich text", "link", 0, false]);
  });

  it("gives the table a free name when the user already has one by that name; the totals follow", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sales");
    ws.addTable({ name: "QuotaTable", ref: "A1", columns: [{ name: "Rep" }, { name: "Amount" }], rows: [["Anna", 1]] });
    const port = await XlsxWorkbook.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    await port.apply(quotaPlan(TWO_REPS));
    const tables = await port.listTables();
    expect(tables.map((t) => [t.name, t.range.sheet])).toEqual([
      ["QuotaTable", "Sales"],
      ["QuotaTable_2", "Quotas"],
    ]);
    const bytes = await port.toBuffer();
    const entries = await zipEntries(bytes);
    const sheet = text(entries.get("xl/worksheets/sheet2.xml"));
    expect(sheet).toContain("<f>SUBTOTAL(109,QuotaTable_2[Quota])</f>");
    expect(sheet).not.toMatch(/QuotaTable\[/);
    const ids = [...entries.keys()].filter((k) => k.startsWith("xl/tables/")).map((k) => /\bid="(\d+)"/.exec(text(entries.get(k)))?.[1]);
    expect(new Set(ids).size).toBe(2);
    expect(await checkPackage(bytes)).toEqual([]);
  });

  it("drops the replaced sheet's entries from the calculation chain Excel saved", async () => {
    const port = await XlsxWorkbook.fromBuffer(await fixtureToXlsx(salesWorkbook()));
    await port.apply(quotaPlan(FIVE_REPS));
    // What Excel adds when it saves: a calc chain naming the totals formulas (Quotas has sheetId 4).
    const saved = await withExtraParts(await port.toBuffer(), [
      {
        name: "xl/calcChain.xml",
        data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B7" i="4"/><c r="C7"/><c r="D7"/><c r="A1" i="1"/><c r="A2"/></calcChain>`,
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml",
        rel: { from: "xl/_rels/workbook.xml.rels", type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain", target: "calcChain.xml" },
      },
    ]);
    const again = await XlsxWorkbook.fromBuffer(saved);
    await again.apply(quotaPlan(TWO_REPS));
    const entries = await zipEntries(await again.toBuffer());
    expect(text(entries.get("xl/calcChain.xml"))).toContain('<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="A1" i="1"/><c r="A2"/></calcChain>');

    // When only our entries were there, the part goes with its relationship and content type.
    const onlyOurs = await withExtraParts(await port.toBuffer(), [
      {
        name: "xl/calcChain.xml",
        data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="B7" i="4"/><c r="C7"/></calcChain>`,
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml",
        rel: { from: "xl/_rels/workbook.xml.rels", type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain", target: "calcChain.xml" },
      },
    ]);
    const third = await XlsxWorkbook.fromBuffer(onlyOurs);
    await third.apply(quotaPlan(TWO_REPS));
    const bytes = await third.toBuffer();
    expect((await zipEntries(bytes)).has("xl/calcChain.xml")).toBe(false);
    expect(await checkPackage(bytes)).toEqual([]);
  });

  it("create() makes a new workbook that takes a plan", async () => {
    const wb = await XlsxWorkbook.create();
    expect(await wb.listSheets()).toEqual([]);
    await expect(wb.toBuffer()).rejects.toThrow(/no sheets/);
    const plan = quotaPlan(FIVE_REPS);
    await wb.apply(plan);
    const bytes = await wb.toBuffer();
    expect(await checkPackage(bytes)).toEqual([]);
    expectSameRows(await exceljsValues(bytes, "Quotas"), expectedSheet(plan));
    const reopened = await XlsxWorkbook.fromBuffer(bytes);
    expect(await reopened.ownership("Quotas")).toBe("ours");
  });

  it("reads through the package when ExcelJS cannot load the file", async () => {
    const bytes = await fixtureToXlsx(salesWorkbook());
    const xlsxPrototype = Object.getPrototypeOf(new ExcelJS.Workbook().xlsx) as { load: () => Promise<unknown> };
    const spy = jest.spyOn(xlsxPrototype, "load").mockRejectedValueOnce(new Error("unsupported"));
    try {
      const port = await XlsxWorkbook.fromBuffer(bytes);
      expect(spy).toHaveBeenCalled();
      const sheets = await port.listSheets();
      expect(sheets[0].used).toEqual({ sheet: "Sales", firstRow: 1, firstColumn: 1, lastRow: 7, lastColumn: 6 });
      const reference = await XlsxWorkbook.fromBuffer(bytes);
      const range = sheets[0].used!;
      expect((await port.read(range)).rows).toEqual((await reference.read(range)).rows);
    } finally {
      spy.mockRestore();
    }
  });
});
