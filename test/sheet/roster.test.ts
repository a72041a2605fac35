import { parseRamp, readRoster } from "../../src/sheet/roster";
import { SheetError } from "../../src/sheet/errors";
import type { CellValue, SheetSnapshot } from "../../src/workbook/port";

function snap(rows: CellValue[][], sheet = "Roster", firstRow = 1, firstColumn = 1): SheetSnapshot {
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  return {
    sheet,
    firstRow,
    columns: Array.from({ length: width }, (_, i) => firstColumn + i),
    rows: rows.map((r) => [...r, ...Array(width - r.length).fill(null)]),
  };
}

const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

function errorOf(f: () => unknown): SheetError {
  try {
    f();
  } catch (e) {
    if (e instanceof SheetError) return e;
    throw e;
  }
  throw new Error("expected a SheetError");
}

describe("readRoster", () => {
  it("reads English headers in row 1: dates, ramps and full quotas", () => {
    const roster = readRoster(
      snap([
        ["Rep", "Start", "End", "Ramp", "Full"],
        ["Nora New", d(2026, 3, 1), null, "25%, 50%, 75%", 20000],
        ["Lars Leaver", null, d(2026, 6, 30), null, null],
        ["Rita Ramp", 46054, null, 0.5, "15 000"],
      ]),
    );
    expect(roster).toEqual([
      { rep: "Nora New", start: "2026-03-01", end: null, ramp: [0.25, 0.5, 0.75], full: 20000, source: "Roster!A2" },
      { rep: "Lars Leaver", start: null, end: "2026-06-30", ramp: null, full: null, source: "Roster!A3" },
      { rep: "Rita Ramp", start: "2026-02-01", end: null, ramp: [0.5], full: 15000, source: "Roster!A4" },
    ]);
  });

  it("reads Swedish headers below a title, in any column order, away from A1", () => {
    const roster = readRoster(
      snap(
        [
          ["Personal 2026"],
          [],
          ["Upprampning", "Säljare", "Anställd", "Slutdatum", "Full kvot"],
          ["0,25;0,5;0,75", " Nora Ny ", "2026-03-01", null, "20 000,50"],
          ["", "Lars", null, "2026-06-30", null],
        ],
        "Personal",
        5,
        3,
      ),
    );
    expect(roster).toEqual([
      { rep: "Nora Ny", start: "2026-03-01", end: null, ramp: [0.25, 0.5, 0.75], full: 20000.5, source: "Personal!D8" },
      { rep: "Lars", start: null, end: "2026-06-30", ramp: null, full: null, source: "Personal!D9" },
    ]);
  });

  it.each([
    ["Startdatum", "Slut", "Månadskvot"],
    ["Start date", "End date", "Full quota"],
    ["Hire date", "Last day", "Monthly quota"],
  ])("knows the headers %s / %s / %s", (start, end, full) => {
    const [e] = readRoster(snap([["Sales rep", start, end, full], ["Anna", d(2026, 2, 1), d(2026, 10, 31), 1000]]));
    expect(e).toMatchObject({ rep: "Anna", start: "2026-02-01", end: "2026-10-31", full: 1000 });
  });

  it("stops at the first blank row and ignores notes below it", () => {
    const roster = readRoster(snap([["Rep", "Start"], ["Anna", d(2026, 1, 1)], [], ["* new hires ramp over three months", null]]));
    expect(roster.map((e) => e.rep)).toEqual(["Anna"]);
  });

  it("reads day-first text dates as the sales dates are read", () => {
    const roster = readRoster(snap([["Rep", "Start"], ["Anna", "15/03/2026"], ["Erik", "01/04/2026"]]));
    expect(roster.map((e) => e.start)).toEqual(["2026-03-15", "2026-04-01"]);
  });

  it("refuses a sheet without a roster table, in both languages", () => {
    const e = errorOf(() => readRoster(snap([["Name", "Colour"], ["Anna", "red"]]), "Team"));
    expect(e.key).toBe("rosterNoHeader");
    expect(e.message).toContain("No roster table found on sheet \"Team\"");
    expect(e.messageIn("sv")).toContain("Ingen bemanningslista hittades i bladet \"Team\"");
  });

  it("refuses an unreadable date, naming the cell", () => {
    const e = errorOf(() => readRoster(snap([["Rep", "Start"], ["Anna", d(2026, 1, 1)], ["Erik", "soon"]])));
    expect(e.key).toBe("notDate");
    expect(e.message).toBe("Cell Roster!B3 (column \"Start\") holds \"soon\", which is not a date.");
  });

  it("refuses a ramp it cannot read, with a hint", () => {
    const e = errorOf(() => readRoster(snap([["Rep", "Ramp"], ["Anna", "25, 50, 75"]])));
    expect(e.key).toBe("rosterBadRamp");
    expect(e.cell).toBe("Roster!B2");
    expect(e.message).toContain("such as 25%, 50%, 75% or 0.25; 0.5; 0.75");
    expect(e.messageIn("sv")).toContain("Cellen Roster!B2 (kolumnen \"Ramp\")");
    expect(errorOf(() => readRoster(snap([["Rep", "Ramp"], ["Anna", 2]]))).key).toBe("rosterBadRamp");
    expect(errorOf(() => readRoster(snap([["Rep", "Ramp"], ["Anna", true]]))).key).toBe("rosterBadRamp");
  });

  it("refuses a full quota that is not a number or is negative", () => {
    expect(errorOf(() => readRoster(snap([["Rep", "Full"], ["Anna", "lots"]]))).message).toBe(
      "Cell Roster!B2 (column \"Full\") holds \"lots\", which is not a number.",
    );
    expect(errorOf(() => readRoster(snap([["Rep", "Full"], ["Anna", -5]]))).key).toBe("rosterNegativeFull");
  });

  it("refuses a row without a rep, naming the cell", () => {
    const e = errorOf(() => readRoster(snap([["Rep", "Start"], ["Anna", d(2026, 1, 1)], [null, d(2026, 2, 1)]])));
    expect(e.key).toBe("rosterRepMissing");
    expect(e.cell).toBe("Roster!A3");
  });

  it("refuses a rep listed twice, naming both cells (en, sv)", () => {
    const e = errorOf(() => readRoster(snap([["Rep", "Start"], ["Anna Svensson", d(2026, 1, 1)], ["Erik", null], [" anna svensson", d(2026, 2, 1)]])));
    expect(e.message).toBe("Anna Svensson is on the roster twice (Roster!A2 and Roster!A4): give each rep one row.");
    expect(e.messageIn("sv")).toBe("Anna Svensson finns två gånger i bemanningslistan (Roster!A2 och Roster!A4): ge varje säljare en rad.");
  });

  it("refuses an end before the start, naming both cells (en, sv)", () => {
    const e = errorOf(() => readRoster(snap([["Rep", "Start", "End"], ["Anna", d(2026, 5, 1), d(2026, 4, 30)]])));
    expect(e.message).toBe("Anna ends on 2026-04-30 (Roster!C2), before starting on 2026-05-01 (Roster!B2).");
    expect(e.messageIn("sv")).toBe("Anna slutar 2026-04-30 (Roster!C2), innan hen börjar 2026-05-01 (Roster!B2).");
    // The same day is a one-day stint, not an error.
    expect(readRoster(snap([["Rep", "Start", "End"], ["Anna", d(2026, 5, 1), d(2026, 5, 1)]]))).toHaveLength(1);
  });
});

describe("parseRamp", () => {
  it.each<[CellValue, number[] | null]>([
    ["25%, 50%, 75%", [0.25, 0.5, 0.75]],
    ["25 %, 50 %, 75 %", [0.25, 0.5, 0.75]],
    ["0.25;0.5;0.75", [0.25, 0.5, 0.75]],
    ["0,25; 0,5; 0,75", [0.25, 0.5, 0.75]],
    ["0.25,0.5,0.75", [0.25, 0.5, 0.75]],
    ["25%,50%", [0.25, 0.5]],
    ["25% 50% 75%", [0.25, 0.5, 0.75]],
    ["0,5", [0.5]],
    ["50%", [0.5]],
    [0.25, [0.25]],
    [0, [0]],
    [null, null],
    ["  ", null],
  ])("%p → %p", (value, steps) => {
    expect(parseRamp(value)).toEqual(steps);
  });

  it.each<CellValue>(["25, 50, 75", "150%", "half", 1.5, -0.1, "0.25;;x"])("refuses %p", (value) => {
    expect(parseRamp(value)).toBe("bad");
  });
});
