/**
 * "Review the plan" in the built page (dist/taskpane.html) outside Office, in Debian's
 * Chromium. The workbook is made by `quota allocate` (top-down, target 192,000 in hundreds, 12
 * months from 2025-01, equal phasing: 48,000 a rep, 4,000 a month) on sales dated January to
 * September 2025. Opened in the page, the panel names the plan and proposes September (the last
 * month with sales); reviewed through June, the figures on screen and in the downloaded
 * Attainment sheet are the ones summed here from the generated rows; the Sales sheet is left
 * as it was. Once in English, once in Swedish (sheet "Måluppfyllelse"). office.js is refused;
 * nothing goes to the network.
 */
import ExcelJS from "exceljs";
import fs from "fs";
import path from "path";
import type { Browser } from "playwright-core";
import { axeViolations as axe, launchChromium, serveStatic, StaticServer, withPage } from "../support/browser";
import { Cell, run, tempDir, writeWorkbook } from "../cli/support";

jest.setTimeout(180_000);

const OUT = path.resolve(__dirname, "..", "..", "test-output");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const REPS = ["Anna", "Bo", "Cai", "Dag"];
/** Each rep's monthly sales come in two rows (the 5th and the 20th). */
const MONTHLY: Record<string, (m: number) => number> = {
  Anna: (m) => 4000 + 100 * m, // Jan–Jun: 24,000 + 1,500
  Bo: () => 4000, // exactly on quota
  Cai: (m) => (m % 2 === 0 ? 2500 : 3500), // 18,000
  Dag: (m) => 3700 + 50 * m, // 22,200 + 750
};
const LAST_SALES_MONTH = 8; // September 2025
const THROUGH = 6; // the review runs through June 2025
const QUOTA = 48000;
const QUOTA_TO_DATE = (QUOTA / 12) * THROUGH;

let browser: Browser;
let server: StaticServer;
let planFile: string;

function salesRows(): Cell[][] {
  const rows: Cell[][] = [["Rep", "Team", "Date", "Amount"]];
  for (let m = 0; m <= LAST_SALES_MONTH; m++) {
    for (const rep of REPS) {
      const team = rep === "Anna" || rep === "Bo" ? "North" : "South";
      const amount = MONTHLY[rep](m);
      rows.push([rep, team, new Date(Date.UTC(2025, m, 5)), amount - 1000]);
      rows.push([rep, team, new Date(Date.UTC(2025, m, 20)), 1000]);
    }
  }
  return rows;
}

/** Actual to date per rep, summed from the generated rows dated up to the end of June. */
function actualsToDate(): Map<string, number> {
  const sums = new Map<string, number>();
  for (const [rep, , date, amount] of salesRows().slice(1) as [string, string, Date, number][]) {
    if (date.getUTCMonth() < THROUGH) sums.set(rep, (sums.get(rep) ?? 0) + amount);
  }
  return sums;
}

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const dir = tempDir();
  await writeWorkbook(path.join(dir, "sales.xlsx"), [{ name: "Sales", rows: salesRows(), formats: { 3: "yyyy-mm-dd" } }]);
  const made = await run(
    ["allocate", "sales.xlsx", "--out", "plan.xlsx", "--method", "topdown", "--year", "2025", "--target", "192000", "--periods", "12", "--round", "100", "--phasing", "equal", "--start", "2025-01"],
    dir,
  );
  expect(made.stderr).not.toMatch(/error/i);
  expect(made.code).toBe(0);
  planFile = path.join(dir, "plan.xlsx");
  server = await serveStatic();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});


interface Texts {
  tag: "en-US" | "sv-SE";
  sheet: string;
  button: string;
  hasPlan: string;
  wrote: string;
  attainment: (pct: string, actual: string, quota: string) => string;
  atOrAbove: (pct: string) => string;
  download: string;
  headers: string[];
}

const EN: Texts = {
  tag: "en-US",
  sheet: "Attainment",
  button: "Write the Attainment sheet",
  hasPlan: 'This workbook has a quota plan (4 reps, periods 2025-01 – 2025-12, from sheet "Sales").',
  wrote: 'Wrote sheet "Attainment" (4 reps, through 2025-06).',
  attainment: (p, a, q) => `Attainment to date: ${p} (${a} of ${q}).`,
  atOrAbove: (p) => `Reps at or above quota: ${p} (55–70 % is healthy).`,
  download: "Download plan-review.xlsx",
  headers: ["Rep", "Team", "Annual quota", "Quota to date", "Actual to date", "Attainment", "Projection (run rate)"],
};

const SV: Texts = {
  tag: "sv-SE",
  sheet: "Måluppfyllelse",
  button: "Skriv bladet Måluppfyllelse",
  hasPlan: 'Arbetsboken har en kvotplan (4 säljare, perioder 2025-01 – 2025-12, från bladet "Sales").',
  wrote: 'Skrev bladet "Måluppfyllelse" (4 säljare, till och med 2025-06).',
  attainment: (p, a, q) => `Måluppfyllelse hittills: ${p} (${a} av ${q}).`,
  atOrAbove: (p) => `Säljare på eller över kvot: ${p} (55–70 % är sunt).`,
  download: "Ladda ned plan-uppföljning.xlsx",
  headers: ["Säljare", "Team", "Årskvot", "Kvot hittills", "Utfall hittills", "Måluppfyllelse", "Prognos (takt)"],
};

function cellValue(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v && typeof v === "object" && !(v instanceof Date) && "result" in v) return v.result;
  return v;
}

function sheetValues(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const values: unknown[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => (values[c - 1] = cellValue(cell)));
    rows[r - 1] = values;
  });
  return rows;
}

async function reviewIn(t: Texts): Promise<void> {
  const actual = actualsToDate();
  // By hand: Anna 25,500, Bo 24,000, Cai 18,000, Dag 22,950 against 24,000 each.
  expect(REPS.map((r) => actual.get(r))).toEqual([25500, 24000, 18000, 22950]);
  const totalActual = REPS.reduce((s, r) => s + actual.get(r)!, 0);
  const totalQuota = QUOTA_TO_DATE * REPS.length;
  const atOrAbove = REPS.filter((r) => actual.get(r)! >= QUOTA_TO_DATE).length / REPS.length;
  const num = (x: number) => new Intl.NumberFormat(t.tag, { maximumFractionDigits: 0 }).format(x);
  const pct = (x: number) => new Intl.NumberFormat(t.tag, { style: "percent", maximumFractionDigits: 1 }).format(x);

  await withPage(browser, server, t.tag, async (page) => {
    await page.getByTestId("file-input").setInputFiles({ name: "plan.xlsx", mimeType: XLSX, buffer: fs.readFileSync(planFile) });
    await page.getByTestId("review-plan").waitFor();
    await expect(page.getByTestId("review-plan").textContent()).resolves.toBe(t.hasPlan);
    // The default: September, the last month with sales (not the plan's first or last month).
    const through = page.getByTestId("review-through");
    await page.getByTestId("row-stats").waitFor();
    await page
      .waitForFunction(() => (document.querySelector("[data-testid=review-through]") as HTMLInputElement | null)?.value === "2025-09", null, { timeout: 20_000 })
      .catch(() => undefined);
    expect(await through.inputValue()).toBe("2025-09");

    await through.fill("2025-06");
    await page.getByRole("button", { name: t.button }).click();
    await page.getByTestId("review-done").waitFor();
    await expect(page.getByTestId("review-done").textContent()).resolves.toContain(t.wrote);
    // 90,450 of 96,000 = 94.2 %; Anna and Bo at or above: 50 %.
    expect(totalActual).toBe(90450);
    await expect(page.getByTestId("review-attainment").textContent()).resolves.toBe(t.attainment(pct(totalActual / totalQuota), num(totalActual), num(totalQuota)));
    await expect(page.getByTestId("review-at-or-above").textContent()).resolves.toBe(t.atOrAbove(pct(atOrAbove)));
    expect(await page.getByTestId("review-unmatched").count()).toBe(0);
    await expect(page.getByTestId("review-download").textContent()).resolves.toBe(t.download);

    expect(await axe(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.getByTestId("review").screenshot({ path: path.join(OUT, `review-${t.tag}-320.png`) });

    const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("review-download").click()]);
    expect(file.suggestedFilename()).toBe(t.download.replace(/^\S+ (ned )?/, ""));
    const saved = path.join(OUT, `review-download-${t.tag}.xlsx`);
    await file.saveAs(saved);

    const before = new ExcelJS.Workbook();
    await before.xlsx.readFile(planFile);
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(saved);
    // The source sheet is untouched.
    expect(sheetValues(after.getWorksheet("Sales")!)).toEqual(sheetValues(before.getWorksheet("Sales")!));
    expect(before.getWorksheet(t.sheet)).toBeUndefined();

    const ws = after.getWorksheet(t.sheet);
    expect(ws).toBeTruthy();
    const values = sheetValues(ws!);
    expect(values[0].slice(0, 7)).toEqual(t.headers);
    // rep, team (none: the plan has no teams), annual quota, quota to date, actual to date, attainment, projection (run rate)
    for (const [i, rep] of REPS.entries()) {
      const a = actual.get(rep)!;
      expect(values[i + 1].slice(0, 7)).toEqual([rep, null, QUOTA, QUOTA_TO_DATE, a, a / QUOTA_TO_DATE, (a / THROUGH) * 12]);
      // One attainment per month reviewed, each the month's actual ÷ 4,000.
      const months = [0, 1, 2, 3, 4, 5].map((m) => MONTHLY[rep](m) / (QUOTA / 12));
      (values[i + 1].slice(7, 13) as number[]).forEach((v, m) => expect(v).toBeCloseTo(months[m], 12));
      expect(values[i + 1][13] ?? null).toBeNull();
    }
    const totals = values[REPS.length + 1];
    expect([totals[2], totals[3], totals[4], totals[5]]).toEqual([QUOTA * REPS.length, totalQuota, totalActual, totalActual / totalQuota]);
    // The summary beside the table (column O): through, periods, the share at or above quota.
    expect(values.slice(1, 4).map((r) => r[15])).toEqual(["2025-06", "6 / 12", atOrAbove]);

    // The attainment bands on the Attainment column (F) and the monthly columns (H:M).
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; operator?: string; formulae?: unknown[] }[] }[] }).conditionalFormattings;
    const refs = cf.map((c) => c.ref);
    expect(refs).toEqual(expect.arrayContaining(["F2:F5", "H2:M5"]));
    for (const c of cf.filter((x) => x.ref === "F2:F5" || x.ref === "H2:M5")) {
      expect(c.rules.map((r) => r.operator)).toEqual(["lessThan", "between", "greaterThanOrEqual"]);
    }

  });
}

test("in English: the plan reviewed through June, on screen and in the downloaded Attainment sheet", async () => {
  await reviewIn(EN);
});

test("in Swedish: the same figures in the Måluppfyllelse sheet", async () => {
  await reviewIn(SV);
});
