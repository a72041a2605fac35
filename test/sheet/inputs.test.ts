import { parseNumberInput, parsePeriods, parseTarget } from "../../src/sheet/inputs";

describe("typed numbers, shared by the wizard and the quota command", () => {
  test.each([
    ["1500000", "en", 1500000],
    ["1_500_000", "en", 1500000],
    ["1 500 000", "sv", 1500000],
    ["1,500,000.50", "en", 1500000.5],
    ["1.500.000,50", "sv", 1500000.5],
    ["1,500", "en", 1500],
    ["1,5", "sv", 1.5],
    ["2.5", "sv", 2.5],
    ["1e6", "en", 1000000],
    ["+3", "en", 3],
    ["\u22125", "sv", -5],
  ] as const)("%s (%s) → %s", (text, locale, expected) => {
    expect(parseNumberInput(text, locale)).toBe(expected);
  });

  test.each([["1,5"], ["12,34"], ["1,2,3"], ["1.2.3"], ["abc"], [""], ["Infinity"], ["0x10"], ["1,5.5"]])("%s is refused in English", (text) => {
    expect(parseNumberInput(text, "en")).toBeNull();
  });

  test("a target must be a number above 0; review periods a whole number of at least 1", () => {
    expect(["", "1,5", "-1", "0", "0.00", "20 000"].map((t) => parseTarget(t, "en"))).toEqual(["targetRequired", "invalidTarget", "negativeTarget", "zeroTarget", "zeroTarget", 20000]);
    expect(parseTarget("0,00", "sv")).toBe("zeroTarget");
    expect(["", " ", "x", "0", "1.5", "12"].map((t) => parsePeriods(t, "en"))).toEqual(["periodsRequired", "periodsRequired", "periodsNotNumber", "periodsNotWhole", "periodsNotWhole", 12]);
  });
});
