/**
 * `--lang sv` throughout: the sheet is "Kvoter", skipped rows' reasons are Swedish, and a rerun
 * in the other language replaces the add-in's own sheet but never a user's. The Quotas sheet
 * records the rows left below the table and the skipped rows, in the sheet's language.
 */
import ExcelJS from "exceljs";
import fs from "fs";
import path from "path";
import { quotaRows, readWorkbook, run, tempDir, valueOf, writeWorkbook } from "./support";

function auditBlock(ws: ExcelJS.Worksheet): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (let r = 2; r <= ws.rowCount; r++) {
    const label = valueOf(ws.getCell(r, 7));
    if (typeof label === "string") out.set(label, valueOf(ws.getCell(r, 8)));
  }
  return out;
}

const rows = [
  ["Rep", "Amount"],
  ["Anna", 300],
  ["Bo", "#N/A"],
  ["Erik", 100],
  [],
  ["Summary by region", null],
  ["North", 400],
];

describe("quota allocate in Swedish", () => {
  let dir: string;
  beforeEach(async () => {
    dir = tempDir();
    const input = await writeWorkbook(path.join(dir, "in.xlsx"), [{ name: "Sales", rows }]);
    // An error cell, as Excel stores it.
    const wb = await readWorkbook(input);
    wb.getWorksheet("Sales")!.getCell("B3").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
    await wb.xlsx.writeFile(input);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes a Kvoter sheet, prints skipped rows' reasons in Swedish and records them and the rows below", async () => {
    const r = await run(["allocate", "in.xlsx", "--out", "ut.xlsx", "--target", "1000", "--skip-invalid", "--value", "Amount", "--lang", "sv"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Hoppade över rad 3: Cellen Sales!B3");
    expect(r.stderr).not.toMatch(/Skipped row 3: Cell/);
    expect(r.stderr).toContain("3 rader lästa, 2 använda, 0 utanför datumen, 1 överhoppad.");
    expect(r.stderr).toContain("2 rader till från rad 6 och nedåt togs inte med.");
    expect(r.stderr).toContain('Skrev bladet "Kvoter" till ut.xlsx (2 säljare, kvoterna summerar till 1\u00a0000).');
    const wb = await readWorkbook(path.join(dir, "ut.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Sales", "Kvoter", "SalesQuota_Plan"]);
    const q = wb.getWorksheet("Kvoter")!;
    expect(quotaRows(q, "Totalt").totals[3]).toBe(1000);
    const audit = auditBlock(q);
    expect(audit.get("Rader under tabellen (utelämnade)")).toBe("2 rader från rad 6 och nedåt, efter en tom rad");
    expect(String(audit.get("Överhoppad rad 3"))).toMatch(/^Cellen Sales!B3 .*#N\/A/);
  });

  it("records the same in English", async () => {
    const r = await run(["allocate", "in.xlsx", "--out", "out.xlsx", "--target", "1000", "--skip-invalid", "--value", "Amount"], dir);
    expect(r.code).toBe(0);
    const audit = auditBlock((await readWorkbook(path.join(dir, "out.xlsx"))).getWorksheet("Quotas")!);
    expect(audit.get("Rows below the table (left out)")).toBe("2 rows from row 6 down, after a blank row");
    expect(String(audit.get("Skipped row 3"))).toMatch(/^Cell Sales!B3 .*#N\/A/);
  });

  it("a rerun in the other language replaces the add-in's own sheet instead of adding a second one", async () => {
    expect((await run(["allocate", "in.xlsx", "--out", "en.xlsx", "--target", "1000", "--skip-invalid", "--value", "Amount"], dir)).code).toBe(0);
    const r = await run(["allocate", "en.xlsx", "--out", "sv.xlsx", "--sheet", "Sales", "--target", "2000", "--skip-invalid", "--value", "Amount", "--lang", "sv"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Skrev bladet "Quotas" till sv.xlsx');
    const wb = await readWorkbook(path.join(dir, "sv.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Sales", "Quotas", "SalesQuota_Plan"]);
    expect(quotaRows(wb.getWorksheet("Quotas")!, "Totalt").totals[3]).toBe(2000);
  });

  it("never replaces a user's sheet named Kvoter", async () => {
    const input = await writeWorkbook(path.join(dir, "egen.xlsx"), [
      { name: "Sales", rows: [["Rep", "Amount"], ["Anna", 300]] },
      { name: "Kvoter", rows: [["mina egna anteckningar"]] },
    ]);
    const r = await run(["allocate", input, "--out", "ut.xlsx", "--target", "1000", "--lang", "sv"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('egen.xlsx har redan ett blad som heter "Kvoter" som verktyget inte skapade; välj ett annat namn med --sheet-out.\n');
    expect(fs.existsSync(path.join(dir, "ut.xlsx"))).toBe(false);
  });
});
