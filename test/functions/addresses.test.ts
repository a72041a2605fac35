import { cellAddressIn, columnLetters, MAX_COLUMNS, MAX_ROWS, parameterAddresses, parseRangeAddress } from "../../src/functions/addresses";

describe("parseRangeAddress", () => {
  it("reads sheet-qualified ranges and single cells as Excel writes them", () => {
    expect(parseRangeAddress("Sheet1!A2:A6")).toEqual({ sheet: "Sheet1", row: 2, column: 1, rows: 5, columns: 1 });
    expect(parseRangeAddress("Costs!D8")).toEqual({ sheet: "Costs", row: 8, column: 4, rows: 1, columns: 1 });
    expect(parseRangeAddress("Data!$B$3:$AB$4")).toEqual({ sheet: "Data", row: 3, column: 2, rows: 2, columns: 27 });
    expect(parseRangeAddress(" Data!b3:c4 ")).toEqual({ sheet: "Data", row: 3, column: 2, rows: 2, columns: 2 });
    expect(parseRangeAddress("B2")).toEqual({ sheet: "", row: 2, column: 2, rows: 1, columns: 1 });
  });

  it("keeps quoted sheet names as they are, apostrophes doubled and '!' inside", () => {
    expect(parseRangeAddress("'Latest Prices'!F6")?.sheet).toBe("'Latest Prices'");
    expect(parseRangeAddress("'Bob''s Region'!F6:F9")).toEqual({ sheet: "'Bob''s Region'", row: 6, column: 6, rows: 4, columns: 1 });
    expect(parseRangeAddress("'Q1!Plan'!A1")?.sheet).toBe("'Q1!Plan'");
    expect(parseRangeAddress("'Något & annat'!A1")?.sheet).toBe("'Något & annat'");
  });

  it("reads whole columns and rows, and a range written bottom-right first", () => {
    expect(parseRangeAddress("Sales!C:D")).toEqual({ sheet: "Sales", row: 1, column: 3, rows: MAX_ROWS, columns: 2 });
    expect(parseRangeAddress("Sales!$3:$3")).toEqual({ sheet: "Sales", row: 3, column: 1, rows: 1, columns: MAX_COLUMNS });
    expect(parseRangeAddress("S!C4:A2")).toEqual({ sheet: "S", row: 2, column: 1, rows: 3, columns: 3 });
  });

  it("answers null for anything that is no A1 address of one block", () => {
    for (const bad of [
      undefined,
      null,
      42,
      {},
      "",
      "   ",
      "#REF!",
      "Sheet1!",
      "!A1",
      "Sheet1!A",
      "Sheet1!4",
      "Sheet1!A1:B2:C3",
      "Sheet1!A1,B2",
      "Sheet1!A1:B",
      "Sheet1!A:4",
      "Sheet1!R2C1",
      "Sheet1!A0",
      "Sheet1!XFE1",
      "Sheet1!A1048577",
      "Sheet1!AAAA1",
      "My Sheet!A1",
      "'Open!A1",
      "'Bob's'!A1",
      "''!A1",
      "Sheet1!A1:Name",
      "x".repeat(600) + "!A1",
    ]) {
      expect([bad, parseRangeAddress(bad)]).toEqual([bad, null]);
    }
    expect(parseRangeAddress("Sheet1!XFD1048576")).toEqual({ sheet: "Sheet1", row: MAX_ROWS, column: MAX_COLUMNS, rows: 1, columns: 1 });
  });
});

describe("cellAddressIn", () => {
  it("offsets from the top-left cell, keeping the sheet prefix", () => {
    const range = parseRangeAddress("'My Sheet'!B2:C9");
    expect(range).not.toBeNull();
    if (range === null) return;
    expect(cellAddressIn(range, 0, 0)).toBe("'My Sheet'!B2");
    expect(cellAddressIn(range, 2, 0)).toBe("'My Sheet'!B4");
    expect(cellAddressIn(range, 7, 1)).toBe("'My Sheet'!C9");
    const noSheet = parseRangeAddress("Y5:AB5");
    expect(noSheet && cellAddressIn(noSheet, 0, 3)).toBe("AB5");
  });

  it("answers null outside the range", () => {
    const range = { sheet: "S", row: 2, column: 2, rows: 2, columns: 2 };
    for (const [r, c] of [[2, 0], [0, 2], [-1, 0], [0, 0.5], [NaN, 0]]) expect(cellAddressIn(range, r, c)).toBeNull();
  });
});

describe("columnLetters", () => {
  it("spells Excel's column letters", () => {
    expect([1, 26, 27, 52, 53, 702, 703, MAX_COLUMNS].map(columnLetters)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]);
  });

  it("round-trips through parseRangeAddress for every column", () => {
    for (let c = 1; c <= MAX_COLUMNS; c++) {
      const parsed = parseRangeAddress(`${columnLetters(c)}1`);
      if (parsed?.column !== c) throw new Error(`column ${c} (${columnLetters(c)}) read back as ${parsed?.column}`);
    }
  });
});

describe("parameterAddresses", () => {
  it("maps the addresses to parameter names in order, skipping blanks and non-strings", () => {
    const at = parameterAddresses({ parameterAddresses: ["S!A1", "", null, "S!D1:D4", 7] }, ["a", "b", "c", "d", "e", "f"]);
    expect({ ...at }).toEqual({ a: "S!A1", d: "S!D1:D4" });
  });

  it("gives no addresses for a missing or malformed invocation", () => {
    const throwing = {
      get parameterAddresses(): unknown {
        throw new Error("not available");
      },
    };
    for (const invocation of [undefined, null, "S!A1", 5, {}, { parameterAddresses: "S!A1" }, { parameterAddresses: {} }, throwing]) {
      expect({ ...parameterAddresses(invocation, ["a", "b"]) }).toEqual({});
    }
  });

  it("reads no inherited property as an address", () => {
    const at = parameterAddresses({ parameterAddresses: [] }, ["constructor", "toString"]);
    expect(at.constructor).toBeUndefined();
    expect(at.toString).toBeUndefined();
  });
});
