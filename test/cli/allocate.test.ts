/**
 * `quota allocate` end to end on workbooks generated here: run in-process, output read back
 * with ExcelJS.
 */
import ExcelJS from "exceljs";
import fs from "fs";
import JSZip from "jszip";
import path from "path";
import { quotaRows, readWorkbook, run, sha256, sheetCells, tempDir, valueOf, writeWorkbook } from "./support";

const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

/** A clean sheet: 2:2:2:1:1 history in 2025 (the seed's bottom-up example), plus 2024 rows. */
function cleanRows(): ExcelJS.CellValue[][] {
  return [
    ["Date", "Sales rep", "Region", "Amount", "COGS"],
    [d(2024, 12, 30), "Anna Svensson", "Stockholm", 99999, 1],
    [d(2025, 1, 10), "Anna Svensson", "Stockholm", 1500, 600],
    [d(2025, 2, 11), "Erik Lindqvist", "Göteborg", 2000, 800],
    [d(2025, 3, 12), "Sofia Berg", "Malmö", 2000, 1500],
    [d(2025, 4, 13), "Johan Ek", "Uppsala", 1000, 200],
    [d(2025, 5, 14), "Peter Hall", "Stockholm", 1000, 100],
    [d(2025, 6, 15), "Anna Svensson", "Stockholm", 500, 100],
  ];
}

describe("quota allocate", () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function clean(name = "in.xlsx"): Promise<string> {
    return writeWorkbook(path.join(dir, name), [
      { name: "Notes", rows: [["Exported from the order system"]] },
      { name: "Sales", rows: cleanRows(), formats: { 1: "yyyy-mm-dd" } },
    ]);
  }

  it("writes a Quotas sheet whose totals equal the target and leaves every source sheet as it was", async () => {
    const input = await clean();
    const before = sha256(input);
    const r = await run(["allocate", "in.xlsx", "--out", "out.xlsx", "--year", "2025", "--target", "20000"], dir);
    expect(r.stderr).not.toMatch(/\n.*\n.*at .*\.ts:\d+/); // no stack trace
    expect(r.code).toBe(0);
    expect(sha256(input)).toBe(before); // the input file is never written

    const original = await readWorkbook(input);
    const out = await readWorkbook(path.join(dir, "out.xlsx"));
    expect(out.worksheets.map((w) => w.name)).toEqual(["Notes", "Sales", "Quotas", "SalesQuota_Plan"]);
    // The stored plan (for quota refresh / review) is out of sight: Excel's "very hidden".
    expect(out.getWorksheet("SalesQuota_Plan")!.state).toBe("veryHidden");
    for (const name of ["Notes", "Sales"]) expect(sheetCells(out.getWorksheet(name)!)).toEqual(sheetCells(original.getWorksheet(name)!));
    // ... and byte for byte: the source worksheet parts are copied, not rewritten
    const zipIn = await JSZip.loadAsync(fs.readFileSync(input));
    const zipOut = await JSZip.loadAsync(fs.readFileSync(path.join(dir, "out.xlsx")));
    const sheetParts = Object.keys(zipIn.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    expect(sheetParts).toHaveLength(2);
    for (const part of sheetParts) expect(await zipOut.file(part)!.async("string")).toBe(await zipIn.file(part)!.async("string"));

    const q = out.getWorksheet("Quotas")!;
    expect([1, 2, 3, 4, 5].map((c) => q.getCell(1, c).value)).toEqual(["Rep", "History", "Share", "Quota", "Quota per period"]);
    const { rows, totals } = quotaRows(q);
    expect(rows).toEqual([
      ["Anna Svensson", 2000, 0.25, 5000, 5000],
      ["Erik Lindqvist", 2000, 0.25, 5000, 5000],
      ["Sofia Berg", 2000, 0.25, 5000, 5000],
      ["Johan Ek", 1000, 0.125, 2500, 2500],
      ["Peter Hall", 1000, 0.125, 2500, 2500],
    ]);
    expect(totals[3]).toBe(20000);
    expect(totals[1]).toBe(8000);
    expect(q.getCell("D2").numFmt).toBe("#,##0");
    expect(q.getCell("C2").numFmt).toBe("0.0%");

    // The provenance block beside the table
    const block = new Map<string, unknown>();
    for (let row = 2; q.getCell(row, 7).value !== null; row++) block.set(String(q.getCell(row, 7).value), valueOf(q.getCell(row, 8)));
    expect(block.get("Source file")).toBe("in.xlsx");
    expect(block.get("Source sheet")).toBe("Sales");
    expect(block.get("Rep column")).toBe("Sales rep");
    expect(block.get("Value column")).toBe("Amount");
    expect(block.get("Dates")).toBe("2025");
    expect(block.get("Rows read")).toBe(7);
    expect(block.get("Rows used")).toBe(6);
    expect(block.get("Rows outside the dates")).toBe(1);
    expect(block.get("Created (ISO 8601, UTC)")).toBe("2026-01-15T08:30:00.000Z");

    // The table on stdout, the story on stderr
    expect(r.stdout).toMatch(/^Rep\s+History\s+Share\s+Quota\s+Quota per period\n/);
    expect(r.stdout).toMatch(/Anna Svensson\s+2,000\s+25\.0 %\s+5,000\s+5,000\n/);
    expect(r.stdout).toMatch(/\nTotal\s+8,000\s+100\.0 %\s+20,000\s+20,000\n$/);
    expect(r.stderr).toContain('Sheet "Sales", header in row 1');
    expect(r.stderr).toContain("7 rows read, 6 used, 1 outside the dates, 0 skipped.");
    expect(r.stderr).toContain('Wrote sheet "Quotas" to out.xlsx (5 reps, quotas add up to 20,000).');
  });

  it("prints JSON with --json, and nothing else on stdout", async () => {
    await clean();
    const r = await run(["allocate", "in.xlsx", "--out", "out.xlsx", "--year", "2025", "--target", "240000", "--periods", "12", "--round", "100", "--json"], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(["method", "target", "periods", "round", "rows", "total", "planTotal", "start", "uplift", "periodLabels", "periodTargets", "teams"]);
    expect(json).toMatchObject({
      method: "bottomup",
      target: 240000,
      periods: 12,
      round: 100,
      rows: [
        { rep: "Anna Svensson", history: 2000, quota: 60000, periodQuota: 5000 },
        { rep: "Erik Lindqvist", history: 2000, quota: 60000, periodQuota: 5000 },
        { rep: "Sofia Berg", history: 2000, quota: 60000, periodQuota: 5000 },
        { rep: "Johan Ek", history: 1000, quota: 30000, periodQuota: 2500 },
        { rep: "Peter Hall", history: 1000, quota: 30000, periodQuota: 2500 },
      ],
      total: 240000,
    });
    expect(r.stderr).toContain("Wrote sheet");
  });

  it("runs top-down, forecast and profit", async () => {
    await clean();
    const td = await run(["allocate", "in.xlsx", "--out", "td.xlsx", "--method", "topdown", "--year", "2025", "--target", "600000", "--periods", "12", "--json"], dir);
    expect(td.code).toBe(0);
    expect(JSON.parse(td.stdout).rows.map((x: { periodQuota: number }) => x.periodQuota)).toEqual([10000, 10000, 10000, 10000, 10000]);

    const fc = await run(["allocate", "in.xlsx", "--out", "fc.xlsx", "--method", "forecast", "--year", "2025", "--growth", "30%", "--json"], dir);
    expect(fc.code).toBe(0);
    const forecast = JSON.parse(fc.stdout);
    expect(forecast.target).toBeNull();
    expect(forecast.rows.map((x: { quota: number }) => x.quota)).toEqual([2600, 2600, 2600, 1300, 1300]);
    expect(forecast.total).toBe(10400);

    // profit = Amount − COGS (detected): 1300, 1200, 500, 800, 900 → 4,700 split over 47,000
    const pr = await run(["allocate", "in.xlsx", "--out", "pr.xlsx", "--method", "profit", "--year", "2025", "--target", "47000", "--json"], dir);
    expect(pr.code).toBe(0);
    const profit = JSON.parse(pr.stdout);
    expect(profit.rows.map((x: { history: number }) => x.history)).toEqual([1300, 1200, 500, 800, 900]);
    expect(profit.rows.map((x: { quota: number }) => x.quota)).toEqual([13000, 12000, 5000, 8000, 9000]);
    const out = await readWorkbook(path.join(dir, "pr.xlsx"));
    expect(out.getWorksheet("Quotas")!.getCell("B1").value).toBe("Profit history");

    // No cost column but a ready-made Profit column (as Superstore has): used as it is.
    await writeWorkbook(path.join(dir, "store.xlsx"), [
      { name: "Orders", rows: [["Row ID", "Region", "Sales", "Discount", "Profit"], [1, "South", 1000, 0.2, 100], [2, "West", 3000, 0, 300], [3, "South", 500, 0, 50]] },
    ]);
    const ready = await run(["allocate", "store.xlsx", "--out", "st.xlsx", "--method", "profit", "--target", "900", "--json"], dir);
    expect(ready.code).toBe(0);
    expect(ready.stderr).toContain('amount "Profit"');
    expect(JSON.parse(ready.stdout).rows.map((x: { history: number }) => x.history)).toEqual([150, 300]);
  });

  it("reads a messy sheet: title rows, a ' Sales' header, sv and en text numbers, names spelled differently", async () => {
    const input = await writeWorkbook(path.join(dir, "messy.xlsx"), [
      {
        name: "Försäljning",
        rows: [
          ["Försäljningsrapport 2025"],
          ["Alla belopp i SEK"],
          [],
          ["Datum", "Säljare", "Produkt", " Sales", "Varukostnad"],
          [d(2025, 1, 2), "Anna Svensson", "Kaffe", "1 234,50", 100],
          [d(2025, 1, 3), "  anna svensson ", "Te", 765.5, 50],
          [d(2025, 1, 4), "Erik Lindqvist", "Kaffe", "2 000,00 kr", 10],
          [d(2025, 1, 5), "=HYPERLINK(\"x\")", "Kaffe", 1000, 0],
          [d(2025, 1, 6), "+46 70 123 45 67", "Te", 1000, 0],
        ],
      },
    ]);
    const r = await run(["allocate", input, "--out", "out.xlsx", "--value", " sales", "--target", "6000", "--json"], dir);
    expect(r.stderr).toContain('header in row 4');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.rows).toMatchObject([
      { rep: "Anna Svensson", history: 2000, quota: 2000, periodQuota: 2000 },
      { rep: "Erik Lindqvist", history: 2000, quota: 2000, periodQuota: 2000 },
      { rep: '=HYPERLINK("x")', history: 1000, quota: 1000, periodQuota: 1000 },
      { rep: "+46 70 123 45 67", history: 1000, quota: 1000, periodQuota: 1000 },
    ]);
    const q = (await readWorkbook(path.join(dir, "out.xlsx"))).getWorksheet("Quotas")!;
    // formula-looking names are text in the output, never formulas
    expect(q.getCell("A4").value).toBe('=HYPERLINK("x")');
    expect(q.getCell("A4").type).toBe(ExcelJS.ValueType.String);
    expect(q.getCell("A5").value).toBe("+46 70 123 45 67");
    expect(quotaRows(q).totals[3]).toBe(6000);
  });

  it("stops at an error cell naming it, or skips the row with --skip-invalid", async () => {
    const input = await writeWorkbook(path.join(dir, "errors.xlsx"), [
      {
        name: "Sales",
        rows: [
          ["Date", "Rep", "Amount"],
          [d(2025, 1, 2), "Anna", 2000],
          [d(2025, 1, 3), "Erik", { error: "#N/A" } as ExcelJS.CellErrorValue],
          [d(2025, 1, 4), "Erik", 500],
          [d(2025, 1, 5), "Anna", 1000],
          [d(2025, 1, 6), "Erik", 500],
        ],
      },
    ]);
    const stop = await run(["allocate", input, "--out", "out.xlsx", "--target", "100"], dir);
    expect(stop.code).toBe(1);
    expect(stop.stdout).toBe("");
    expect(stop.stderr).toBe('Cell Sales!C3 (column "Amount") holds the error #N/A.\n');
    expect(fs.existsSync(path.join(dir, "out.xlsx"))).toBe(false);

    const skip = await run(["allocate", input, "--out", "out.xlsx", "--target", "100", "--skip-invalid", "--json"], dir);
    expect(skip.code).toBe(0);
    expect(JSON.parse(skip.stdout).rows).toMatchObject([
      { rep: "Anna", history: 3000, quota: 75, periodQuota: 75 },
      { rep: "Erik", history: 1000, quota: 25, periodQuota: 25 },
    ]);
    expect(skip.stderr).toContain("5 rows read, 4 used, 0 outside the dates, 1 skipped.");
    expect(skip.stderr).toContain("Skipped row 3: Cell Sales!C3");
  });

  it("speaks Swedish with --lang sv or a Swedish LANG", async () => {
    await clean();
    const r = await run(["allocate", "in.xlsx", "--out", "out.xlsx", "--year", "2025", "--target", "1000000", "--periods", "12", "--round", "100"], dir, { LANG: "sv_SE.UTF-8" });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Säljare\s+Historik\s+Andel\s+Kvot\s+Kvot per period\n/);
    expect(r.stdout).toContain("1\u00a0000\u00a0000");
    expect(r.stderr).toContain("Varning: 1\u00a0000\u00a0000 ÷ 12 perioder");
    const q = (await readWorkbook(path.join(dir, "out.xlsx"))).getWorksheet("Kvoter")!;
    expect(q.getCell("A1").value).toBe("Säljare");
    expect(quotaRows(q, "Totalt").totals[3]).toBe(1000000);

    const e = await run(["allocate", "missing.xlsx", "--out", "out.xlsx", "--target", "1", "--lang", "sv"], dir);
    expect(e.stderr).toBe("Hittar inte indatafilen missing.xlsx.\n");
  });

  it("refuses to overwrite a Quotas sheet it did not write, but replaces its own", async () => {
    const input = await writeWorkbook(path.join(dir, "taken.xlsx"), [
      { name: "Sales", rows: cleanRows() },
      { name: "Quotas", rows: [["my own notes"]] },
    ]);
    const r = await run(["allocate", input, "--out", "out.xlsx", "--target", "100"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('taken.xlsx already has a sheet named "Quotas" that this tool did not create; choose another name with --sheet-out.\n');
    expect(fs.existsSync(path.join(dir, "out.xlsx"))).toBe(false);

    const other = await run(["allocate", input, "--out", "out.xlsx", "--target", "100", "--sheet-out", "Kvoter 2025"], dir);
    expect(other.code).toBe(0);
    const out = await readWorkbook(path.join(dir, "out.xlsx"));
    expect(out.getWorksheet("Quotas")!.getCell("A1").value).toBe("my own notes");
    expect(out.getWorksheet("Kvoter 2025")!.getCell("A1").value).toBe("Rep");

    // Running again on our own output replaces our sheet
    const again = await run(["allocate", "out.xlsx", "--out", "again.xlsx", "--sheet", "Sales", "--target", "200", "--sheet-out", "Kvoter 2025", "--json"], dir);
    expect(again.code).toBe(0);
    const q = (await readWorkbook(path.join(dir, "again.xlsx"))).getWorksheet("Kvoter 2025")!;
    expect(quotaRows(q).totals[3]).toBe(200);
  });

  it("ends the table at its first blank row and says what was left below it", async () => {
    const input = await writeWorkbook(path.join(dir, "gap.xlsx"), [
      {
        name: "Sales",
        rows: [
          ["Rep", "Amount"],
          ["Anna", 300],
          ["Erik", 100],
          [],
          ["Summary by region", null],
          ["North", 400],
        ],
      },
    ]);
    const r = await run(["allocate", input, "--out", "out.xlsx", "--target", "1000", "--json"], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rows.map((x: { rep: string }) => x.rep)).toEqual(["Anna", "Erik"]);
    expect(r.stderr).toContain("Warning: the table ends at row 3, where a blank row follows; 2 more rows from row 5 down were left out.");
  });

  it("sums a large sheet exactly as a plain loop over the same cells does", async () => {
    // Big enough that the streaming reader crosses many chunk boundaries.
    const file = path.join(dir, "big.xlsx");
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
    const ws = writer.addWorksheet("Sales");
    ws.addRow(["Date", "Sales rep", "Amount"]).commit();
    const expected = new Map<string, number>();
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 40000; i++) {
      const rep = `Rep ${Math.floor(random() * 300)}`;
      const amount = Math.round(random() * 100000) / 100;
      expected.set(rep, (expected.get(rep) ?? 0) + amount);
      ws.addRow([d(2025, 1 + (i % 12), 1 + (i % 28)), rep, amount]).commit();
    }
    ws.commit();
    await writer.commit();
    const r = await run(["allocate", file, "--out", "out.xlsx", "--target", "1000000", "--json"], dir);
    expect(r.stderr).toContain("40,000 rows read, 40,000 used");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { rows: { rep: string; history: number; quota: number }[]; total: number };
    expect(json.rows).toHaveLength(expected.size);
    for (const row of json.rows) expect(row.history).toBeCloseTo(expected.get(row.rep)!, 6);
    expect(json.rows.reduce((s, x) => s + x.quota, 0)).toBe(1000000);
  }, 60000);
});

describe("quota allocate: errors are one line and a non-zero exit", () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    await writeWorkbook(path.join(dir, "in.xlsx"), [{ name: "Sales", rows: cleanRows() }]);
    await writeWorkbook(path.join(dir, "text.xlsx"), [{ name: "Read me", rows: [["Nothing but notes here."], ["Really."]] }]);
    await writeWorkbook(path.join(dir, "nodate.xlsx"), [{ name: "Sales", rows: [["Rep", "Amount"], ["Anna", 1], ["Erik", 2], ["Sofia", 3]] }]);
    await writeWorkbook(path.join(dir, "returns.xlsx"), [
      { name: "Sales", rows: [["Rep", "Amount"], ["Anna", 500], ["Rob Returns", 100], ["Rob Returns", -300], ["Erik", 200]] },
    ]);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases: [string, string[], number, string | RegExp][] = [
    ["a missing input file", ["allocate", "nope.xlsx", "--out", "o.xlsx", "--target", "1"], 1, "Cannot find the input file nope.xlsx."],
    ["the same file in and out", ["allocate", "in.xlsx", "--out", "in.xlsx", "--target", "1"], 2, "--out in.xlsx is the input file; choose another file name (the input is never written)."],
    ["the same file by another path", ["allocate", "in.xlsx", "--out", "./sub/../in.xlsx", "--target", "1"], 2, /is the input file/],
    ["no --out", ["allocate", "in.xlsx", "--target", "1"], 2, /^--out is required/],
    ["an unknown column", ["allocate", "in.xlsx", "--out", "o.xlsx", "--target", "1", "--rep", "Seller"], 1, 'Sheet "Sales" has no column "Seller" (for --rep). Columns: A "Date", B "Sales rep", C "Region", D "Amount", E "COGS".'],
    ["a bad number", ["allocate", "in.xlsx", "--out", "o.xlsx", "--target", "1,5"], 2, '--target expects a number such as 1500000 or 0.5, got "1,5".'],
    ["a missing target", ["allocate", "in.xlsx", "--out", "o.xlsx"], 2, "--target is required for --method bottomup (the total to split between the reps)."],
    ["a year and a range", ["allocate", "in.xlsx", "--out", "o.xlsx", "--target", "1", "--year", "2025", "--from", "2025-01-01"], 2, "Use either --year or --from/--to, not both."],
    ["a bad date", ["allocate", "in.xlsx", "--out", "o.xlsx", "--target", "1", "--from", "2025-02-30"], 2, '--from expects a date as YYYY-MM-DD, got "2025-02-30".'],
    ["a missing sheet", ["allocate", "in.xlsx", "--out", "o.xlsx", "--target", "1", "--sheet", "Orders"], 1, 'There is no sheet named "Orders" in in.xlsx. Sheets: "Sales".'],
    ["an unknown option", ["allocate", "in.xlsx", "--out", "o.xlsx", "--taget", "1"], 2, 'Unknown option "--taget" (did you mean --target?). Run "quota allocate --help" for the options.'],
    ["an unknown command", ["split", "in.xlsx"], 2, 'Unknown command "split". Run "quota --help".'],
    ["growth written as a whole percent", ["allocate", "in.xlsx", "--out", "o.xlsx", "--method", "forecast", "--growth", "30"], 2, "--growth 30 would mean 3000 %; write 30% for 30 percent, or a decimal such as 0.3."],
    ["an output folder that does not exist", ["allocate", "in.xlsx", "--out", "no/such/dir/o.xlsx", "--target", "1"], 1, "Cannot write no/such/dir/o.xlsx: the folder no/such/dir does not exist."],
    ["a workbook without a sales table", ["allocate", "text.xlsx", "--out", "o.xlsx", "--target", "1"], 1, /^No sheet in text\.xlsx holds a sales table/],
    ["a year without a date column", ["allocate", "nodate.xlsx", "--out", "o.xlsx", "--target", "1", "--year", "2025"], 1, /^--year, --from and --to need a date column, and none was found on sheet "Sales": name it with --date\. Columns: A "Rep", B "Amount"\.$/],
    ["a rep with negative sales under bottom-up", ["allocate", "returns.xlsx", "--out", "o.xlsx", "--target", "1000"], 1, /^Rob Returns has a negative history \(-200\)\./],
    ["a file that is not a workbook", ["allocate", "notes.dat", "--out", "o.xlsx", "--target", "1"], 1, "This is not an .xlsx workbook (it is not a zip package): save it as .xlsx in Excel."],
    ["a target of 0", ["allocate", "in.xlsx", "--out", "o.xlsx", "--target", "0"], 2, '--target must be more than 0 (got "0"): a target of 0 gives every rep a quota of 0.'],
    ["profit with no cost column (the wizard's rule too)", ["allocate", "nodate.xlsx", "--out", "o.xlsx", "--method", "profit", "--target", "1"], 1, /^Profit is revenue minus costs, and no cost column is chosen for sheet "Sales", so the profit would be the revenue of column "Amount"\./],
  ];

  it.each(cases)("%s", async (_label, args, code, message) => {
    fs.writeFileSync(path.join(dir, "notes.dat"), "not a zip");
    const r = await run(args, dir);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe("");
    expect(r.stderr.endsWith("\n")).toBe(true);
    const lines = r.stderr.slice(0, -1).split("\n");
    expect(lines).toHaveLength(1);
    if (typeof message === "string") expect(lines[0]).toBe(message);
    else expect(lines[0]).toMatch(message);
    expect(fs.existsSync(path.join(dir, "o.xlsx"))).toBe(false);
  });
});

describe("quota --help and --version", () => {
  it("prints help and the version", async () => {
    const dir = tempDir();
    const help = await run(["--help"], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("quota allocate <in.xlsx> --out <out.xlsx>");
    const allocateHelp = await run(["allocate", "--help"], dir);
    expect(allocateHelp.stdout).toContain("--method M");
    expect(allocateHelp.stdout).toContain("--skip-invalid");
    const sv = await run(["allocate", "--help", "--lang", "sv"], dir);
    expect(sv.stdout).toContain("Användning: quota allocate");
    const v = await run(["--version"], dir);
    expect(v.stdout).toBe(`${JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).version}\n`);
    const none = await run([], dir);
    expect(none.code).toBe(2);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
