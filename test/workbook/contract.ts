/**
 * The WorkbookPort contract: every adapter (ExcelJS/.xlsx, Office.js) runs this same suite.
 *
 * makePort(fixture) opens a workbook holding the fixture's sheets (rows from A1) and returns
 * the port plus readBack(sheet): the sheet's values as the user would see them after saving
 * (formulas as their results), from A1 to the last used cell, read independently of the port.
 */
import { LocalizedError } from "../../src/i18n";
import { callsSalesFunction } from "../../src/workbook/freeze";
import { OutputSheetTakenError, type WritePlan } from "../../src/workbook/plan";
import type { CellValue, ProgressListener, RangeRef, WorkbookPort } from "../../src/workbook/port";
import type { PrintSettings } from "./pageSetup";
import { expectedSheet, FIVE_REPS, quotaPlan, salesWorkbook, SALES_ROWS, TARGET_ROWS, TWO_REPS, workbookWithForeignQuotas, type WorkbookFixture } from "./fixtures";

export interface PortUnderTest {
  port: WorkbookPort;
  readBack(sheet: string): Promise<CellValue[][]>;
  /** The sheet's print settings as saved, read independently of the port. */
  printSettings(sheet: string): Promise<PrintSettings>;
}

export type MakePort = (fixture: WorkbookFixture) => Promise<PortUnderTest>;

const DAY_MS = 86_400_000;

/** A date cell may come back as a Date or as an Excel serial (1900 system); compare the day. */
function dayOf(v: CellValue): string | null {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "number") return new Date(Date.UTC(1899, 11, 30) + Math.round(v * DAY_MS)).toISOString().slice(0, 10);
  return null;
}

function isEmpty(v: CellValue | undefined): boolean {
  return v === null || v === undefined || v === "";
}

/** Cell-by-cell equality, reporting the first differing cells by address. */
export function expectSameCells(actual: CellValue[][], expected: CellValue[][], where = ""): void {
  const problems: string[] = [];
  const rows = Math.max(actual.length, expected.length);
  for (let r = 0; r < rows; r++) {
    const a = actual[r] ?? [];
    const e = expected[r] ?? [];
    for (let c = 0; c < Math.max(a.length, e.length); c++) {
      const av = a[c] ?? null;
      const ev = e[c] ?? null;
      let same: boolean;
      if (isEmpty(ev)) same = isEmpty(av);
      else if (ev instanceof Date) same = dayOf(av) === dayOf(ev);
      else if (ev !== null && typeof ev === "object") same = typeof av === "object" && av !== null && !(av instanceof Date) && av.error === ev.error;
      else if (typeof ev === "number") same = typeof av === "number" && Math.abs(av - ev) <= 1e-9 * Math.max(1, Math.abs(ev));
      else same = av === ev;
      if (!same && problems.length < 10) problems.push(`${where}[row ${r + 1}, column ${c + 1}]: expected ${JSON.stringify(ev)}, got ${JSON.stringify(av)}`);
    }
  }
  expect(problems).toEqual([]);
}

function recorder(): { listener: ProgressListener; calls: [number, number][] } {
  const calls: [number, number][] = [];
  return { listener: (done, total) => calls.push([done, total]), calls };
}

function expectProgressReachesTotal(calls: [number, number][]): void {
  expect(calls.length).toBeGreaterThan(0);
  for (const [done, total] of calls) {
    expect(Number.isFinite(done) && Number.isFinite(total)).toBe(true);
    expect(done).toBeGreaterThanOrEqual(0);
    expect(done).toBeLessThanOrEqual(total);
  }
  const [done, total] = calls[calls.length - 1];
  expect(done).toBe(total);
}

async function usedRangeOf(port: WorkbookPort, sheet: string): Promise<RangeRef> {
  const info = (await port.listSheets()).find((s) => s.name === sheet);
  if (!info?.used) throw new Error(`${sheet} has no used range`);
  return info.used;
}

export function runWorkbookPortContract(label: string, makePort: MakePort): void {
  describe(`WorkbookPort contract: ${label}`, () => {
    const plan5: WritePlan = quotaPlan(FIVE_REPS);
    const plan2: WritePlan = quotaPlan(TWO_REPS);

    it("lists every sheet in order with its used range and visibility", async () => {
      const { port } = await makePort(salesWorkbook());
      const sheets = await port.listSheets();
      expect(sheets.map((s) => s.name)).toEqual(["Sales", "Targets", "Archive"]);
      expect(sheets[0].used).toEqual({ sheet: "Sales", firstRow: 1, firstColumn: 1, lastRow: 7, lastColumn: 6 });
      expect(sheets[1].used).toEqual({ sheet: "Targets", firstRow: 2, firstColumn: 2, lastRow: 4, lastColumn: 3 });
      expect(sheets.map((s) => s.visible)).toEqual([true, true, false]);
    });

    it("reads a range with numbers, text, booleans, dates, blanks and error cells typed", async () => {
      const { port } = await makePort(salesWorkbook());
      const snap = await port.read(await usedRangeOf(port, "Sales"));
      expect(snap.sheet).toBe("Sales");
      expect(snap.firstRow).toBe(1);
      expect(snap.columns).toEqual([1, 2, 3, 4, 5, 6]);
      expectSameCells(snap.rows, SALES_ROWS, "Sales");
      const [, anna, bjorn, carl, anna2, dana] = snap.rows;
      expect(anna[2]).toBe(1200.5);
      expect(typeof anna[4]).toBe("boolean");
      expect(anna[4]).toBe(true);
      expect(bjorn[4]).toBe(false);
      expect(carl[2]).toBe("1 234,50 kr");
      expect(carl[0]).toBe(" Carl ");
      expect(anna2[2]).toEqual({ error: "#N/A" });
      expect(dayOf(bjorn[3])).toBe("2025-02-28");
      expect(dana[1]).toBeNull();
      expect(dana[3]).toBeNull();
    });

    it("reads only the requested columns, in the requested order", async () => {
      const { port } = await makePort(salesWorkbook());
      const snap = await port.read({ sheet: "Sales", firstRow: 2, firstColumn: 1, lastRow: 7, lastColumn: 6 }, { columns: [3, 1] });
      expect(snap.columns).toEqual([3, 1]);
      expect(snap.firstRow).toBe(2);
      expectSameCells(
        snap.rows,
        SALES_ROWS.slice(1).map((r) => [r[2], r[0]]),
        "Sales C,A",
      );
    });

    it("reads a sheet whose data does not start at A1", async () => {
      const { port } = await makePort(salesWorkbook());
      const snap = await port.read(await usedRangeOf(port, "Targets"));
      expect(snap.firstRow).toBe(2);
      expect(snap.columns).toEqual([2, 3]);
      expectSameCells(snap.rows, TARGET_ROWS.slice(1).map((r) => r.slice(1)), "Targets");
    });

    it("gives nothing but empty rows past the last used row", async () => {
      const { port } = await makePort(salesWorkbook());
      const snap = await port.read({ sheet: "Sales", firstRow: 5, firstColumn: 1, lastRow: 200, lastColumn: 2 });
      expect(snap.rows.length).toBeGreaterThanOrEqual(3);
      expect(snap.rows.length).toBeLessThanOrEqual(196);
      expectSameCells(snap.rows.slice(0, 3), SALES_ROWS.slice(4, 7).map((r) => r.slice(0, 2)));
      for (const row of snap.rows.slice(3)) expect(row.every(isEmpty)).toBe(true);
    });

    it("reports read progress with done ≤ total, ending at the total", async () => {
      const { port } = await makePort(salesWorkbook());
      const { listener, calls } = recorder();
      await port.read(await usedRangeOf(port, "Sales"), { onProgress: listener });
      expectProgressReachesTotal(calls);
    });

    it("refuses to read a sheet that does not exist", async () => {
      const { port } = await makePort(salesWorkbook());
      await expect(port.read({ sheet: "Nope", firstRow: 1, firstColumn: 1, lastRow: 2, lastColumn: 2 })).rejects.toBeInstanceOf(LocalizedError);
    });

    it("tells absent, foreign and (after apply) own sheets apart", async () => {
      const { port } = await makePort(salesWorkbook());
      expect(await port.ownership("Quotas")).toBe("absent");
      expect(await port.ownership("Sales")).toBe("foreign");
      await port.apply(plan5);
      expect(await port.ownership("Quotas")).toBe("ours");
      expect(await port.ownership("QUOTAS")).toBe("ours");
      expect(await port.ownership("Sales")).toBe("foreign");
    });

    it("writes the plan's values; later reads and the saved workbook both show them", async () => {
      const { port, readBack } = await makePort(salesWorkbook());
      await port.apply(plan5);
      const expected = expectedSheet(plan5);
      expectSameCells(await readBack("Quotas"), expected, "readBack Quotas");
      const sheets = await port.listSheets();
      expect(sheets.map((s) => s.name)).toEqual(["Sales", "Targets", "Archive", "Quotas"]);
      const used = await usedRangeOf(port, "Quotas");
      expect(used).toMatchObject({ firstRow: 1, firstColumn: 1, lastRow: expected.length, lastColumn: 4 });
      const snap = await port.read(used);
      expectSameCells(snap.rows, expected, "read Quotas");
    });

    it("writes a very hidden sheet that can still be read back", async () => {
      const { port, readBack } = await makePort(salesWorkbook());
      const hidden: WritePlan = {
        sheet: "Stored",
        blocks: [{ row: 1, column: 1, values: [["key", "value"], ["plan", '{"v":1}'], ["=not a formula", -1]] }],
        tables: [],
        charts: [],
        columnWidths: [],
        freezeRows: 0,
        result: { sheet: "Stored", firstRow: 1, firstColumn: 1, lastRow: 3, lastColumn: 2 },
        visibility: "veryHidden",
      };
      await port.apply(hidden);
      const sheets = await port.listSheets();
      expect(sheets.find((s) => s.name === "Stored")?.visible).toBe(false);
      expect(await port.ownership("Stored")).toBe("ours");
      expectSameCells(await readBack("Stored"), [["key", "value"], ["plan", '{"v":1}'], ["=not a formula", -1]], "readBack Stored");
    });

    it("leaves every cell of the source sheets as it was", async () => {
      const fixture = salesWorkbook();
      const { port, readBack } = await makePort(fixture);
      await port.apply(plan5);
      await port.apply(plan2);
      for (const sheet of fixture.sheets) expectSameCells(await readBack(sheet.name), sheet.rows, sheet.name);
    });

    it("writes text that starts with = + - @ as text", async () => {
      const { port, readBack } = await makePort(salesWorkbook());
      await port.apply(plan5);
      const back = await readBack("Quotas");
      const texts = back.flat().filter((v): v is string => typeof v === "string");
      for (const t of ["=1+2", "+46 70", "-", "@x", "=cmd|' /C calc'!A0", "+46 70 123", "@Carl"]) expect(texts).toContain(t);
      const snap = await port.read(await usedRangeOf(port, "Quotas"));
      expect(snap.rows.flat()).toEqual(expect.arrayContaining(["=1+2", "+46 70", "-", "@x"]));
    });

    it("re-applying replaces only its own sheet and leaves no stale rows", async () => {
      const fixture = salesWorkbook();
      const { port, readBack } = await makePort(fixture);
      await port.apply(plan5);
      await port.apply(plan2);
      expect((await port.listSheets()).map((s) => s.name)).toEqual(["Sales", "Targets", "Archive", "Quotas"]);
      const expected = expectedSheet(plan2);
      const back = await readBack("Quotas");
      expectSameCells(back, expected, "Quotas after re-run");
      expect(back.length).toBe(expected.length);
      expect(await usedRangeOf(port, "Quotas")).toMatchObject({ lastRow: expected.length });
      expect(await port.ownership("Quotas")).toBe("ours");
      const tables = (await port.listTables()).filter((t) => t.range.sheet === "Quotas");
      expect(tables).toHaveLength(1);
      expect(tables[0].range).toMatchObject({ firstRow: 1, lastRow: TWO_REPS.length + 2, firstColumn: 1, lastColumn: 4 });
      for (const sheet of fixture.sheets) expectSameCells(await readBack(sheet.name), sheet.rows, sheet.name);
    });

    it("refuses a sheet it did not create and writes nothing", async () => {
      const fixture = workbookWithForeignQuotas();
      const { port, readBack } = await makePort(fixture);
      expect(await port.ownership("Quotas")).toBe("foreign");
      const failure = port.apply(plan5);
      await expect(failure).rejects.toBeInstanceOf(OutputSheetTakenError);
      await expect(failure).rejects.toMatchObject({ sheet: "Quotas" });
      expect((await port.listSheets()).map((s) => s.name)).toEqual(["Sales", "Targets", "Archive", "Quotas"]);
      for (const sheet of fixture.sheets) expectSameCells(await readBack(sheet.name), sheet.rows, sheet.name);
      expect(await port.ownership("Quotas")).toBe("foreign");
      // Another name works.
      await port.apply(quotaPlan(FIVE_REPS, "Quotas 2"));
      expect(await port.ownership("Quotas 2")).toBe("ours");
      expectSameCells(await readBack("Quotas"), fixture.sheets[3].rows, "Quotas");
    });

    it("refuses an output sheet name Excel does not allow", async () => {
      const { port } = await makePort(salesWorkbook());
      await expect(port.apply(quotaPlan(TWO_REPS, "Bad/Name"))).rejects.toBeInstanceOf(LocalizedError);
      expect((await port.listSheets()).map((s) => s.name)).toEqual(["Sales", "Targets", "Archive"]);
    });

    it("reports write progress with done ≤ total, ending at the total", async () => {
      const { port } = await makePort(salesWorkbook());
      const { listener, calls } = recorder();
      await port.apply(plan5, { onProgress: listener });
      expectProgressReachesTotal(calls);
    });

    it("lists the plan's table with its header and totals rows", async () => {
      const { port } = await makePort(salesWorkbook());
      await port.apply(plan5);
      const table = (await port.listTables()).find((t) => t.range.sheet === "Quotas");
      expect(table).toEqual({
        name: "QuotaTable",
        range: { sheet: "Quotas", firstRow: 1, firstColumn: 1, lastRow: FIVE_REPS.length + 2, lastColumn: 4 },
        hasHeaderRow: true,
        hasTotalsRow: true,
      });
    });

    it("applies the plan's page setup: landscape, one page wide, header rows on every page", async () => {
      const { port, printSettings, readBack } = await makePort(salesWorkbook());
      const printed: WritePlan = {
        ...plan5,
        pageSetup: { orientation: "landscape", fitToWidth: 1, fitToHeight: 0, printTitleRows: { first: 1, last: 1 } },
      };
      await port.apply(printed);
      expect(await printSettings("Quotas")).toEqual({ orientation: "landscape", fitToWidth: 1, fitToHeight: 0, printTitleRows: "$1:$1" });
      expectSameCells(await readBack("Quotas"), expectedSheet(plan5), "Quotas with a page setup");
      // A re-run sets the new rows (one print-titles name per sheet, not two).
      await port.apply({ ...printed, pageSetup: { orientation: "landscape", fitToWidth: 1, fitToHeight: 0, printTitleRows: { first: 1, last: 2 } } });
      expect(await printSettings("Quotas")).toMatchObject({ orientation: "landscape", printTitleRows: "$1:$2" });
      // Source sheets get no print settings.
      expect(await printSettings("Sales")).toMatchObject({ fitToWidth: null, printTitleRows: null });
    });

    it("reveal is accepted for a written range", async () => {
      const { port } = await makePort(salesWorkbook());
      await port.apply(plan5);
      await expect(port.reveal(plan5.result)).resolves.toBeUndefined();
    });

    it("freezes nothing where no formula calls SALES (text like \"=1+2\", the Quotas sheet's own formulas)", async () => {
      const { port, readBack } = await makePort(salesWorkbook());
      await port.apply(plan5);
      const before = await readBack("Sales");
      const dry = await port.freezeFormulas(callsSalesFunction, { dryRun: true });
      const report = await port.freezeFormulas(callsSalesFunction);
      for (const r of [dry, report]) expect(r).toEqual({ count: 0, sheets: [], cells: [], uncalculated: [], uncalculatedCount: 0 });
      expectSameCells(await readBack("Sales"), before, "Sales");
      expectSameCells(await readBack("Quotas"), expectedSheet(plan5), "Quotas");
    });
  });
}
