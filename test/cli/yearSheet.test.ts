/**
 * Which Quotas sheet `quota allocate` writes: the annual table without year-plan options, the
 * rep × period schedule (landscape, one page wide) with any of them.
 */
import ExcelJS from "exceljs";
import fs from "fs";
import path from "path";
import { readWorkbook, run, tempDir, writeWorkbook } from "./support";
import { xlsxPrintSettings } from "../workbook/pageSetup";

const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

function salesRows(): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [["Date", "Rep", "Amount", "Sales team"]];
  for (let m = 1; m <= 12; m++) {
    rows.push([d(2025, m, 10), "Anna", 2000, "North"]);
    rows.push([d(2025, m, 11), "Erik", 1000, "South"]);
  }
  return rows;
}

describe("quota allocate: the Quotas sheet of a year plan", () => {
  let dir: string;
  beforeEach(async () => {
    dir = tempDir();
    await writeWorkbook(path.join(dir, "in.xlsx"), [{ name: "Sales", rows: salesRows(), formats: { 1: "yyyy-mm-dd" } }]);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const header = async (): Promise<unknown[]> => {
    const ws = (await readWorkbook(path.join(dir, "out.xlsx"))).getWorksheet("Quotas")!;
    return (ws.getRow(1).values as unknown[]).slice(1);
  };

  it("keeps the annual table without year-plan options", async () => {
    const r = await run(["allocate", "in.xlsx", "--out", "out.xlsx", "--year", "2025", "--target", "360000", "--periods", "12"], dir);
    expect(r.code).toBe(0);
    expect((await header()).slice(0, 5)).toEqual(["Rep", "History", "Share", "Quota", "Quota per period"]);
    expect(await xlsxPrintSettings(fs.readFileSync(path.join(dir, "out.xlsx")), "Quotas")).toMatchObject({ fitToWidth: null, printTitleRows: null });
  });

  it("writes the schedule with --uplift: month columns, the quota as the row total, totals both ways", async () => {
    const r = await run(["allocate", "in.xlsx", "--out", "out.xlsx", "--year", "2025", "--target", "360000", "--periods", "12", "--uplift", "10%", "--start", "2026-01"], dir);
    expect(r.code).toBe(0);
    expect(await header()).toEqual(["Rep", "Note", "Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026", "Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026", "Dec 2026", "Quota", "History"]);
    const ws = (await readWorkbook(path.join(dir, "out.xlsx"))).getWorksheet("Quotas")!;
    const num = (v: unknown) => (typeof v === "object" && v !== null && "result" in v ? (v as { result: number }).result : v) as number;
    const row = (r: number) => (ws.getRow(r).values as unknown[]).slice(1).map(num);
    for (const r of [2, 3]) {
      const values = row(r);
      expect(values.slice(2, 14).reduce((s, x) => s + x, 0)).toBe(values[14]);
    }
    const totals = row(4);
    expect(totals[0]).toBe("Total");
    expect(totals[14]).toBe(396000);
    expect(totals.slice(2, 14).reduce((s, x) => s + x, 0)).toBe(396000);
    expect(await xlsxPrintSettings(fs.readFileSync(path.join(dir, "out.xlsx")), "Quotas")).toEqual({ orientation: "landscape", fitToWidth: 1, fitToHeight: 0, printTitleRows: "$1:$1" });
  });

  it("adds the team column and the table by team with --team", async () => {
    const r = await run(["allocate", "in.xlsx", "--out", "out.xlsx", "--year", "2025", "--target", "360000", "--periods", "4", "--start", "2026-01", "--team", "Sales team"], dir);
    expect(r.code).toBe(0);
    expect(await header()).toEqual(["Rep", "Team", "Note", "Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026", "Quota", "History"]);
    const ws = (await readWorkbook(path.join(dir, "out.xlsx"))).getWorksheet("Quotas")!;
    expect(ws.getCell("A6").value).toBe("Quotas by team");
    expect([ws.getCell("A8").value, ws.getCell("B8").value, ws.getCell("H8").value]).toEqual(["North", 1, 240000]);
    expect([ws.getCell("A9").value, ws.getCell("H9").value]).toEqual(["South", 120000]);
  });
});
