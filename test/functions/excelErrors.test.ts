import { CustomFunctionError, withDisplayLanguage } from "./support/customFunctionsRuntime";
import { checkFinite, displayLocale, excelResult, FunctionArgumentError, toExcelError } from "../../src/functions/excelErrors";
import { QuotaError } from "../../src/quota/errors";

describe("Excel error mapping", () => {
  it("maps each engine error kind to the matching CustomFunctions.ErrorCode with its message", () => {
    const cases = [
      [new QuotaError("#VALUE!", "notNumber", { param: "target", value: '"x"' }), "#VALUE!"],
      [new QuotaError("#NUM!", "negative", { param: "target", value: -1 }), "#NUM!"],
      [new QuotaError("#DIV/0!", "allZero", { param: "history" }), "#DIV/0!"],
      [new QuotaError("#N/A", "empty", { param: "history" }), "#N/A"],
    ] as const;
    for (const [error, code] of cases) {
      const mapped = toExcelError(error, "en");
      expect(mapped).toBeInstanceOf(CustomFunctionError);
      expect(mapped.code).toBe(code);
      expect(mapped.message).toBe(error.message);
    }
    expect(toExcelError(new QuotaError("#NUM!", "negative", { param: "target", value: -1 }), "sv").message).toBe(
      "target får inte vara negativt (fick -1).",
    );
  });

  it("keeps the functions layer's own errors and passes CustomFunctions.Error through", () => {
    const own = toExcelError(new FunctionArgumentError("#VALUE!", "notVector", { param: "history", actual: "2×2" }), "en");
    expect([own.code, own.message]).toEqual(["#VALUE!", "history must be a single row or column, got 2×2."]);
    const ready = new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, "x");
    expect(toExcelError(ready, "en")).toBe(ready);
  });

  it("turns any unexpected exception into #VALUE! with a message instead of throwing", () => {
    const result = excelResult(() => {
      throw new TypeError("Cannot read properties of undefined");
    });
    expect(result).toBeInstanceOf(CustomFunctionError);
    expect([(result as CustomFunctionError).code, (result as CustomFunctionError).message]).toEqual([
      "#VALUE!",
      "Unexpected error: Cannot read properties of undefined",
    ]);
    const thrownString = excelResult(() => {
      throw "boom";
    });
    expect((thrownString as CustomFunctionError).message).toBe("Unexpected error: boom");
    expect(withDisplayLanguage("sv-SE", () => (excelResult(() => {
      throw new Error("x");
    }) as CustomFunctionError).message)).toBe("Oväntat fel: x");
  });

  it("returns #NUM! for results Excel cannot show", () => {
    for (const bad of [Infinity, -Infinity, NaN]) {
      const result = excelResult(() => checkFinite(bad));
      expect((result as CustomFunctionError).code).toBe("#NUM!");
    }
    expect(Object.is(checkFinite(-0), 0)).toBe(true);
    expect(checkFinite(12.5)).toBe(12.5);
  });

  it("reads the display language from Office, English when Office is absent or not ready", () => {
    expect(displayLocale()).toBe("en");
    expect(withDisplayLanguage("sv-SE", displayLocale)).toBe("sv");
    expect(withDisplayLanguage("en-GB", displayLocale)).toBe("en");
    const notReady = {};
    Object.defineProperty(notReady, "context", {
      get() {
        throw new Error("Office.context is not available before Office.onReady");
      },
    });
    Object.assign(globalThis, { Office: notReady });
    try {
      expect(displayLocale()).toBe("en");
    } finally {
      delete (globalThis as { Office?: unknown }).Office;
    }
  });
});
