/**
 * "Update the plan" in the built page (dist/taskpane.html) outside Office, in Debian's
 * Chromium. The workbook is made by `quota allocate` (bottom-up from 2025, target 72,000 in
 * hundreds, 5 % uplift, Bo locked at 25,000, history phasing from 2026-01, teams), so the
 * command and the wizard must agree: opened in the page, the card names the plan, *Update the
 * plan* fills every input, unchanged data shows "no changes" and writes the same quotas to the
 * unit; changed data shows each rep's old and new quota.
 */
import fs from "fs";
import path from "path";
import JSZip from "jszip";
import type { Browser, Page } from "playwright-core";
import { readStoredPlan, type StoredPlan } from "../../src/plan/stored";
import { XlsxFile } from "../../src/workbook/xlsx-file";
import { axeViolations as axe, launchChromium, serveStatic, StaticServer, withPage as withPageAt } from "../support/browser";
import { Cell, run, tempDir, writeWorkbook } from "../cli/support";

jest.setTimeout(180_000);

const OUT = path.resolve(__dirname, "..", "..", "test-output");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let browser: Browser;
let server: StaticServer;
let dir: string;
let planFile: string;

/** Three reps, one row per rep and month of 2025 (Anna's January sale is cell D2). */
function salesRows(): Cell[][] {
  const rows: Cell[][] = [["Rep", "Team", "Date", "Amount"]];
  const reps: [string, string, (m: number) => number][] = [
    ["Anna", "North", (m) => (m < 6 ? 1500 : 500)],
    ["Bo", "North", () => 2000],
    ["Cai", "South", (m) => (m < 6 ? 2000 : 4000)],
  ];
  for (let m = 0; m < 12; m++) for (const [rep, team, amount] of reps) rows.push([rep, team, new Date(Date.UTC(2025, m, 10)), amount(m)]);
  return rows;
}

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  dir = tempDir();
  await writeWorkbook(path.join(dir, "sales.xlsx"), [{ name: "Sales", rows: salesRows(), formats: { 3: "yyyy-mm-dd" } }]);
  const made = await run(
    ["allocate", "sales.xlsx", "--out", "plan.xlsx", "--method", "bottomup", "--year", "2025", "--target", "72000", "--periods", "12", "--round", "100", "--uplift", "5%", "--lock", "Bo=25000", "--phasing", "history", "--start", "2026-01", "--team", "Team"],
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

async function storedIn(file: string): Promise<StoredPlan> {
  const stored = await readStoredPlan(await XlsxFile.open(file));
  if (!stored) throw new Error(`${file} holds no stored plan`);
  return stored;
}

function withPage(body: (page: Page) => Promise<void>): Promise<void> {
  return withPageAt(browser, server, "en-US", body);
}

async function openAndUpdate(page: Page, buffer: Buffer): Promise<void> {
  await page.getByTestId("file-input").setInputFiles({ name: "plan.xlsx", mimeType: XLSX, buffer });
  await page.getByTestId("update-plan").waitFor();
  await expect(page.getByTestId("update-plan").textContent()).resolves.toBe("This workbook has a quota plan made 2026-01-15 (bottom-up, target 72,000).");
  await page.getByTestId("row-stats").waitFor();
  await page.getByRole("button", { name: "Update the plan" }).click();
  await page.getByTestId("update-filled").waitFor();
}


test("unchanged data: every input filled in, no changes, the same quotas written to the unit", async () => {
  const before = await storedIn(planFile);
  await withPage(async (page) => {
    await openAndUpdate(page, fs.readFileSync(planFile));
    await expect(page.getByTestId("update-filled").textContent()).resolves.toContain('Filled in from the plan made 2026-01-15: sheet "Sales"');
    await expect(page.getByTestId("update-filled").textContent()).resolves.toContain('Teams from column "Team", as in the plan.');
    await expect(page.getByTestId("update-no-changes").textContent()).resolves.toBe("No changes: every rep keeps the same quota and schedule as in the plan made 2026-01-15 (total 75,600).");
    expect(await page.getByTestId("output-sheet").inputValue()).toBe("Quotas");

    // Back on the method step, every input is the stored one.
    await page.getByRole("button", { name: "Back", exact: true }).click();
    await page.getByRole("button", { name: "Back", exact: true }).click();
    expect(await page.getByTestId("target").inputValue()).toBe("72000");
    expect(await page.getByTestId("periods").inputValue()).toBe("12");
    expect(await page.getByTestId("year").inputValue()).toBe("2025");
    expect(await page.getByTestId("phasing").inputValue()).toBe("history");
    expect(await page.getByTestId("start").inputValue()).toBe("2026-01");
    expect(await page.getByTestId("uplift").inputValue()).toBe("0.05");
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByTestId("update-no-changes").waitFor();
    expect(await axe(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.screenshot({ path: path.join(OUT, "update-no-changes-320.png"), fullPage: true });

    await page.getByTestId("write").click();
    await page.getByTestId("write-done").waitFor();
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]);
    const saved = path.join(OUT, "update-download.xlsx");
    await file.saveAs(saved);
    const after = await storedIn(saved);
    expect(after.result.rows).toEqual(before.result.rows);
    expect(after.result.rows.map((r) => [r.rep, r.quota, r.team, r.locked])).toEqual([
      ["Anna", 12700, "North", false],
      ["Bo", 25000, "North", true],
      ["Cai", 37900, "South", false],
    ]);
    expect(after.params).toEqual(before.params);
    expect(after.source.columns).toEqual(before.source.columns);
    expect(after.outputSheet).toBe("Quotas");
    // The add-in's own Quotas sheet was written over, not a second one added.
    const sheets = (await (await XlsxFile.open(saved)).listSheets()).map((s) => s.name);
    expect(sheets.filter((n) => /^Quotas/.test(n))).toEqual(["Quotas"]);

    // The review panel keeps focus on its button while it writes (not lost on the page).
    await page.getByTestId("review-write").click();
    await page.getByTestId("review-done").waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe("review-write");
  });
});

test("changed data: each rep's old and new quota and the difference before writing", async () => {
  // Anna's January 2025 sale 1,500 → 13,500 in the plan workbook's own Sales sheet.
  const zip = await JSZip.loadAsync(fs.readFileSync(planFile));
  const sheetPath = Object.keys(zip.files).find((f) => /^xl\/worksheets\/sheet1\.xml$/.test(f))!;
  const xml = await zip.file(sheetPath)!.async("string");
  const edited = xml.replace(/(<c r="D2"[^>]*>\s*<v>)1500(<\/v>)/, "$113500$2");
  expect(edited).not.toBe(xml);
  zip.file(sheetPath, edited);
  const changed = await zip.generateAsync({ type: "nodebuffer" });
  await withPage(async (page) => {
    await openAndUpdate(page, changed);
    await page.getByTestId("update-changes-table").waitFor();
    // Bo keeps his lock; 75,600 − 25,000 = 50,600 shared by history 24,000 : 36,000 in hundreds.
    const rows = await page.locator("[data-testid=update-changes-table] tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent)));
    expect(rows).toEqual([
      ["Anna", "12,700", "20,200", "+7,500"],
      ["Cai", "37,900", "30,400", "−7,500"],
    ]);
    await expect(page.getByTestId("update-changes-summary").textContent()).resolves.toBe("2 reps change against the plan made 2026-01-15; 1 unchanged. Total 75,600 → 75,600.");
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: path.join(OUT, "update-changes-320.png"), fullPage: true });
  });
});
