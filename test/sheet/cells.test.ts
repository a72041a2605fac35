import fc from "fast-check";
import {
  cellErrorText,
  dateToSerial,
  detectDateOrder,
  detectDecimalSeparator,
  displayText,
  isBlank,
  isFailure,
  monthKey,
  parseDate,
  parseName,
  parseNumber,
  serialFromYMD,
  serialMonthIndex,
  serialToDate,
  serialToYMD,
  textKey,
} from "../../src/sheet/cells";
import type { CellValue } from "../../src/workbook/port";

const failureOf = (r: unknown) => (isFailure(r) ? r.failure : r);

describe("parseNumber: numbers and numeric text", () => {
  it.each<[string, number]>([
    ["1 234,50 kr", 1234.5],
    ["1\u00a0234,50", 1234.5], // no-break space grouping
    ["1\u202f234,50", 1234.5], // narrow no-break space (Excel sv-SE)
    ["$32,370.00", 32370],
    ["32,370.00", 32370],
    [" $ 3,500.00 ", 3500], // financial-sample style
    ["1.234,50 €", 1234.5],
    ["€1.234,50", 1234.5],
    ["-1 200", -1200],
    ["\u22121 200", -1200], // minus sign
    ["1 200-", -1200], // trailing minus from ledgers
    ["(1,200)", -1200],
    ["($1,200.50)", -1200.5],
    ["$-1,200", -1200],
    ["-$1,200", -1200],
    ["15%", 0.15],
    ["15 %", 0.15],
    ["SEK 1 000", 1000],
    ["1 000 SEK", 1000],
    ["100:-", 100],
    ["1,234,567.89", 1234567.89],
    ["1.234.567", 1234567],
    ["1,5", 1.5],
    ["0,500", 0.5],
    [",5", 0.5],
    ["12.75", 12.75],
    ["1e3", 1000],
    ["1’234.50", 1234.5],
    ["42", 42],
    ["-3.5", -3.5],
    ["-", 0], // accounting format's zero
    ["$ -   ", 0],
  ])("%j → %p", (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  it("passes numbers through", () => {
    expect(parseNumber(32370)).toBe(32370);
    expect(parseNumber(-0.5)).toBe(-0.5);
  });

  it("reads '1,234' as thousands and '1.234' as a decimal without a hint (English rule)", () => {
    expect(parseNumber("1,234")).toBe(1234);
    expect(parseNumber("1.234")).toBe(1.234);
  });

  it("flips the ambiguous cases when the column uses a decimal comma", () => {
    expect(parseNumber("1,234", ",")).toBe(1.234);
    expect(parseNumber("1.234", ",")).toBe(1234);
    // Unambiguous text is read the same whatever the hint.
    expect(parseNumber("1.234,50", ".")).toBe(1234.5);
    expect(parseNumber("1,234.50", ",")).toBe(1234.5);
    expect(parseNumber("1234.567", ",")).toBe(1234.567);
    expect(parseNumber("1,5", ".")).toBe(1.5);
  });

  it("gives null for blanks", () => {
    for (const v of [null, "", "   ", "\u00a0", "\t"]) expect(parseNumber(v)).toBeNull();
    expect(parseNumber(undefined)).toBeNull();
  });

  it("fails error values with the error kept", () => {
    expect(parseNumber("#N/A")).toEqual({ failure: "errorValue", value: "#N/A" });
    expect(parseNumber("#REF!")).toEqual({ failure: "errorValue", value: "#REF!" });
    expect(parseNumber({ error: "#DIV/0!" })).toEqual({ failure: "errorValue", value: { error: "#DIV/0!" } });
    expect(cellErrorText({ error: "#DIV/0!" })).toBe("#DIV/0!");
    expect(cellErrorText("#N/A")).toBe("#N/A");
    expect(cellErrorText("#hashtag")).toBeNull();
  });

  it("fails booleans, dates and text that is not a number", () => {
    expect(failureOf(parseNumber(true))).toBe("booleanNotNumber");
    expect(failureOf(parseNumber(new Date(Date.UTC(2025, 0, 1))))).toBe("dateNotNumber");
    for (const t of ["abc", "kr", "12 kr 50", "1 2", "12,34,567", "--5", "+46 70 123 45 67", "2025-03-15", "1.2.3,4", "#hashtag"]) {
      expect(failureOf(parseNumber(t))).toBe("notNumber");
    }
    expect(failureOf(parseNumber(NaN))).toBe("notNumber");
  });

  it("round-trips amounts written in English and Swedish formats (property)", () => {
    const en = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const sv = new Intl.NumberFormat("sv-SE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), (cents) => {
        const x = cents / 100;
        expect(parseNumber(`$${en.format(x)}`)).toBeCloseTo(x, 9);
        expect(parseNumber(`${sv.format(x)} kr`)).toBeCloseTo(x, 9);
        expect(parseNumber(en.format(x))).toBeCloseTo(x, 9);
        expect(parseNumber(sv.format(x), ",")).toBeCloseTo(x, 9);
      }),
    );
  });
});

describe("detectDecimalSeparator", () => {
  it("follows the unambiguous text of the column", () => {
    expect(detectDecimalSeparator(["1 234,50", "1,234", "12,5", 7])).toBe(",");
    expect(detectDecimalSeparator(["1,234.50", "1,234", "3.25"])).toBe(".");
    expect(detectDecimalSeparator(["1.234.567"])).toBe(",");
    expect(detectDecimalSeparator(["1,234,567"])).toBe(".");
  });

  it("says nothing when the column gives no clue", () => {
    expect(detectDecimalSeparator(["1,234", 5, null])).toBeNull();
    expect(detectDecimalSeparator([])).toBeNull();
  });
});

describe("parseDate: serial numbers", () => {
  const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

  it("reads Date objects (UTC fields) as serials", () => {
    expect(parseDate(utc(2025, 3, 15))).toBe(45731);
    expect(parseDate(utc(2025, 1, 1))).toBe(45658);
    expect(parseDate(new Date(Date.UTC(2025, 2, 15, 12)))).toBe(45731.5);
  });

  it("takes numbers as Excel serials", () => {
    expect(parseDate(45731)).toBe(45731);
    expect(serialToYMD(45731)).toEqual({ year: 2025, month: 3, day: 15 });
  });

  it("handles Excel's 1900 leap-year bug at serial 60", () => {
    expect(serialToYMD(59)).toEqual({ year: 1900, month: 2, day: 28 });
    expect(serialToYMD(60)).toEqual({ year: 1900, month: 2, day: 29 });
    expect(serialToYMD(61)).toEqual({ year: 1900, month: 3, day: 1 });
    expect(serialToYMD(1)).toEqual({ year: 1900, month: 1, day: 1 });
    expect(dateToSerial(utc(1900, 2, 28))).toBe(59);
    expect(dateToSerial(utc(1900, 3, 1))).toBe(61);
    expect(dateToSerial(utc(1900, 1, 1))).toBe(1);
    expect(serialFromYMD(1900, 2, 29)).toBeNaN(); // not a real day
    expect(monthKey(serialMonthIndex(60))).toBe("1900-02");
    expect(monthKey(serialMonthIndex(61))).toBe("1900-03");
    expect(serialToDate(61).toISOString()).toBe("1900-03-01T00:00:00.000Z");
  });

  it("fails serials outside Excel's dates", () => {
    expect(failureOf(parseDate(0))).toBe("dateOutOfRange");
    expect(failureOf(parseDate(-5))).toBe("dateOutOfRange");
    expect(failureOf(parseDate(2958466))).toBe("dateOutOfRange");
    expect(parseDate(2958465)).toBe(2958465); // 9999-12-31
  });

  it("months from serials agree with Date for every day of 1900..2100 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 73415 }), (serial) => {
        const d = serialToDate(serial);
        expect(serialMonthIndex(serial + 0.75)).toBe(d.getUTCFullYear() * 12 + d.getUTCMonth());
        expect(dateToSerial(d)).toBe(serial);
      }),
    );
  });
});

describe("parseDate: text", () => {
  it.each<[string, number]>([
    ["2025-03-15", 45731], // ISO, also how Swedish users write dates
    ["2025/03/15", 45731],
    ["20250315", 45731],
    ["15/03/2025", 45731], // day over 12: day first
    ["3/15/2025", 45731], // en-US, month first
    ["15.03.2025", 45731],
    ["15 Mar 2025", 45731],
    ["15-Mar-25", 45731],
    ["15 mars 2025", 45731],
    ["March 15, 2025", 45731],
    ["2025-03-15T12:00:00Z", 45731.5],
    ["3/15/2025 6:00 PM", 45731.75],
  ])("%j → %p", (text, serial) => {
    expect(parseDate(text)).toBeCloseTo(serial, 9);
  });

  it("refuses to guess 05/03/2025 without the column's order", () => {
    expect(failureOf(parseDate("05/03/2025"))).toBe("ambiguousDate");
    expect(serialToYMD(parseDate("05/03/2025", "dmy") as number)).toEqual({ year: 2025, month: 3, day: 5 });
    expect(serialToYMD(parseDate("05/03/2025", "mdy") as number)).toEqual({ year: 2025, month: 5, day: 3 });
    expect(detectDateOrder(["05/03/2025", "28/02/2025"])).toBe("dmy");
    expect(detectDateOrder(["05/03/2025", "2/28/2025"])).toBe("mdy");
    expect(detectDateOrder(["05/03/2025"])).toBeNull();
  });

  it("fails what is not a date, with the reason", () => {
    expect(failureOf(parseDate("2025-02-30"))).toBe("notDate");
    expect(failureOf(parseDate("13/13/2025"))).toBe("notDate");
    expect(failureOf(parseDate("2014"))).toBe("notDate");
    expect(failureOf(parseDate("soon"))).toBe("notDate");
    expect(failureOf(parseDate("1899-12-31"))).toBe("dateOutOfRange");
    expect(failureOf(parseDate(true))).toBe("notDate");
    expect(failureOf(parseDate("#N/A"))).toBe("errorValue");
    expect(failureOf(parseDate({ error: "#REF!" }))).toBe("errorValue");
    expect(failureOf(parseDate(new Date(NaN)))).toBe("notDate");
  });

  it("gives null for blanks", () => {
    expect(parseDate(null)).toBeNull();
    expect(parseDate("  ")).toBeNull();
  });
});

describe("names", () => {
  it("keys names as SUMIFS matches them: trimmed, case-insensitive, odd spaces folded", () => {
    const key = textKey("Anna Svensson");
    for (const v of ["  anna svensson ", "ANNA SVENSSON", "Anna\u00a0Svensson", "\u202fAnna Svensson\t"]) expect(textKey(v)).toBe(key);
    expect(textKey("Anna  Svensson")).not.toBe(key); // inner spaces count, as in Excel
    expect(textKey("ÅSA ÖBERG")).toBe("åsa öberg");
    expect(textKey("I")).toBe("i"); // locale-independent (no Turkish dotless i)
    expect(textKey("Sa\u0308ljare")).toBe(textKey("Säljare")); // composed and decomposed ä
  });

  it("shows names trimmed, inner spaces as typed", () => {
    expect(displayText("  Anna  Svensson\u00a0")).toBe("Anna  Svensson");
  });

  it("reads formula-looking text as plain names", () => {
    for (const t of ["=cmd|' /C calc'!A0", "+46 70 123 45 67", "-", "@x"]) expect(parseName(t)).toBe(t);
  });

  it("reads numbers as names (rep ids) and refuses errors, booleans and dates", () => {
    expect(parseName(1042)).toBe("1042");
    expect(parseName(" ")).toBeNull();
    expect(failureOf(parseName("#N/A"))).toBe("errorValue");
    expect(failureOf(parseName({ error: "#REF!" }))).toBe("errorValue");
    expect(failureOf(parseName(true))).toBe("notName");
    expect(failureOf(parseName(new Date()))).toBe("notName");
  });

  it("isBlank treats only null, undefined and whitespace as blank", () => {
    const blank: (CellValue | undefined)[] = [null, undefined, "", " \u00a0\u202f"];
    const notBlank: CellValue[] = [0, "0", false, "-", { error: "#N/A" }];
    for (const v of blank) expect(isBlank(v)).toBe(true);
    for (const v of notBlank) expect(isBlank(v)).toBe(false);
  });
});
