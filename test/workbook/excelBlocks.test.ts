import {
  DEFAULT_DATE_FORMAT,
  OP_OVERHEAD_BYTES,
  characterWidthToPoints,
  columnRuns,
  dateToSerial,
  encodeBlock,
  fromExcelValue,
  isPayloadLimitError,
  jsonBytes,
  nextWriteRequest,
  readBlockRows,
  runsOf,
  sampleBlockRows,
  toExcelInput,
  utf8Length,
} from "../../src/workbook/excelBlocks";
import type { CellBlock } from "../../src/workbook/plan";

const at = () => "Sheet!A1";

describe("payload estimates", () => {
  it("counts UTF-8 bytes, not UTF-16 units", () => {
    expect(utf8Length("abc")).toBe(3);
    expect(utf8Length("Åsa")).toBe(4);
    expect(utf8Length("€")).toBe(3);
    expect(utf8Length("😀")).toBe(4);
    expect(utf8Length("Åsa 😀 €")).toBe(Buffer.byteLength("Åsa 😀 €", "utf8"));
  });

  it("measures JSON as sent", () => {
    const grid = [["Åsa", 1.5, true, ""]];
    expect(jsonBytes(grid)).toBe(Buffer.byteLength(JSON.stringify(grid), "utf8"));
  });
});

describe("values from Excel", () => {
  it("maps empty to null and the fixed error strings to CellError", () => {
    expect(fromExcelValue("")).toBeNull();
    expect(fromExcelValue("#N/A")).toEqual({ error: "#N/A" });
    expect(fromExcelValue("#DIV/0!")).toEqual({ error: "#DIV/0!" });
    expect(fromExcelValue("#SPILL!")).toEqual({ error: "#SPILL!" });
    expect(fromExcelValue("#n/a")).toBe("#n/a");
    expect(fromExcelValue("#hashtag")).toBe("#hashtag");
    expect(fromExcelValue(45306)).toBe(45306);
    expect(fromExcelValue(false)).toBe(false);
    expect(fromExcelValue("Anna")).toBe("Anna");
  });
});

describe("values to Excel", () => {
  it("sends every non-empty string behind an apostrophe so Excel keeps it as text", () => {
    for (const text of ["=SUM(A1)", "+46 70 123", "-", "-5", "@home", "007", "2024-01", "TRUE", "15%", "'quoted", "Anna"]) {
      expect(toExcelInput(text, at)).toBe(`'${text}`);
    }
    expect(toExcelInput("", at)).toBe("");
    expect(toExcelInput(null, at)).toBe("");
  });

  it("sends dates as serials from their UTC fields, and refuses non-finite numbers", () => {
    expect(dateToSerial(new Date(Date.UTC(2024, 0, 15)))).toBe(45306);
    expect(dateToSerial(new Date(Date.UTC(1900, 0, 1, 12)))).toBe(2.5);
    expect(toExcelInput(new Date(Date.UTC(2024, 0, 15, 6)), at)).toBe(45306.25);
    expect(() => toExcelInput(Number.NaN, () => "Quotas!B7")).toThrow(/Quotas!B7/);
    expect(() => toExcelInput(Number.POSITIVE_INFINITY, at)).toThrow(/finite/);
    expect(toExcelInput(true, at)).toBe(true);
    expect(toExcelInput({ formula: "=1+1", value: 2 }, at)).toBeNull();
  });

  it("encodes a block: formulas apart, a date format where the column has none", () => {
    const block: CellBlock = {
      row: 3,
      column: 2,
      values: [
        ["=x", 1, { formula: "SUM(C3:C4)", value: 3 }],
        [new Date(Date.UTC(2024, 0, 15)), 2],
      ],
      columnFormats: [null, "#,##0"],
    };
    const e = encodeBlock(block, at);
    expect(e.width).toBe(3);
    expect(e.values).toEqual([
      ["'=x", 1, null],
      [45306, 2, ""],
    ]);
    expect(e.formulas).toEqual([
      [null, null, "=SUM(C3:C4)"],
      [null, null, null],
    ]);
    expect(e.formats).toEqual([
      [null, "#,##0", null],
      [DEFAULT_DATE_FORMAT, "#,##0", null],
    ]);
    expect(e.rowBytes[0]).toBeGreaterThan(jsonBytes(e.values[0]));
  });
});

describe("runs", () => {
  it("groups consecutive ascending columns only", () => {
    expect(columnRuns([3, 4, 5, 9])).toEqual([
      { first: 3, count: 3, offset: 0 },
      { first: 9, count: 1, offset: 3 },
    ]);
    expect(columnRuns([5, 3, 4])).toEqual([
      { first: 5, count: 1, offset: 0 },
      { first: 3, count: 2, offset: 1 },
    ]);
    expect(columnRuns([2, 2])).toEqual([
      { first: 2, count: 1, offset: 0 },
      { first: 2, count: 1, offset: 1 },
    ]);
  });

  it("finds runs of equal entries per column", () => {
    const grid = [
      ["a", null],
      ["a", "x"],
      ["b", "x"],
      [null, "x"],
    ];
    expect(runsOf(grid, 0, 4, (p, q) => p === q)).toEqual([
      { column: 0, firstRow: 0, items: ["a", "a"] },
      { column: 0, firstRow: 2, items: ["b"] },
      { column: 1, firstRow: 1, items: ["x", "x", "x"] },
    ]);
    expect(runsOf(grid, 1, 3, () => true)).toEqual([
      { column: 0, firstRow: 1, items: ["a", "b"] },
      { column: 1, firstRow: 1, items: ["x", "x"] },
    ]);
  });
});

describe("block planning", () => {
  const block = (row: number, rows: number, text = "x"): CellBlock => ({
    row,
    column: 1,
    values: Array.from({ length: rows }, (_, i) => [text, i, i * 2]),
  });

  it("packs whole rows of several blocks into requests under the budget, in order, without gaps", () => {
    const blocks = [block(1, 10), block(20, 500), block(600, 3)].map((b) => encodeBlock(b, at));
    const budget = 6_000;
    let position = { block: 0, row: 0 };
    const seen: string[] = [];
    let requests = 0;
    while (position.block < blocks.length) {
      const req = nextWriteRequest(blocks, position, budget, Infinity);
      requests++;
      let bytes = OP_OVERHEAD_BYTES;
      for (const p of req.pieces) {
        for (let r = p.firstRow; r < p.firstRow + p.rowCount; r++) {
          seen.push(`${p.block}:${r}`);
          bytes += blocks[p.block].rowBytes[r];
        }
      }
      expect(bytes).toBeLessThanOrEqual(budget);
      position = req.end;
    }
    const expected = blocks.flatMap((b, i) => b.values.map((_, r) => `${i}:${r}`));
    expect(seen).toEqual(expected);
    expect(requests).toBeGreaterThan(1);
    // A small plan goes in one request, however many blocks it has.
    expect(nextWriteRequest(blocks.slice(0, 1).concat(blocks.slice(2)), { block: 0, row: 0 }, 4_000_000, Infinity).pieces).toHaveLength(2);
  });

  it("takes at least one row even when a row is over the budget, and honours a row cap", () => {
    const blocks = [encodeBlock(block(1, 3, "y".repeat(5_000)), at)];
    const req = nextWriteRequest(blocks, { block: 0, row: 0 }, 1_000, Infinity);
    expect(req.rows).toBe(1);
    expect(nextWriteRequest([encodeBlock(block(1, 100), at)], { block: 0, row: 0 }, 4_000_000, Infinity, 7).rows).toBe(7);
  });

  it("sizes read blocks from bytes per row and the cell cap", () => {
    expect(readBlockRows(100, 8, 1, 4_000_000, 5_000_000)).toBe(Math.floor((4_000_000 - OP_OVERHEAD_BYTES) / 125));
    expect(readBlockRows(1, 1000, 1, 4_000_000, 5_000_000)).toBe(5_000);
    expect(readBlockRows(10_000_000, 8, 1, 4_000_000, 5_000_000)).toBe(1);
  });

  it("keeps the sample block small by cells and, at 100 bytes a cell, inside the budget", () => {
    expect(sampleBlockRows(8, 20_000, 4_000_000)).toBe(2_500);
    expect(sampleBlockRows(3, 20_000, 100_000)).toBe(333);
    expect(sampleBlockRows(50_000, 20_000, 4_000_000)).toBe(1);
  });
});

describe("misc", () => {
  it("converts character widths to points (8.43 characters is Excel's 48 pt default)", () => {
    expect(characterWidthToPoints(8.43)).toBe(48);
    expect(characterWidthToPoints(10)).toBe(56.25);
    expect(characterWidthToPoints(0)).toBe(0);
  });

  it("recognises the host's payload-limit errors by code", () => {
    expect(isPayloadLimitError({ code: "RequestPayloadSizeLimitExceeded" })).toBe(true);
    expect(isPayloadLimitError({ code: "ResponsePayloadSizeLimitExceeded" })).toBe(true);
    expect(isPayloadLimitError({ code: "ItemNotFound" })).toBe(false);
    expect(isPayloadLimitError(new Error("RequestPayloadSizeLimitExceeded"))).toBe(false);
  });
});
