import nodeFs from "fs";
import os from "os";
import nodePath from "path";
import { aggregate } from "../../src/sheet/aggregate";
import { detectTable } from "../../src/sheet/detect";
import { CsvError, CsvWorkbook, decodeCsv, sheetNameFor, sniffDelimiter } from "../../src/workbook/csv";
import { openCsvFile } from "../../src/workbook/csv-file";
import { fileKindOf } from "../../src/workbook/fileKind";
import { MAX_ROWS } from "../../src/workbook/ooxml-write";
import type { CellValue, SheetSnapshot } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx";
import { checkPackage, exceljsValues, quotaPlan } from "./fixtures";

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Windows-1252 bytes of text made of Latin-1 characters and €. */
function cp1252(s: string): Uint8Array {
  return Uint8Array.from([...s].map((ch) => (ch === "€" ? 0x80 : ch === "–" ? 0x96 : ch.charCodeAt(0))));
}

async function open(data: string | Uint8Array, name = "sales.csv"): Promise<CsvWorkbook> {
  return CsvWorkbook.fromBytes(typeof data === "string" ? utf8(data) : data, { name });
}

/** Every cell of the one sheet, as read through the port. */
async function cells(wb: CsvWorkbook): Promise<CellValue[][]> {
  const [sheet] = await wb.listSheets();
  if (!sheet.used) return [];
  return (await wb.read(sheet.used)).rows;
}

/** Detection and aggregation, as the command and the wizard run them. */
async function histories(wb: CsvWorkbook): Promise<Record<string, number>> {
  const [sheet] = await wb.listSheets();
  const snapshot: SheetSnapshot = await wb.read(sheet.used!);
  const table = detectTable(snapshot);
  if (!table) throw new Error("no table detected");
  const s = table.suggested;
  const a = aggregate(snapshot, { ...table, lastDataRow: snapshot.firstRow + snapshot.rows.length - 1 }, { rep: s.rep, amount: s.amount, date: s.date, costs: [], weight: null, units: null }, { value: "amount" });
  return Object.fromEntries(a.reps.map((r) => [r.name, r.total]));
}

async function csvErrorOf(p: Promise<unknown>): Promise<CsvError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error("expected a CsvError");
}

describe("CSV: delimiters", () => {
  it.each([
    [",", "Rep,Amount\nAnna,10\n"],
    [";", "Rep;Amount\nAnna;10\n"],
    ["\t", "Rep\tAmount\nAnna\t10\n"],
  ])("reads %j from the header line", async (delimiter, text) => {
    const wb = await open(text);
    expect(wb.delimiter).toBe(delimiter);
    expect(await cells(wb)).toEqual([
      ["Rep", "Amount"],
      ["Anna", "10"],
    ]);
  });

  it("takes the delimiter the header holds most often, ignoring quoted text and a title line", () => {
    expect(sniffDelimiter('Rep;"Amount, SEK";Date\n').delimiter).toBe(";");
    expect(sniffDelimiter('"Rep;x",Amount,Date\n').delimiter).toBe(",");
    expect(sniffDelimiter("Sales 2025\n\nRep;Amount\n").delimiter).toBe(";");
    expect(sniffDelimiter("just one column\n").delimiter).toBe(",");
    // A tie on the header line: the lines below decide.
    expect(sniffDelimiter("Rep;Amount,SEK\nAnna;1,5\nErik;2,5;x\n").delimiter).toBe(";");
  });

  it("follows Excel's sep= line, which is not a row", async () => {
    const wb = await open("sep=;\r\nRep;Amount\r\nAnna;1,5\r\n");
    expect(wb.delimiter).toBe(";");
    expect(await cells(wb)).toEqual([
      ["Rep", "Amount"],
      ["Anna", "1,5"],
    ]);
  });
});

describe("CSV: fields", () => {
  it("reads quoted fields with delimiters, doubled quotes and line breaks inside; a record is one row", async () => {
    const wb = await open('Rep,Note,Amount\r\n"Ek, Johan","He said ""yes""",10\r\n"Berg\nSofia","two\r\nlines",20\r\nAnna,,30\r\n');
    const rows = await cells(wb);
    expect(rows).toEqual([
      ["Rep", "Note", "Amount"],
      ["Ek, Johan", 'He said "yes"', "10"],
      ["Berg\nSofia", "two\r\nlines", "20"],
      ["Anna", null, "30"],
    ]);
  });

  it("keeps every field as text: nothing is read as a number, date or formula here", async () => {
    const rows = await cells(await open("Rep,Amount,Date\n=HYPERLINK(1),00123,2025-01-02\n+46 70,-5,@x\n"));
    expect(rows[1]).toEqual(["=HYPERLINK(1)", "00123", "2025-01-02"]);
    expect(rows[2]).toEqual(["+46 70", "-5", "@x"]);
  });

  it("refuses a quote that is never closed, naming the row", async () => {
    const e = await csvErrorOf(open('Rep,Amount\nAnna,10\n"Erik,20\nEva,30\n'));
    expect(e.key).toBe("csvOpenQuote");
    expect(e.message).toBe('The quoted field that starts in row 3 of sales.csv is never closed: a quote (") is missing.');
    expect(e.messageIn("sv")).toContain("rad 3 i sales.csv");
  });

  it("ignores blank lines at the end, not those inside", async () => {
    const wb = await open("Rep,Amount\n\nAnna,1\n\n\n");
    const [sheet] = await wb.listSheets();
    expect(sheet).toEqual({ name: "sales", used: { sheet: "sales", firstRow: 1, firstColumn: 1, lastRow: 3, lastColumn: 2 }, visible: true });
  });
});

describe("CSV: decimal conventions go through the same cell parsing as .xlsx", () => {
  it("reads Swedish amounts in a semicolon file", async () => {
    const wb = await open("Säljare;Belopp;Datum\nAnna;1 234,50;2025-01-02\nErik;10,25;2025-01-03\nAnna;\"2 000\";2025-01-04\n");
    expect(await histories(wb)).toEqual({ Anna: 3234.5, Erik: 10.25 });
  });

  it("reads English amounts in a comma file (quoted where they hold commas)", async () => {
    const wb = await open('Rep,Sales,Date\nAnna,"1,234.50",1/15/2025\nErik,"$2,000.00",1/16/2025\nAnna,0.5,1/17/2025\n');
    expect(await histories(wb)).toEqual({ Anna: 1235, Erik: 2000 });
  });

  it("reads a column of 1.234 / 1.234,5 the German way when the column says so", async () => {
    const wb = await open("Rep;Amount\nAnna;1.234\nErik;1.234,5\n");
    expect(await histories(wb)).toEqual({ Anna: 1234, Erik: 1234.5 });
  });
});

describe("CSV: encodings", () => {
  it("drops a UTF-8 byte order mark", async () => {
    const wb = await open(utf8("\ufeffSäljare;Belopp\nÅsa;1\n"));
    expect(wb.encoding).toBe("utf-8");
    expect((await cells(wb))[0]).toEqual(["Säljare", "Belopp"]);
  });

  it("reads UTF-8 without a mark", async () => {
    expect((await cells(await open("Rep,Amount\nBjörn Öberg,1\n")))[1][0]).toBe("Björn Öberg");
  });

  it("reads bytes that are not UTF-8 as Windows-1252, as Excel saves CSV on Western Windows", async () => {
    const wb = await open(cp1252("Säljare;Belopp\nÅsa Öberg;€ 1 200\nJosé – Ñ;5\n"));
    expect(wb.encoding).toBe("windows-1252");
    expect(await cells(wb)).toEqual([
      ["Säljare", "Belopp"],
      ["Åsa Öberg", "€ 1 200"],
      ["José – Ñ", "5"],
    ]);
    expect(await histories(wb)).toEqual({ "Åsa Öberg": 1200, "José – Ñ": 5 });
  });

  it("reads UTF-16 with a byte order mark (Excel's Unicode text)", () => {
    const text = "Rep\tAmount\nÅsa\t1\n";
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    [...text].forEach((ch, i) => {
      le[2 + 2 * i] = ch.charCodeAt(0) & 0xff;
      le[3 + 2 * i] = ch.charCodeAt(0) >> 8;
    });
    expect(decodeCsv(le)).toEqual({ text, encoding: "utf-16le" });
    const be = le.slice();
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    expect(decodeCsv(be)).toEqual({ text, encoding: "utf-16be" });
  });
});

describe("CSV: limits", () => {
  it("refuses more rows than an Excel sheet holds", async () => {
    const rows = "1\n".repeat(MAX_ROWS);
    const e = await csvErrorOf(open(`Rep\n${rows}`, "big.csv"));
    expect(e.message).toBe("big.csv has more than 1,048,576 rows, the most an Excel sheet holds. Split it into smaller files.");
    expect(e.messageIn("sv")).toBe("big.csv har fler än 1 048 576 rader, det mesta ett Excelblad rymmer. Dela upp den i mindre filer.");
    // Exactly a full sheet is fine.
    const full = await open(`Rep\n${"1\n".repeat(MAX_ROWS - 1)}`, "full.csv");
    expect((await full.listSheets())[0].used?.lastRow).toBe(MAX_ROWS);
  }, 120_000);

  it("refuses a field longer than a cell holds, naming it", async () => {
    const e = await csvErrorOf(open(`Rep,Note\nAnna,${"x".repeat(40_000)}\n`));
    expect(e.message).toBe("Field B2 of sales.csv holds 40000 characters; an Excel cell holds at most 32,767.");
  });
});

describe("CSV: names", () => {
  it("names the sheet after the file", () => {
    expect(sheetNameFor("sales-2025.csv")).toBe("sales-2025");
    expect(sheetNameFor("/tmp/x/Q1: North [draft].csv")).toBe("Q1_ North _draft_");
    expect(sheetNameFor("a-very-long-file-name-that-goes-on-and-on.csv")).toHaveLength(31);
    expect(sheetNameFor(".csv")).toBe("Data");
    expect(sheetNameFor("History.csv")).toBe("Data");
  });

  it("decides by the file name which reader opens a file", () => {
    expect(["a.csv", "A.CSV", "b.txt", "c.tsv"].map(fileKindOf)).toEqual(["csv", "csv", "csv", "csv"]);
    expect(["a.xlsx", "a.csv.xlsx", "csv", "a.xlsm"].map(fileKindOf)).toEqual(["xlsx", "xlsx", "xlsx", "xlsx"]);
  });
});

describe("CSV: writing makes a new .xlsx with the data sheet and the add-in's sheet", () => {
  it("writes the fields as text cells, exactly, beside the Quotas sheet", async () => {
    const wb = await open('Rep;Amount;Note\r\nAnna;1 234,50;=1+1\r\n"Erik ""E""";-5;00123\r\n"Two\nlines";@x;  spaced  \r\n;;\r\nEva;;x_x0041_y\r\n', "Nordic sales.csv");
    expect(await wb.ownership("Nordic sales")).toBe("foreign");
    await wb.apply(quotaPlan([{ rep: "Anna", history: 1234.5, quota: 1000 }]));
    const bytes = await wb.toBuffer();
    expect(await checkPackage(bytes)).toEqual([]);
    const back = await XlsxWorkbook.fromBuffer(bytes);
    const sheets = await back.listSheets();
    expect(sheets.map((s) => s.name)).toEqual(["Nordic sales", "Quotas"]);
    expect(await back.ownership("Quotas")).toBe("ours");
    expect(await back.ownership("Nordic sales")).toBe("foreign");
    const data = await back.read(sheets[0].used!);
    expect(data.rows).toEqual([
      ["Rep", "Amount", "Note"],
      ["Anna", "1 234,50", "=1+1"],
      ['Erik "E"', "-5", "00123"],
      ["Two\nlines", "@x", "  spaced  "],
      [null, null, null],
      ["Eva", null, "x_x0041_y"],
    ]);
    // ExcelJS (another reader) sees the same text, and the Quotas sheet's table.
    expect((await exceljsValues(bytes, "Nordic sales"))[1]).toEqual(["Anna", "1 234,50", "=1+1"]);
    expect((await exceljsValues(bytes, "Quotas"))[1]?.[0]).toBe("Anna");
  });

  it("refuses to write the add-in's sheet over the data sheet of a file named like it", async () => {
    const wb = await open("Rep,Amount\nAnna,1\n", "Quotas.csv");
    await expect(wb.apply(quotaPlan([{ rep: "Anna", history: 1, quota: 1 }]))).rejects.toThrow(/did not create/);
  });
});

describe("CSV: the file on disk is written as safely as a workbook", () => {
  it("never follows a link planted at a predictable temporary name, keeps the mode, refuses a read-only target", async () => {
    const dir = nodeFs.mkdtempSync(nodePath.join(os.tmpdir(), "quota-csv-save-"));
    try {
      const input = nodePath.join(dir, "sales.csv");
      nodeFs.writeFileSync(input, "Rep,Amount\nAnna,100\nBo,200\n");
      const out = nodePath.join(dir, "out.xlsx");
      nodeFs.writeFileSync(out, "old");
      nodeFs.chmodSync(out, 0o640);
      // A link at the name the old writer used (".<out>.<pid>.tmp") pointing at a file of the user's.
      const victim = nodePath.join(dir, "victim.txt");
      nodeFs.writeFileSync(victim, "precious");
      nodeFs.symlinkSync(victim, nodePath.join(dir, `.out.xlsx.${process.pid}.tmp`));
      const book = await openCsvFile(input);
      await book.save(out);
      expect(nodeFs.readFileSync(victim, "utf8")).toBe("precious");
      expect(nodeFs.readFileSync(out).subarray(0, 2).toString("latin1")).toBe("PK");
      expect(nodeFs.statSync(out).mode & 0o777).toBe(0o640);
      expect(nodeFs.readdirSync(dir).filter((f) => f.endsWith(".tmp") && !f.includes(String(process.pid)))).toEqual([]);
      nodeFs.chmodSync(out, 0o444);
      await expect((await openCsvFile(input)).save(out)).rejects.toThrow("is read-only");
    } finally {
      nodeFs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
