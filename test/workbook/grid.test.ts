import fc from "fast-check";
import { CellGrid, layoutPlan } from "../../src/workbook/ooxml-write";
import type { CellBlock, PlanValue, WritePlan } from "../../src/workbook/plan";

/** The plain meaning of a plan's blocks: one cell at a time, later blocks win, null empties. */
function naive(blocks: CellBlock[]): Map<string, { value: PlanValue; format: string | null; bold: boolean }> {
  const cells = new Map<string, { value: PlanValue; format: string | null; bold: boolean }>();
  for (const b of blocks) {
    b.values.forEach((row, i) =>
      row.forEach((value, j) => {
        const key = `${b.row + i},${b.column + j}`;
        if (value === null) cells.delete(key);
        else cells.set(key, { value, format: b.columnFormats?.[j] ?? null, bold: !!b.bold });
      }),
    );
  }
  return cells;
}

function planOf(blocks: CellBlock[]): WritePlan {
  const result = { sheet: "Q", firstRow: 1, firstColumn: 1, lastRow: 1, lastColumn: 1 };
  return { sheet: "Q", blocks, tables: [], charts: [], columnWidths: [], freezeRows: 0, result };
}

function contents(grid: CellGrid): Map<string, { value: PlanValue; format: string | null; bold: boolean }> {
  const out = new Map<string, { value: PlanValue; format: string | null; bold: boolean }>();
  for (const r of grid.rowNumbers()) for (const [c, cell] of grid.rowCells(r)) out.set(`${r},${c}`, { value: cell.value, format: cell.format, bold: cell.bold });
  return out;
}

const value = fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 5 }), fc.constantFrom("a", "b", "=x"));
const block = fc.record({
  row: fc.integer({ min: 1, max: 40 }),
  column: fc.integer({ min: 1, max: 4 }),
  // Tall blocks (kept whole) and short ones (cell by cell), ragged rows included.
  values: fc.oneof(fc.array(fc.array(value, { maxLength: 3 }), { minLength: 32, maxLength: 40 }), fc.array(fc.array(value, { maxLength: 3 }), { maxLength: 4 })),
  columnFormats: fc.constantFrom(undefined, ["0", null, "@"]),
  bold: fc.boolean(),
});

describe("CellGrid", () => {
  it("lays out tall and short blocks exactly as cell-by-cell writing would", () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 5 }), (blocks) => {
        const grid = layoutPlan(planOf(blocks as CellBlock[]));
        const expected = naive(blocks as CellBlock[]);
        expect(contents(grid)).toEqual(expected);
        for (const [key, cell] of expected) {
          const [r, c] = key.split(",").map(Number);
          expect(grid.value(r, c)).toEqual(cell.value);
        }
        const rows = [...expected.keys()].map((k) => Number(k.split(",")[0]));
        const used = grid.usedRange("Q");
        if (rows.length === 0) expect(used).toBeNull();
        else expect([used?.firstRow, used?.lastRow]).toEqual([Math.min(...rows), Math.max(...rows)]);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a cell set on top of a tall block, and a formula renamed in one", () => {
    const tall: CellBlock = { row: 2, column: 1, values: Array.from({ length: 40 }, (_, i) => [`Rep ${i}`, { formula: "SUM(T[x])", value: i }]) };
    const grid = layoutPlan(planOf([tall]));
    grid.set(2, 1, { value: "Header", format: null, bold: true, italic: false });
    grid.mapFormulas((f) => f.replace("T[", "T_2["));
    expect(grid.get(2, 1)).toEqual({ value: "Header", format: null, bold: true, italic: false });
    expect(grid.get(5, 2)?.value).toEqual({ formula: "SUM(T_2[x])", value: 3 });
    expect(tall.values[3][1]).toEqual({ formula: "SUM(T[x])", value: 3 }); // the plan is not changed
    expect(grid.value(41, 1)).toBe("Rep 39");
  });
});
