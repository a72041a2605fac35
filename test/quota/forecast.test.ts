import fc from "fast-check";
import { FORECAST_METHODS, forecast, ForecastMethod, forecastLinear, growthValue } from "../../src/quota/forecast";
import { expectQuotaError } from "./expectQuotaError";

/** |actual − expected| ≤ 1e-9 × |expected|: the agreed tolerance against Excel's functions. */
function expectRelative(actual: number, expected: number, tolerance = 1e-9): void {
  const error = Math.abs(actual - expected);
  if (error > tolerance * Math.abs(expected)) {
    throw new Error(`expected ${expected}, got ${actual} (relative error ${error / Math.abs(expected)})`);
  }
}

/*
 * Reference values computed independently with LibreOffice Calc 7.4 (converted headless from
 * a spreadsheet of formulas, no cached results), 15 significant digits:
 *   trend[h]  = FORECAST(n + h; history; {1; 2; …; n})   (same as FORECAST.LINEAR)
 *   growth[h] = GROWTH(history; {1; 2; …; n}; n + h)
 * for horizons h = 1, 2, 3.
 */
const libreOffice: { name: string; history: number[]; trend: number[]; growth: number[] }[] = [
  {
    name: "Excel docs' y values",
    history: [6, 7, 9, 15, 21],
    trend: [23, 26.8, 30.6],
    growth: [27.5993759952657, 38.2659230487313, 53.0548541033174],
  },
  {
    name: "monthly revenue with decimals",
    history: [12000.5, 13250.25, 12875.75, 14100.1, 15020.3, 14875.9],
    trend: [15778.2833333333, 16375.7547619048, 16973.2261904762],
    growth: [15916.7091513932, 16633.1390329217, 17381.8162697462],
  },
  {
    name: "a declining history",
    history: [100, 90, 85, 70],
    trend: [62.5, 53, 43.5],
    growth: [64.5368112010502, 57.6573338934886, 51.5111932219412],
  },
  {
    name: "noisy small values",
    history: [1, 2.5, 2, 4.75, 3.3, 6.1, 5.9, 8.2],
    trend: [8.41071428571429, 9.34226190476191, 10.2738095238095],
    growth: [11.4142922186247, 14.8323722234434, 19.2740173075123],
  },
  {
    name: "doubling decimals",
    history: [0.1, 0.2, 0.4],
    trend: [0.533333333333333, 0.683333333333334, 0.833333333333334],
    growth: [0.8, 1.6, 3.2],
  },
  {
    name: "twelve months",
    history: [
      41250.75, 38900.2, 45120.6, 52300.15, 49875.4, 61230.95, 58760.1, 64410.35, 70120.8, 68455.05, 75990.45, 81230.65,
    ],
    trend: [83224.3075757576, 86955.6696386946, 90687.0317016317],
    growth: [87679.9404890176, 93568.5545896007, 99852.6499807983],
  },
  {
    name: "two values",
    history: [15000, 16500],
    trend: [18000, 19500, 21000],
    growth: [18149.9999999999, 19964.9999999999, 21961.4999999999],
  },
  { name: "a flat history", history: [3, 3, 3], trend: [3, 3, 3], growth: [3, 3, 3] },
];

describe("forecast", () => {
  it("gives the seed's 15,000 + 30 % = 19,500 exactly", () => {
    expect(forecast([15000], 0.3)).toBe(19500);
    expect(forecast([12000, 15000], 0.3, "last")).toBe(19500);
  });

  it("last and average, with growth", () => {
    expect(forecast([100, 200, 300])).toBe(300);
    expect(forecast([100, 200, 300], 0, "average")).toBe(200);
    expect(forecast([100, 200, 300], 0.1, "average")).toBeCloseTo(220, 9);
    expect(forecast([100, 200, 300], -0.5, "last")).toBe(150);
    expect(forecast([100], -1)).toBe(0);
    expect(forecast([0.1, 0.2, 0.3], 0, "average")).toBeCloseTo(0.2, 15);
    // horizon does not change a flat forecast
    expect(forecast([100, 200, 300], 0, "last", 3)).toBe(300);
  });

  describe.each(libreOffice)("matches LibreOffice Calc on $name", ({ history, trend, growth }) => {
    it.each([1, 2, 3])("trend and growth at horizon %i", (h) => {
      expectRelative(forecast(history, 0, "trend", h), trend[h - 1]);
      expectRelative(forecast(history, 0, "growth", h), growth[h - 1]);
    });
  });

  it("applies growth on top of the trend and growth fits", () => {
    expectRelative(forecast([6, 7, 9, 15, 21], 0.1, "trend"), 23 * 1.1);
    expectRelative(forecast([6, 7, 9, 15, 21], 0.25, "growth", 2), 38.2659230487313 * 1.25);
  });

  it("rejects an empty history with #N/A", () => {
    expectQuotaError(() => forecast([]), "#N/A", "empty", "history");
    expectQuotaError(() => forecast([], 0, "trend"), "#N/A", "empty", "history");
  });

  it("rejects values ≤ 0 for the growth method with #NUM!", () => {
    expectQuotaError(() => forecast([10, 0, 20], 0, "growth"), "#NUM!", "growthNeedsPositive", "history");
    expectQuotaError(() => forecast([10, -5, 20], 0, "growth"), "#NUM!", "growthNeedsPositive", "history");
    expectQuotaError(() => forecast([-5], 0, "growth"), "#NUM!", "growthNeedsPositive", "history");
    // the other methods accept zeros and negatives
    expect(forecast([10, 0, -5], 0, "last")).toBe(-5);
    expect(forecast([10, 0, -4], 0, "average")).toBe(2);
    expectRelative(forecast([10, 0, -5], 0, "trend"), -40 / 3);
  });

  it("rejects an unknown method with #VALUE! listing the methods", () => {
    const error = expectQuotaError(() => forecast([1, 2], 0, "median" as ForecastMethod), "#VALUE!", "unknownMethod");
    expect(error.message).toBe('Unknown method "median". Use one of: last, average, trend, growth.');
    expect(FORECAST_METHODS).toEqual(["last", "average", "trend", "growth"]);
  });

  it("needs two values for a trend or growth fit, like FORECAST.LINEAR (#DIV/0!)", () => {
    expectQuotaError(() => forecast([15000], 0, "trend"), "#DIV/0!", "tooFewValues", "history");
    expectQuotaError(() => forecast([15000], 0, "growth"), "#DIV/0!", "tooFewValues", "history");
  });

  it("rejects bad growth and horizon", () => {
    expectQuotaError(() => forecast([1], -1.5), "#NUM!", "belowMinimum", "growth");
    expectQuotaError(() => forecast([1], NaN), "#VALUE!", "notNumber", "growth");
    expectQuotaError(() => forecast([1, 2], 0, "trend", 0), "#NUM!", "notWhole", "horizon");
    expectQuotaError(() => forecast([1, 2], 0, "trend", 1.5), "#NUM!", "notWhole", "horizon");
    expectQuotaError(() => forecast([1, NaN]), "#VALUE!", "notNumber", "history");
  });

  it("extends an exact line and an exact geometric series", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 36 }),
        fc.integer({ min: 1, max: 6 }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: 0.5, max: 1.5, noNaN: true }),
        (n, h, start, step, ratio) => {
          const line = Array.from({ length: n }, (_, i) => start + step * i);
          const expectedLine = start + step * (n - 1 + h);
          expect(Math.abs(forecast(line, 0, "trend", h) - expectedLine)).toBeLessThanOrEqual(1e-9 * (Math.abs(start) + Math.abs(step) * (n + h)));
          const series = Array.from({ length: n }, (_, i) => start * ratio ** i);
          expectRelative(forecast(series, 0, "growth", h), start * ratio ** (n - 1 + h), 1e-9);
        },
      ),
    );
  });
});

describe("forecastLinear (Excel FORECAST.LINEAR)", () => {
  it("matches the test vector in Excel's documentation", () => {
    expect(forecastLinear(30, [6, 7, 9, 15, 21], [20, 28, 31, 38, 40])).toBeCloseTo(10.607253, 6);
    // LibreOffice Calc: FORECAST(30; {6;7;9;15;21}; {20;28;31;38;40})
    expectRelative(forecastLinear(30, [6, 7, 9, 15, 21], [20, 28, 31, 38, 40]), 10.6072530864198);
  });

  it("matches LibreOffice Calc with irregular known x's", () => {
    // LibreOffice Calc: FORECAST(6.2; {2.5;3.75;9.1;12.2}; {0.5;1.25;3;4.5})
    expectRelative(forecastLinear(6.2, [2.5, 3.75, 9.1, 12.2], [0.5, 1.25, 3, 4.5]), 16.7061066235864);
  });

  it("follows Excel's errors", () => {
    expectQuotaError(() => forecastLinear(3, [1, 2], [1, 2, 3]), "#N/A", "lengthMismatch", "known_x");
    expectQuotaError(() => forecastLinear(3, [], []), "#N/A", "empty", "known_y");
    expectQuotaError(() => forecastLinear(3, [5, 10, 20], [2, 2, 2]), "#DIV/0!", "noSpread", "known_x");
    expectQuotaError(() => forecastLinear(NaN, [1, 2], [1, 2]), "#VALUE!", "notNumber", "x");
    expectQuotaError(() => forecastLinear(3, [1, NaN], [1, 2]), "#VALUE!", "notNumber", "known_y");
  });
});

describe("growthValue (Excel GROWTH, one new x)", () => {
  it("matches the example in Excel's documentation (via LibreOffice Calc)", () => {
    // LibreOffice Calc: GROWTH({33100;47300;69000;102000;150000;220000}; {11;…;16}; 17 and 18)
    const units = [33100, 47300, 69000, 102000, 150000, 220000];
    const months = [11, 12, 13, 14, 15, 16];
    expectRelative(growthValue(units, months, 17), 320196.718363474);
    expectRelative(growthValue(units, months, 18), 468536.05418405);
  });

  it("matches LibreOffice Calc with irregular known x's", () => {
    // LibreOffice Calc: GROWTH({2.5;3.75;9.1;12.2}; {0.5;1.25;3;4.5}; 6.2)
    expectRelative(growthValue([2.5, 3.75, 9.1, 12.2], [0.5, 1.25, 3, 4.5], 6.2), 27.5092708152299);
  });

  it("follows Excel's errors", () => {
    expectQuotaError(() => growthValue([1, 0, 3], [1, 2, 3], 4), "#NUM!", "growthNeedsPositive", "known_y");
    expectQuotaError(() => growthValue([1, 2], [1, 2, 3], 4), "#N/A", "lengthMismatch", "known_x");
    expectQuotaError(() => growthValue([], [], 4), "#N/A", "empty", "known_y");
    expectQuotaError(() => growthValue([5, 10, 20], [2, 2, 2], 3), "#DIV/0!", "noSpread", "known_x");
    expectQuotaError(() => growthValue([1, 2], [1, 2], NaN), "#VALUE!", "notNumber", "new_x");
    // ×1e300 per step: the curve leaves the range of numbers long before x = 10
    expectQuotaError(() => growthValue([1, 1e300], [1, 2], 10), "#NUM!", "resultTooLarge");
    expectQuotaError(() => forecast([1, 1e300], 0, "growth", 5), "#NUM!", "resultTooLarge");
  });
});
