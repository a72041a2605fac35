import { AllocateOptions, localeFromEnv, parseArgs, parseGrowthArg, parseNumberArg } from "../../src/cli/args";
import { CliError } from "../../src/cli/messages";
import { isReservedSheetName } from "../../src/plan/sheetNames";

function allocate(...args: string[]): AllocateOptions {
  const c = parseArgs(["allocate", "in.xlsx", "--out", "out.xlsx", ...args]);
  if (c.command !== "allocate") throw new Error("expected allocate");
  return c;
}

function failure(args: string[]): CliError {
  try {
    parseArgs(args);
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
  throw new Error("expected a CliError");
}

describe("parseArgs", () => {
  it("applies the defaults of the issue: bottomup, periods 1, round 1, detected columns", () => {
    const o = allocate("--target", "1500000");
    expect(o).toMatchObject({
      input: "in.xlsx",
      out: "out.xlsx",
      method: "bottomup",
      target: 1500000,
      periods: 1,
      round: 1,
      growth: 0,
      sheet: null,
      rep: null,
      value: null,
      date: null,
      year: null,
      from: null,
      to: null,
      weights: null,
      costs: null,
      skipInvalid: false,
      json: false,
      lang: null,
      sheetOut: null,
    });
  });

  it("reads every option, in both --name value and --name=value forms", () => {
    const o = allocate(
      "--sheet=Orders",
      "--rep", "Region",
      "--value", " Sales",
      "--date", "Order Date",
      "--from", "2025-01-01",
      "--to=2025-06-30",
      "--method", "topdown",
      "--target", "1_500_000",
      "--periods", "12",
      "--round", "0.01",
      "--weights", "Headcount",
      "--skip-invalid",
      "--json",
      "--lang", "sv",
      "--sheet-out", "Kvoter",
    );
    expect(o).toMatchObject({ sheet: "Orders", rep: "Region", value: " Sales", date: "Order Date", method: "topdown", target: 1500000, periods: 12, round: 0.01, weights: "Headcount", skipInvalid: true, json: true, lang: "sv", sheetOut: "Kvoter" });
    expect(o.from).toEqual(new Date(Date.UTC(2025, 0, 1)));
    expect(o.to).toEqual(new Date(Date.UTC(2025, 5, 30, 23, 59, 59, 999))); // the whole last day
  });

  it("reads the forecast base: last by default, one of the engine's bases, only with --method forecast", () => {
    expect(allocate("--method", "forecast").forecastMethod).toBe("last");
    expect(allocate("--method", "forecast", "--forecast", " Trend ").forecastMethod).toBe("trend");
    expect(allocate("--method", "forecast", "--forecast=average").forecastMethod).toBe("average");
    expect(() => allocate("--method", "forecast", "--forecast", "median")).toThrow(/Unknown forecast base "median"\. Use one of: last, average, trend, growth/);
    expect(() => allocate("--target", "100", "--forecast", "trend")).toThrow(/--forecast is used only with --method forecast/);
  });

  it("takes cost columns as a list and a value that starts with a minus", () => {
    expect(allocate("--method", "profit", "--target", "1", "--cost", "COGS, Freight").costs).toEqual(["COGS", "Freight"]);
    expect(allocate("--method", "forecast", "--growth", "-10%").growth).toBeCloseTo(-0.1, 12);
  });

  it("routes help and version", () => {
    expect(parseArgs([])).toEqual({ command: "help", topic: "main", lang: null });
    expect(parseArgs(["--help"])).toEqual({ command: "help", topic: "main", lang: null });
    expect(parseArgs(["allocate", "-h"])).toEqual({ command: "help", topic: "allocate", lang: null });
    expect(parseArgs(["help", "allocate", "--lang", "sv"])).toEqual({ command: "help", topic: "allocate", lang: "sv" });
    expect(parseArgs(["-V"])).toEqual({ command: "version" });
  });

  it("refuses what it cannot use, as usage errors (exit 2)", () => {
    const cases: [string[], string][] = [
      [["allocate"], "missingInput"],
      [["allocate", "a.xlsx", "b.xlsx", "--out", "o.xlsx", "--target", "1"], "extraArgument"],
      [["allocate", "a.xlsx", "--out", "o.csv", "--target", "1"], "outNotXlsx"],
      [["allocate", "a.xlsx", "--out"], "missingValue"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--out", "p.xlsx", "--target", "1"], "givenTwice"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--json=yes", "--target", "1"], "flagValue"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--method", "sideways", "--target", "1"], "badMethod"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "-5"], "negativeNumber"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "0"], "zeroTarget"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "7", "--round", "1000"], "targetRoundsToZero"],
      // The add-in's other sheets would replace the Quotas sheet (or be replaced by it).
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "1", "--sheet-out", "letters"], "sheetOutReserved"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "1", "--sheet-out", "SalesQuota_Plan"], "sheetOutReserved"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "1", "--sheet-out", "Måluppfyllelse"], "sheetOutReserved"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "0.004", "--round", "0.01"], "targetRoundsToZero"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "1,5"], "badNumber"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "1", "--periods", ""], "badNumber"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "1", "--periods", "1.5"], "badWhole"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "1", "--periods", "0"], "badWhole"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "1", "--round", "-1"], "negativeNumber"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "1", "--year", "25"], "badYear"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "1", "--from", "2025-03-01", "--to", "2025-02-01"], "rangeReversed"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "1", "--weights", "W"], "weightsNeedTopdown"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "1", "--cost", "C"], "costNeedsProfit"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "1", "--lang", "de"], "badLang"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--method", "forecast", "--growth", "-100%"], "badGrowth"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--method", "forecast", "--growth", "lots"], "badGrowth"],
      [["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "1", "--frobnicate"], "unknownOption"],
    ];
    for (const [args, key] of cases) {
      const e = failure(args);
      expect([args.join(" "), e.key]).toEqual([args.join(" "), key]);
      expect(e.exitCode).toBe(2);
    }
  });
});

describe("number arguments", () => {
  it("accepts plain, grouped and underscored numbers but refuses a lone comma", () => {
    expect(["1500000", "1_500_000", "1 500 000", "1,500,000", "1,500,000.50", "0.5", ".5", "1e6", "+3"].map(parseNumberArg)).toEqual([
      1500000, 1500000, 1500000, 1500000, 1500000.5, 0.5, 0.5, 1e6, 3,
    ]);
    expect(["1,5", "12,34,567", "abc", "", "1.2.3", "Infinity", "NaN", "0x10"].map(parseNumberArg)).toEqual([null, null, null, null, null, null, null, null]);
  });

  it("takes growth as a decimal or a percentage", () => {
    expect(parseGrowthArg("0.3")).toBe(0.3);
    expect(parseGrowthArg("30%")).toBe(0.3);
    expect(parseGrowthArg("1.5")).toBe(1.5);
    expect(parseGrowthArg("1")).toBe(1);
    expect(() => parseGrowthArg("30")).toThrow(/3000 %/);
  });
});

describe("localeFromEnv", () => {
  it("follows LC_ALL, LC_MESSAGES, LANG in that order", () => {
    expect(localeFromEnv({ LANG: "sv_SE.UTF-8" })).toBe("sv");
    expect(localeFromEnv({ LANG: "sv" })).toBe("sv");
    expect(localeFromEnv({ LC_ALL: "en_US.UTF-8", LANG: "sv_SE.UTF-8" })).toBe("en");
    expect(localeFromEnv({ LC_MESSAGES: "sv_FI", LANG: "en_GB" })).toBe("sv");
    expect(localeFromEnv({ LANG: "C.UTF-8" })).toBe("en");
    expect(localeFromEnv({})).toBe("en");
  });
});

describe("--sheet-out and the add-in's other sheets", () => {
  it("refuses the name of the stored plan, the letters or the review sheet, in either language and any case", () => {
    expect(["SalesQuota_Plan", "LETTERS", " Kvotbrev ", "attainment", "MÅLUPPFYLLELSE"].filter((n) => !isReservedSheetName(n))).toEqual([]);
    expect(["Quotas", "Kvoter", "Letters 2026", "Plan"].filter(isReservedSheetName)).toEqual([]);
    let error: unknown = null;
    try {
      parseArgs(["allocate", "a.xlsx", "--out", "o.xlsx", "--target", "1", "--letters", "--sheet-out", "Letters"]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).messageIn("en")).toBe('--sheet-out "Letters" is the name of another sheet this tool writes (SalesQuota_Plan, Letters, Kvotbrev, Attainment, Måluppfyllelse); choose another name.');
    expect((error as CliError).messageIn("sv")).toContain("är namnet på ett annat blad som verktyget skriver");
  });
});
