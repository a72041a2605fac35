/**
 * The wizard in the built page on a CSV file: a semicolon export in Windows-1252 with Swedish
 * amounts and a subtotal row, through to the downloaded workbook, which holds the CSV's rows as
 * a sheet of text and the Quotas sheet. No network: only the local test server answers.
 */
import ExcelJS from "exceljs";
import fs from "fs";
import path from "path";
import type { Browser } from "playwright-core";
import { launchChromium, serveStatic, StaticServer } from "../support/browser";
import { parseStoredPlan } from "../../src/plan/stored";
import { lettersSheetName } from "../../src/plan/lettersSheet";
import type { CellValue } from "../../src/workbook/port";

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

/** Windows-1252 bytes of Latin-1 text (what Excel on Swedish Windows saves as CSV). */
const cp1252 = (s: string) => Buffer.from([...s].map((ch) => ch.charCodeAt(0)));

/** 2:2:1 history, a subtotal in the middle and a total at the bottom. */
const CSV = [
  "Säljare;Belopp;Datum",
  "Åsa Öberg;1 000,00;2025-01-03",
  "Björn Ek;2 000;2025-01-04",
  "Subtotal North;3 000;",
  '"Ek; Carla";1 500,50;2025-02-03',
  "Åsa Öberg;1 000;2025-02-04",
  '"Ek; Carla";499,50;2025-03-03',
  "Dan Berg;1 000;2025-03-04",
  "Summa:;7 000;",
  "",
].join("\r\n");

test("a CSV file → mapping → bottom-up 10,000 → write → download of a new workbook", async () => {
  const context = await browser.newContext({ locale: "en-US", acceptDownloads: true, viewport: { width: 450, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const refused: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url)) return route.continue();
    refused.push(url);
    return route.abort();
  });
  try {
    await page.goto(`${server.url}/taskpane.html`);
    await page.getByRole("button", { name: "Open a workbook…" }).waitFor();
    await page.getByTestId("file-input").setInputFiles({ name: "sales.csv", mimeType: "text/csv", buffer: cp1252(CSV) });
    await page.getByTestId("row-stats").waitFor();
    expect(await page.getByTestId("sheet-select").inputValue()).toBe("sales");
    await expect(page.getByTestId("row-stats").textContent()).resolves.toBe("Rows read: 8; used: 6; skipped: 2. Reps: 4.");
    const skipped = await page.getByTestId("skipped-list").textContent();
    expect(skipped).toContain('Row 4 is a totals row ("Subtotal North" in cell sales!A4), not a sale; it was left out.');
    expect(skipped).toContain('Row 9 is a totals row ("Summa:" in cell sales!A9)');

    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByTestId("target").fill("10,000");
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(page.getByTestId("total-quota").textContent()).resolves.toBe("10,000");
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByTestId("write-letters").check();
    await page.getByRole("button", { name: "Write quotas" }).click();
    await page.getByTestId("write-done").waitFor();
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /^Download sales-quotas\.xlsx$/ }).click()]);
    expect(file.suggestedFilename()).toBe("sales-quotas.xlsx");
    const saved = path.join(OUT, "wizard-csv-download.xlsx");
    await file.saveAs(saved);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(saved) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["sales", "Quotas", "SalesQuota_Plan", lettersSheetName("en")]);
    // The plan kept in the workbook (very hidden), read back as `quota refresh` reads it.
    const kept = wb.getWorksheet("SalesQuota_Plan")!;
    expect(kept.state).toBe("veryHidden");
    const keptRows: CellValue[][] = [];
    kept.eachRow((row) => keptRows.push([row.getCell(1).value as CellValue, row.getCell(2).value as CellValue]));
    const stored = parseStoredPlan(keptRows);
    expect(stored.result.rows.map((r) => r.quota)).toEqual([2857, 2857, 2857, 1429]);
    expect(stored.source.columns.rep).toBe("Säljare");
    // One quota letter per rep.
    const letters = JSON.stringify(wb.getWorksheet(lettersSheetName("en"))!.getSheetValues());
    for (const rep of ["Åsa Öberg", "Björn Ek", "Ek; Carla", "Dan Berg"]) expect(letters).toContain(rep);
    const data = wb.getWorksheet("sales")!;
    expect([1, 2, 3].map((c) => data.getCell(2, c).value)).toEqual(["Åsa Öberg", "1 000,00", "2025-01-03"]);
    expect(data.getCell(5, 1).value).toBe("Ek; Carla");
    expect(data.getCell(9, 1).value).toBe("Summa:");
    const q = wb.getWorksheet("Quotas")!;
    const rows = [2, 3, 4, 5].map((r) => [q.getCell(r, 1).value, q.getCell(r, 2).value, q.getCell(r, 4).value]);
    expect(rows).toEqual([
      ["Åsa Öberg", 2000, 2857],
      ["Björn Ek", 2000, 2857],
      ["Ek; Carla", 2000, 2857],
      ["Dan Berg", 1000, 1429],
    ]);
    expect(q.getCell(6, 1).value).toBe("Total");
    expect(refused.filter((u) => !/office(\.debug)?\.js/i.test(u))).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
