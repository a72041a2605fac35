import fc from "fast-check";
import { aggregate, AggregateOptions, Aggregation } from "../../src/sheet/aggregate";
import { isFailure, parseNumber } from "../../src/sheet/cells";
import { ColumnMapping, detectTable, DetectedTable, findColumn } from "../../src/sheet/detect";
import { SheetError } from "../../src/sheet/errors";
import type { CellValue, SheetSnapshot } from "../../src/workbook/port";

const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

function snap(rows: CellValue[][], sheet = "Orders", firstRow = 1): SheetSnapshot {
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  return { sheet, firstRow, columns: Array.from({ length: width }, (_, i) => i + 1), rows: rows.map((r) => [...r, ...Array(width - r.length).fill(null)]) };
}

/** Columns by header, so these tests do not depend on detection's suggestions. */
function mappingOf(table: DetectedTable): ColumnMapping {
  const by = (...names: string[]) => names.map((n) => findColumn(table, n)).find((c) => c !== null) ?? null;
  const costs = ["COGS", "Acquisition cost"].map((n) => findColumn(table, n)).filter((c): c is number => c !== null);
  return { rep: by("Rep", "Säljare"), amount: by("Sales", "Belopp"), date: by("Date", "Datum"), units: by("Units", "Qty"), costs, weight: by("Weight") };
}

/** Header row 1; the table runs to the end of the rows, as the `quota` command reads it. */
function run(rows: CellValue[][], options: Partial<AggregateOptions> = {}, sheet = "Orders"): Aggregation {
  const s = snap(rows, sheet);
  const table = detectTable(s);
  if (!table || table.headerRow !== 1) throw new Error("the header was not found on row 1");
  const full = { ...table, lastDataRow: rows.length };
  return aggregate(s, full, mappingOf(full), { value: "amount", ...options });
}

function errorOf(f: () => unknown): SheetError {
  try {
    f();
  } catch (e) {
    if (e instanceof SheetError) return e;
    throw e;
  }
  throw new Error("expected a SheetError");
}

const totals = (a: Aggregation) => Object.fromEntries(a.reps.map((r) => [r.name, r.total]));

// Rep, Date, Sales (A, B, C)
const HEAD = ["Rep", "Date", "Sales"];

describe("aggregate: sums by rep", () => {
  it("sums rows into one history per rep, in first-appearance order", () => {
    const a = run([HEAD, ["Erik", d(2025, 1, 5), 100], ["Anna", d(2025, 1, 6), 50], ["Erik", d(2025, 2, 1), 25.5]]);
    expect(a.reps.map((r) => [r.name, r.key, r.total, r.rows])).toEqual([
      ["Erik", "erik", 125.5, 2],
      ["Anna", "anna", 50, 1],
    ]);
    expect(a).toMatchObject({ value: "amount", rowsRead: 3, rowsUsed: 3, rowsOutOfRange: 0, skipped: [], blankValues: 0, undatedRows: 0 });
  });

  it("merges names that differ in surrounding spaces, case and no-break spaces; shows the first spelling", () => {
    const a = run([
      HEAD,
      ["  Anna Svensson ", d(2025, 1, 1), 10],
      ["anna svensson", d(2025, 1, 2), 20],
      ["ANNA\u00a0SVENSSON", d(2025, 1, 3), 30],
      ["Anna Svensson\u202f", d(2025, 1, 4), 40],
      ["Anna  Svensson", d(2025, 1, 5), 1], // two inner spaces: another name, as in Excel
    ]);
    expect(a.reps.map((r) => [r.name, r.key, r.total])).toEqual([
      ["Anna Svensson", "anna svensson", 100],
      ["Anna  Svensson", "anna  svensson", 1],
    ]);
  });

  it("keeps formula-looking names as plain text names", () => {
    const names = ["=cmd|' /C calc'!A0", "+46 70 123 45 67", "-", "@x", "=SUM(A1:A9)"];
    const a = run([HEAD, ...names.map((n, i) => [n, d(2025, 1, 1), i + 1])]);
    expect(a.reps.map((r) => r.name)).toEqual(names);
    expect(a.reps.map((r) => r.total)).toEqual([1, 2, 3, 4, 5]);
  });

  it("treats numbers in the rep column as rep ids", () => {
    const a = run([["Rep", "Sales"], [1042, 10], ["1042", 5], [7, 1]]);
    expect(a.reps.map((r) => [r.name, r.total])).toEqual([
      ["1042", 15],
      ["7", 1],
    ]);
  });

  it("reads text amounts in Swedish formats", () => {
    const a = run([
      ["Säljare", "Belopp"],
      ["Anna", "1 234,50 kr"],
      ["Anna", "1\u202f000,25"],
      ["Eva", "SEK 1 000"],
      ["Eva", "1.234,50 €"],
      ["Eva", "-1 200"],
      ["Eva", "2.000"], // a thousands dot, since this column writes decimals with a comma
    ]);
    expect(totals(a)).toEqual({ Anna: 2234.75, Eva: 3034.5 });
  });

  it("reads text amounts in English formats", () => {
    const a = run([
      ["Rep", "Sales"],
      ["Erik", "$32,370.00"],
      ["Erik", " $ 3,500.00 "],
      ["Erik", "(1,200)"],
      ["Erik", "15%"],
      ["Erik", "1,000"],
    ]);
    expect(totals(a)).toEqual({ Erik: 35670.15 });
  });

  it("lets the majority of a column that mixes formats decide the ambiguous cells", () => {
    const a = run([["Rep", "Sales"], ["A", "1 234,50"], ["A", "12,5"], ["A", "$3,500.00"], ["A", "1,200"]]);
    expect(a.reps[0].total).toBeCloseTo(1234.5 + 12.5 + 3500 + 1.2, 9);
  });

  it("decides '1,234' and '1.234' by the rest of the column", () => {
    const en = run([["Rep", "Sales"], ["A", "1,234"], ["A", "2,500.75"]]);
    expect(en.reps[0].total).toBeCloseTo(3734.75, 9);
    const sv = run([["Rep", "Sales"], ["A", "1.234"], ["A", "2,5"], ["A", "1.000,25"]]);
    expect(sv.reps[0].total).toBeCloseTo(1234 + 2.5 + 1000.25, 9);
    const svComma = run([["Rep", "Sales"], ["A", "1,234"], ["A", "0,5"]]);
    expect(svComma.reps[0].total).toBeCloseTo(1.734, 9);
  });

  it("counts a blank amount as 0 and notes it; ignores fully blank rows", () => {
    const a = run([HEAD, ["Anna", d(2025, 1, 1), 10], ["Anna", d(2025, 1, 2), "  "], [null, null, null], ["", " ", null], ["Erik", d(2025, 1, 3), null]]);
    expect(totals(a)).toEqual({ Anna: 10, Erik: 0 });
    expect(a).toMatchObject({ rowsRead: 3, rowsUsed: 3, blankValues: 2 });
  });

  it("sums units and profit (amount − costs)", () => {
    const rows: CellValue[][] = [
      ["Rep", "Sales", "Units", "COGS", "Acquisition cost"],
      ["Peter", 5000, 5, 2000, 500],
      ["Andrew", 5000, 10, 3500, 700],
      ["Peter", 1000, 1, "400", null],
    ];
    expect(totals(run(rows, { value: "units" }))).toEqual({ Peter: 6, Andrew: 10 });
    const profit = run(rows, { value: "profit" });
    expect(totals(profit)).toEqual({ Peter: 3100, Andrew: 800 });
    expect(profit.blankValues).toBe(1);
    // Costs are not subtracted from a plain amount.
    expect(totals(run(rows))).toEqual({ Peter: 6000, Andrew: 5000 });
  });

  it("takes each rep's weight, the same on all of the rep's rows (blanks allowed)", () => {
    const a = run([["Rep", "Sales", "Weight"], ["Anna", 1, null], ["Anna", 1, 2], ["Erik", 1, "1,5"], ["Anna", 1, 2], ["Eva", 1, null]], { weightColumn: 3 });
    expect(a.reps.map((r) => r.weight)).toEqual([2, 1.5, undefined]);
    expect("weight" in a.reps[2]).toBe(false);
  });

  it("leaves a totals row out and lists it, without stopping", () => {
    const a = run([HEAD, ["Anna", d(2025, 1, 1), 10], ["Erik", d(2025, 1, 2), 20], [" TOTAL ", null, 30], [null, "Summa", 30]]);
    expect(totals(a)).toEqual({ Anna: 10, Erik: 20 });
    expect(a.skipped.map((s) => [s.row, s.key])).toEqual([
      [4, "totalsRow"],
      [5, "totalsRow"],
    ]);
    expect(a.skipped[0].reason).toBe('Row 4 is a totals row (" TOTAL " in cell Orders!A4), not a sale; it was left out.');
    expect(a).toMatchObject({ rowsRead: 4, rowsUsed: 2 });
    // Under a date filter too: a totals row has no date, and that is no reason to stop.
    const filtered = run([HEAD, ["Anna", d(2025, 1, 1), 10], ["Grand Total", null, 10]], { year: 2025 });
    expect(filtered.skipped.map((s) => s.key)).toEqual(["totalsRow"]);
  });
});

describe("aggregate: a messy sheet end to end, with detection's own suggestions", () => {
  it("gives the right numbers", () => {
    const s = snap(
      [
        ["Sales ledger 2025"],
        [null],
        ["Exported", "2026-01-05"],
        [null, null, null, null, null],
        [" Order date ", "  Säljare", "Region", " Sales ", "COGS"],
        [d(2024, 12, 30), "Anna Svensson", "Nord", 999, 1],
        [d(2025, 1, 2), "Anna Svensson", "Nord", "1 234,50 kr", 200],
        [45689, " anna svensson", "Nord", 1000, "300"], // 2025-02-01 as a serial
        ["2025-02-03", "Erik Lindqvist", "Syd", "2 000,00", 500],
        [d(2025, 3, 1), "ERIK LINDQVIST ", "Syd", null, null],
        [d(2025, 3, 2), "=Eva", "Väst", "500", 100],
        [d(2025, 3, 3), "#N/A", "Väst", 1, 1],
      ],
      "Försäljning",
    );
    const table = detectTable(s) as DetectedTable;
    expect(table).toMatchObject({ headerRow: 5, firstDataRow: 6, lastDataRow: 12 });
    expect(table.suggested).toEqual({ rep: 2, amount: 4, date: 1, units: null, costs: [5], weight: null });
    expect(() => aggregate(s, table, table.suggested, { value: "amount", year: 2025 })).toThrow(
      new SheetError("errorValue", { cell: "'Försäljning'!B12", column: '"Säljare"', value: "#N/A" }).message,
    );
    const a = aggregate(s, table, table.suggested, { value: "amount", year: 2025, skipInvalid: true });
    expect(a.reps.map((r) => [r.name, r.total])).toEqual([
      ["Anna Svensson", 2234.5],
      ["Erik Lindqvist", 2000],
      ["=Eva", 500],
    ]);
    expect(a.reps[0].byMonth).toEqual({ "2025-01": 1234.5, "2025-02": 1000 });
    expect(a).toMatchObject({ rowsRead: 7, rowsUsed: 5, rowsOutOfRange: 1, blankValues: 1, periods: ["2025-01", "2025-02", "2025-03"] });
    expect(a.skipped.map((x) => x.reason)).toEqual(["Cell 'Försäljning'!B12 (column \"Säljare\") holds the error #N/A."]);
    const profit = aggregate(s, table, table.suggested, { value: "profit", year: 2025, skipInvalid: true });
    expect(profit.reps.map((r) => r.total)).toEqual([2234.5 - 500, 1500, 400]);
  });
});

describe("aggregate: dates and filters", () => {
  const rows: CellValue[][] = [
    HEAD,
    ["Anna", d(2024, 12, 31), 1], // Date object, as from .xlsx
    ["Anna", 45658, 10], // 2025-01-01 as an Excel serial, as from Excel's values
    ["Erik", "2025-03-15", 100], // ISO text
    ["Anna", "15/03/2025", 1000], // day-first text
    ["Erik", "3/31/2025", 10000], // month-first text
    ["Erik", d(2025, 12, 31), 100000],
    ["Anna", 46023, 1000000], // 2026-01-01
  ];

  it("reads Date, serial and text dates into months", () => {
    const a = run(rows);
    expect(a.periods).toEqual(["2024-12", "2025-01", "2025-03", "2025-12", "2026-01"]);
    expect(a.reps[0].byMonth).toEqual({ "2024-12": 1, "2025-01": 10, "2025-03": 1000, "2026-01": 1000000 });
    expect(a.reps[1].byMonth).toEqual({ "2025-03": 10100, "2025-12": 100000 });
  });

  it("keeps only one year; the rest count as out of range", () => {
    const a = run(rows, { year: 2025 });
    expect(totals(a)).toEqual({ Anna: 1010, Erik: 110100 });
    expect(a).toMatchObject({ rowsRead: 7, rowsUsed: 5, rowsOutOfRange: 2 });
    expect(a.periods).toEqual(["2025-01", "2025-03", "2025-12"]);
  });

  it("keeps an inclusive date range, the last day whole", () => {
    const a = run(rows, { from: d(2025, 1, 1), to: d(2025, 3, 15) });
    expect(totals(a)).toEqual({ Anna: 1010, Erik: 100 });
    expect(a.rowsOutOfRange).toBe(4);
    const timed = run([HEAD, ["Anna", new Date(Date.UTC(2025, 2, 15, 18)), 5]], { to: d(2025, 3, 15) });
    expect(timed.rowsUsed).toBe(1);
    const openEnded = run(rows, { from: d(2025, 12, 31) });
    expect(totals(openEnded)).toEqual({ Erik: 100000, Anna: 1000000 });
  });

  it("does not read the rest of a row outside the filter", () => {
    const a = run([HEAD, ["Anna", d(2024, 5, 1), "#N/A"], [null, d(2024, 5, 2), 5], ["Anna", d(2025, 5, 1), 7]], { year: 2025 });
    expect(a).toMatchObject({ rowsRead: 3, rowsUsed: 1, rowsOutOfRange: 2, skipped: [] });
  });

  it("stops on a blank or unreadable date when a filter is set", () => {
    expect(errorOf(() => run([HEAD, ["Anna", null, 5]], { year: 2025 })).message).toBe(
      'Cell Orders!B2 (column "Date") is blank, so the row cannot be placed in the chosen dates.',
    );
    expect(errorOf(() => run([HEAD, ["Anna", "2025-01-01", 1], ["Anna", "tomorrow", 5]], { year: 2025 })).message).toBe(
      'Cell Orders!B3 (column "Date") holds "tomorrow", which is not a date.',
    );
  });

  it("allows blank dates without a filter, counting them", () => {
    const a = run([HEAD, ["Anna", null, 5], ["Anna", d(2025, 1, 1), 1]]);
    expect(a).toMatchObject({ rowsUsed: 2, undatedRows: 1, periods: ["2025-01"] });
    expect(a.reps[0]).toMatchObject({ total: 6, byMonth: { "2025-01": 1 } });
  });

  it("resolves 05/03/2025 by the other dates of the column, or stops", () => {
    const dmy = run([HEAD, ["A", "05/03/2025", 1], ["A", "28/02/2025", 1]]);
    expect(dmy.periods).toEqual(["2025-02", "2025-03"]);
    const mdy = run([HEAD, ["A", "05/03/2025", 1], ["A", "2/28/2025", 1]]);
    expect(mdy.periods).toEqual(["2025-02", "2025-05"]);
    expect(errorOf(() => run([HEAD, ["A", "05/03/2025", 1]])).key).toBe("ambiguousDate");
  });

  it("refuses filters it cannot apply", () => {
    expect(errorOf(() => run([["Rep", "Sales"], ["A", 1]], { year: 2025 })).message).toBe(
      'A year or date range needs a date column, and none is chosen for sheet "Orders".',
    );
    expect(errorOf(() => run(rows, { year: 25.5 })).key).toBe("badYear");
    expect(errorOf(() => run(rows, { from: d(2025, 2, 1), to: d(2025, 1, 1) })).message).toBe("The date range starts after it ends (2025-02-01 to 2025-01-01).");
    expect(errorOf(() => run(rows, { from: new Date(NaN) })).key).toBe("badDate");
  });
});

describe("aggregate: unreadable cells", () => {
  const rows: CellValue[][] = [
    ["Region", "Rep", "Date", "Notes", "Qty", " Sales"],
    ["North", "Anna", d(2025, 1, 1), "", 1, 100],
    ["North", "Anna", d(2025, 1, 2), "", 1, { error: "#N/A" }],
    ["South", "#REF!", d(2025, 1, 3), "", 1, 50],
    ["South", "Erik", d(2025, 1, 4), "", 1, "abc"],
    ["South", null, d(2025, 1, 5), "x", 1, 70],
    ["South", "Erik", d(2025, 1, 6), "", 1, true],
    ["South", "Erik", d(2025, 1, 7), "", 1, 30],
  ];

  it("stops at the first with a message naming the sheet, cell, column and value", () => {
    const e = errorOf(() => run(rows));
    expect(e.message).toBe('Cell Orders!F3 (column "Sales") holds the error #N/A.');
    expect(e.messageIn("sv")).toBe('Cellen Orders!F3 (kolumnen "Sales") innehåller felet #N/A.');
    expect(e.key).toBe("errorValue");
    expect(e.cell).toBe("Orders!F3");
    expect(e.params).toMatchObject({ sheet: "Orders", cell: "Orders!F3", column: '"Sales"', value: "#N/A", row: 3 });
  });

  it("names each kind of bad cell exactly", () => {
    const at = (row: CellValue[]) => errorOf(() => run([rows[0], row]));
    expect(at(["S", "Erik", d(2025, 1, 4), "", 1, "abc"]).message).toBe('Cell Orders!F2 (column "Sales") holds "abc", which is not a number.');
    expect(at(["S", "Erik", d(2025, 1, 4), "", 1, "abc"]).messageIn("sv")).toBe('Cellen Orders!F2 (kolumnen "Sales") innehåller "abc", som inte är ett tal.');
    expect(at(["S", "#REF!", d(2025, 1, 4), "", 1, 1]).message).toBe('Cell Orders!B2 (column "Rep") holds the error #REF!.');
    expect(at(["S", null, d(2025, 1, 4), "", 1, 1]).message).toBe('Cell Orders!B2 (column "Rep") is blank: the row has no rep.');
    expect(at(["S", null, d(2025, 1, 4), "", 1, 1]).messageIn("sv")).toBe('Cellen Orders!B2 (kolumnen "Rep") är tom: raden saknar säljare.');
    expect(at(["S", "Erik", d(2025, 1, 4), "", 1, true]).message).toBe('Cell Orders!F2 (column "Sales") holds the logical value TRUE where a number is expected.');
    expect(at(["S", "Erik", d(2025, 1, 4), "", 1, d(2025, 1, 4)]).message).toBe('Cell Orders!F2 (column "Sales") holds the date 2025-01-04 where a number is expected.');
    expect(at(["S", true, d(2025, 1, 4), "", 1, 1]).message).toBe('Cell Orders!B2 (column "Rep") holds TRUE, which is not a name.');
  });

  it("quotes sheet names as Excel does in the cell address", () => {
    const e = errorOf(() => run([HEAD, ["Anna", d(2025, 1, 1), "x"]], {}, "Sälj 2025"));
    expect(e.message).toBe("Cell 'Sälj 2025'!C2 (column \"Sales\") holds \"x\", which is not a number.");
  });

  it("with skipInvalid, leaves such rows out, lists them with the reason and counts them", () => {
    const a = run(rows, { skipInvalid: true });
    expect(totals(a)).toEqual({ Anna: 100, Erik: 30 });
    expect(a.skipped.map((s) => [s.row, s.column, s.key, s.value])).toEqual([
      [3, 6, "errorValue", { error: "#N/A" }],
      [4, 2, "errorValue", "#REF!"],
      [5, 6, "notNumber", "abc"],
      [6, 2, "repMissing", null],
      [7, 6, "booleanNotNumber", true],
    ]);
    expect(a.skipped[2].reason).toBe('Cell Orders!F5 (column "Sales") holds "abc", which is not a number.');
    expect(a.skipped[2].error.messageIn("sv")).toBe('Cellen Orders!F5 (kolumnen "Sales") innehåller "abc", som inte är ett tal.');
    expect(a).toMatchObject({ rowsRead: 7, rowsUsed: 2, rowsOutOfRange: 0 });
    expect(a.rowsRead).toBe(a.rowsUsed + a.rowsOutOfRange + a.skipped.length);
  });

  it("does not let a skipped row name a rep or give it its spelling", () => {
    const a = run([["Rep", "Sales"], ["  ERIK ", "bad"], ["Erik", 5]], { skipInvalid: true });
    expect(a.reps.map((r) => [r.name, r.total])).toEqual([["Erik", 5]]);
  });
});

describe("aggregate: mapping and snapshot", () => {
  const s = snap([HEAD, ["Anna", d(2025, 1, 1), 1]]);
  const table = detectTable(s) as DetectedTable;

  it("refuses a mapping without the columns it needs", () => {
    expect(errorOf(() => aggregate(s, table, { ...table.suggested, rep: null }, { value: "amount" })).message).toBe('No rep column is chosen for sheet "Orders".');
    expect(errorOf(() => aggregate(s, table, { ...table.suggested, amount: null }, { value: "profit" })).key).toBe("noAmountColumn");
    expect(errorOf(() => aggregate(s, table, table.suggested, { value: "units" })).key).toBe("noUnitsColumn");
    expect(errorOf(() => aggregate(s, table, { ...table.suggested, amount: 7 }, { value: "amount" })).message).toBe('Column G of sheet "Orders" was not read, so it cannot be used.');
  });

  it("works on a read of only the mapped columns, starting at the header row", () => {
    // As the CLI reads big sheets: columns B, D, F from the header (row 3) down.
    const partial: SheetSnapshot = {
      sheet: "Data",
      firstRow: 3,
      columns: [2, 4, 6],
      rows: [
        ["Säljare", "Datum", "Belopp"],
        ["Åsa", "2025-01-02", "1 000,50"],
        ["åsa ", "2025-02-02", 99.5],
        [null, null, null],
        ["Per", "2025-02-03", 1],
      ],
    };
    const t = detectTable(partial) as DetectedTable;
    expect(t).toMatchObject({ headerRow: 3, firstDataRow: 4, lastDataRow: 5 });
    // The caller may extend the table to the end of the read, past the blank row.
    const a = aggregate(partial, { ...t, lastDataRow: 7 }, t.suggested, { value: "amount", year: 2025 });
    expect(a.reps.map((r) => [r.name, r.total])).toEqual([
      ["Åsa", 1100],
      ["Per", 1],
    ]);
    expect(a).toMatchObject({ rowsRead: 3, rowsUsed: 3 });
  });

  it("only reads rows inside the table", () => {
    const a = aggregate(snap([HEAD, ["A", d(2025, 1, 1), 1], ["B", d(2025, 1, 1), 2], ["C", d(2025, 1, 1), 4]]), { ...table, lastDataRow: 3 }, table.suggested, { value: "amount" });
    expect(totals(a)).toEqual({ A: 1, B: 2 });
  });
});

describe("aggregate: properties", () => {
  const names = ["Anna Svensson", "Erik", "Åsa Öberg", "=x", "+46 70"];
  const spelling = fc.tuple(fc.constantFrom(...names), fc.constantFrom("", " ", "  ", "\u00a0"), fc.constantFrom("", " ", "\u202f"), fc.boolean()).map(([n, pre, post, upper]) => `${pre}${upper ? n.toUpperCase() : n}${post}`);
  const en = new Intl.NumberFormat("en-US");
  const sv = new Intl.NumberFormat("sv-SE");
  const amount = fc.oneof(
    fc.integer({ min: -1e9, max: 1e9 }).map((n): CellValue => n),
    fc.integer({ min: 0, max: 1e9 }).map((n): CellValue => `$${en.format(n)}`),
    fc.integer({ min: 0, max: 1e9 }).map((n): CellValue => `${sv.format(n)} kr`),
    fc.integer({ min: 0, max: 1e9 }).map((n): CellValue => `(${en.format(n)})`),
    fc.constantFrom<CellValue>(null, "", "  "),
  );

  it("the reps' totals add up to the sum of the parsed amounts, and every row is accounted for", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(spelling, amount), { maxLength: 60 }), (data) => {
        const a = run([["Rep", "Sales"], ...data.map(([n, v]) => [n, v])]);
        let expected = 0;
        for (const [, v] of data) {
          const n = parseNumber(v);
          if (isFailure(n)) throw new Error(`generated an unreadable amount ${String(v)}`);
          expected += n ?? 0;
        }
        expect(a.reps.reduce((s, r) => s + r.total, 0)).toBe(expected);
        expect(a.reps.reduce((s, r) => s + r.rows, 0)).toBe(data.length);
        expect(a.rowsUsed).toBe(data.length);
        expect(new Set(a.reps.map((r) => r.key)).size).toBe(a.reps.length);
        expect(a.reps.length).toBeLessThanOrEqual(names.length);
      }),
    );
  });

  it("months add up to the total, and the year filter splits rows exactly", () => {
    const row = fc.tuple(fc.constantFrom("A", "B", "C"), fc.integer({ min: 44927, max: 46387 }), fc.integer({ min: 0, max: 1e6 }));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 80 }), (data) => {
        const rows: CellValue[][] = [HEAD, ...data.map(([r, serial, v]) => [r, serial, v])];
        const all = run(rows);
        for (const rep of all.reps) expect(Object.values(rep.byMonth).reduce((s, v) => s + v, 0)).toBe(rep.total);
        const y2024 = run(rows, { year: 2024 });
        expect(y2024.rowsUsed + y2024.rowsOutOfRange).toBe(data.length);
        const expected = data.filter(([, serial]) => serial >= 45292 && serial < 45658).reduce((s, [, , v]) => s + v, 0);
        expect(y2024.reps.reduce((s, r) => s + r.total, 0)).toBe(expected);
      }),
    );
  });
});
