/**
 * `quota allocate` on CSV files generated here: the output is a new .xlsx holding the CSV's rows
 * as a sheet and the Quotas sheet, read back with the project's own reader.
 */
import fs from "fs";
import path from "path";
import { openXlsxFile } from "../../src/workbook/xlsx-file";
import { run, sha256, tempDir } from "./support";

/** Windows-1252 bytes of Latin-1 text. */
const cp1252 = (s: string) => Buffer.from([...s].map((ch) => ch.charCodeAt(0)));

async function sheetValues(file: string, sheet: string) {
  const wb = await openXlsxFile(file);
  const info = (await wb.listSheets()).find((s) => s.name === sheet);
  if (!info?.used) throw new Error(`no sheet ${sheet}`);
  return (await wb.read(info.used)).rows;
}

describe("quota allocate on a CSV file", () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads a Swedish semicolon CSV with a BOM and writes a new workbook: the rows as text plus Quotas", async () => {
    const csv =
      "\ufeffSäljare;Belopp;Datum\r\n" +
      "Anna Svensson;1 500,00;2025-01-10\r\n" +
      "Erik Lindqvist;2 000;2025-02-11\r\n" +
      '"Berg; Sofia";2000;2025-03-12\r\n' +
      "Subtotal;5 500;\r\n" +
      "Johan Ek;1 000;2025-04-13\r\n" +
      "=cmd;1 000;2025-05-14\r\n" +
      "Anna Svensson;500;2025-06-15\r\n" +
      "Summa:;8 000;\r\n";
    fs.writeFileSync(path.join(dir, "sales.csv"), csv);
    const before = sha256(path.join(dir, "sales.csv"));
    const r = await run(["allocate", "sales.csv", "--out", "quotas.xlsx", "--target", "20000"], dir);
    expect(r.stderr).toContain('Sheet "sales", header in row 1; columns: rep "Säljare", amount "Belopp", date "Datum".');
    expect(r.code).toBe(0);
    expect(sha256(path.join(dir, "sales.csv"))).toBe(before);
    expect(r.stderr).toContain("8 rows read, 6 used, 0 outside the dates, 2 skipped.");
    expect(r.stderr).toContain('Skipped row 5: Row 5 is a totals row ("Subtotal" in cell sales!A5), not a sale; it was left out.');
    expect(r.stderr).toContain('Skipped row 9: Row 9 is a totals row ("Summa:" in cell sales!A9), not a sale; it was left out.');
    expect(r.stdout).toMatch(/^Anna Svensson +2,000 +25\.0 % +5,000 +5,000$/m);
    expect(r.stdout).toMatch(/^=cmd +1,000 +12\.5 % +2,500 +2,500$/m);

    const out = path.join(dir, "quotas.xlsx");
    const wb = await openXlsxFile(out);
    expect((await wb.listSheets()).map((s) => s.name)).toEqual(["sales", "Quotas", "SalesQuota_Plan"]);
    expect(await wb.ownership("Quotas")).toBe("ours");
    const data = await sheetValues(out, "sales");
    expect(data[0]).toEqual(["Säljare", "Belopp", "Datum"]);
    expect(data[3]).toEqual(["Berg; Sofia", "2000", "2025-03-12"]);
    expect(data[6]).toEqual(["=cmd", "1 000", "2025-05-14"]); // text, not a formula
    expect(data).toHaveLength(9);
    const quotas = await sheetValues(out, "Quotas");
    const table = quotas.slice(1, 7).map((row) => [row[0], row[1], row[3]]);
    expect(table).toEqual([
      ["Anna Svensson", 2000, 5000],
      ["Erik Lindqvist", 2000, 5000],
      ["Berg; Sofia", 2000, 5000],
      ["Johan Ek", 1000, 2500],
      ["=cmd", 1000, 2500],
      ["Total", 8000, 20000],
    ]);
    // The how-it-was-made note names the CSV file.
    expect(quotas.flat()).toContain("sales.csv");
  });

  it("reads a Windows-1252 comma CSV with quoted English amounts", async () => {
    const csv = 'Rep,Sales,Date\r\nÅsa Öberg,"1,250.50",1/15/2025\r\nJosé Núñez,"$2,000.00",1/16/2025\r\n';
    fs.writeFileSync(path.join(dir, "export.csv"), cp1252(csv));
    const r = await run(["allocate", "export.csv", "--out", "out.xlsx", "--target", "1000", "--json"], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { rows: { rep: string; history: number; quota: number }[] };
    expect(json.rows.map((x) => [x.rep, x.history, x.quota])).toEqual([
      ["Åsa Öberg", 1250.5, 385],
      ["José Núñez", 2000, 615],
    ]);
    expect((await sheetValues(path.join(dir, "out.xlsx"), "export"))[1]).toEqual(["Åsa Öberg", "1,250.50", "1/15/2025"]);
  });

  it("refuses a .csv output: the result is a workbook", async () => {
    fs.writeFileSync(path.join(dir, "sales.csv"), "Rep,Sales\nAnna,1\n");
    const r = await run(["allocate", "sales.csv", "--out", "quotas.csv", "--target", "10"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('--out must name an .xlsx file (or .xlsm for a macro-enabled workbook), got "quotas.csv".\n');
    expect(fs.existsSync(path.join(dir, "quotas.csv"))).toBe(false);
  });

  it("says which row of the CSV has an unclosed quote, in Swedish too", async () => {
    fs.writeFileSync(path.join(dir, "bad.csv"), 'Rep,Sales\nAnna,1\n"Erik,2\n');
    const r = await run(["allocate", "bad.csv", "--out", "out.xlsx", "--target", "10", "--lang", "sv"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Fältet inom citattecken som börjar på rad 3 i bad.csv avslutas aldrig: ett citattecken (") saknas.\n');
    expect(fs.existsSync(path.join(dir, "out.xlsx"))).toBe(false);
  });
});
