/**
 * Per-rep attributes read by aggregate(): the weight of a weighted top-down split and the team.
 * Each is one value per rep; a rep with two different values is refused, naming both cells.
 */
import { aggregate, AggregateOptions, Aggregation } from "../../src/sheet/aggregate";
import { detectTable, findColumn } from "../../src/sheet/detect";
import { SheetError } from "../../src/sheet/errors";
import type { CellValue, SheetSnapshot } from "../../src/workbook/port";

function snap(rows: CellValue[][], sheet: string): SheetSnapshot {
  const width = rows.reduce((m, r) => Math.max(m, r.length), 0);
  return { sheet, firstRow: 1, columns: Array.from({ length: width }, (_, i) => i + 1), rows: rows.map((r) => [...r, ...Array(width - r.length).fill(null)]) };
}

function run(rows: CellValue[][], options: Partial<AggregateOptions> & { team?: string; weight?: string }, sheet = "Sales"): Aggregation {
  const s = snap(rows, sheet);
  const table = detectTable(s);
  if (!table || table.headerRow !== 1) throw new Error("the header was not found on row 1");
  const col = (name: string) => findColumn(table, name);
  const mapping = { rep: col("Rep"), amount: col("Units Sold") ?? col("Sales"), date: null, units: null, costs: [], weight: null };
  const { team, weight, ...rest } = options;
  return aggregate(s, table, mapping, {
    value: "amount",
    ...(team ? { teamColumn: col(team) } : {}),
    ...(weight ? { weightColumn: col(weight) } : {}),
    ...rest,
  });
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

describe("aggregate: weights are one number per rep", () => {
  // Financial Sample's shape: the weight column ("Units Sold") differs from row to row.
  const rows: CellValue[][] = [
    ["Rep", "Sales", "Units Sold"],
    ["Canada", 100, 1618.5],
    ["Germany", 50, 200],
    ["Canada", 100, 1321],
  ];

  it("refuses a weight that differs between a rep's rows, naming the rep and both cells (en, sv)", () => {
    const e = errorOf(() => run(rows, { weight: "Units Sold" }));
    expect(e.key).toBe("weightDiffers");
    expect(e.message).toBe(
      "Canada has the weight 1618.5 in cell Sales!C2 and 1321 in cell Sales!C4 (column \"Units Sold\"): a weight is one number per rep, the same on all of the rep's rows.",
    );
    expect(e.messageIn("sv")).toBe(
      "Canada har vikten 1618.5 i cellen Sales!C2 och 1321 i cellen Sales!C4 (kolumnen \"Units Sold\"): en vikt är ett tal per säljare, samma på alla säljarens rader.",
    );
    expect(e.cell).toBe("Sales!C4");
  });

  it("does not take the first row's weight when later rows differ, nor sum them", () => {
    // Same weight on every row: accepted and not summed.
    const same = run([["Rep", "Sales", "Weight"], ["Canada", 1, 3], ["Canada", 1, "3"], ["Germany", 1, 2], ["Canada", 1, null]], { weight: "Weight" });
    expect(same.reps.map((r) => [r.name, r.weight])).toEqual([
      ["Canada", 3],
      ["Germany", 2],
    ]);
  });

  it("compares the weight of rows matched as the same rep (case, spaces)", () => {
    const e = errorOf(() => run([["Rep", "Sales", "Weight"], [" anna ", 1, 2], ["Erik", 1, 1], ["ANNA", 1, 2.5]], { weight: "Weight" }, "My sales"));
    expect(e.message).toContain("anna has the weight 2 in cell 'My sales'!C2 and 2.5 in cell 'My sales'!C4");
  });

  it("skips an unreadable weight cell with skipInvalid, and stops on it without", () => {
    const rowsBad: CellValue[][] = [["Rep", "Sales", "Weight"], ["Anna", 1, 2], ["Anna", 1, "many"], ["Erik", 1, 1]];
    expect(errorOf(() => run(rowsBad, { weight: "Weight" })).cell).toBe("Sales!C3");
    const a = run(rowsBad, { weight: "Weight", skipInvalid: true });
    expect(a.skipped.map((s) => s.row)).toEqual([3]);
    expect(a.reps.map((r) => r.weight)).toEqual([2, 1]);
  });
});

describe("aggregate: teams", () => {
  const HEAD = ["Rep", "Sales", "Team"];

  it("sets each rep's team (first spelling; blank cells on some rows allowed)", () => {
    const a = run(
      [HEAD, ["Anna Svensson", 10, "North"], ["Erik", 5, " south "], ["Anna Svensson", 1, "NORTH"], ["Sofia", 2, "North"], ["Erik", 3, null]],
      { team: "Team" },
    );
    expect(a.reps.map((r) => [r.name, r.team, r.total])).toEqual([
      ["Anna Svensson", "North", 11],
      ["Erik", "south", 8],
      ["Sofia", "North", 2],
    ]);
  });

  it("leaves team unset without a team column", () => {
    const a = run([HEAD, ["Anna", 1, "North"]], {});
    expect("team" in a.reps[0]).toBe(false);
  });

  it("refuses a rep found in two teams, naming both cells (en, sv)", () => {
    const rows: CellValue[][] = [HEAD, ["Anna Svensson", 10, "North"], ["Erik", 5, "South"], ["Anna Svensson", 1, "North"], [" anna svensson", 2, "South"]];
    const e = errorOf(() => run(rows, { team: "Team" }));
    expect(e.key).toBe("twoTeams");
    expect(e.message).toBe("Anna Svensson is in team North (Sales!C2) and in team South (Sales!C5): a rep belongs to one team.");
    expect(e.messageIn("sv")).toBe("Anna Svensson finns i teamet North (Sales!C2) och i teamet South (Sales!C5): en säljare hör till ett team.");
    // Not a bad cell: skipping unreadable rows does not hide it.
    expect(errorOf(() => run(rows, { team: "Team", skipInvalid: true })).key).toBe("twoTeams");
  });

  it("refuses a rep with no team on any row, naming the rep and the column", () => {
    const e = errorOf(() => run([HEAD, ["Anna", 1, "North"], ["Erik", 1, null], ["Erik", 2, ""]], { team: "Team" }));
    expect(e.key).toBe("noTeam");
    expect(e.message).toBe("Erik has no team: every row of the rep is blank in the team column \"Team\" of sheet \"Sales\".");
    expect(e.messageIn("sv")).toContain("Erik saknar team");
  });

  it("stops on an error value in the team column, naming the cell", () => {
    const e = errorOf(() => run([HEAD, ["Anna", 1, "North"], ["Erik", 1, { error: "#N/A" }]], { team: "Team" }));
    expect(e.cell).toBe("Sales!C3");
    expect(e.key).toBe("errorValue");
  });

  it("ignores team cells of rows outside the date filter", () => {
    const d = (m: number) => new Date(Date.UTC(2025, m - 1, 1));
    const s = snap([["Rep", "Date", "Sales", "Team"], ["Anna", d(1), 1, "North"], ["Anna", new Date(Date.UTC(2024, 5, 1)), 1, "South"]], "Sales");
    const table = detectTable(s)!;
    const a = aggregate(s, table, { rep: 1, date: 2, amount: 3, units: null, costs: [], weight: null }, { value: "amount", year: 2025, teamColumn: 4 });
    expect(a.reps.map((r) => r.team)).toEqual(["North"]);
  });
});
