/**
 * Values the command line cannot use are exit code 2 with a message naming their own option:
 * years and dates Excel cannot hold, targets and rounding units beyond Excel's 15 digits. The
 * engine and the wizard apply the same ranges (src/quota/validate.ts, src/sheet/cells.ts).
 */
import fs from "fs";
import path from "path";
import { MAX_PLAN_AMOUNT, MIN_ROUND_UNIT, planAmountProblem, roundUnitProblem } from "../../src/quota/validate";
import { isExcelDate, isExcelYear } from "../../src/sheet/cells";
import { planQuotas } from "../../src/sheet/quotaPlan";
import { DEFAULT_PARAMS } from "../../src/taskpane/state";
import { parseParams } from "../../src/taskpane/pipeline";
import { run, tempDir, writeWorkbook } from "./support";

describe("the command line's ranges (end to end: exit code 2, one line)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    await writeWorkbook(path.join(dir, "in.xlsx"), [
      {
        name: "Sales",
        rows: [
          ["Date", "Rep", "Amount"],
          [new Date(Date.UTC(2025, 0, 5)), "Anna", 2000],
          [new Date(Date.UTC(2025, 1, 5)), "Bo", 1000],
        ],
      },
    ]);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    [["--year", "1899"], '--year must be between 1900 and 9999, the years Excel\'s dates cover, got "1899".'],
    [["--from", "1850-01-01", "--to", "2025-12-31"], '--from must be a date Excel can hold, 1900-01-01 to 9999-12-31, got "1850-01-01".'],
    [["--from", "2025-01-01", "--to", "1899-12-31"], '--to must be a date Excel can hold, 1900-01-01 to 9999-12-31, got "1899-12-31".'],
    [["--target", "1e308"], '--target must be at most 1e+15, the largest amount Excel shows exactly (15 digits), got "1e308".'],
    [["--target", "1000", "--round", "5e-324"], "--round must be 0 (no rounding) or at least 1e-9; a finer unit leaves Excel's 15 digits. Got \"5e-324\"."],
    [["--target", "1000", "--round", "1e16"], '--round must be at most 1e+15, the largest amount Excel shows exactly (15 digits), got "1e16".'],
  ])("%j", async (args, message) => {
    const withTarget = args.includes("--target") ? args : [...args, "--target", "1000"];
    const r = await run(["allocate", "in.xlsx", "--out", "out.xlsx", ...withTarget], dir);
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.code).toBe(2);
    expect(fs.existsSync(path.join(dir, "out.xlsx"))).toBe(false);
  });

  it("speaks Swedish too", async () => {
    const r = await run(["allocate", "in.xlsx", "--out", "out.xlsx", "--year", "10000", "--target", "1", "--lang", "sv"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('--year förväntar sig ett fyrsiffrigt år som 2025, fick "10000".\n');
    const s = await run(["allocate", "in.xlsx", "--out", "out.xlsx", "--year", "1899", "--target", "1", "--lang", "sv"], dir);
    expect(s.stderr).toBe('--year måste ligga mellan 1900 och 9999, åren som Excels datum täcker, fick "1899".\n');
  });

  it.each([
    ["--year", "1900"],
    ["--year", "9999"],
    ["--from", "1900-01-01"],
    ["--round", "1e-9"],
    ["--round", "0"],
  ])("accepts the edge %s %s", async (option, value) => {
    const r = await run(["allocate", "in.xlsx", "--out", "out.xlsx", "--target", "1000", option, value], dir);
    expect(r.stderr).not.toMatch(/must|måste/);
  });

  it("accepts a target of exactly 1e15", async () => {
    const r = await run(["allocate", "in.xlsx", "--out", "out.xlsx", "--target", "1e15"], dir);
    expect(r.code).toBe(0);
  });
});

describe("one rule for the engine, the command and the wizard", () => {
  it("defines the ranges once", () => {
    expect([planAmountProblem(MAX_PLAN_AMOUNT), planAmountProblem(MAX_PLAN_AMOUNT * 10), planAmountProblem(-1), planAmountProblem(Infinity)]).toEqual([null, "aboveMaximum", "negative", "notFinite"]);
    expect([roundUnitProblem(0), roundUnitProblem(MIN_ROUND_UNIT), roundUnitProblem(5e-324), roundUnitProblem(1e16)]).toEqual([null, null, "belowMinimum", "aboveMaximum"]);
    expect([isExcelYear(1899), isExcelYear(1900), isExcelYear(9999), isExcelYear(10000)]).toEqual([false, true, true, false]);
    expect([isExcelDate(new Date(Date.UTC(1899, 11, 31))), isExcelDate(new Date(Date.UTC(1900, 0, 1))), isExcelDate(new Date(Date.UTC(9999, 11, 31)))]).toEqual([false, true, true]);
  });

  it("the engine refuses them, naming the parameter", () => {
    const aggregation = { reps: [{ name: "Anna", total: 2, rows: 1 }, { name: "Bo", total: 1, rows: 1 }], periods: [] } as never;
    const base = { method: "bottomup", periods: 1, roundTo: 1, growth: 0 } as const;
    expect(() => planQuotas(aggregation, { ...base, target: 1e308 })).toThrow("target must be at most 1e+15, the largest amount Excel shows exactly (got 1e+308).");
    expect(() => planQuotas(aggregation, { ...base, target: 1000, roundTo: 5e-324 })).toThrow("round_to must be at least 1e-9 (got 5e-324).");
  });

  it("the wizard flags the same values on their fields", () => {
    const parsed = parseParams({ ...DEFAULT_PARAMS, target: "1e308".replace("e308", "0".repeat(16)), roundTo: "0,0000000001", timeframe: "year", year: "1899" }, "sv");
    expect(parsed.errors).toEqual({ target: "invalidTarget", roundTo: "invalidRound", year: "invalidYear" });
  });
});
