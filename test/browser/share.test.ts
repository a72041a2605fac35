/**
 * "Prepare for sharing" in the built page (dist/taskpane.html) outside Office, in Debian's
 * Chromium: open an .xlsx whose Plan sheet calls SALES functions, confirm the listed cells,
 * download the shared copy and check it with ExcelJS (values kept, SALES formulas gone, the
 * native formula still there). office.js is refused; nothing goes to the network.
 */
import ExcelJS from "exceljs";
import fs from "fs";
import path from "path";
import type { Browser } from "playwright-core";
import { axeViolations, launchChromium, serveStatic, StaticServer, withPage } from "../support/browser";

jest.setTimeout(180_000);

const OUT = path.resolve(__dirname, "..", "..", "test-output");

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  server = await serveStatic();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function planWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sales = wb.addWorksheet("Sales");
  sales.addRow(["Rep", "Amount"]);
  sales.addRow(["Anna", 2000]);
  sales.addRow(["Bo", 1000]);
  const plan = wb.addWorksheet("Plan");
  plan.addRow(["Month", "Ramp", "Quota", "Total"]);
  for (let m = 1; m <= 12; m++) {
    const r = m + 1;
    plan.getCell(r, 1).value = m;
    plan.getCell(r, 2).value = m === 1 ? { formula: `_xldudf_SALES_QUOTA_RAMP(10000,A${r})`, result: 2500 } : { sharedFormula: "B2", result: m >= 4 ? 10000 : 2500 * m } as ExcelJS.CellValue;
  }
  plan.getCell("C2").value = { formula: "ROUND(_xldudf_SALES_QUOTA_TOPDOWN(600000,5,12),0)", result: 10000 };
  plan.getCell("D2").value = { formula: "SUM(B2:B13)", result: 107500 };
  plan.getCell("E2").value = '=SALES.QUOTA_TOPDOWN(1,2) is how you call it';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test("outside Excel: prepare for sharing freezes the SALES formulas of the opened file and offers the copy", async () => {
  await withPage(browser, server, "en-US", async (page) => {
    await page.getByTestId("file-input").setInputFiles({ name: "plan.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await planWorkbook() });
    await page.getByTestId("row-stats").waitFor();
    await page.getByTestId("share-start").click();
    const confirm = page.getByTestId("share-confirm");
    await confirm.waitFor();
    await expect(confirm.textContent()).resolves.toContain("Replace 13 SALES formulas by their values?");
    await expect(page.getByTestId("share-cells").locator("li").allTextContents()).resolves.toEqual([
      "Plan!B2",
      "Plan!C2",
      "Plan!B3",
      "Plan!B4",
      "Plan!B5",
      "Plan!B6",
      "Plan!B7",
      "Plan!B8",
    ]);
    await expect(confirm.textContent()).resolves.toContain("… and 5 more.");
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.screenshot({ path: path.join(OUT, "share-confirm-320.png"), fullPage: true });

    // Cancel puts focus back on the button that started it (not lost on the page).
    await page.getByTestId("share-cancel").click();
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.testid === "share-start");
    await expect(page.getByTestId("share-confirm").count()).resolves.toBe(0);
    await page.getByTestId("share-start").click();
    await page.getByTestId("share-confirm").waitFor();

    await page.getByTestId("share-confirm-button").click();
    await page.getByTestId("share-done").waitFor();
    await expect(page.getByTestId("share-done").textContent()).resolves.toBe("Replaced 13 SALES formulas by their values (Plan 13).");
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("share-download").click()]);
    expect(file.suggestedFilename()).toBe("plan-shared.xlsx");
    const saved = path.join(OUT, "share-download.xlsx");
    await file.saveAs(saved);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(saved) as unknown as ArrayBuffer);
    const plan = wb.getWorksheet("Plan")!;
    const ramp = Array.from({ length: 12 }, (_, i) => plan.getCell(i + 2, 2));
    expect(ramp.map((c) => c.type)).toEqual(ramp.map(() => ExcelJS.ValueType.Number));
    expect(ramp.map((c) => c.value)).toEqual([2500, 5000, 7500, 10000, 10000, 10000, 10000, 10000, 10000, 10000, 10000, 10000]);
    expect(plan.getCell("C2").value).toBe(10000);
    expect(plan.getCell("D2").value).toEqual({ formula: "SUM(B2:B13)", result: 107500 });
    expect(plan.getCell("E2").value).toBe("=SALES.QUOTA_TOPDOWN(1,2) is how you call it");
  });
});
