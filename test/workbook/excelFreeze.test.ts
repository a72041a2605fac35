/**
 * ExcelWorkbook.freezeFormulas on the fake Excel object model: SALES formulas (plain, nested,
 * spilled) become their values, everything else stays, and the work travels in requests under
 * 5 MB with a number of syncs that grows with the blocks, not with the cells.
 */
import { ExcelWorkbook } from "../../src/workbook/excel";
import { frozenInput, isCalculated, packByBytes, splitWrite } from "../../src/workbook/excelFreeze";
import { callsSalesFunction } from "../../src/workbook/freeze";
import { FAKE_PAYLOAD_LIMIT_BYTES, FakeExcel } from "../support/excelMock";

// Generous: the machine running the tests may be busy (no timed assertions here).
jest.setTimeout(60_000);

function setup(options: { spillApi?: boolean } = {}) {
  const fake = new FakeExcel({
    sheets: [
      { name: "Plan", rows: [["Rep", "Quota", "Ramp", "Sum", "Split", "Note", "Busy", "Text"], ["Anna", null, null, null, null, null, null, null]] },
      { name: "Data", rows: [["Rep", "Amount"], ["Anna", 100], ["Bo", 200]] },
    ],
  });
  fake.setComputedFormula("Plan", "B2", "=SALES.QUOTA_TOPDOWN(600000,5,12)", 10000);
  fake.setComputedFormula("Plan", "C2", "=ROUND(SALES.QUOTA_RAMP(B2,1),0)+1", 2501);
  fake.input(fake.sheet("Plan"), 1, 3, "=SUM(B2:C2)");
  fake.setComputedFormula("Plan", "E2", "=SALES.QUOTA_BOTTOMUP(20000,{2;2;2;1;1})", [[5000], [5000], [5000], [2500], [2500]]);
  fake.input(fake.sheet("Plan"), 1, 5, "'=SALES.QUOTA_TOPDOWN(1,2)");
  fake.setComputedFormula("Plan", "G2", "=SALES.QUOTA_FORECAST(A2)", { error: "#BUSY!" });
  fake.setComputedFormula("Plan", "H2", "=SALES.QUOTA_FORECAST(1)", "=x");
  fake.setComputedFormula("Data", "C2", "=SALES.QUOTA_ATTAINMENT(B2,0)", { error: "#DIV/0!" });
  const port = new ExcelWorkbook({ run: fake.runner, ...options });
  return { fake, port };
}

describe("ExcelWorkbook.freezeFormulas", () => {
  it("replaces SALES formulas by their values, spilled ranges included, and leaves the rest", async () => {
    const { fake, port } = setup();
    const dataBefore = fake.rows("Data");
    const report = await port.freezeFormulas(callsSalesFunction);

    expect(report.count).toBe(5);
    expect(report.sheets).toEqual([
      { sheet: "Plan", count: 4 },
      { sheet: "Data", count: 1 },
    ]);
    expect(report.cells).toEqual([
      { sheet: "Plan", address: "B2" },
      { sheet: "Plan", address: "C2" },
      { sheet: "Plan", address: "E2:E6" },
      { sheet: "Plan", address: "H2" },
      { sheet: "Data", address: "C2" },
    ]);
    expect(report.uncalculated).toEqual([{ sheet: "Plan", address: "G2" }]);
    expect(report.uncalculatedCount).toBe(1);

    expect(fake.cell("Plan", "B2")).toMatchObject({ value: 10000, formula: null });
    expect(fake.cell("Plan", "C2")).toMatchObject({ value: 2501, formula: null });
    // the native formula stays and still adds up the frozen values
    expect(fake.cell("Plan", "D2")).toMatchObject({ value: 12501, formula: "=SUM(B2:C2)" });
    for (const [address, value] of [["E2", 5000], ["E3", 5000], ["E4", 5000], ["E5", 2500], ["E6", 2500]] as const) {
      expect(fake.cell("Plan", address)).toMatchObject({ value, formula: null });
    }
    expect(fake.sheet("Plan").spills.size).toBe(0);
    // text that reads like a formula, and a cell still calculating, are left alone
    expect(fake.cell("Plan", "F2")).toMatchObject({ value: "=SALES.QUOTA_TOPDOWN(1,2)", formula: null });
    expect(fake.cell("Plan", "G2")).toMatchObject({ formula: "=SALES.QUOTA_FORECAST(A2)" });
    // a text result stays text, an error stays that error
    expect(fake.cell("Plan", "H2")).toMatchObject({ value: "=x", formula: null, prefixed: true });
    expect(fake.cell("Data", "C2")).toMatchObject({ value: { error: "#DIV/0!" }, formula: null });
    expect(fake.rows("Data").slice(0, 3).map((r) => r.slice(0, 2))).toEqual(dataBefore.slice(0, 3).map((r) => r.slice(0, 2)));
  });

  it("changes nothing on a dry run and reports the same cells", async () => {
    const { fake, port } = setup();
    const before = [fake.fingerprint("Plan"), fake.fingerprint("Data")];
    const report = await port.freezeFormulas(callsSalesFunction, { dryRun: true });
    expect(report.count).toBe(5);
    expect(report.cells.map((c) => c.address)).toContain("E2:E6");
    expect([fake.fingerprint("Plan"), fake.fingerprint("Data")]).toEqual(before);
    expect(fake.cellWrites()).toEqual([]);
  });

  it("keeps every request under 5 MB and syncs once per block, on a big sheet", async () => {
    const rows: (string | number | null)[][] = [["Rep", "Amount", "Note", "Quota"]];
    for (let i = 0; i < 150_000; i++) rows.push([`Rep number ${i % 97}`, i * 1.5, `note ${i}`, null]);
    const fake = new FakeExcel({ sheets: [{ name: "Big", rows }] });
    for (let r = 2; r <= 150_001; r += 5_000) fake.setComputedFormula("Big", `D${r}`, `=SALES.QUOTA_RAMP(B${r},1)`, r);
    fake.setComputedFormula(
      "Big",
      "F2",
      "=SALES.QUOTA_PHASE(100,B2:B60001)",
      Array.from({ length: 60_000 }, (_, i) => [`a text result that takes some room ${i}`]),
    );
    const port = new ExcelWorkbook({ run: fake.runner });
    fake.resetLog();
    const report = await port.freezeFormulas(callsSalesFunction);
    expect(report.count).toBe(31);
    expect(report.cells).toContainEqual({ sheet: "Big", address: "F2:F60001" });
    expect(fake.cell("Big", "D5002")).toMatchObject({ value: 5002, formula: null });
    expect(fake.cell("Big", "F60001")).toMatchObject({ value: "a text result that takes some room 59999", formula: null });
    expect(fake.rejected).toEqual([]);
    for (const r of fake.requests) {
      expect(r.requestBytes).toBeLessThan(FAKE_PAYLOAD_LIMIT_BYTES);
      expect(r.responseBytes).toBeLessThan(FAKE_PAYLOAD_LIMIT_BYTES);
    }
    const formulaLoads = fake.cellLoads().filter((op) => op.props?.includes("formulas"));
    expect(formulaLoads.length).toBeGreaterThan(1); // the sheet does not fit one request
    // 2 (sheets, used ranges) + formula blocks + 1 (the found cells) + spilled-value blocks + writes
    const valueBlocks = fake.cellLoadRequests().length - formulaLoads.length - 1;
    expect(fake.syncCalls).toBeLessThanOrEqual(2 + formulaLoads.length + 1 + valueBlocks + 4);
    expect(fake.syncCalls).toBeLessThan(40);
  });

  it("recovers when later rows are much wider than the sample, in the formula scan and in a spilled range", async () => {
    // The first rows are short; later ones carry 400 characters per cell, so a block sized on
    // the sample is refused by the host and must be asked again in smaller blocks.
    const rows: (string | number | null)[][] = [["Rep", "Note", "Quota"]];
    for (let i = 0; i < 30_000; i++) rows.push([`R${i}`, i < 5_000 ? "s" : "x".repeat(400), null]);
    const fake = new FakeExcel({ sheets: [{ name: "Wide", rows }] });
    fake.setComputedFormula("Wide", "C29000", "=SALES.QUOTA_RAMP(1,1)", 7);
    const spilled = Array.from({ length: 30_000 }, (_, i) => [i < 5_000 ? `v${i}` : `${i} ${"y".repeat(400)}`]);
    fake.setComputedFormula("Wide", "E2", "=SALES.QUOTA_PHASE(100,A2:A30001)", spilled);
    const port = new ExcelWorkbook({ run: fake.runner });
    const report = await port.freezeFormulas(callsSalesFunction);
    expect(report.cells).toEqual([
      { sheet: "Wide", address: "E2:E30001" },
      { sheet: "Wide", address: "C29000" },
    ]);
    expect(fake.cell("Wide", "C29000")).toMatchObject({ value: 7, formula: null });
    expect(fake.cell("Wide", "E30001")).toMatchObject({ value: `29999 ${"y".repeat(400)}`, formula: null });
    expect(fake.cell("Wide", "E5002")).toMatchObject({ value: `5000 ${"y".repeat(400)}`, formula: null });
    // Both loops met a refusal and recovered: the formula scan and the spilled values.
    const refusedLoads = fake.rejected.flatMap((r) => r.request.ops.flatMap((op) => op.props ?? []));
    expect(refusedLoads).toContain("formulas");
    expect(refusedLoads).toContain("values");
    expect(fake.rejected.every((r) => r.code === "ResponsePayloadSizeLimitExceeded")).toBe(true);
    for (const r of fake.requests.filter((q) => !fake.rejected.some((x) => x.request === q))) {
      expect(r.requestBytes).toBeLessThan(FAKE_PAYLOAD_LIMIT_BYTES);
      expect(r.responseBytes).toBeLessThan(FAKE_PAYLOAD_LIMIT_BYTES);
    }
    expect(fake.syncCalls).toBeLessThan(60);
  });

  it("without the spill API (older hosts), freezes single cells", async () => {
    const { fake, port } = setup({ spillApi: false });
    const report = await port.freezeFormulas(callsSalesFunction);
    expect(report.cells.map((c) => c.address)).toContain("E2");
    expect(fake.cell("Plan", "E2")).toMatchObject({ value: 5000, formula: null });
  });
});

describe("excelFreeze helpers", () => {
  it("writes values back so that they stay what they were", () => {
    expect(frozenInput(12.5)).toBe(12.5);
    expect(frozenInput(false)).toBe(false);
    expect(frozenInput("=x")).toBe("'=x");
    expect(frozenInput("007")).toBe("'007");
    expect(frozenInput("#N/A")).toBe("#N/A");
    expect(frozenInput("")).toBe("");
    expect(isCalculated("#BUSY!")).toBe(false);
    expect(isCalculated("#NAME?")).toBe(false);
    expect(isCalculated("#DIV/0!")).toBe(true);
    expect(isCalculated(0)).toBe(true);
  });

  it("packs and splits writes under the budget", () => {
    expect(packByBytes([1, 2, 3, 4, 5], (n) => n * 100, 700).map((g) => g.length)).toEqual([2, 1, 1, 1]);
    const big = { sheet: 0, row: 4, column: 2, values: Array.from({ length: 1000 }, (_, i) => [`value ${i}`]) };
    const pieces = splitWrite(big, 5_000);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces[0].row).toBe(4);
    expect(pieces.flatMap((p) => p.values)).toEqual(big.values);
    expect(pieces.map((p) => p.row)).toEqual(pieces.map((_p, i) => 4 + pieces.slice(0, i).reduce((n, q) => n + q.values.length, 0)));
  });
});
