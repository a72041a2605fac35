import { aggregate } from "../../src/sheet/aggregate";
import { detectTable } from "../../src/sheet/detect";
import { SheetError } from "../../src/sheet/errors";
import { isTotalsLabel } from "../../src/sheet/totals";
import type { CellValue, SheetSnapshot } from "../../src/workbook/port";

function run(rows: CellValue[][]) {
  const snapshot: SheetSnapshot = { sheet: "Sales", firstRow: 1, columns: [1, 2], rows };
  const table = detectTable(snapshot);
  if (!table) throw new Error("no table found");
  return aggregate(snapshot, { ...table, lastDataRow: rows.length }, { rep: 1, amount: 2, date: null, units: null, costs: [], weight: null }, { value: "amount" });
}

describe("isTotalsLabel", () => {
  it.each([
    "Total",
    "TOTAL:",
    "total.",
    "Totals",
    "Total sales",
    "Total - North",
    "Grand Total",
    "grand total:",
    "Subtotal North",
    "Sub-total North",
    "Sub total",
    "SUBTOTAL: Q1",
    "Sum",
    "Sum:",
    "Sum - North",
    "Sum of sales",
    "Summa",
    "Summa Norr",
    "summa:",
    "Totalt",
    "Totalt 2025",
    "Delsumma Syd",
    "Totalsumma",
    "Slutsumma:",
    "  Total  ",
    "Total\u00a0sales",
  ])("%j is a totals label", (text) => {
    expect(isTotalsLabel(text)).toBe(true);
  });

  it.each(["Sumner Ortiz", "Totalia AB", "Summer Lee", "Sum Li", "Anna Total", "Subtotalsson", "Grand Hotel", "Summan Ek", "Ototal", "", "   ", "Totala Bolaget AB"])(
    "%j is a name, not a totals label",
    (text) => {
      expect(isTotalsLabel(text)).toBe(false);
    },
  );
});

describe("aggregate: totals rows in and under the data", () => {
  it("leaves out subtotals in the middle and totals at the bottom, and lists each", () => {
    const a = run([
      ["Rep", "Sales"],
      ["Anna", "100"],
      ["Sumner Ortiz", "50"],
      ["Subtotal North", "150"],
      ["Totalia AB", "10"],
      ["Erik", "20"],
      ["Summa Syd", "30"],
      ["TOTAL:", "180"],
      ["Total sales", "180"],
    ]);
    expect(a.reps.map((r) => [r.name, r.total])).toEqual([
      ["Anna", 100],
      ["Sumner Ortiz", 50],
      ["Totalia AB", 10],
      ["Erik", 20],
    ]);
    expect(a.skipped.map((s) => [s.row, s.key])).toEqual([
      [4, "totalsRow"],
      [7, "totalsRow"],
      [8, "totalsRow"],
      [9, "totalsRow"],
    ]);
    expect(a.skipped[0].reason).toBe('Row 4 is a totals row ("Subtotal North" in cell Sales!A4), not a sale; it was left out.');
    expect(a.skipped[0].error.messageIn("sv")).toBe('Rad 4 är en summarad ("Subtotal North" i cellen Sales!A4), inte en försäljning; den togs inte med.');
  });
});

describe("aggregate: sums too large for Excel", () => {
  function errorOf(rows: CellValue[][]): SheetError {
    try {
      run(rows);
    } catch (e) {
      if (e instanceof SheetError) return e;
      throw e;
    }
    throw new Error("expected a SheetError");
  }

  it("names the rep and the column whose sum overflows", () => {
    const e = errorOf([
      ["Rep", "Sales"],
      ["Anna", 1],
      ["Erik", 9e307],
      ["Erik", 9e307],
    ]);
    expect(e.key).toBe("sumTooLarge");
    expect(e.message).toBe('The sum of column "Sales" for rep "Erik" is too large for Excel (beyond ±9.99E+307). Check the amounts of that rep in sheet "Sales".');
    expect(e.messageIn("sv")).toBe('Summan av kolumnen "Sales" för säljaren "Erik" är för stor för Excel (bortom ±9,99E+307). Kontrollera säljarens belopp i bladet "Sales".');
  });

  it("catches a sum that overflowed to Infinity and came back as NaN", () => {
    const e = errorOf([
      ["Rep", "Sales"],
      ["Anna", 1.7e308],
      ["Anna", 1.7e308],
      ["Anna", -1.7e308],
    ]);
    expect(e.key).toBe("sumTooLarge");
    expect(e.params.rep).toBe("Anna");
  });

  it("names the largest rep when only the total over all reps is too large", () => {
    const e = errorOf([
      ["Rep", "Sales"],
      ["Anna", 6e307],
      ["Erik", 7e307],
    ]);
    expect(e.key).toBe("totalTooLarge");
    expect(e.message).toContain('rep "Erik"');
    expect(e.messageIn("sv")).toContain('säljaren "Erik"');
  });

  it("accepts large sums that Excel can hold", () => {
    const a = run([
      ["Rep", "Sales"],
      ["Anna", 4e307],
      ["Erik", 5e307],
    ]);
    expect(a.reps.map((r) => r.total)).toEqual([4e307, 5e307]);
  });
});
