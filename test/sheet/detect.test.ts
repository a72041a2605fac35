import { columnNumber, detectTable, DetectedTable, findColumn, normalizeHeader } from "../../src/sheet/detect";
import type { CellValue, SheetSnapshot } from "../../src/workbook/port";

function snap(rows: CellValue[][], sheet = "Sales", firstRow = 1, columns?: number[]): SheetSnapshot {
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  return { sheet, firstRow, columns: columns ?? Array.from({ length: width }, (_, i) => i + 1), rows: rows.map((r) => [...r, ...Array(width - r.length).fill(null)]) };
}

const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

function detect(s: SheetSnapshot): DetectedTable {
  const t = detectTable(s);
  if (!t) throw new Error("no table detected");
  return t;
}

describe("detectTable: the header row", () => {
  it("finds a header below title, note and blank rows", () => {
    const t = detect(
      snap([
        ["Försäljning 2025 / Sales 2025: Nordkaffe AB"],
        ["Belopp i SEK exkl. moms"],
        [],
        ["Date", "Säljare", "Region", "Product", "Units", "Amount (SEK)", "COGS"],
        [d(2025, 1, 3), "Anna Svensson", "Stockholm", "Espresso", 10, 1500, 700],
        [d(2025, 1, 4), "Erik Lindqvist", "Göteborg", "Filter", 4, "1 234,50", 500],
      ]),
    );
    expect(t).toMatchObject({ sheet: "Sales", headerRow: 4, firstDataRow: 5, lastDataRow: 6 });
    expect(t.columns.map((c) => c.header)).toEqual(["Date", "Säljare", "Region", "Product", "Units", "Amount (SEK)", "COGS"]);
    expect(t.suggested).toEqual({ rep: 2, amount: 6, date: 1, units: 5, costs: [7], weight: null });
  });

  it("skips a two-cell note row above the header (no data right under it)", () => {
    const t = detect(
      snap([
        ["Prepared by", "Finance"],
        ["Rep", "Amount"],
        ["Anna", 100],
        ["Erik", 200],
      ]),
    );
    expect(t.headerRow).toBe(2);
  });

  it("reports absolute rows and columns of a snapshot that starts lower and skips columns", () => {
    const t = detect(
      snap(
        [
          ["Sales rep", "Revenue", "Order date"],
          ["Anna", 100, 45700],
          ["Erik", 200, 45701],
        ],
        "Data",
        10,
        [2, 5, 9],
      ),
    );
    expect(t).toMatchObject({ headerRow: 10, firstDataRow: 11, lastDataRow: 12 });
    expect(t.suggested).toMatchObject({ rep: 2, amount: 5, date: 9 });
  });

  it("trims headers and matches them ignoring case and surrounding spaces", () => {
    const t = detect(
      snap([
        ["  segment", "COUNTRY ", " Sales", "  cogs  "],
        ["Government", "Canada", 32370, 16185],
        ["Midmarket", "France", 32670, 21780],
      ]),
    );
    expect(t.columns.map((c) => c.header)).toEqual(["segment", "COUNTRY", "Sales", "cogs"]);
    expect(t.suggested).toMatchObject({ rep: 2, amount: 3, costs: [4] });
  });

  it("ends the table at the first fully blank row, as Excel's current region does", () => {
    const t = detect(
      snap([
        ["Rep", "Amount"],
        ["Anna", 1],
        ["Erik", 2],
        [null, "  "],
        ["Notes", 99],
      ]),
    );
    expect(t.lastDataRow).toBe(3);
  });

  it("takes a row of known headers with nothing under it as an empty table", () => {
    const t = detect(snap([["Säljare", "Belopp", "Datum"]]));
    expect(t).toMatchObject({ headerRow: 1, firstDataRow: 2, lastDataRow: 1 });
    expect(t.suggested).toMatchObject({ rep: 1, amount: 2, date: 3 });
  });

  it("finds no table where there is no header", () => {
    expect(detectTable(snap([]))).toBeNull();
    expect(detectTable(snap([[1, 2, 3], [4, 5, 6]]))).toBeNull();
    expect(detectTable(snap([["Just a note"], ["another"]]))).toBeNull();
    expect(detectTable(snap([["Name", "City"], ["Anna", "Lund"], ["Erik", "Umeå"]]))).toBeNull(); // no numbers
  });
});

describe("detectTable: suggested columns", () => {
  it("knows the Swedish words", () => {
    const t = detect(
      snap([
        ["Orderdatum", "Säljare", "Försäljning (kr)", "Antal", "Varukostnad", "Anskaffningskostnad", "Vikt"],
        ["2025-01-03", "Anna", "1 500,00", 3, 700, 100, 1.5],
        ["2025-01-04", "Erik", "2 250,50", 5, 900, 150, 1],
      ]),
    );
    expect(t.suggested).toEqual({ rep: 2, amount: 3, date: 1, units: 4, costs: [5, 6], weight: 7 });
  });

  it("prefers an exact header over a word inside a longer one", () => {
    const t = detect(
      snap([
        ["Sales Rep", "Gross Sales", "Sale Price", "Sales", "Order Date", "Ship Date"],
        ["Anna", 120, 20, 100, d(2025, 1, 1), d(2025, 1, 3)],
        ["Erik", 240, 20, 200, d(2025, 1, 2), d(2025, 1, 4)],
      ]),
    );
    expect(t.suggested).toMatchObject({ rep: 1, amount: 4, date: 5 });
  });

  it("falls back to a region, then country, then segment column when no column names a person", () => {
    const financial = detect(
      snap([
        ["Segment", "Country", "Product", "Units Sold", " Sales", "COGS", "Profit", "Date", "Year"],
        ["Government", "Canada", "Carretera", 1618.5, 32370, 16185, 16185, d(2014, 1, 1), "2014"],
        ["Midmarket", "France", "Carretera", 2178, 32670, 21780, 10890, d(2014, 6, 1), "2014"],
      ]),
    );
    expect(financial.suggested).toEqual({ rep: 2, amount: 5, date: 8, units: 4, costs: [6], weight: null });
    const superstore = detect(
      snap([
        ["Row ID", "Order Date", "Ship Date", "Customer Name", "Segment", "Country", "Region", "Sales", "Quantity", "Profit"],
        [1, 42682, 42685, "Claire Gute", "Consumer", "United States", "South", 261.96, 2, 41.9136],
        [2, 42682, 42685, "Claire Gute", "Consumer", "United States", "South", 731.94, 3, 219.582],
      ]),
    );
    expect(superstore.suggested).toEqual({ rep: 7, amount: 8, date: 2, units: 9, costs: [], weight: null });
  });

  it("checks the data: an amount must hold numbers and a date dates", () => {
    const t = detect(
      snap([
        ["Rep", "Amount", "Date", "Revenue", "Order date"],
        ["Anna", "see notes", "soon", 100, "2025-01-02"],
        ["Erik", "n/a", "later", 200, "2025-01-03"],
      ]),
    );
    expect(t.suggested).toMatchObject({ rep: 1, amount: 4, date: 5 });
    expect(t.columns.map((c) => c.kind)).toEqual(["text", "text", "text", "number", "date"]);
  });

  it("does not take a product weight in kg or a unit cost for a weight or a cost", () => {
    const t = detect(
      snap([
        ["Rep", "Amount", "Weight (kg)", "Unit cost"],
        ["Anna", 100, 2.5, 10],
        ["Erik", 200, 1.5, 12],
      ]),
    );
    expect(t.suggested).toMatchObject({ weight: null, costs: [] });
  });

  it("leaves roles it cannot find null", () => {
    const t = detect(
      snap([
        ["Name", "Colour", "Score"],
        ["Anna", "red", 3],
      ]),
    );
    expect(t.suggested).toEqual({ rep: null, amount: null, date: null, units: null, costs: [], weight: null });
  });

  it("normalises headers for comparison", () => {
    expect(normalizeHeader("  Amount (SEK) ")).toBe("amount sek");
    expect(normalizeHeader("Sales_Rep")).toBe("sales rep");
    expect(normalizeHeader("ORDER-DATE")).toBe("order date");
  });
});

describe("findColumn", () => {
  const t = detect(
    snap([
      ["Region", " Sales", "Order Date"],
      ["South", 1, 45700],
    ]),
  );

  it("finds a column by header, case-insensitively and ignoring surrounding spaces", () => {
    expect(findColumn(t, "Sales")).toBe(2);
    expect(findColumn(t, "  sales ")).toBe(2);
    expect(findColumn(t, "ORDER DATE")).toBe(3);
  });

  it("finds a column by letter within the table", () => {
    expect(findColumn(t, "C")).toBe(3);
    expect(findColumn(t, "a")).toBe(1);
    expect(findColumn(t, "D")).toBeNull();
  });

  it("returns null for an unknown name", () => {
    expect(findColumn(t, "Amount")).toBeNull();
    expect(findColumn(t, "")).toBeNull();
  });

  it("converts column letters", () => {
    expect(columnNumber("A")).toBe(1);
    expect(columnNumber("z")).toBe(26);
    expect(columnNumber("AA")).toBe(27);
    expect(columnNumber("XFD")).toBe(16384);
    expect(columnNumber("XFE")).toBeNull();
    expect(columnNumber("A1")).toBeNull();
  });
});
