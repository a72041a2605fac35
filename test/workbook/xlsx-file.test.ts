import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { openXlsxFile, XlsxFile } from "../../src/workbook/xlsx-file";
import type { CellValue } from "../../src/workbook/port";
import { runWorkbookPortContract } from "./contract";
import { xlsxPrintSettings } from "./pageSetup";
import { checkPackage, day, exceljsValues, expectedSheet, fixtureToXlsx, FIVE_REPS, quotaPlan, salesWorkbook, withExtraParts, zipEntries } from "./fixtures";

let dir: string;
let counter = 0;
const tempFile = (name: string) => path.join(dir, `${++counter}-${name}`);

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "quota-xlsx-file-"));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

runWorkbookPortContract("XlsxFile (streaming, on disk)", async (fixture) => {
  const input = tempFile("in.xlsx");
  await fs.writeFile(input, await fixtureToXlsx(fixture));
  const port = await XlsxFile.open(input);
  return {
    port,
    readBack: async (sheet) => {
      const out = tempFile("out.xlsx");
      await port.save(out);
      return exceljsValues(await fs.readFile(out), sheet);
    },
    printSettings: async (sheet) => {
      const out = tempFile("out.xlsx");
      await port.save(out);
      return xlsxPrintSettings(await fs.readFile(out), sheet);
    },
  };
});

const NAMES = ["Anna Svensson", "Björn Ek", "Carl", "Dana", "Erik Öberg", "=Frida", "+46 70", "Gustav & Co <AB>"];

/** A 50,000-row sales sheet written by ExcelJS's streaming writer, as big exports are. */
async function bigWorkbook(file: string, rows: number): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = writer.addWorksheet("Sales");
  ws.addRow(["Rep", "Amount", "Date", "Closed", "Units", "Note"]).commit();
  for (let i = 0; i < rows; i++) {
    const row = ws.addRow([
      NAMES[i % NAMES.length],
      Math.round((i * 37.77) % 10000) / 100,
      day(2024, 1 + (i % 12), 1 + (i % 28)),
      i % 3 === 0,
      i % 97 === 0 ? { formula: "NA()", result: { error: "#N/A" } } : { formula: `B${i + 2}*2`, result: (Math.round((i * 37.77) % 10000) / 100) * 2 },
      i % 5 === 0 ? null : i % 11 === 0 ? { error: "#REF!" } : `note ${i % 250}`,
    ]);
    row.getCell(3).numFmt = "yyyy-mm-dd";
    row.commit();
  }
  ws.commit();
  writer.addWorksheet("Other").addRow(["after", 1]).commit();
  await writer.commit();
}

describe("XlsxFile streaming reads", () => {
  const ROWS = 50_000;
  let big: string;

  beforeAll(async () => {
    big = tempFile("big.xlsx");
    await bigWorkbook(big, ROWS);
  }, 60_000);

  it("reads a generated 50,000-row sheet exactly as the in-memory reader does", async () => {
    const file = await XlsxFile.open(big);
    const memory = await XlsxWorkbook.fromBuffer(await fs.readFile(big));
    const [fileSheets, memorySheets] = [await file.listSheets(), await memory.listSheets()];
    expect(fileSheets).toEqual(memorySheets);
    const used = fileSheets[0].used!;
    expect(used).toEqual({ sheet: "Sales", firstRow: 1, firstColumn: 1, lastRow: ROWS + 1, lastColumn: 6 });

    const calls: [number, number][] = [];
    const streamed = await file.read(used, { onProgress: (done, total) => calls.push([done, total]) });
    const inMemory = await memory.read(used);
    expect(streamed.rows).toHaveLength(ROWS + 1);
    expect(firstDifference(streamed.rows, inMemory.rows)).toBeNull();
    expect(calls.length).toBeGreaterThan(2);
    expect(calls.every(([d, t]) => d <= t && t === ROWS + 1)).toBe(true);
    expect(calls[calls.length - 1]).toEqual([ROWS + 1, ROWS + 1]);

    // values typed as written
    const row = (i: number) => streamed.rows[i + 1];
    expect(row(0)).toEqual([NAMES[0], 0, day(2024, 1, 1), true, { error: "#N/A" }, null]);
    expect(row(1)).toEqual([NAMES[1], 0.38, day(2024, 2, 2), false, 0.76, "note 1"]);
    expect(row(11)[5]).toEqual({ error: "#REF!" });
    expect(row(5)[0]).toBe("=Frida");

    // the browser's streaming reader (JSZip's inflater) agrees too
    const browser = await XlsxWorkbook.fromBuffer(await fs.readFile(big), { reader: "stream" });
    expect(await browser.listSheets()).toEqual(fileSheets);
    expect(firstDifference((await browser.read(used)).rows, streamed.rows)).toBeNull();
  }, 120_000);

  it("reads selected columns of a row window, in the order asked", async () => {
    const file = await XlsxFile.open(big);
    const memory = await XlsxWorkbook.fromBuffer(await fs.readFile(big));
    const range = { sheet: "Sales", firstRow: 20_001, firstColumn: 1, lastRow: 20_500, lastColumn: 6 };
    const options = { columns: [6, 1, 3] };
    const streamed = await file.read(range, options);
    expect(streamed.columns).toEqual([6, 1, 3]);
    expect(streamed.rows).toHaveLength(500);
    expect(firstDifference(streamed.rows, (await memory.read(range, options)).rows)).toBeNull();
    // the head of a big sheet, as the wizard reads it first
    const head = await file.read({ ...range, firstRow: 1, lastRow: 30 });
    expect(head.rows[0]).toEqual(["Rep", "Amount", "Date", "Closed", "Units", "Note"]);
    expect(head.rows).toHaveLength(30);
  }, 120_000);

  it("finds the used range of a sheet written without a <dimension>", async () => {
    const zip = await JSZip.loadAsync(await fixtureToXlsx(salesWorkbook()));
    const part = "xl/worksheets/sheet2.xml";
    const xml = await zip.file(part)!.async("string");
    expect(xml).toMatch(/<dimension ref="[^"]+"\/>/);
    zip.file(part, xml.replace(/<dimension ref="[^"]+"\/>/, ""));
    const input = tempFile("nodim.xlsx");
    await fs.writeFile(input, await zip.generateAsync({ type: "uint8array" }));
    const sheets = await (await XlsxFile.open(input)).listSheets();
    expect(sheets[1].used).toEqual({ sheet: "Targets", firstRow: 2, firstColumn: 2, lastRow: 4, lastColumn: 3 });
  });

  it("reads cached formula results of every type, which ExcelJS's streaming reader loses", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("F");
    ws.getCell("A1").value = { formula: "NA()", result: { error: "#N/A" } };
    ws.getCell("A2").value = { formula: "1=1", result: true };
    ws.getCell("A3").value = { formula: "DATE(2025,1,2)", result: day(2025, 1, 2) };
    ws.getCell("A3").numFmt = "yyyy-mm-dd";
    ws.getCell("A4").value = { formula: '"a"&"b"', result: "ab" };
    ws.getCell("A5").value = { richText: [{ text: "rich " }, { font: { bold: true }, text: "text" }] };
    const input = tempFile("formulas.xlsx");
    await wb.xlsx.writeFile(input);
    const snap = await (await XlsxFile.open(input)).read({ sheet: "F", firstRow: 1, firstColumn: 1, lastRow: 5, lastColumn: 1 });
    expect(snap.rows.map((r) => r[0])).toEqual([{ error: "#N/A" }, true, day(2025, 1, 2), "ab", "rich text"] as CellValue[]);
  });
});

describe("XlsxFile.save", () => {
  it("streams the same workbook toBuffer gives, re-using the input's compressed entries", async () => {
    const input = tempFile("in.xlsx");
    const bytes = await withExtraParts(await fixtureToXlsx(salesWorkbook()), [
      { name: "xl/media/logo.bin", data: new Uint8Array(4096).fill(7), contentType: "application/octet-stream" },
    ]);
    await fs.writeFile(input, bytes);
    const file = await openXlsxFile(input);
    await file.apply(quotaPlan(FIVE_REPS));
    const out = tempFile("out.xlsx");
    await file.save(out);
    const saved = await fs.readFile(out);
    expect(await checkPackage(saved)).toEqual([]);
    const [a, b] = [await zipEntries(saved), await zipEntries(await file.toBuffer())];
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [name, data] of a) expect(Buffer.compare(Buffer.from(data), Buffer.from(b.get(name)!))).toBe(0);
    expectSameRowsLoose(await exceljsValues(saved, "Quotas"), expectedSheet(quotaPlan(FIVE_REPS)));
    // the input is untouched
    expect(Buffer.compare(await fs.readFile(input), Buffer.from(bytes))).toBe(0);

    type Internal = { _data: { compression: { magic: string }; compressedContent: Uint8Array } };
    const [zin, zout] = [await JSZip.loadAsync(bytes), await JSZip.loadAsync(saved)];
    const entry = (z: JSZip, n: string) => z.file(n) as unknown as Internal;
    // a deflated entry is copied compressed, byte for byte; a stored one stays stored
    const sheet = "xl/worksheets/sheet1.xml";
    expect(entry(zout, sheet)._data.compression.magic).toBe("\x08\x00");
    expect(Buffer.compare(Buffer.from(entry(zout, sheet)._data.compressedContent), Buffer.from(entry(zin, sheet)._data.compressedContent))).toBe(0);
    expect(entry(zin, "xl/media/logo.bin")._data.compression.magic).toBe("\x00\x00");
    expect(entry(zout, "xl/media/logo.bin")._data.compression.magic).toBe("\x00\x00");
  });

  it("refuses to write over the input file, however it is named", async () => {
    const input = tempFile("keep.xlsx");
    const bytes = await fixtureToXlsx(salesWorkbook());
    await fs.writeFile(input, bytes);
    const file = await XlsxFile.open(input);
    await file.apply(quotaPlan(FIVE_REPS));
    await expect(file.save(input)).rejects.toThrow(/input workbook/);
    const link = tempFile("link.xlsx");
    await fs.symlink(input, link);
    await expect(file.save(link)).rejects.toThrow(/input workbook/);
    expect(Buffer.compare(await fs.readFile(input), Buffer.from(bytes))).toBe(0);
    expect((await fs.readdir(dir)).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});

/** The first row where two reads differ (jest's deep equality is slow on 300,000 cells). */
function firstDifference(a: CellValue[][], b: CellValue[][]): { row: number; a: CellValue[] | undefined; b: CellValue[] | undefined } | null {
  const cell = (v: CellValue) => (v === null ? "null" : v instanceof Date ? `date:${v.toISOString()}` : typeof v === "object" ? `error:${v.error}` : `${typeof v}:${String(v)}`);
  const key = (row: CellValue[] | undefined) => (row === undefined ? "none" : row.map(cell).join("\u0001"));
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (key(a[i]) !== key(b[i])) return { row: i, a: a[i], b: b[i] };
  return null;
}

function expectSameRowsLoose(actual: CellValue[][], expected: CellValue[][]): void {
  const width = Math.max(...expected.map((r) => r.length));
  const pad = (rows: CellValue[][]) => rows.map((r) => Array.from({ length: width }, (_v, i) => r[i] ?? null));
  expect(pad(actual)).toEqual(pad(expected));
}
