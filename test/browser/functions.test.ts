/**
 * The SALES functions through the built bundle, the way Excel's shared runtime meets them:
 * dist/taskpane.html loads office.js, then the functions bundle, whose generated
 * CustomFunctions.associate calls register one callback per id in functions.json. Excel then
 * calls a callback with one value per parameter (null for omitted optional ones) plus an
 * invocation object (with parameterAddresses for functions that ask for them, when the host
 * supports them), and shows a returned CustomFunctions.Error as the cell's error.
 *
 * No network: the office.js request (Microsoft's CDN in production) is answered with a small
 * stand-in that defines CustomFunctions.associate/Error/ErrorCode as the Excel runtime does
 * and records the registrations; Office.onReady reports no host, as office.js does outside
 * Office. Every other request off the test server is refused and reported.
 */
import fs from "fs";
import path from "path";
import type { Browser, Page } from "playwright-core";
import { DIST, launchChromium, serveStatic, StaticServer } from "../support/browser";

jest.setTimeout(60_000);

const OFFICE_JS = /\/office(\.debug)?\.js(\?.*)?$/i;

/** Runs in the page in place of office.js; `displayLanguage` is set per page before load. */
const OFFICE_STAND_IN = String.raw`
(function () {
  var ErrorCode = {
    invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!",
    nullReference: "#NULL!", invalidName: "#NAME?", invalidReference: "#REF!"
  };
  class CustomFunctionError extends Error {
    constructor(errorCode, errorMessage) {
      super(errorMessage || "");
      Object.setPrototypeOf(this, CustomFunctionError.prototype);
      this.type = "Error";
      this.basicType = "Error";
      this.code = errorCode || ErrorCode.invalidValue;
      this.basicValue = this.code;
      this.stack = undefined;
    }
  }
  var registrations = [];
  var mappings = {};
  function associate(id, fn) {
    if (arguments.length === 1 && id && typeof id === "object") {
      for (var key in id) associate(key, id[key]);
      return;
    }
    registrations.push({ id: String(id), isFunction: typeof fn === "function" });
    if (typeof id === "string" && typeof fn === "function") mappings[id.toUpperCase()] = fn;
  }
  window.CustomFunctions = Object.assign(window.CustomFunctions || {}, {
    associate: associate, Error: CustomFunctionError, ErrorCode: ErrorCode
  });
  var info = { host: null, platform: null };
  window.Office = Object.assign(window.Office || {}, {
    HostType: { Excel: "Excel" },
    context: { displayLanguage: window.__displayLanguage || "en-US" },
    onReady: function (callback) {
      if (callback) setTimeout(function () { callback(info); }, 0);
      return Promise.resolve(info);
    }
  });
  function serialise(value) {
    if (value instanceof CustomFunctionError) return { error: value.code, message: value.message };
    if (value instanceof Error) return { thrown: String(value) };
    if (Array.isArray(value)) return value.map(serialise);
    return value;
  }
  window.__excel = {
    registrations: registrations,
    ids: function () { return Object.keys(mappings); },
    call: function (id, args, parameterAddresses) {
      var fn = mappings[id.toUpperCase()];
      if (!fn) return { missing: id };
      var invocation = { functionName: id, address: "Sheet1!H2", parameterAddresses: parameterAddresses || undefined };
      try {
        return serialise(fn.apply(null, args.concat([invocation])));
      } catch (e) {
        return { thrown: String(e) };
      }
    }
  };
})();
`;

interface Metadata {
  functions: { id: string; name: string; helpUrl?: string; parameters: { name: string }[] }[];
}

let browser: Browser;
let server: StaticServer;
let metadata: Metadata;

interface LoadedPage {
  page: Page;
  officeRequests: string[];
  refused: string[];
  errors: string[];
}

async function openTaskpane(displayLanguage: string): Promise<LoadedPage> {
  const page = await browser.newPage();
  const loaded: LoadedPage = { page, officeRequests: [], refused: [], errors: [] };
  page.on("pageerror", (error) => loaded.errors.push(String(error)));
  await page.addInitScript((language) => {
    (window as unknown as { __displayLanguage: string }).__displayLanguage = language;
  }, displayLanguage);
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (OFFICE_JS.test(new URL(url).pathname)) {
      loaded.officeRequests.push(url);
      await route.fulfill({ status: 200, contentType: "text/javascript", body: OFFICE_STAND_IN });
    } else if (url.startsWith(server.url)) {
      await route.continue();
    } else {
      loaded.refused.push(url);
      await route.abort();
    }
  });
  await page.goto(`${server.url}/taskpane.html`);
  const expected = metadata.functions.length;
  await page
    .waitForFunction((n) => {
      const excel = (window as unknown as { __excel?: { registrations: unknown[] } }).__excel;
      return excel !== undefined && excel.registrations.length >= n;
    }, expected, { timeout: 20_000 })
    .catch(() => {
      throw new Error(
        `the page did not register ${expected} custom functions; office.js requests: ${JSON.stringify(loaded.officeRequests)}, ` +
          `page errors: ${JSON.stringify(loaded.errors)}, refused: ${JSON.stringify(loaded.refused)}`,
      );
    });
  return loaded;
}

type CallInPage = { __excel: { call(id: string, args: unknown[], parameterAddresses: string[] | null): unknown } };

/** Calls a registered function as a host without parameter addresses does. */
function call(page: Page, id: string, ...args: unknown[]): Promise<unknown> {
  return callAt(page, id, null, ...args);
}

/** Calls a registered function with invocation.parameterAddresses, as Excel does for functions that ask. */
function callAt(page: Page, id: string, parameterAddresses: string[] | null, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(
    ({ id, args, parameterAddresses }) => (window as unknown as CallInPage).__excel.call(id, args, parameterAddresses),
    { id, args, parameterAddresses },
  );
}

/** The arguments Excel passes: the given ones, then null for each omitted optional one. */
function excelArgs(id: string, ...args: unknown[]): unknown[] {
  const f = metadata.functions.find((fn) => fn.id === id);
  if (!f) throw new Error(`${id} is not in functions.json`);
  if (args.length > f.parameters.length) throw new Error(`${id} takes ${f.parameters.length} arguments`);
  return [...args, ...Array(f.parameters.length - args.length).fill(null)];
}

beforeAll(async () => {
  const file = path.join(DIST, "functions.json");
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first (npm test does).`);
  metadata = JSON.parse(fs.readFileSync(file, "utf8"));
  server = await serveStatic();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the SALES functions in the built task pane page", () => {
  let en: LoadedPage;

  beforeAll(async () => {
    en = await openTaskpane("en-US");
  });

  afterAll(async () => {
    await en?.page.close();
  });

  it("ships the twelve functions in dist/functions.json", () => {
    expect(metadata.functions.map((f) => f.id)).toEqual([
      "QUOTA_TOPDOWN",
      "QUOTA_BOTTOMUP",
      "QUOTA_BASELINE",
      "QUOTA_FORECAST",
      "PROFIT_QUOTA",
      "VOLUME_BONUS",
      "QUOTA_ATTAINMENT",
      "ACTIVITY_ATTAINMENT",
      "COMBINED_ATTAINMENT",
      "QUOTA_PHASE",
      "QUOTA_RAMP",
      "REPS_NEEDED",
    ]);
    for (const f of metadata.functions) expect(f.helpUrl).toMatch(new RegExp(`^https://[^/]+/.*help\\.html#${f.id.toLowerCase()}$`));
  });

  it("ships the metadata the unit tests pin, with help links on the production origin", () => {
    const golden = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../functions/functions.golden.json"), "utf8"));
    const devOrigin = (json: unknown) =>
      JSON.parse(JSON.stringify(json).replace(/https:\/\/[^"]*?help\.html#/g, "https://localhost:3000/help.html#"));
    expect(devOrigin(metadata)).toEqual(golden);
  });

  it("loads office.js the way production does, and nothing else from outside", () => {
    expect(en.officeRequests).toHaveLength(1);
    expect(en.refused).toEqual([]);
    expect(en.errors).toEqual([]);
  });

  it("associates every id in functions.json exactly once, with a function", async () => {
    const registrations = (await en.page.evaluate(
      () => (window as unknown as { __excel: { registrations: { id: string; isFunction: boolean }[] } }).__excel.registrations,
    )) as { id: string; isFunction: boolean }[];
    expect(registrations.map((r) => r.id).sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    expect(registrations.every((r) => r.isFunction)).toBe(true);
  });

  it("gives the seed's numbers through the registered callbacks", async () => {
    const page = en.page;
    expect(await call(page, "QUOTA_TOPDOWN", ...excelArgs("QUOTA_TOPDOWN", 600000, [[5]], 12))).toEqual([[10000]]);
    expect(await call(page, "QUOTA_TOPDOWN", ...excelArgs("QUOTA_TOPDOWN", 900000, [[15]], 12))).toEqual([[5000]]);
    expect(await call(page, "QUOTA_FORECAST", ...excelArgs("QUOTA_FORECAST", [[15000]], 0.3))).toEqual([[19500]]);
    expect(await call(page, "QUOTA_BOTTOMUP", ...excelArgs("QUOTA_BOTTOMUP", 20000, [[2], [2], [2], [1], [1]]))).toEqual([
      [5000],
      [5000],
      [5000],
      [2500],
      [2500],
    ]);
    expect(await call(page, "VOLUME_BONUS", ...excelArgs("VOLUME_BONUS", [[17]], [[15]], [[200]]))).toEqual([[400]]);
  });

  it("spills in the shape of the rep range", async () => {
    const reps = [["Anna", "Bo", "Cecilia"]];
    expect(await call(en.page, "QUOTA_TOPDOWN", ...excelArgs("QUOTA_TOPDOWN", 36000, reps, 12))).toEqual([[1000, 1000, 1000]]);
  });

  it("returns CustomFunctions.Error values with the right code and message", async () => {
    expect(await call(en.page, "QUOTA_TOPDOWN", ...excelArgs("QUOTA_TOPDOWN", 600000, [[0]], 12))).toMatchObject({ error: "#NUM!" });
    expect(await call(en.page, "QUOTA_BOTTOMUP", ...excelArgs("QUOTA_BOTTOMUP", 20000, [[0], [""]]))).toMatchObject({
      error: "#DIV/0!",
    });
    expect(await call(en.page, "QUOTA_BOTTOMUP", ...excelArgs("QUOTA_BOTTOMUP", 20000, [[1], ["x"]]))).toEqual({
      error: "#VALUE!",
      message: 'history (row 2 of the range) must be a number, got "x".',
    });
    expect(await call(en.page, "QUOTA_ATTAINMENT", ...excelArgs("QUOTA_ATTAINMENT", [[100], [50]], [[0], [100]]))).toEqual([
      [{ error: "#DIV/0!", message: expect.any(String) }],
      [0.5],
    ]);
  });

  it("names the bad cell by its address when Excel passes the parameter addresses", async () => {
    const history = [[1], [2], ["x"], [4], [5]];
    expect(await callAt(en.page, "QUOTA_BOTTOMUP", ["Sheet1!F1", "'My Sheet'!B2:B6"], ...excelArgs("QUOTA_BOTTOMUP", 20000, history))).toEqual({
      error: "#VALUE!",
      message: 'history (cell \'My Sheet\'!B4) must be a number, got "x".',
    });
    // An array constant has no address: the message names the position instead.
    expect(await callAt(en.page, "QUOTA_BOTTOMUP", ["Sheet1!F1", ""], ...excelArgs("QUOTA_BOTTOMUP", 20000, history))).toEqual({
      error: "#VALUE!",
      message: 'history (row 3 of the range) must be a number, got "x".',
    });
  });
});

describe("the SALES functions for a Swedish Office", () => {
  it("answer with messages in Swedish", async () => {
    const sv = await openTaskpane("sv-SE");
    try {
      expect(await call(sv.page, "QUOTA_BOTTOMUP", ...excelArgs("QUOTA_BOTTOMUP", 20000, [[1], ["x"]]))).toEqual({
        error: "#VALUE!",
        message: 'history (rad 2 i området) måste vara ett tal, fick "x".',
      });
      expect(await callAt(sv.page, "QUOTA_BOTTOMUP", ["", "Försäljning!C2:C3"], ...excelArgs("QUOTA_BOTTOMUP", 20000, [[1], ["x"]]))).toEqual({
        error: "#VALUE!",
        message: 'history (cell Försäljning!C3) måste vara ett tal, fick "x".',
      });
    } finally {
      await sv.page.close();
    }
  });
});
