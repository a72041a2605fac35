/**
 * ExcelWorkbook against the fake Excel object model (test/support/excelMock.ts): what lands in
 * cells, what is left alone, and how the work is batched.
 */
import { LocalizedError } from "../../src/i18n";
import { planQuotas } from "../../src/sheet/quotaPlan";
import { ExcelWorkbook } from "../../src/workbook/excel";
import { characterWidthToPoints } from "../../src/workbook/excelBlocks";
import { OWNER_MARKER_NAME, OutputSheetTakenError, WritePlan } from "../../src/workbook/plan";
import type { CellValue } from "../../src/workbook/port";
import { buildQuotaWritePlan, QUOTA_TABLE_NAME } from "../../src/workbook/quotaSheet";
import { FAKE_PAYLOAD_LIMIT_BYTES, FakeExcel, FakeRequest } from "../support/excelMock";

const SALES: CellValue[][] = [
  ["Sales report", null, null, null],
  [null, null, null, null],
  ["Rep", "Date", "Amount", "Note"],
  ["Anna", 45306, 1200.5, "=not a formula"],
  ["Bo", 45307, { error: "#N/A" }, null],
  ["Åsa", 45308, 300, true],
];

function setup(fixture = [{ name: "Sales", rows: SALES }]) {
  const fake = new FakeExcel({ sheets: fixture });
  const port = new ExcelWorkbook({ run: fake.runner });
  return { fake, port };
}

/** A plan in the shape the Quotas sheet uses: header, data, provenance, table, chart. */
function quotaPlan(reps: string[] = ["Anna", "=cmd|' /C calc'!A0", "+46 70", "-Bo", "@home", "007"], sheet = "Quotas"): WritePlan {
  const n = reps.length;
  const history = reps.map((_, i) => 1000 * (i + 1));
  const total = history.reduce((a, b) => a + b, 0);
  return {
    sheet,
    blocks: [
      { row: 1, column: 1, values: [["Rep", "History", "Share", "Quota"]], bold: true },
      {
        row: 2,
        column: 1,
        values: reps.map((rep, i) => [rep, history[i], history[i] / total, history[i] * 2]),
        columnFormats: ["@", "#,##0", "0.0%", "#,##0"],
      },
      { row: 1, column: 6, values: [["How these quotas were made"]], bold: true },
      { row: 2, column: 6, values: [["Method", "Bottom-up"]] },
      { row: 3, column: 6, values: [["Created", new Date(Date.UTC(2025, 2, 1, 9, 30))]], columnFormats: [null, "yyyy-mm-dd hh:mm"] },
      { row: 4, column: 6, values: [["Check", { formula: "=SUM(D2:D3)", value: history[0] * 2 + history[1] * 2 }]] },
    ],
    tables: [
      {
        name: "SalesQuotas",
        range: { sheet, firstRow: 1, firstColumn: 1, lastRow: 1 + n, lastColumn: 4 },
        columns: [
          { name: "Rep", totals: { label: "Total" } },
          { name: "History", totals: { function: "sum", value: total } },
          { name: "Share", totals: null },
          { name: "Quota", totals: { function: "sum", value: total * 2 } },
        ],
        showTotals: true,
        style: "TableStyleMedium2",
      },
    ],
    charts: [
      {
        name: "QuotaVsHistory",
        title: "Quota vs history per rep",
        categories: { sheet, firstRow: 2, firstColumn: 1, lastRow: 1 + n, lastColumn: 1 },
        series: [
          { name: "History", values: { sheet, firstRow: 2, firstColumn: 2, lastRow: 1 + n, lastColumn: 2 } },
          { name: "Quota", values: { sheet, firstRow: 2, firstColumn: 4, lastRow: 1 + n, lastColumn: 4 } },
        ],
        anchor: { sheet, firstRow: 8, firstColumn: 6, lastRow: 24, lastColumn: 12 },
      },
    ],
    columnWidths: [
      { column: 1, width: 20 },
      { column: 6, width: 30 },
    ],
    freezeRows: 1,
    result: { sheet, firstRow: 1, firstColumn: 1, lastRow: 2 + n, lastColumn: 4 },
  };
}

function maxBytes(requests: FakeRequest[]): number {
  return requests.reduce((m, r) => Math.max(m, r.requestBytes, r.responseBytes), 0);
}

describe("ExcelWorkbook: listing and selection", () => {
  it("lists sheets with their used ranges (values only) and visibility", async () => {
    const { fake, port } = setup([
      { name: "Sales", rows: SALES },
      { name: "Empty", rows: [] },
      { name: "Hidden", rows: [[null, null], [null, 7]] },
    ]);
    fake.sheet("Hidden").visibility = "Hidden";
    fake.sheet("Empty").setFormat(4, 4, "0.00"); // formatting alone is not data
    expect(await port.listSheets()).toEqual([
      { name: "Sales", visible: true, used: { sheet: "Sales", firstRow: 1, firstColumn: 1, lastRow: 6, lastColumn: 4 } },
      { name: "Empty", visible: true, used: null },
      { name: "Hidden", visible: false, used: { sheet: "Hidden", firstRow: 2, firstColumn: 2, lastRow: 2, lastColumn: 2 } },
    ]);
    expect(fake.syncCalls).toBe(2);
  });

  it("lists tables with their ranges and sheets", async () => {
    const { fake, port } = setup();
    await port.apply(quotaPlan(["Anna", "Bo"]));
    expect(await port.listTables()).toEqual([
      {
        name: "SalesQuotas",
        range: { sheet: "Quotas", firstRow: 1, firstColumn: 1, lastRow: 4, lastColumn: 4 },
        hasHeaderRow: true,
        hasTotalsRow: true,
      },
    ]);
    expect(fake.tables).toHaveLength(1);
  });

  it("reports the selection and reveals a range by activating its sheet and selecting it", async () => {
    const { fake, port } = setup([
      { name: "Sales", rows: SALES },
      { name: "Other", rows: [[1]] },
    ]);
    fake.selection = { sheet: fake.sheet("Sales"), rect: { r0: 2, c0: 0, rows: 4, cols: 3 } };
    expect(await port.getSelection()).toEqual({ sheet: "Sales", firstRow: 3, firstColumn: 1, lastRow: 6, lastColumn: 3 });

    fake.selection = null;
    expect(await port.getSelection()).toBeNull(); // nothing (or several areas) selected

    await port.reveal({ sheet: "Other", firstRow: 1, firstColumn: 1, lastRow: 2, lastColumn: 2 });
    expect(fake.activeSheet?.name).toBe("Other");
    expect(await port.getSelection()).toEqual({ sheet: "Other", firstRow: 1, firstColumn: 1, lastRow: 2, lastColumn: 2 });
  });
});

describe("ExcelWorkbook.read", () => {
  it("returns values in our model: blanks null, errors as CellError, serials as numbers", async () => {
    const { fake, port } = setup();
    const snap = await port.read({ sheet: "Sales", firstRow: 3, firstColumn: 1, lastRow: 6, lastColumn: 4 });
    expect(snap).toEqual({
      sheet: "Sales",
      firstRow: 3,
      columns: [1, 2, 3, 4],
      rows: [
        ["Rep", "Date", "Amount", "Note"],
        ["Anna", 45306, 1200.5, "=not a formula"],
        ["Bo", 45307, { error: "#N/A" }, null],
        ["Åsa", 45308, 300, true],
      ],
    });
    // Find the sheet, its used rows, then the (single) block.
    expect(fake.syncCalls).toBe(3);
  });

  it("reads only the asked columns, in the asked order, and loads nothing but values", async () => {
    const { fake, port } = setup();
    const snap = await port.read({ sheet: "Sales", firstRow: 4, firstColumn: 1, lastRow: 6, lastColumn: 4 }, { columns: [3, 1, 2] });
    expect(snap.columns).toEqual([3, 1, 2]);
    expect(snap.rows).toEqual([
      [1200.5, "Anna", 45306],
      [{ error: "#N/A" }, "Bo", 45307],
      [300, "Åsa", 45308],
    ]);
    // Range loads: the used-rows probe (positions only), then the cells — values and nothing else.
    expect(fake.rangeLoads().map((l) => l.props)).toEqual([["rowIndex", "rowCount"], ["values"], ["values"]]);
    const loads = fake.cellLoads();
    expect(loads.map((l) => l.rect)).toEqual([
      { r0: 3, c0: 2, rows: 3, cols: 1 },
      { r0: 3, c0: 0, rows: 3, cols: 2 },
    ]);
  });

  it("says which sheet is missing, in the user's language", async () => {
    const { port } = setup();
    const error = await port.read({ sheet: "Nope", firstRow: 1, firstColumn: 1, lastRow: 2, lastColumn: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalizedError);
    expect((error as LocalizedError).message).toContain('"Nope"');
    expect((error as LocalizedError).messageIn("sv")).toContain("Det finns inget blad");
  });

  it("stops at the last used row and leaves out trailing empty rows, as the file adapter does", async () => {
    const { fake, port } = setup();
    const whole = await port.read({ sheet: "Sales", firstRow: 1, firstColumn: 1, lastRow: 1_048_576, lastColumn: 4 });
    expect(whole.rows).toHaveLength(6);
    expect(fake.cellLoads().map((l) => l.rect)).toEqual([{ r0: 0, c0: 0, rows: 6, cols: 4 }]);
    // Column D is empty in the last two rows: they are not returned when only D is read.
    const notes = await port.read({ sheet: "Sales", firstRow: 3, firstColumn: 4, lastRow: 6, lastColumn: 4 });
    expect(notes.rows).toEqual([["Note"], ["=not a formula"], [null], [true]]);
    const none = await port.read({ sheet: "Sales", firstRow: 5, firstColumn: 4, lastRow: 5, lastColumn: 4 });
    expect(none.rows).toEqual([]);
  });

  it("rejects a range that is not one", async () => {
    const { fake, port } = setup();
    await expect(port.read({ sheet: "Sales", firstRow: 5, firstColumn: 1, lastRow: 4, lastColumn: 3 })).rejects.toThrow(RangeError);
    await expect(port.read({ sheet: "Sales", firstRow: 1, firstColumn: 1, lastRow: 2, lastColumn: 2 }, { columns: [0] })).rejects.toThrow(RangeError);
    expect(fake.runCalls).toBe(0);
  });
});

describe("ExcelWorkbook.ownership", () => {
  it("tells absent, ours and foreign apart", async () => {
    const { fake, port } = setup([
      { name: "Sales", rows: SALES },
      { name: "Quotas", rows: [["someone else's"]] },
    ]);
    expect(await port.ownership("Summary")).toBe("absent");
    expect(await port.ownership("Quotas")).toBe("foreign");
    await port.apply(quotaPlan(["Anna"], "Mine"));
    expect(await port.ownership("Mine")).toBe("ours");
    expect(await port.ownership("mine")).toBe("ours"); // sheet names are case-insensitive in Excel
    expect(fake.sheet("Mine").names.get(OWNER_MARKER_NAME.toLowerCase())).toMatchObject({ name: OWNER_MARKER_NAME, visible: false });
  });
});

describe("ExcelWorkbook.apply", () => {
  it("creates the output sheet with a hidden owner marker and writes the plan's cells", async () => {
    const { fake, port } = setup();
    const plan = quotaPlan();
    await port.apply(plan);

    const marker = fake.sheet("Quotas").names.get(OWNER_MARKER_NAME.toLowerCase());
    expect(marker).toMatchObject({ visible: false });
    expect(JSON.parse(marker!.comment)).toEqual({ tables: ["SalesQuotas"], charts: ["QuotaVsHistory"] });

    const rows = fake.rows("Quotas");
    expect(rows[0].slice(0, 4)).toEqual(["Rep", "History", "Share", "Quota"]);
    expect(rows.slice(1, 7).map((r) => r[0])).toEqual(["Anna", "=cmd|' /C calc'!A0", "+46 70", "-Bo", "@home", "007"]);
    expect(rows[1].slice(1, 4)).toEqual([1000, 1000 / 21000, 2000]);
    expect(fake.cell("Quotas", "F1")).toMatchObject({ value: "How these quotas were made", bold: true });
    expect(fake.cell("Quotas", "A1")).toMatchObject({ bold: true });
    expect(fake.cell("Quotas", "A2")).toMatchObject({ bold: false });
  });

  it("stores formula-looking strings as text, never as formulas, and reads them back unchanged", async () => {
    const { fake, port } = setup();
    await port.apply(quotaPlan());
    for (const address of ["A3", "A4", "A5", "A6", "A7"]) {
      const cell = fake.cell("Quotas", address);
      expect(cell.formula).toBeNull();
      expect(cell.prefixed).toBe(true);
      expect(typeof cell.value).toBe("string");
    }
    expect(fake.cell("Quotas", "A7").value).toBe("007"); // not the number 7
    const snap = await port.read({ sheet: "Quotas", firstRow: 2, firstColumn: 1, lastRow: 7, lastColumn: 1 });
    expect(snap.rows.map((r) => r[0])).toEqual(["Anna", "=cmd|' /C calc'!A0", "+46 70", "-Bo", "@home", "007"]);
  });

  it("writes FormulaCell through formulas, dates as serials, and number formats", async () => {
    const { fake, port } = setup();
    await port.apply(quotaPlan(["Anna", "Bo"]));
    expect(fake.cell("Quotas", "G4")).toMatchObject({ formula: "=SUM(D2:D3)", value: 6000 });
    expect(fake.cell("Quotas", "G3")).toMatchObject({ value: 45717 + 9.5 / 24, numberFormat: "yyyy-mm-dd hh:mm" });
    expect(fake.cell("Quotas", "B2").numberFormat).toBe("#,##0");
    expect(fake.cell("Quotas", "C3").numberFormat).toBe("0.0%");
    expect(fake.cell("Quotas", "A2").numberFormat).toBe("@");
    expect(fake.cell("Quotas", "G2").numberFormat).toBeNull();
  });

  it("applies number formats after the values they format, within the same request", async () => {
    const { fake, port } = setup();
    await port.apply(quotaPlan());
    const writes = fake.cellWrites();
    const formats = writes.filter((w) => w.member === "numberFormat");
    expect(formats.length).toBeGreaterThan(0);
    for (const f of formats) {
      const values = writes.filter(
        (w) =>
          (w.member === "values" || w.member === "formulas") &&
          w.sheet === f.sheet &&
          w.rect!.r0 <= f.rect!.r0 &&
          w.rect!.r0 + w.rect!.rows >= f.rect!.r0 + f.rect!.rows &&
          w.rect!.c0 <= f.rect!.c0 &&
          w.rect!.c0 + w.rect!.cols >= f.rect!.c0 + f.rect!.cols,
      );
      expect(values.length).toBeGreaterThan(0);
      for (const v of values) expect(v.request < f.request || (v.request === f.request && v.position < f.position)).toBe(true);
    }
  });

  it("makes an Excel table with a totals row that says what the plan says", async () => {
    const { fake, port } = setup();
    await port.apply(quotaPlan(["Anna", "Bo", "Cecilia"]));
    const [table] = fake.tablesOn("Quotas");
    expect(table).toMatchObject({ name: "SalesQuotas", style: "TableStyleMedium2", showTotals: true, rect: { r0: 0, c0: 0, rows: 4, cols: 4 } });
    expect(fake.cell("Quotas", "A5")).toMatchObject({ value: "Total", prefixed: true, formula: null });
    expect(fake.cell("Quotas", "B5")).toMatchObject({ formula: "=SUBTOTAL(109,SalesQuotas[[History]])", value: 6000, numberFormat: "#,##0" });
    // Excel's own guess for a new totals row is replaced: no totals in a column the plan leaves empty.
    expect(fake.cell("Quotas", "C5")).toMatchObject({ value: null, formula: null });
    expect(fake.cell("Quotas", "D5")).toMatchObject({ formula: "=SUBTOTAL(109,SalesQuotas[[Quota]])", value: 12000 });
  });

  it("names totals columns safely, and falls back to addresses when headers are not names", async () => {
    const { fake, port } = setup();
    const odd = quotaPlan(["Anna", "Bo"]);
    odd.blocks[0].values = [["Rep", "History [kr]", "Share", "Q#1 'final'"]];
    await port.apply(odd);
    expect(fake.cell("Quotas", "B4")).toMatchObject({ formula: "=SUBTOTAL(109,SalesQuotas[[History '[kr']]])", value: 3000 });
    expect(fake.cell("Quotas", "D4")).toMatchObject({ formula: "=SUBTOTAL(109,SalesQuotas[[Q'#1 ''final'']])", value: 6000 });

    // A second output sheet: its table cannot share the first one's name (names are workbook-wide).
    const dup = quotaPlan(["Anna", "Bo"], "Dup");
    dup.blocks[0].values = [["Rep", "Amount", "Share", "amount"]];
    await port.apply(dup);
    expect(fake.tablesOn("Dup").map((t) => t.name)).toEqual(["SalesQuotas_2"]);
    expect(fake.tablesOn("Quotas").map((t) => t.name)).toEqual(["SalesQuotas"]);
    expect(fake.cell("Dup", "B4")).toMatchObject({ formula: "=SUBTOTAL(109,B2:B3)", value: 3000 });
    expect(fake.cell("Dup", "D4")).toMatchObject({ formula: "=SUBTOTAL(109,D2:D3)", value: 6000 });
    // Re-running on Dup replaces its own SalesQuotas_2 (recorded in the marker), not Quotas' table.
    await port.apply(quotaPlan(["Anna", "Bo", "Cecilia"], "Dup"));
    expect(fake.tablesOn("Dup").map((t) => t.name)).toEqual(["SalesQuotas_2"]);
    expect(fake.tablesOn("Quotas").map((t) => t.name)).toEqual(["SalesQuotas"]);
    expect(fake.cell("Dup", "D5")).toMatchObject({ formula: "=SUBTOTAL(109,SalesQuotas_2[[Quota]])", value: 12000 });
  });

  it("adds the chart, column widths in points and frozen header rows", async () => {
    const { fake, port } = setup();
    await port.apply(quotaPlan(["Anna", "Bo"]));
    const sheet = fake.sheet("Quotas");
    expect(sheet.charts).toEqual([
      {
        name: "QuotaVsHistory",
        type: "ColumnClustered",
        title: "Quota vs history per rep",
        series: [
          { name: "History", values: { sheet: "Quotas", address: "B2:B3" }, xValues: { sheet: "Quotas", address: "A2:A3" } },
          { name: "Quota", values: { sheet: "Quotas", address: "D2:D3" }, xValues: { sheet: "Quotas", address: "A2:A3" } },
        ],
        position: { start: "F8", end: "L24" },
      },
    ]);
    expect(sheet.columnWidths.get(1)).toBe(characterWidthToPoints(20));
    expect(sheet.columnWidths.get(6)).toBe(characterWidthToPoints(30));
    expect(sheet.frozenRows).toBe(1);
  });

  it("suspends calculation in every request that writes cells and recalculates at the end", async () => {
    const { fake, port } = setup();
    await port.apply(quotaPlan());
    const valueRequests = fake.requests.filter((r) => r.ops.some((op) => op.member === "values" && op.object === "Range" && op.kind === "set"));
    expect(valueRequests.length).toBeGreaterThan(0);
    // Every cell block is written with calculation suspended; the last request (table totals,
    // chart, widths) is not, and it recalculates what the suspended writes left dirty.
    for (const r of valueRequests.slice(0, -1)) expect(r.calcSuspended).toBe(true);
    expect(fake.calculateCalls).toBe(1);
    const last = fake.requests[fake.requests.length - 1];
    expect(last.ops.some((op) => op.member === "calculate")).toBe(true);
    expect(last.calcSuspended).toBe(false);
  });

  it("never changes any other sheet", async () => {
    const { fake, port } = setup([
      { name: "Sales", rows: SALES },
      { name: "Notes", rows: [["keep"], ["=me"]] },
    ]);
    const before = { sales: fake.fingerprint("Sales"), notes: fake.fingerprint("Notes") };
    await port.apply(quotaPlan());
    await port.apply(quotaPlan(["Anna"]));
    expect(fake.fingerprint("Sales")).toBe(before.sales);
    expect(fake.fingerprint("Notes")).toBe(before.notes);
    const touched = new Set(fake.cellWrites().map((w) => w.sheet));
    expect([...touched]).toEqual(["Quotas"]);
  });

  it("refuses a sheet it did not write, before writing anything", async () => {
    const { fake, port } = setup([
      { name: "Sales", rows: SALES },
      { name: "Quotas", rows: [["My own quotas"], [1, 2, 3]] },
    ]);
    const before = fake.fingerprint("Quotas");
    const error = await port.apply(quotaPlan()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputSheetTakenError);
    expect((error as OutputSheetTakenError).sheet).toBe("Quotas");
    expect((error as OutputSheetTakenError).messageIn("sv")).toContain("Quotas");
    expect(fake.fingerprint("Quotas")).toBe(before);
    expect(fake.requests.flatMap((r) => r.ops).filter((op) => op.kind !== "load")).toEqual([]);
    expect(fake.tables).toEqual([]);
  });

  it("re-applying on its own sheet replaces what it wrote, table and chart included", async () => {
    const { fake, port } = setup();
    await port.apply(quotaPlan(["Anna", "Bo", "Cecilia", "David", "Eva"]));
    await port.apply(quotaPlan(["Anna", "Bo"]));
    const sheet = fake.sheet("Quotas");
    expect([1, 2, 3, 4].map((r) => fake.cellValue(sheet, r - 1, 0))).toEqual(["Rep", "Anna", "Bo", "Total"]);
    // Nothing left over from the longer first run (its rows 5–6 and old totals row 7).
    for (let r = 4; r < 8; r++) {
      for (let c = 0; c < 4; c++) {
        expect(fake.cellValue(sheet, r, c)).toBeNull();
        expect(sheet.format(r, c)).toBeUndefined();
      }
    }
    expect([...sheet.formulas.values()].sort()).toEqual(["=SUBTOTAL(109,SalesQuotas[[History]])", "=SUBTOTAL(109,SalesQuotas[[Quota]])", "=SUM(D2:D3)"]);
    expect(fake.tablesOn("Quotas")).toHaveLength(1);
    expect(fake.tablesOn("Quotas")[0].rect.rows).toBe(3);
    expect(fake.sheet("Quotas").charts.map((c) => c.name)).toEqual(["QuotaVsHistory"]);
    expect(fake.cell("Quotas", "D4")).toMatchObject({ value: 6000 });
  });

  it("on re-apply removes tables and charts it recorded, even under old names, and keeps the user's others", async () => {
    const { fake, port } = setup([
      { name: "Sales", rows: SALES },
      { name: "Other", rows: [["H"], [1]] },
    ]);
    const first = quotaPlan(["Anna"]);
    first.tables[0].name = "OldQuotas";
    first.charts[0].name = "OldChart";
    await port.apply(first);
    // A user's table elsewhere with the name the next run uses for its chart must stay.
    fake.tables.push({ id: 99, name: "UserTable", sheet: fake.sheet("Other"), rect: { r0: 0, c0: 0, rows: 2, cols: 1 }, style: "", showTotals: false });
    await port.apply(quotaPlan(["Anna", "Bo"]));
    expect(fake.tables.map((t) => t.name).sort()).toEqual(["SalesQuotas", "UserTable"]);
    expect(fake.sheet("Quotas").charts.map((c) => c.name)).toEqual(["QuotaVsHistory"]);
  });

  it("refuses an invalid sheet name before touching the workbook", async () => {
    const { fake, port } = setup();
    await expect(port.apply(quotaPlan(["Anna"], "Bad/Name"))).rejects.toThrow(LocalizedError);
    expect(fake.runCalls).toBe(0);
  });

  it("refuses a non-finite number before touching the workbook, naming the cell", async () => {
    const { fake, port } = setup();
    const plan = quotaPlan(["Anna"]);
    plan.blocks[1].values[0][1] = Number.NaN;
    await expect(port.apply(plan)).rejects.toThrow(/Quotas!B2/);
    expect(fake.runCalls).toBe(0);
  });

  it("reports progress in rows written", async () => {
    const { port } = setup();
    const calls: [number, number][] = [];
    const plan = quotaPlan(["Anna", "Bo"]);
    await port.apply(plan, { onProgress: (done, total) => calls.push([done, total]) });
    const rows = plan.blocks.reduce((n, b) => n + b.values.length, 0);
    expect(calls[calls.length - 1]).toEqual([rows, rows]);
  });
});

// --------------------------------------------------------------------------------------------
// Big ranges: row blocks under the payload limit, a sync count that does not grow with rows.

const REPS = ["Anna Andersson", "Björn Berg", "Cecilia Ek", "David Öberg", "=Eva", "Fredrik Ali"];

function salesRow(i: number): CellValue[] {
  return [
    REPS[i % REPS.length],
    45292 + (i % 366),
    Math.round(((i * 7919) % 100_000) * 1.37) / 100,
    (i * 31) % 17,
    i % 11 === 0 ? null : `Order ${100_000 + i}`,
    i % 97 === 0 ? { error: "#N/A" } : (i % 5) * 0.05,
    i % 2 === 0,
    `Region ${i % 9}`,
  ];
}

function generatedSheet(rows: number): CellValue[][] {
  const out: CellValue[][] = [["Rep", "Date", "Amount", "Units", "Order", "Discount", "Paid", "Region"]];
  for (let i = 0; i < rows; i++) out.push(salesRow(i));
  return out;
}

describe("big ranges", () => {
  jest.setTimeout(120_000);

  it("reads 200,000 rows × 8 columns in blocks under 5 MB, one sync per block", async () => {
    const ROWS = 200_000;
    const { fake, port } = setup([{ name: "Sales", rows: generatedSheet(ROWS) }]);
    const progress: number[] = [];
    const snap = await port.read(
      { sheet: "Sales", firstRow: 2, firstColumn: 1, lastRow: ROWS + 1, lastColumn: 8 },
      { onProgress: (done, total) => progress.push(done / total) },
    );

    expect(snap.rows).toHaveLength(ROWS);
    for (const i of [0, 1, 96, 97, 12_345, 99_999, ROWS - 1]) expect(snap.rows[i]).toEqual(salesRow(i));

    // Chunked: the whole range is > 5 MB, every request and response stays under it.
    const loads = fake.cellLoads();
    const totalBytes = fake.requests.reduce((n, r) => n + r.responseBytes, 0);
    expect(totalBytes).toBeGreaterThan(FAKE_PAYLOAD_LIMIT_BYTES);
    expect(maxBytes(fake.requests)).toBeLessThanOrEqual(FAKE_PAYLOAD_LIMIT_BYTES);
    expect(fake.rejected).toEqual([]);
    expect(loads.every((l) => JSON.stringify(l.props) === '["values"]')).toBe(true);
    expect(fake.rangeLoads().length).toBe(loads.length + 1); // + the used-rows probe

    // The blocks tile the range in order, and each request loads exactly one block.
    const blocks = fake.cellLoadRequests();
    expect(blocks.every((r) => r.ops.length === 1)).toBe(true);
    let next = 1;
    for (const l of loads) {
      expect(l.rect).toMatchObject({ r0: next, c0: 0, cols: 8 });
      next += l.rect!.rows;
    }
    expect(next).toBe(ROWS + 1);
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.length).toBeLessThan(20);
    // Two syncs to find the sheet and its used rows, then one per block.
    expect(fake.syncCalls).toBe(2 + blocks.length);
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress).toHaveLength(blocks.length);
  });

  it("does not add syncs when a block holds more rows", async () => {
    const syncsFor = async (rows: number) => {
      const { fake, port } = setup([{ name: "Sales", rows: generatedSheet(rows) }]);
      await port.read({ sheet: "Sales", firstRow: 2, firstColumn: 1, lastRow: rows + 1, lastColumn: 8 });
      return { syncs: fake.syncCalls, blocks: fake.cellLoadRequests().length };
    };
    // 5,000 and 10,000 rows both fit the sample block plus one more.
    const small = await syncsFor(5_000);
    const double = await syncsFor(10_000);
    expect(small).toEqual({ syncs: 4, blocks: 2 });
    expect(double).toEqual(small);
  });

  it("keeps sync count at constant + blocks when the budget forces many blocks", async () => {
    const fake = new FakeExcel({ sheets: [{ name: "Sales", rows: generatedSheet(20_000) }] });
    const port = new ExcelWorkbook({ run: fake.runner, requestBudgetBytes: 100_000 });
    await port.read({ sheet: "Sales", firstRow: 2, firstColumn: 1, lastRow: 20_001, lastColumn: 8 }, { columns: [1, 3, 8] });
    const blockRequests = fake.cellLoadRequests();
    expect(blockRequests.length).toBeGreaterThan(5);
    // Columns 1, 3 and 8 are three ranges per block, all in the block's one request.
    expect(blockRequests.every((r) => r.ops.length === 3)).toBe(true);
    expect(fake.syncCalls).toBe(2 + blockRequests.length);
    expect(Math.max(...blockRequests.map((r) => r.responseBytes))).toBeLessThanOrEqual(100_000);
  });

  it("recovers when later rows are much wider than the sample: smaller blocks, nothing lost", async () => {
    const rows: CellValue[][] = [];
    for (let i = 0; i < 30_000; i++) rows.push([i, i < 5_000 ? "s" : "x".repeat(400)]);
    const fake = new FakeExcel({ sheets: [{ name: "Data", rows }] });
    const port = new ExcelWorkbook({ run: fake.runner });
    const snap = await port.read({ sheet: "Data", firstRow: 1, firstColumn: 1, lastRow: 30_000, lastColumn: 2 });
    expect(snap.rows[29_999]).toEqual([29_999, "x".repeat(400)]);
    expect(snap.rows.map((r) => r[0])).toEqual(rows.map((r) => r[0]));
    expect(fake.rejected.length).toBeGreaterThan(0);
    expect(fake.rejected.every((r) => r.code === "ResponsePayloadSizeLimitExceeded")).toBe(true);
    expect(maxBytes(fake.requests)).toBeLessThanOrEqual(FAKE_PAYLOAD_LIMIT_BYTES);
  });

  it("caps a read block at 5 million cells even when the bytes would allow more", async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => Array.from({ length: 10 }, (_, j) => i * 10 + j));
    const fake = new FakeExcel({ sheets: [{ name: "Wide", rows }] });
    const port = new ExcelWorkbook({ run: fake.runner, maxCellsPerRead: 1_000, sampleCells: 100 });
    const snap = await port.read({ sheet: "Wide", firstRow: 1, firstColumn: 1, lastRow: 5_000, lastColumn: 10 });
    expect(snap.rows).toEqual(rows);
    const loads = fake.cellLoads();
    expect(Math.max(...loads.map((l) => l.rect!.rows * l.rect!.cols))).toBe(1_000);
    expect(fake.syncCalls).toBe(2 + loads.length);
  });

  function bigPlan(rows: number): WritePlan {
    const values = generatedSheet(rows).slice(1);
    return {
      sheet: "Big",
      blocks: [
        { row: 1, column: 1, values: [["Rep", "Date", "Amount", "Units", "Order", "Discount", "Paid", "Region"]], bold: true },
        {
          row: 2,
          column: 1,
          values: values.map((r) => r.map((v) => (typeof v === "object" && v !== null ? "#N/A text" : v))) as WritePlan["blocks"][number]["values"],
          columnFormats: ["@", "yyyy-mm-dd", "#,##0.00", "0", null, "0%", null, null],
        },
      ],
      tables: [],
      charts: [],
      columnWidths: [],
      freezeRows: 1,
      result: { sheet: "Big", firstRow: 1, firstColumn: 1, lastRow: rows + 1, lastColumn: 8 },
    };
  }

  it("writes 200,000 rows × 8 columns in blocks under 5 MB, one sync per block, source untouched", async () => {
    const ROWS = 200_000;
    const { fake, port } = setup([{ name: "Sales", rows: SALES }]);
    const before = fake.fingerprint("Sales");
    const plan = bigPlan(ROWS);
    await port.apply(plan);

    expect(fake.rejected).toEqual([]);
    expect(maxBytes(fake.requests)).toBeLessThanOrEqual(FAKE_PAYLOAD_LIMIT_BYTES);
    const dataRequests = fake.requests.filter((r) => r.ops.some((op) => op.kind === "set" && op.member === "values"));
    const totalBytes = dataRequests.reduce((n, r) => n + r.requestBytes, 0);
    expect(totalBytes).toBeGreaterThan(FAKE_PAYLOAD_LIMIT_BYTES);
    expect(dataRequests.length).toBeGreaterThan(1);
    expect(dataRequests.every((r) => r.calcSuspended)).toBe(true);
    // Find the sheet, create it, one per data block, tables/widths/panes at the end.
    expect(fake.syncCalls).toBe(2 + dataRequests.length + 1);

    const big = fake.sheet("Big");
    expect(fake.cell("Big", "A2")).toMatchObject({ value: "Anna Andersson", numberFormat: "@" });
    expect(fake.cell("Big", "A6")).toMatchObject({ value: "=Eva", formula: null, prefixed: true });
    for (const i of [0, 4, 96, 97, 150_001, ROWS - 1]) {
      const expected = salesRow(i).map((v) => (typeof v === "object" && v !== null ? "#N/A text" : v));
      const got = expected.map((_, c) => fake.cellValue(big, i + 1, c));
      expect(got).toEqual(expected);
    }
    expect(fake.cell("Big", `C${ROWS + 1}`).numberFormat).toBe("#,##0.00");
    expect(fake.fingerprint("Sales")).toBe(before);
  });

  it("does not add syncs when a write block holds more rows", async () => {
    const syncsFor = async (rows: number) => {
      const { fake, port } = setup([{ name: "Sales", rows: SALES }]);
      await port.apply(bigPlan(rows));
      return fake.syncCalls;
    };
    expect(await syncsFor(1_000)).toBe(4);
    expect(await syncsFor(2_000)).toBe(4);
  });
});

// --------------------------------------------------------------------------------------------
// The product's own Quotas sheet, as the wizard writes it.

describe("the Quotas sheet through ExcelWorkbook", () => {
  type Aggregation = Parameters<typeof planQuotas>[0];
  const aggregation = (names: string[], history: number[]) =>
    ({ reps: names.map((name, i) => ({ name, key: name.trim().toLowerCase(), total: history[i], rows: 1, byMonth: {} })), periods: [] }) as unknown as Aggregation;
  const quotas = (names: string[], history: number[]) =>
    buildQuotaWritePlan(
      planQuotas(aggregation(names, history), {
        method: "bottomup",
        target: 1_500_000,
        periods: 12,
        roundTo: 100,
        growth: 0,
      }),
      { sourceSheet: "Sales", columns: { rep: "Rep", amount: "Amount" }, createdAt: new Date(Date.UTC(2026, 0, 15, 8, 30)) },
    );

  it("writes the table whose totals row equals the target, and rep names as text", async () => {
    const { fake, port } = setup();
    await port.apply(quotas(["Anna", "=HYPERLINK(\"x\")", "+46 Bo", "Åsa"], [500_000, 300_000, 150_000, 50_000]));
    const [table] = fake.tablesOn("Quotas");
    expect(table).toMatchObject({ name: QUOTA_TABLE_NAME, showTotals: true, rect: { r0: 0, c0: 0, rows: 5, cols: 5 } });
    const sheet = fake.sheet("Quotas");
    expect([1, 2, 3, 4].map((r) => fake.cellValue(sheet, r, 0))).toEqual(["Anna", '=HYPERLINK("x")', "+46 Bo", "Åsa"]);
    expect(fake.cell("Quotas", "D6").value).toBe(1_500_000);
    expect(fake.cell("Quotas", "E6").value).toBe(125_000);
    expect(fake.cell("Quotas", "D6").formula).toBe(`=SUBTOTAL(109,${QUOTA_TABLE_NAME}[[Quota]])`);
    expect(fake.cell("Quotas", "A6").value).toBe("Total");
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.frozenRows).toBe(1);
    expect(await port.ownership("Quotas")).toBe("ours");
  });

  it("re-runs with fewer reps onto the same sheet without leftovers", async () => {
    const { fake, port } = setup();
    await port.apply(quotas(["Anna", "Bo", "Cecilia", "David"], [4, 3, 2, 1]));
    await port.apply(quotas(["Anna", "Bo"], [1, 1]));
    expect(fake.tablesOn("Quotas")).toHaveLength(1);
    expect(fake.cell("Quotas", "D4").value).toBe(1_500_000);
    for (const address of ["A5", "D5", "A6", "D6"]) expect(fake.cell("Quotas", address).value).toBeNull();
    expect(fake.sheet("Quotas").charts).toHaveLength(1);
  });
});
