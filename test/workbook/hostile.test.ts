/**
 * Every file a user or attacker brings gets a clear one-line answer: files of other kinds say
 * what they are, damaged and hostile ones (bombs, impossible addresses, malformed parts) are
 * refused naming the part and cell, the same way by the file adapter (the `quota` command)
 * and the in-memory adapters (the task pane's reading worker and its in-page fallback).
 * Files generated in scripts/hostile-files.ts.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { hostileCases, oleFile, SALES_ROWS, SHEET, sheetXml, SST, workbook, workbookParts, zipOf } from "../../scripts/hostile-files";
import { LocalizedError } from "../../src/i18n";
import { DEFAULT_LIMITS, FileProblem, type ReadLimits } from "../../src/workbook/file-errors";
import type { WorkbookPort } from "../../src/workbook/port";
import { scanSheetText } from "../../src/workbook/ooxml-read";
import { sniffWorkbookFile } from "../../src/workbook/sniff";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { XlsxFile } from "../../src/workbook/xlsx-file";
import { StreamedWorkbook } from "../../src/workbook/xlsx-stream";

let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "quota-hostile-"));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function fileOf(bytes: Uint8Array, name = "book.xlsx"): Promise<string> {
  const file = path.join(dir, `${++counter}-${name}`);
  await fs.writeFile(file, bytes);
  return file;
}

/** Everything a run of the command reads: the sheets, their used ranges, every cell in them. */
async function readAll(port: WorkbookPort): Promise<unknown[][][]> {
  const out: unknown[][][] = [];
  for (const sheet of await port.listSheets()) if (sheet.used) out.push((await port.read(sheet.used)).rows);
  return out;
}

/** The message a read of the file ends with, through the file adapter and the in-memory one. */
async function answers(bytes: Uint8Array, limits?: ReadLimits): Promise<[string, string]> {
  const file = await fileOf(bytes);
  const attempt = async (open: () => Promise<WorkbookPort>): Promise<string> => {
    try {
      await readAll(await open());
      return "read without complaint";
    } catch (e) {
      expect(e).toBeInstanceOf(LocalizedError);
      return (e as Error).message;
    }
  };
  const fromFile = await attempt(() => XlsxFile.open(file, { limits }));
  // The task pane's reading worker streams the bytes it was handed: the same answer.
  expect(await attempt(() => StreamedWorkbook.fromBytes(bytes, limits))).toBe(fromFile);
  return [fromFile, await attempt(() => XlsxWorkbook.fromBuffer(bytes, { limits }))];
}

describe("sniffWorkbookFile", () => {
  const bytesOf = (file: string) => hostileCases(1024).find((c) => c.file === file)!.build();

  it("tells the kinds of file apart by their bytes", () => {
    expect(sniffWorkbookFile(workbook())).toBe("xlsx");
    expect(sniffWorkbookFile(new Uint8Array(0))).toBe("empty");
    expect(sniffWorkbookFile(bytesOf("truncated.xlsx"))).toBe("truncated");
    expect(sniffWorkbookFile(bytesOf("old.xls"))).toBe("xls");
    expect(sniffWorkbookFile(bytesOf("encrypted.xlsx"))).toBe("encrypted");
    expect(sniffWorkbookFile(bytesOf("renamed-csv.xlsx"))).toBe("csv");
    expect(sniffWorkbookFile(Buffer.from("\uFEFFName,Amount\r\nÅsa,12\r\n", "utf8"))).toBe("csv");
    expect(sniffWorkbookFile(Buffer.from("Name\tAmount\nAnna\t1\n", "utf8"))).toBe("csv");
    expect(sniffWorkbookFile(bytesOf("noise.xlsx"))).toBe("unknown");
    expect(sniffWorkbookFile(Buffer.from("<html><body><table><tr><td>a,b</td></tr></table></body></html>", "utf8"))).toBe("unknown");
    expect(sniffWorkbookFile(Buffer.from("just one line of prose", "utf8"))).toBe("unknown");
    // an OLE file that is neither a workbook nor encrypted (a .doc)
    expect(sniffWorkbookFile(oleFile(["WordDocument"]))).toBe("unknown");
  });
});

describe("hostile and damaged files", () => {
  // 8 MB bombs: past every limit that stops them (4 MB runs, 1,048,576 rows, 256 levels).
  it.each(hostileCases(8 * 2 ** 20).map((c) => [c.file, c] as const))("%s: one line, the same from both adapters", async (_file, c) => {
    const [fromFile, inMemory] = await answers(c.build());
    expect(fromFile).toMatch(c.expect);
    expect(inMemory).toBe(fromFile);
    expect(fromFile).not.toMatch(/\n/);
  });

  it("answers in Swedish too", async () => {
    const c = hostileCases(1024).find((x) => x.file === "hex-value.xlsx")!;
    const file = await fileOf(c.build());
    const error = await readAll(await XlsxFile.open(file)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileProblem);
    expect((error as FileProblem).messageIn("sv")).toBe('Filen är skadad: xl/worksheets/sheet1.xml, cell C4: <v> innehåller "0x10", som inte är ett tal.');
  });

  it("refuses a real-size bomb (one <v> inflating to 128 MB) after reading 4 MB of it", async () => {
    const c = hostileCases().find((x) => x.file === "bomb-value.xlsx")!;
    const file = await fileOf(c.build());
    await expect(readAll(await XlsxFile.open(file))).rejects.toThrow("The file is too large or damaged: xl/worksheets/sheet1.xml holds a text, comment or tag over 4 MB long.");
  });
});

describe("limits", () => {
  const small = (over: Partial<ReadLimits>): ReadLimits => ({ ...DEFAULT_LIMITS, ...over });

  it("caps what one sheet, the shared strings, any other part and all parts may inflate to", async () => {
    expect((await answers(workbook(), small({ sheetBytes: 600 })))[0]).toBe("The file is too large or damaged: xl/worksheets/sheet1.xml inflates to more than 0 MB.");
    expect((await answers(workbook(), small({ sharedStringsBytes: 100 })))[0]).toBe("The file is too large or damaged: xl/sharedStrings.xml inflates to more than 0 MB.");
    expect((await answers(workbook(), small({ partBytes: 500 })))[0]).toMatch(/^The file is too large or damaged: \[Content_Types\]\.xml inflates to more than 0 MB\.$/);
    expect((await answers(workbook(), small({ totalBytes: 2000 })))[0]).toMatch(/^The file is too large or damaged: its parts inflate to more than 0 MB in all\.$/);
    expect((await answers(workbook(), small({ fileBytes: 100 })))[0]).toMatch(/^The file is too large to read: 0 MB \(the limit is 0 MB\)\.$/);
  });

  it("refuses cell text over Excel's 32,767 characters, in a cell or a shared string", async () => {
    const long = "x".repeat(32_768);
    const inline = workbook({ [SHEET]: sheetXml(SALES_ROWS.replace('<c r="C4"><v>300</v></c>', `<c r="C4" t="inlineStr"><is><t>${long}</t></is></c>`)) });
    for (const answer of await answers(inline)) expect(answer).toBe("The file is too large or damaged: xl/worksheets/sheet1.xml, cell C4 holds more than 32,767 characters (Excel's limit for a cell).");
    const shared = workbook({ [SST]: (workbookParts()[SST] as string).replace("<t>Erik</t>", `<t>${long}</t>`) });
    for (const answer of await answers(shared)) expect(answer).toBe("The file is too large or damaged: xl/sharedStrings.xml, string 4 holds more than 32,767 characters (Excel's limit for a cell).");
    // exactly the limit is fine, and so is the limit written with _xHHHH_ escapes
    const atLimit = workbook({ [SHEET]: sheetXml(SALES_ROWS.replace('<c r="C4"><v>300</v></c>', `<c r="C4" t="inlineStr"><is><t>${"_x0041_".repeat(32_767)}</t></is></c>`)) });
    const port = await XlsxFile.open(await fileOf(atLimit));
    const [rows] = await readAll(port);
    expect(rows[3][2]).toBe("A".repeat(32_767));
  });

  it("takes a smaller cap on cell text when asked", async () => {
    const [fromFile] = await answers(workbook(), small({ cellText: 3 }));
    // "Rep" fits in 3 characters, "Date" does not
    expect(fromFile).toBe("The file is too large or damaged: xl/sharedStrings.xml, string 1 holds more than 32,767 characters (Excel's limit for a cell).");
  });
});

describe("what is still read", () => {
  it("reads a valid workbook, numbers in every xsd:double form, the last row of the grid and column XFD", async () => {
    const rows =
      SALES_ROWS.replace("<v>1000</v>", "<v> 1.0E3 </v>").replace("<v>800</v>", "<v>+8e2</v>").replace("<v>300</v>", "<v>.3e3</v>") +
      `<row r="1048576"><c r="A1048576" t="s"><v>4</v></c><c r="XFD1048576"><v>-0.5</v></c></row>`;
    const bytes = workbook({ [SHEET]: sheetXml(rows, "A1:XFD1048576") });
    for (const port of [await XlsxFile.open(await fileOf(bytes)), await XlsxWorkbook.fromBuffer(bytes, { reader: "stream" })]) {
      const snapshot = await port.read({ sheet: "Sales", firstRow: 1, firstColumn: 1, lastRow: 1_048_576, lastColumn: 3 });
      expect(snapshot.rows.slice(0, 4).map((r) => [r[0], r[2]])).toEqual([
        ["Rep", "Amount"],
        ["Anna", 1000],
        ["Erik", 800],
        ["Anna", 300],
      ]);
      expect(snapshot.rows).toHaveLength(1_048_576);
      expect(snapshot.rows[1_048_575][0]).toBe("Erik");
      const last = await port.read({ sheet: "Sales", firstRow: 1_048_576, firstColumn: 16_384, lastRow: 1_048_576, lastColumn: 16_384 });
      expect(last.rows).toEqual([[-0.5]]);
    }
  });

  it("keeps xsd:double's INF and NaN as their text, as before", async () => {
    const bytes = workbook({ [SHEET]: sheetXml(SALES_ROWS.replace("<v>300</v>", "<v>INF</v>")) });
    const [rows] = await readAll(await XlsxFile.open(await fileOf(bytes)));
    expect(rows[3][2]).toBe("INF");
  });

  it("refuses a shared-string index the file does not have and a boolean that is neither 0 nor 1", async () => {
    const sst = workbook({ [SHEET]: sheetXml(SALES_ROWS.replace('<c r="A3" t="s"><v>4</v>', '<c r="A3" t="s"><v>9</v>')) });
    for (const answer of await answers(sst)) expect(answer).toBe('The file is damaged: xl/worksheets/sheet1.xml, cell A3 refers to shared string "9", which the file does not have (5 strings).');
    const bool = workbook({ [SHEET]: sheetXml(SALES_ROWS.replace("<c r=\"C3\"><v>800</v>", '<c r="C3" t="b"><v>yes</v>')) });
    for (const answer of await answers(bool)) expect(answer).toBe('The file is damaged: xl/worksheets/sheet1.xml, cell C3: <v> holds "yes", which is not TRUE or FALSE (1 or 0).');
  });

  it("says when a part cannot be unpacked", async () => {
    const bytes = zipOf(Object.entries(workbookParts()).map(([name, data]) => ({ name, data: Buffer.from(data as string, "utf8") })));
    // overwrite the sheet's deflated bytes with garbage of the same length
    const at = bytes.indexOf(Buffer.from(SHEET)) + SHEET.length;
    for (let i = at; i < at + 40; i++) bytes[i] = 0xff;
    const [fromFile] = await answers(bytes);
    expect(fromFile).toMatch(/^The file is damaged: xl\/worksheets\/sheet1\.xml (cannot be unpacked|is not valid UTF-8 text)\.$/);
  });
});

describe("the worksheet tokenizer's well-formedness checks", () => {
  const wrap = (rows: string) => `<?xml version="1.0"?>\n<worksheet xmlns="x"><sheetData>${rows}</sheetData></worksheet>`;
  const scan = (chunks: string[]) => {
    const out: [number, number, string, string][] = [];
    scanSheetText(chunks, 1, Number.MAX_SAFE_INTEGER, (r, c, t, _s, x) => out.push([r, c, t, x]));
    return out;
  };
  /** Every way of cutting the text in two or three. */
  const splits = (xml: string): string[][] => {
    const out: string[][] = [[xml]];
    for (let i = 1; i < xml.length; i++) out.push([xml.slice(0, i), xml.slice(i)], [xml.slice(0, i), xml.slice(i, i + 3), xml.slice(i + 3)]);
    return out;
  };

  it.each([
    ["an element closed by another's end tag", `<row r="1"><c r="A1"><v>1</v></row>`, /is not well-formed XML \(line 2, column 62\)/],
    ["a < in text", `<row r="1"><c r="A1"><v>1<2</v></c></row>`, /is not well-formed XML/],
    ["an unquoted attribute", `<row r="1"><c r=A1><v>1</v></c></row>`, /is not well-formed XML/],
    ["attributes without space between", `<row r="1"><c r="A1"s="1"><v>1</v></c></row>`, /is not well-formed XML/],
    ["a < in an attribute value", `<row r="1"><c r="A1" s="<"><v>1</v></c></row>`, /is not well-formed XML/],
    ["an undefined entity", `<row r="1"><c r="A1" t="str"><v>&bogus;</v></c></row>`, /line 2: it refers to an entity XML does not define/],
    ["a reference to character 0", `<row r="1"><c r="A1" t="str"><v>&#0;</v></c></row>`, /line 2: a character reference names no valid character/],
    ["a reference past U+10FFFF", `<row r="1"><c r="A1" t="str"><v>&#1114112;</v></c></row>`, /line 2: a character reference names no valid character/],
    ["a control character", `<row r="1"><c r="A1" t="str"><v>a\u0001b</v></c></row>`, /is not well-formed XML/],
    ["]]> in text", `<row r="1"><c r="A1" t="str"><v>a]]>b</v></c></row>`, /is not well-formed XML/],
    ["<! that is no comment, CDATA or DOCTYPE", `<row r="1"><!foo><c r="A1"><v>1</v></c></row>`, /is not well-formed XML/],
    ["-- inside a comment", `<row r="1"><!-- a -- b --><c r="A1"><v>1</v></c></row>`, /is not well-formed XML/],
  ])("refuses %s, however the text is cut", (_what, rows, message) => {
    for (const chunks of splits(wrap(rows))) expect(() => scan(chunks)).toThrow(message);
  });

  it("reads what XML allows: > and ]] in text, references, quotes of both kinds, spaces in end tags, prefixes", () => {
    const xml = wrap(`<row r="1" spans='1:2'><c r = "A1" t="str"><v>a &gt; b &#x1F600; &amp; > ]] </v ></c ><x:c r="B1"><x:v>2</x:v></x:c></row>`);
    for (const chunks of splits(xml))
      expect(scan(chunks)).toEqual([
        [1, 1, "str", "a > b 😀 & > ]] "],
        [1, 2, "n", "2"],
      ]);
  });
});
