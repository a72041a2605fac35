import {
  asExcelError,
  callAsExcel,
  callWithAddresses,
  callWithInvocation,
  CustomFunctionError,
  excelArity,
  withDisplayLanguage,
} from "./support/customFunctionsRuntime";
import {
  activityAttainment,
  combinedAttainment,
  profitQuota,
  quotaAttainment,
  quotaBaseline,
  quotaBottomup,
  quotaForecast,
  quotaPhase,
  quotaRamp,
  quotaTopdown,
  repsNeeded,
  volumeBonus,
} from "../../src/functions/functions";

/** A result with its Excel errors written as their cell text, for compact assertions. */
function shown(result: unknown): unknown {
  if (result instanceof CustomFunctionError) return result.code;
  if (Array.isArray(result)) return result.map(shown);
  return result;
}

function errorOf(result: unknown): { code: string; message: string } {
  const error = asExcelError(result);
  return { code: error.code, message: error.message };
}

/** The value of a one-cell result: every function returns rows of cells, a single value as [[value]]. */
function one(result: unknown): unknown {
  if (!Array.isArray(result) || result.length !== 1 || !Array.isArray(result[0]) || result[0].length !== 1) {
    throw new Error(`expected a 1×1 result, got ${JSON.stringify(result)}`);
  }
  return result[0][0];
}

function sum(matrix: unknown): number {
  return (matrix as number[][]).flat().reduce((a, b) => a + b, 0);
}

const col = (...values: unknown[]) => values.map((v) => [v]);
const row = (...values: unknown[]) => [values];

describe("QUOTA_TOPDOWN", () => {
  it("gives the seed's numbers for a head count", () => {
    expect(callAsExcel(quotaTopdown, 600000, [[5]], 12)).toEqual([[10000]]);
    expect(callAsExcel(quotaTopdown, 900000, [[15]], 12)).toEqual([[5000]]);
  });

  it("uses periods 1 and round_to 1 when they are omitted (null)", () => {
    expect(callAsExcel(quotaTopdown, 600000, [[5]])).toEqual([[120000]]);
    expect(callAsExcel(quotaTopdown, 1000, [[3]], null, null, null)).toEqual([[333]]);
  });

  it("rounds to round_to, and not at all for 0", () => {
    expect(callAsExcel(quotaTopdown, 100000, [[3]], 1, null, 100)).toEqual([[33300]]);
    const [[unrounded]] = callAsExcel(quotaTopdown, 1000, [[3]], 1, null, 0) as number[][];
    expect(unrounded).toBeCloseTo(333.3333333, 6);
  });

  it("spills in the shape of a range of rep cells, summing exactly to target ÷ periods", () => {
    const reps = col("Anna", "Bo", "Cecilia", "David", "Eva");
    expect(callAsExcel(quotaTopdown, 600000, reps, 12)).toEqual(col(10000, 10000, 10000, 10000, 10000));
    expect(callAsExcel(quotaTopdown, 1000, col("A", "B", "C"))).toEqual(col(334, 333, 333));
    expect(callAsExcel(quotaTopdown, 1000, row("A", "B", "C"))).toEqual(row(334, 333, 333));
    const square = callAsExcel(quotaTopdown, 1001, [["A", "B"], ["C", "D"]]);
    expect(square).toEqual([[251, 250], [250, 250]]);
    expect(sum(square)).toBe(1001);
  });

  it("treats one text cell as one rep and blank cells in a rep range as reps", () => {
    expect(callAsExcel(quotaTopdown, 600000, [["Anna"]], 12)).toEqual([[50000]]);
    expect(callAsExcel(quotaTopdown, 900, col("Anna", "", null))).toEqual(col(300, 300, 300));
  });

  it("splits by weights of the same shape; blank weights count as 0", () => {
    expect(callAsExcel(quotaTopdown, 1000, col("A", "B"), 1, col(3, 1))).toEqual(col(750, 250));
    expect(callAsExcel(quotaTopdown, 1000, col("A", "B"), 1, col(3, ""))).toEqual(col(1000, 0));
    expect(callAsExcel(quotaTopdown, 1200, row("A", "B", "C"), 12, row(1, null, 1))).toEqual(row(50, 0, 50));
  });

  it("rejects weights of another shape with #VALUE!", () => {
    const e = errorOf(callAsExcel(quotaTopdown, 1000, col("A", "B"), 1, col(1, 2, 3)));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe("weights must have the same shape as reps (2×1), got 3×1.");
    expect(errorOf(callAsExcel(quotaTopdown, 1000, col("A", "B"), 1, row(1, 2))).code).toBe("#VALUE!");
    // a head count has no rep cells to match weights with
    expect(errorOf(callAsExcel(quotaTopdown, 1000, [[2]], 1, col(1, 2))).code).toBe("#VALUE!");
  });

  it("names the cell when a weight is text or TRUE/FALSE", () => {
    const text = errorOf(callAsExcel(quotaTopdown, 1000, col("A", "B"), 1, col(1, "x")));
    expect(text).toEqual({ code: "#VALUE!", message: 'weights (row 2 of the range) must be a number, got "x".' });
    const bool = errorOf(callAsExcel(quotaTopdown, 1000, row("A", "B"), 1, row(true, 1)));
    expect(bool).toEqual({ code: "#VALUE!", message: "weights (column 1 of the range) must be a number, got TRUE." });
  });

  it("returns #NUM! for a negative target or a rep count below 1 or not whole", () => {
    expect(errorOf(callAsExcel(quotaTopdown, -1, [[5]], 12)).code).toBe("#NUM!");
    expect(errorOf(callAsExcel(quotaTopdown, 600000, [[0]], 12)).code).toBe("#NUM!");
    expect(errorOf(callAsExcel(quotaTopdown, 600000, [[2.5]], 12)).code).toBe("#NUM!");
    expect(errorOf(callAsExcel(quotaTopdown, 600000, [[-3]], 12)).code).toBe("#NUM!");
    expect(errorOf(callAsExcel(quotaTopdown, -1, col("A", "B"))).code).toBe("#NUM!");
  });

  it("reads a blank reps cell as 0 reps (#NUM!) and TRUE as #VALUE!", () => {
    expect(errorOf(callAsExcel(quotaTopdown, 600000, [[null]], 12)).code).toBe("#NUM!");
    expect(errorOf(callAsExcel(quotaTopdown, 600000, [[""]], 12)).code).toBe("#NUM!");
    expect(errorOf(callAsExcel(quotaTopdown, 600000, [[true]], 12))).toEqual({
      code: "#VALUE!",
      message: "reps must be a number, got TRUE.",
    });
  });

  it("returns #VALUE! with a message for text where a number is required", () => {
    expect(errorOf(callAsExcel(quotaTopdown, "lots", [[5]], 12))).toEqual({
      code: "#VALUE!",
      message: 'target must be a number, got "lots".',
    });
    expect(errorOf(callAsExcel(quotaTopdown, 600000, [[5]], "twelve")).code).toBe("#VALUE!");
  });
});

describe("QUOTA_BOTTOMUP", () => {
  it("gives the seed's split for a 2:2:2:1:1 history, in the history's shape", () => {
    expect(callAsExcel(quotaBottomup, 20000, col(2, 2, 2, 1, 1))).toEqual(col(5000, 5000, 5000, 2500, 2500));
    expect(callAsExcel(quotaBottomup, 20000, row(2, 2, 2, 1, 1))).toEqual(row(5000, 5000, 5000, 2500, 2500));
    expect(callAsExcel(quotaBottomup, 20000, [[2, 2], [2, 1], [1, 0]])).toEqual([[5000, 5000], [5000, 2500], [2500, 0]]);
  });

  it("splits target ÷ periods and rounds to round_to, summing exactly", () => {
    expect(callAsExcel(quotaBottomup, 240000, col(2, 2, 2, 1, 1), 12)).toEqual(col(5000, 5000, 5000, 2500, 2500));
    const split = callAsExcel(quotaBottomup, 10000, col(1, 1, 1), null, 100);
    expect(sum(split)).toBe(10000);
    expect((split as number[][]).flat().every((v) => v % 100 === 0)).toBe(true);
  });

  it("counts blank history cells as 0", () => {
    expect(callAsExcel(quotaBottomup, 20000, col(2, "", null, 2))).toEqual(col(10000, 0, 0, 10000));
  });

  it("returns #NUM! for negative history and #DIV/0! when it is all zero", () => {
    expect(errorOf(callAsExcel(quotaBottomup, 20000, col(2, -1))).code).toBe("#NUM!");
    expect(errorOf(callAsExcel(quotaBottomup, 20000, col(0, 0, ""))).code).toBe("#DIV/0!");
    expect(errorOf(callAsExcel(quotaBottomup, -5, col(1, 1))).code).toBe("#NUM!");
  });

  it("returns #VALUE! naming the cell for text or a boolean in history", () => {
    expect(errorOf(callAsExcel(quotaBottomup, 20000, [[1, 2], [3, "n/a"]]))).toEqual({
      code: "#VALUE!",
      message: 'history (row 2, column 2 of the range) must be a number, got "n/a".',
    });
    expect(errorOf(callAsExcel(quotaBottomup, 20000, col(1, false))).code).toBe("#VALUE!");
  });
});

describe("QUOTA_BASELINE", () => {
  it("divides a number or a range's sum by 12 by default", () => {
    expect(one(callAsExcel(quotaBaseline, [[120000]]))).toBe(10000);
    expect(one(callAsExcel(quotaBaseline, col(60000, 30000, "", null, 30000)))).toBe(10000);
    expect(one(callAsExcel(quotaBaseline, [[120000]], 4))).toBe(30000);
  });

  it("returns #VALUE! for text in the range", () => {
    expect(errorOf(callAsExcel(quotaBaseline, row(100, "abc"), 12))).toEqual({
      code: "#VALUE!",
      message: 'revenue (column 2 of the range) must be a number, got "abc".',
    });
  });
});

describe("QUOTA_FORECAST", () => {
  it("gives the seed's forecast: last result plus 30 %", () => {
    expect(one(callAsExcel(quotaForecast, [[15000]], 0.3))).toBe(19500);
    expect(one(callAsExcel(quotaForecast, col(9000, 12000, 15000), 0.3))).toBe(19500);
  });

  it("uses growth 0, method last and horizon 1 when omitted", () => {
    expect(one(callAsExcel(quotaForecast, row(10, 20, 30)))).toBe(30);
    expect(one(callAsExcel(quotaForecast, row(10, 20, 30), null, null, null))).toBe(30);
  });

  it("averages with method average", () => {
    expect(one(callAsExcel(quotaForecast, col(10, 20, 30), 0, "average"))).toBe(20);
    expect(one(callAsExcel(quotaForecast, col(10, 20, 30), 0.5, "Average"))).toBe(30);
  });

  it("fits a line like FORECAST.LINEAR with method trend", () => {
    // least squares on x = 1..5: y = 0.2 + 3.8x; x = 6 gives 23, x = 7 gives 26.8
    expect(one(callAsExcel(quotaForecast, col(6, 7, 9, 15, 21), 0, "trend"))).toBeCloseTo(23, 9);
    expect(one(callAsExcel(quotaForecast, col(6, 7, 9, 15, 21), 0, "TREND", 2))).toBeCloseTo(26.8, 9);
    expect(one(callAsExcel(quotaForecast, row(6, 7, 9, 15, 21), 0.1, "trend"))).toBeCloseTo(25.3, 9);
  });

  it("fits an exponential like GROWTH with method growth", () => {
    expect(one(callAsExcel(quotaForecast, col(1, 2, 4), 0, "growth"))).toBeCloseTo(8, 9);
    expect(one(callAsExcel(quotaForecast, col(100, 110, 121), 0, "growth", 2))).toBeCloseTo(146.41, 9);
  });

  it("returns #NUM! for the growth method with a value ≤ 0", () => {
    expect(errorOf(callAsExcel(quotaForecast, col(1, 0, 4), 0, "growth")).code).toBe("#NUM!");
    expect(errorOf(callAsExcel(quotaForecast, col(1, -2, 4), 0, "growth")).code).toBe("#NUM!");
  });

  it("returns #VALUE! for an unknown method, listing the known ones", () => {
    expect(errorOf(callAsExcel(quotaForecast, [[100]], 0, "median"))).toEqual({
      code: "#VALUE!",
      message: 'Unknown method "median". Use one of: last, average, trend, growth.',
    });
  });

  it("returns #N/A for an empty history", () => {
    expect(errorOf(callAsExcel(quotaForecast, col("", null), 0.3)).code).toBe("#N/A");
  });

  it("counts blank cells inside a history as 0", () => {
    expect(one(callAsExcel(quotaForecast, col(10, "", 20), 0, "average"))).toBe(10);
  });

  it("needs a single row or column", () => {
    expect(errorOf(callAsExcel(quotaForecast, [[1, 2], [3, 4]]))).toEqual({
      code: "#VALUE!",
      message: "history must be a single row or column, got 2×2.",
    });
  });
});

describe("PROFIT_QUOTA", () => {
  it("computes revenue − (cogs + acquisition cost) for single values", () => {
    expect(callAsExcel(profitQuota, [[10000]], [[4000]], [[1000]])).toEqual([[5000]]);
  });

  it("works cell by cell, broadcasting single values and 1×1 ranges", () => {
    expect(callAsExcel(profitQuota, col(10000, 8000), col(4000, 3000), [[500]])).toEqual(col(5500, 4500));
    expect(callAsExcel(profitQuota, [[10000]], row(1000, 2000, ""), [[0]])).toEqual(row(9000, 8000, 10000));
    expect(callAsExcel(profitQuota, [[1, 2], [3, 4]], [[0, 1], [1, 0]], [[1]])).toEqual([[0, 0], [1, 3]]);
  });

  it("returns #VALUE! for ranges of different shapes", () => {
    const e = errorOf(callAsExcel(profitQuota, col(1, 2, 3), col(1, 2), [[0]]));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("revenue 3×1, cogs 2×1, acquisition_cost 1×1");
    expect(errorOf(callAsExcel(profitQuota, col(1, 2), row(1, 2), [[0]])).code).toBe("#VALUE!");
  });

  it("puts #VALUE! only in the cell with text, as Excel's array arithmetic does", () => {
    const result = callAsExcel(profitQuota, col(100, "x", 300), [[10]], [[0]]) as unknown[][];
    expect(shown(result)).toEqual(col(90, "#VALUE!", 290));
    expect((result[1][0] as CustomFunctionError).message).toBe('revenue (row 2 of the range) must be a number, got "x".');
  });

  it("returns the error itself for a single bad value", () => {
    expect(errorOf(callAsExcel(profitQuota, [["x"]], [[1]], [[1]]))).toEqual({
      code: "#VALUE!",
      message: 'revenue must be a number, got "x".',
    });
  });
});

describe("VOLUME_BONUS", () => {
  it("gives the seed's bonus: (17 − 15) × 200", () => {
    expect(callAsExcel(volumeBonus, [[17]], [[15]], [[200]])).toEqual([[400]]);
  });

  it("is 0 at or under quota, and works cell by cell", () => {
    expect(callAsExcel(volumeBonus, [[14]], [[15]], [[200]])).toEqual([[0]]);
    expect(callAsExcel(volumeBonus, col(17, 15, 20, ""), [[15]], [[200]])).toEqual(col(400, 0, 1000, 0));
    expect(callAsExcel(volumeBonus, row(17, 20), row(15, 10), row(200, 100))).toEqual(row(400, 1000));
  });

  it("returns #VALUE! for mismatched shapes", () => {
    expect(errorOf(callAsExcel(volumeBonus, col(17, 20), col(15, 10, 5), [[100]])).code).toBe("#VALUE!");
  });
});

describe("QUOTA_ATTAINMENT", () => {
  it("divides actual by quota, cell by cell", () => {
    expect(callAsExcel(quotaAttainment, [[120]], [[100]])).toEqual([[1.2]]);
    expect(callAsExcel(quotaAttainment, col(50, 100, 150), [[100]])).toEqual(col(0.5, 1, 1.5));
  });

  it("returns #DIV/0! for a zero quota: whole result for one value, the cell in a range", () => {
    expect(errorOf(callAsExcel(quotaAttainment, [[5]], [[0]])).code).toBe("#DIV/0!");
    expect(shown(callAsExcel(quotaAttainment, col(100, 50), col(0, 100)))).toEqual(col("#DIV/0!", 0.5));
    expect(shown(callAsExcel(quotaAttainment, col(100, 50), col("", 100)))).toEqual(col("#DIV/0!", 0.5));
  });

  it("returns #VALUE! for mismatched shapes", () => {
    expect(errorOf(callAsExcel(quotaAttainment, col(1, 2), col(1, 2, 3))).code).toBe("#VALUE!");
  });
});

describe("ACTIVITY_ATTAINMENT", () => {
  // James, two months: 125 calls, 200 emails, 5 meetings, 20 demos
  const actuals = col(125, 200, 5, 20);
  const targets = col(100, 200, 10, 20);

  it("averages actual ÷ target per activity", () => {
    expect(one(callAsExcel(activityAttainment, actuals, targets))).toBeCloseTo(0.9375, 12);
  });

  it("weights and caps each activity when asked", () => {
    expect(one(callAsExcel(activityAttainment, actuals, targets, col(1, 1, 2, 0)))).toBeCloseTo(0.8125, 12);
    expect(one(callAsExcel(activityAttainment, actuals, targets, null, 1))).toBeCloseTo(0.875, 12);
    expect(one(callAsExcel(activityAttainment, actuals, targets, col(1, 1, 2, 0), 1))).toBeCloseTo(0.75, 12);
  });

  it("returns #VALUE! when targets or weights have another shape", () => {
    expect(errorOf(callAsExcel(activityAttainment, actuals, row(100, 200, 10, 20))).code).toBe("#VALUE!");
    expect(errorOf(callAsExcel(activityAttainment, actuals, targets, col(1, 1))).code).toBe("#VALUE!");
  });

  it("returns #VALUE! for text among the actuals", () => {
    expect(errorOf(callAsExcel(activityAttainment, col(125, "many", 5, 20), targets)).code).toBe("#VALUE!");
  });
});

describe("COMBINED_ATTAINMENT", () => {
  it("weights each attainment", () => {
    expect(one(callAsExcel(combinedAttainment, col(1.1, 0.8), col(0.5, 0.5)))).toBeCloseTo(0.95, 12);
    expect(one(callAsExcel(combinedAttainment, row(1.2, 0.9, 1), row(2, 1, "")))).toBeCloseTo(1.1, 12);
  });

  it("returns #DIV/0! when the weights add up to 0 and #VALUE! for another shape", () => {
    expect(errorOf(callAsExcel(combinedAttainment, col(1.1, 0.8), col(0, 0))).code).toBe("#DIV/0!");
    expect(errorOf(callAsExcel(combinedAttainment, col(1.1, 0.8), col(1, 1, 1))).code).toBe("#VALUE!");
  });
});

describe("QUOTA_PHASE", () => {
  it("splits the annual quota by the pattern, in its shape, summing exactly", () => {
    expect(callAsExcel(quotaPhase, 1000, col(1, 2, 1))).toEqual(col(250, 500, 250));
    expect(callAsExcel(quotaPhase, 100, row(1, 1, 1))).toEqual(row(34, 33, 33));
    const months = callAsExcel(quotaPhase, 120000, [Array(12).fill(5)]) as number[][];
    expect(months).toEqual([Array(12).fill(10000)]);
  });

  it("rounds to round_to and counts blank pattern cells as 0", () => {
    const result = callAsExcel(quotaPhase, 10000, col(1, 1, "", 1), 100) as number[][];
    expect(sum(result)).toBe(10000);
    expect(result[2][0]).toBe(0);
    expect(result.flat().every((v) => v % 100 === 0)).toBe(true);
  });

  it("returns #DIV/0! for an all-zero pattern and #NUM! for a negative annual quota", () => {
    expect(errorOf(callAsExcel(quotaPhase, 1000, col(0, "", null))).code).toBe("#DIV/0!");
    expect(errorOf(callAsExcel(quotaPhase, -1000, col(1, 1))).code).toBe("#NUM!");
  });
});

describe("QUOTA_RAMP", () => {
  it("ramps 25 %, 50 %, 75 %, then 100 % by default", () => {
    expect([1, 2, 3, 4, 12].map((m) => one(callAsExcel(quotaRamp, 10000, m)))).toEqual([2500, 5000, 7500, 10000, 10000]);
    expect(one(callAsExcel(quotaRamp, 10000, 1, null))).toBe(2500);
  });

  it("follows a given schedule, full quota after it", () => {
    expect(one(callAsExcel(quotaRamp, 10000, 1, col(0.5, 0.8)))).toBe(5000);
    expect(one(callAsExcel(quotaRamp, 10000, 2, row(0.5, 0.8)))).toBe(8000);
    expect(one(callAsExcel(quotaRamp, 10000, 3, col(0.5, 0.8)))).toBe(10000);
  });

  it("returns #NUM! for a month below 1", () => {
    expect(errorOf(callAsExcel(quotaRamp, 10000, 0)).code).toBe("#NUM!");
    expect(errorOf(callAsExcel(quotaRamp, 10000, -2)).code).toBe("#NUM!");
  });

  it("returns #VALUE! for a 2-D schedule", () => {
    expect(errorOf(callAsExcel(quotaRamp, 10000, 1, [[0.2, 0.4], [0.6, 0.8]])).code).toBe("#VALUE!");
  });
});

describe("REPS_NEEDED", () => {
  it("rounds up to whole reps", () => {
    expect(one(callAsExcel(repsNeeded, 1000000, 100000))).toBe(10);
    expect(one(callAsExcel(repsNeeded, 1000000, 100000, null))).toBe(10);
    expect(one(callAsExcel(repsNeeded, 1000000, 100000, 0.8))).toBe(13);
    expect(one(callAsExcel(repsNeeded, 1000001, 100000, 1))).toBe(11);
  });

  it("returns #DIV/0! for a zero quota or attainment and #NUM! for a negative target", () => {
    expect(errorOf(callAsExcel(repsNeeded, 1000000, 0))).toEqual({
      code: "#DIV/0!",
      message: "quota_per_rep is zero, so the division is undefined.",
    });
    expect(errorOf(callAsExcel(repsNeeded, 1000000, 100000, 0)).code).toBe("#DIV/0!");
    expect(errorOf(callAsExcel(repsNeeded, -1, 100000)).code).toBe("#NUM!");
  });
});

describe("messages in the user's language", () => {
  it("answers in Swedish when Office's display language is Swedish", () => {
    const e = withDisplayLanguage("sv-SE", () => errorOf(callAsExcel(quotaBottomup, 20000, col(1, "x"))));
    expect(e).toEqual({ code: "#VALUE!", message: 'history (rad 2 i området) måste vara ett tal, fick "x".' });
    const bool = withDisplayLanguage("sv", () => errorOf(callAsExcel(quotaBaseline, [[true]])));
    expect(bool.message).toBe("revenue måste vara ett tal, fick SANT.");
    const method = withDisplayLanguage("sv-FI", () => errorOf(callAsExcel(quotaForecast, [[1]], 0, "median")));
    expect(method.message).toBe('Okänd metod "median". Använd någon av: last, average, trend, growth.');
  });

  it("falls back to English for other languages and outside Office", () => {
    const e = withDisplayLanguage("de-DE", () => errorOf(callAsExcel(quotaBottomup, 20000, col(1, "x"))));
    expect(e.message).toBe('history (row 2 of the range) must be a number, got "x".');
    expect(errorOf(callAsExcel(quotaBottomup, 20000, col(1, "x"))).message).toBe(e.message);
  });
});

describe("messages naming the cell by its address (Excel passes parameterAddresses)", () => {
  it("names the bad cell of a column, a row and a block from the range's top-left cell", () => {
    expect(errorOf(callWithAddresses(quotaBottomup, ["Sheet1!F1", "Sheet1!A2:A6"], 20000, col(1, 2, "x", 4, 5)))).toEqual({
      code: "#VALUE!",
      message: 'history (cell Sheet1!A4) must be a number, got "x".',
    });
    const weights = errorOf(callWithAddresses(quotaTopdown, ["", "Plan!Y1:AB1", "", "Plan!Y2:AB2"], 1000, row("A", "B", "C", "D"), 1, row(1, 1, 1, true)));
    expect(weights.message).toBe("weights (cell Plan!AB2) must be a number, got TRUE.");
    const block = errorOf(callWithAddresses(quotaBottomup, [null, "Data!$C$10:$D$12"], 20000, [[1, 2], [3, 4], [5, "n/a"]]));
    expect(block.message).toBe('history (cell Data!D12) must be a number, got "n/a".');
  });

  it("keeps the sheet name quoted as Excel quotes it", () => {
    const spaced = errorOf(callWithAddresses(quotaBaseline, ["'My Sheet'!B2:B6"], col(1, 2, "x", 4, 5)));
    expect(spaced.message).toBe('revenue (cell \'My Sheet\'!B4) must be a number, got "x".');
    const apostrophe = errorOf(callWithAddresses(quotaPhase, ["", "'Bob''s Region'!C10:C12"], 1000, col(1, "?", 1)));
    expect(apostrophe.message).toBe('pattern (cell \'Bob\'\'s Region\'!C11) must be a number, got "?".');
    const bang = errorOf(callWithAddresses(combinedAttainment, ["'Q1!Plan'!A1:A2", "'Q1!Plan'!B1:B2"], col(1, 1), col(1, "w")));
    expect(bang.message).toBe('weights (cell \'Q1!Plan\'!B2) must be a number, got "w".');
  });

  it("takes each argument's own address", () => {
    // [function, parameterAddresses, arguments, message]
    const cases: [(...args: never[]) => unknown, unknown[], unknown[], string][] = [
      [quotaTopdown, ["T!A1", "T!B1:B2", "T!C1", "T!D1:D2", "T!E1"], [100, col("A", "B"), 1, col(1, "x")], 'weights (cell T!D2) must be a number, got "x".'],
      [quotaTopdown, ["T!A1", "T!B1", "T!C1", "", "T!E1"], [100, [[true]]], "reps (cell T!B1) must be a number, got TRUE."],
      [quotaTopdown, ["T!A1", "T!B1:B2", "T!C1", "", "T!E1"], [100, col("A", "B"), "x"], 'periods (cell T!C1) must be a number, got "x".'],
      [quotaBottomup, ["B!A1", "B!B1:B2", "B!C1", "B!D1"], [100, col(1, 1), null, "x"], 'round_to (cell B!D1) must be a number, got "x".'],
      [quotaForecast, ["F!A1:A3", "F!B1", "F!C1", "F!D1"], [col(1, "x", 3)], 'history (cell F!A2) must be a number, got "x".'],
      [quotaForecast, ["F!A1:A3", "F!B1", "F!C1", "F!D1"], [col(1, 2, 3), "x"], 'growth (cell F!B1) must be a number, got "x".'],
      [profitQuota, ["P!A1", "P!B1:B2", "P!C1"], [[[10]], col(1, 2), [["x"]]], 'acquisition_cost (cell P!C1) must be a number, got "x".'],
      [volumeBonus, ["V!A1:C1", "V!A2:C2", "V!A3:C3"], [row(1, 2, 3), row(1, 2, 3), row(1, "x", 1)], 'bonus_per_unit (cell V!B3) must be a number, got "x".'],
      [quotaAttainment, ["Q!A1:A2", "Q!B1:B2"], [col(1, 2), col(1, "x")], 'quota (cell Q!B2) must be a number, got "x".'],
      [activityAttainment, ["A!A1:A2", "A!B1:B2", "A!C1:C2", "A!D1"], [col(1, "x"), col(1, 1)], 'actuals (cell A!A2) must be a number, got "x".'],
      [activityAttainment, ["A!A1:A2", "A!B1:B2", "A!C1:C2", "A!D1"], [col(1, 1), col("x", 1)], 'targets (cell A!B1) must be a number, got "x".'],
      [activityAttainment, ["A!A1:A2", "A!B1:B2", "A!C1:C2", "A!D1"], [col(1, 1), col(1, 1), col(1, "x")], 'weights (cell A!C2) must be a number, got "x".'],
      [activityAttainment, ["A!A1:A2", "A!B1:B2", "A!C1:C2", "A!D1"], [col(1, 1), col(1, 1), null, "x"], 'cap (cell A!D1) must be a number, got "x".'],
      [combinedAttainment, ["C!A1:B1", "C!A2:B2"], [row("x", 1), row(1, 1)], 'attainments (cell C!A1) must be a number, got "x".'],
      [quotaPhase, ["H!A1", "H!B1:B3", "H!C1"], [100, col(1, 1, "x")], 'pattern (cell H!B3) must be a number, got "x".'],
      [quotaRamp, ["R!A1", "R!B1", "R!C1:E1"], [100, 1, row(0.5, "x", 1)], 'schedule (cell R!D1) must be a number, got "x".'],
      [repsNeeded, ["N!A1", "N!B1", "N!C1"], [100, "x"], 'quota_per_rep (cell N!B1) must be a number, got "x".'],
    ];
    for (const [fn, addresses, args, message] of cases) {
      const result = callWithAddresses(fn, addresses, ...args);
      const error = Array.isArray(result) ? (result as unknown[][]).flat().find((cell) => cell instanceof CustomFunctionError) : result;
      expect(`${fn.name}: ${errorOf(error).message}`).toBe(`${fn.name}: ${message}`);
    }
  });

  it("names the cell in each error of a cell-by-cell result", () => {
    const result = callWithAddresses(profitQuota, ["Sales!B2:B4", "Sales!C1", "Sales!D1"], col(100, "x", 300), [[10]], [[0]]) as unknown[][];
    expect(shown(result)).toEqual(col(90, "#VALUE!", 290));
    expect((result[1][0] as CustomFunctionError).message).toBe('revenue (cell Sales!B3) must be a number, got "x".');
    const broadcast = callWithAddresses(quotaAttainment, ["Q!A1:A2", "Q!B1"], col(1, 2), [["none"]]) as unknown[][];
    expect(broadcast.flat().map((e) => (e as CustomFunctionError).message)).toEqual([
      'quota (cell Q!B1) must be a number, got "none".',
      'quota (cell Q!B1) must be a number, got "none".',
    ]);
  });

  it("answers in Swedish with the same address", () => {
    const e = withDisplayLanguage("sv-SE", () => errorOf(callWithAddresses(quotaBottomup, ["", "'Försäljning 2025'!C2:C3"], 20000, col(1, "x"))));
    expect(e.message).toBe('history (cell \'Försäljning 2025\'!C3) måste vara ett tal, fick "x".');
  });

  it("falls back to the position when there is no usable address", () => {
    const positional = 'history (row 2 of the range) must be a number, got "x".';
    const noAddress: unknown[] = [
      undefined, // the host passed none
      [], // fewer addresses than parameters
      ["Sheet1!F1"],
      ["Sheet1!F1", ""], // an array constant or computed array has no address
      ["Sheet1!F1", "Sheet1!A2"], // a single cell for a 3-cell value: not this value's address
      ["Sheet1!F1", "Sheet1!A2:A9"], // another shape
      ["Sheet1!F1", "Sheet1!A2:B4"],
      ["Sheet1!F1", "#REF!"],
      ["Sheet1!F1", "Sheet1!R2C1:R4C1"], // not A1 style
      ["Sheet1!F1", "My Sheet!A2:A4"], // unquoted name with a space: not how Excel writes it
      ["Sheet1!F1", "'Open!A2:A4"],
      ["Sheet1!F1", "Sheet1!A1048576:A1048578"], // past the last row
      ["Sheet1!F1", 42],
      "Sheet1!A2:A4", // not an array
    ];
    for (const addresses of noAddress) {
      const e = errorOf(callWithAddresses(quotaBottomup, addresses, 20000, col(1, "x", 3)));
      expect(`${JSON.stringify(addresses)} → ${e.message}`).toBe(`${JSON.stringify(addresses)} → ${positional}`);
    }
    expect(errorOf(callWithAddresses(quotaTopdown, ["", "Plan!B2:B3"], "lots", col("A", "B"))).message).toBe(
      'target must be a number, got "lots".',
    );
  });

  it("names a cell given without a sheet, as some hosts may", () => {
    expect(errorOf(callWithAddresses(quotaBaseline, ["B2:B3"], col(1, "x"))).message).toBe('revenue (cell B3) must be a number, got "x".');
  });
});

describe("argument shapes from other callers", () => {
  it("accepts a bare number or a flat list where Excel would pass rows of cells", () => {
    expect(callAsExcel(quotaTopdown, 600000, 5, 12)).toEqual([[10000]]);
    expect(callAsExcel(quotaBottomup, 20000, [2, 2, 2, 1, 1])).toEqual([[5000, 5000, 5000, 2500, 2500]]);
    expect(callAsExcel(volumeBonus, 17, 15, 200)).toEqual([[400]]);
  });

  it("returns #VALUE! for ragged rows and #N/A for an empty range", () => {
    expect(errorOf(callAsExcel(quotaBottomup, 20000, [[1, 2], [3]]))).toEqual({
      code: "#VALUE!",
      message: "history must be a rectangular range.",
    });
    expect(errorOf(callAsExcel(quotaBottomup, 20000, [])).code).toBe("#N/A");
    expect(errorOf(callAsExcel(profitQuota, [], [[1]], [[1]])).code).toBe("#N/A");
  });

  it("never throws, whatever arrives", () => {
    const junk: unknown[] = [undefined, null, "", "x", true, {}, [], [[]], [[{}]], NaN, Infinity, -1, 0, [[1, 2], [3, 4]]];
    const fns = [
      quotaTopdown, quotaBottomup, quotaBaseline, quotaForecast, profitQuota, volumeBonus, quotaAttainment,
      activityAttainment, combinedAttainment, quotaPhase, quotaRamp, repsNeeded,
    ] as ((...args: never[]) => unknown)[];
    const invocations: unknown[] = [
      undefined,
      null,
      "Sheet1!A1",
      {},
      { parameterAddresses: "Sheet1!A1:A3" },
      { parameterAddresses: [null, 7, {}, "", "!", "Sheet1!", "'Open!A1", "A1:B2:C3", "XFE1", "A0", "A1048577"] },
      { parameterAddresses: Array(8).fill("Sheet1!A1:B2") },
      {
        get parameterAddresses(): unknown {
          throw new Error("not available");
        },
      },
    ];
    for (const fn of fns) {
      for (const value of junk) {
        for (const invocation of invocations) {
          const args = Array(excelArity(fn)).fill(value);
          let result: unknown;
          expect(() => (result = callWithInvocation(fn, invocation, ...args))).not.toThrow();
          const cells = Array.isArray(result) ? result.flat() : [result];
          for (const cell of cells) {
            if (typeof cell === "number") expect(Number.isFinite(cell)).toBe(true);
            else expect(cell).toBeInstanceOf(CustomFunctionError);
          }
        }
      }
    }
  });
});
