import { initialState, maxReachableStep, reducer, sourceRange, suggestSheetName, type WizardState } from "../../src/taskpane/state";
import { parseParams, parseUserNumber } from "../../src/taskpane/pipeline";
import { DEFAULT_PARAMS } from "../../src/taskpane/state";
import { strings } from "../../src/taskpane/strings";
import { detectEnvironment, luminance, pickTheme, type OfficeLike } from "../../src/taskpane/environment";
import type { DetectedTable } from "../../src/sheet/detect";
import type { SheetSnapshot } from "../../src/workbook/port";

const snapshot: SheetSnapshot = { sheet: "Sales", firstRow: 1, columns: [1, 2, 3], rows: [["Rep", "Amount", "Weight"]] };
const table = {
  sheet: "Sales",
  headerRow: 1,
  firstDataRow: 2,
  lastDataRow: 9,
  columns: [
    { column: 1, header: "Rep" },
    { column: 2, header: "Amount" },
    { column: 3, header: "Weight" },
  ],
  suggested: { rep: 1, amount: 2, date: null, units: null, costs: [], weight: 3 },
} as unknown as DetectedTable;
const range = { sheet: "Sales", firstRow: 1, firstColumn: 1, lastRow: 9, lastColumn: 3 };

function withData(): WizardState {
  let s = reducer(initialState(), { type: "workbookOpened", fileName: "a.xlsx", sheets: [{ name: "Sales", used: range, visible: true }], tables: [], sheet: "Sales" });
  s = reducer(s, { type: "readStarted" });
  return reducer(s, { type: "readDone", range, snapshot, table });
}

describe("wizard reducer", () => {
  test("starts on step 1 and cannot move on without data", () => {
    const s = initialState();
    expect(s.step).toBe(0);
    expect(maxReachableStep(s)).toBe(0);
    expect(reducer(s, { type: "goTo", step: 2 })).toBe(s);
  });

  test("a read fills the source and the suggested mapping; progress only counts while reading", () => {
    const s = withData();
    expect(s.readStatus).toBe("done");
    expect(s.mapping).toEqual({ ...table.suggested, team: null }); // no team column suggested: none
    expect(s.mapping).not.toBe(table.suggested); // edits never touch the detector's object
    expect(reducer(s, { type: "progress", phase: "read", done: 1, total: 2 })).toBe(s);
    expect(maxReachableStep(s)).toBe(3);
    expect(reducer(s, { type: "goTo", step: 1 }).step).toBe(1);
  });

  test("a column takes one role: choosing it as rep drops it from the costs", () => {
    let s = withData();
    s = reducer(s, { type: "toggleCost", column: 3, on: true });
    expect(s.mapping!.costs).toEqual([3]);
    s = reducer(s, { type: "setMapping", field: "weight", column: 3 });
    expect(s.mapping!.costs).toEqual([]);
  });

  test("unmapping a column resets choices that needed it", () => {
    let s = withData();
    s = reducer(s, { type: "setParam", name: "weighting", value: "weight" });
    s = reducer(s, { type: "setMapping", field: "weight", column: null });
    expect(s.params.weighting).toBe("equal");
    expect(maxReachableStep(reducer(s, { type: "setMapping", field: "rep", column: null }))).toBe(0);
  });

  test("changing anything after a write makes the summary stale; a new source drops the old data", () => {
    let s = withData();
    s = reducer(s, { type: "writeStarted" });
    s = reducer(s, { type: "writeDone", sheet: "Quotas", result: range, reps: 2, total: 10 });
    expect(s.writeStatus).toBe("done");
    const changed = reducer(s, { type: "setParam", name: "target", value: "5" });
    expect(changed.writeStatus).toBe("idle");
    expect(changed.written).toBeNull();
    const other = reducer(s, { type: "setSheet", sheet: "Other" });
    expect(other.source).toBeNull();
    expect(other.mapping).toBeNull();
  });

  test("a foreign output sheet stops the write with a suggestion", () => {
    let s = reducer(withData(), { type: "writeStarted" });
    s = reducer(s, { type: "foreignSheet", sheet: "Quotas", suggestion: "Quotas 2" });
    expect(s.writeStatus).toBe("idle");
    expect(s.foreignSheet).toEqual({ sheet: "Quotas", suggestion: "Quotas 2" });
  });

  test("start over keeps the data and resets the parameters", () => {
    let s = reducer(withData(), { type: "setParam", name: "target", value: "100" });
    s = reducer(reducer(s, { type: "goTo", step: 3 }), { type: "reset" });
    expect(s.step).toBe(0);
    expect(s.source).not.toBeNull();
    expect(s.params.target).toBe("");
  });

  test("source ranges: a single selected cell means its sheet's used range", () => {
    const s = { ...withData(), sourceKind: "selection" as const, selection: { sheet: "Sales", firstRow: 3, firstColumn: 2, lastRow: 3, lastColumn: 2 } };
    expect(sourceRange(s)).toEqual(range);
    const block = { sheet: "Sales", firstRow: 1, firstColumn: 1, lastRow: 4, lastColumn: 2 };
    expect(sourceRange({ ...s, selection: block })).toEqual(block);
    expect(sourceRange({ ...s, sourceKind: "table", table: "T" })).toBeNull();
  });

  test("suggests a free sheet name", () => {
    expect(suggestSheetName("Quotas", ["Sales", "Quotas"])).toBe("Quotas 2");
    expect(suggestSheetName("Quotas", ["quotas", "QUOTAS 2"])).toBe("Quotas 3");
    expect(suggestSheetName("A".repeat(31), []).length).toBeLessThanOrEqual(31);
  });
});

describe("typed numbers and parameters", () => {
  test.each([
    ["1 500 000", "en", 1500000],
    ["1,500,000", "en", 1500000],
    ["1,500", "en", 1500],
    ["2.5", "en", 2.5],
    ["1 500 000,50", "sv", 1500000.5],
    ["1.500.000,50", "sv", 1500000.5],
    ["1,5", "sv", 1.5],
    ["1.500", "sv", 1500],
    ["2.5", "sv", 2.5],
    ["1,234.5", "sv", 1234.5],
    ["\u22125", "en", -5],
    ["", "en", null],
    ["12abc", "en", null],
    ["1,2,3", "en", null],
    ["1,5", "en", null],
    ["12,34", "en", null],
  ] as const)("%s (%s) → %s", (text, locale, expected) => {
    expect(parseUserNumber(text, locale)).toBe(expected);
  });

  test("every field problem is reported on its field; a valid set gives plan parameters", () => {
    const bad = parseParams({ ...DEFAULT_PARAMS, target: "x", periods: "1.5", roundTo: "-1", timeframe: "range", from: "2025-02-01", to: "2025-01-01" }, "en");
    expect(bad.params).toBeNull();
    expect(bad.errors).toEqual({ target: "invalidTarget", periods: "invalidPeriods", roundTo: "invalidRound", from: "invalidRange" });
    const good = parseParams({ ...DEFAULT_PARAMS, method: "topdown", weighting: "weight", target: "600 000", periods: "12", roundTo: "100", timeframe: "year", year: "2025" }, "en");
    expect(good.params).toEqual({ method: "topdown", target: 600000, periods: 12, roundTo: 100, growth: 0, weighting: "weight", year: { phasing: { kind: "equal" }, start: null, uplift: 0 } });
    expect(good.filter).toEqual({ year: 2025 });
    const forecast = parseParams({ ...DEFAULT_PARAMS, method: "forecast", growth: "30 %", forecastMethod: "trend" }, "en");
    expect(forecast.params).toEqual({ method: "forecast", target: null, periods: 12, roundTo: 1, growth: 0.3, forecastMethod: "trend", year: { phasing: { kind: "equal" }, start: null, uplift: 0 } });
    const range = parseParams({ ...DEFAULT_PARAMS, target: "1", timeframe: "range", from: "2025-01-01", to: "2025-01-31" }, "en");
    expect(range.filter!.to!.toISOString()).toBe("2025-01-31T23:59:59.999Z");
  });

  test("a blank review period, a target of 0 and an English \"1,5\" are refused on their fields", () => {
    expect(parseParams({ ...DEFAULT_PARAMS, target: "10", periods: " " }, "en").errors).toEqual({ periods: "periodsRequired" });
    expect(parseParams({ ...DEFAULT_PARAMS, target: "0" }, "en").errors).toEqual({ target: "zeroTarget" });
    // A target that rounds to 0 at the unit gives every rep 0 too: refused as the command refuses it.
    expect(parseParams({ ...DEFAULT_PARAMS, target: "7", roundTo: "1000" }, "en").errors).toEqual({ target: "targetRoundsToZero" });
    expect(parseParams({ ...DEFAULT_PARAMS, target: "500", roundTo: "1000" }, "en").errors).toEqual({});
    expect(parseParams({ ...DEFAULT_PARAMS, target: "-5" }, "en").errors).toEqual({ target: "negativeTarget" });
    expect(parseParams({ ...DEFAULT_PARAMS, target: "1,5" }, "en").errors).toEqual({ target: "invalidTarget" });
    expect(parseParams({ ...DEFAULT_PARAMS, target: "1,5" }, "sv").params?.target).toBe(1.5);
  });
});

describe("strings", () => {
  test("every message exists in English and Swedish with the same placeholders", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [id, entry] of Object.entries(strings)) {
      expect([id, entry.en.trim().length > 0, entry.sv.trim().length > 0]).toEqual([id, true, true]);
      expect([id, placeholders(entry.sv)]).toEqual([id, placeholders(entry.en)]);
    }
  });
});

describe("environment", () => {
  const office = (host: string | null, extra: Partial<OfficeLike["context"]> = {}): OfficeLike => ({
    onReady: async () => ({ host }),
    context: { displayLanguage: "sv-SE", ...extra },
  });

  test("Excel: Office's display language and theme", async () => {
    const env = await detectEnvironment({ getOffice: () => office("Excel", { officeTheme: { bodyBackgroundColor: "#262626" } }), navigatorLanguage: "en-US", forcedColors: false });
    expect(env).toEqual({ host: "excel", locale: "sv", theme: "dark" });
  });

  test("office.js loaded outside Office: browser mode, the browser's language", async () => {
    const env = await detectEnvironment({ getOffice: () => office(null), navigatorLanguage: "en-GB", prefersDark: false, forcedColors: false });
    expect(env).toEqual({ host: "browser", locale: "en", theme: "light" });
  });

  test("office.js missing (offline): browser mode after a short wait", async () => {
    const env = await detectEnvironment({ getOffice: () => undefined, absentWaitMs: 100, navigatorLanguage: "sv", prefersDark: true, forcedColors: false });
    expect(env).toEqual({ host: "browser", locale: "sv", theme: "dark" });
  });

  test("office.js that never becomes ready does not hang the pane", async () => {
    const stuck: OfficeLike = { onReady: () => new Promise(() => undefined) };
    const env = await detectEnvironment({ getOffice: () => stuck, readyTimeoutMs: 50, navigatorLanguage: "en", prefersDark: false, forcedColors: false });
    expect(env.host).toBe("browser");
  });

  test("themes: isDarkTheme wins, then the background's luminance; high contrast first", () => {
    expect(pickTheme({ isDarkTheme: true, bodyBackgroundColor: "#ffffff" }, { forcedColors: false })).toBe("dark");
    expect(pickTheme({ bodyBackgroundColor: "#FFFFFF" }, { forcedColors: false, prefersDark: true })).toBe("light");
    expect(pickTheme({ bodyBackgroundColor: "#000000" }, { forcedColors: false })).toBe("dark");
    expect(pickTheme(undefined, { forcedColors: true })).toBe("highContrast");
    expect(luminance("#ffffff")).toBeCloseTo(1);
    expect(luminance("nonsense")).toBeNull();
  });
});
