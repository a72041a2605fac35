/**
 * The page outside Office reads a chosen file in its worker: a generated 20,000-row workbook
 * is opened in the built page (dist/taskpane.html) in Debian's Chromium. The reading worker
 * starts, the progress bar shows how far the read is, the page keeps drawing frames while the
 * file is read, the preview adds up to the target, and the download holds the Quotas sheet.
 * No network: only the local test server answers.
 */
import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { launchChromium, serveStatic, StaticServer } from "../support/browser";

jest.setTimeout(300_000);

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  server = await serveStatic();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const ROWS = 20_000;
const REPS = ["Anna Svensson", "Björn Ek", "Carla Diaz", "David Smith", "Eva Berg"];

async function bigWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sales");
  ws.addRow(["Order ledger"]);
  ws.addRow(["Säljare", "Datum", "Belopp", "Region"]);
  for (let i = 0; i < ROWS; i++) {
    const row = ws.addRow([REPS[i % REPS.length], new Date(Date.UTC(2025, i % 12, 1 + (i % 28))), 100 + (i % 13), i % 2 ? "North" : "South"]);
    row.getCell(2).numFmt = "yyyy-mm-dd";
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** In the page: frames drawn, and every progress line and value shown while reading. */
const PROBE = `(() => {
  const probe = { frames: 0, framesAtChoice: -1, framesAtRows: -1, progress: [] };
  window.probe = probe;
  const frame = () => { probe.frames++; requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  document.addEventListener("change", () => { if (probe.framesAtChoice < 0) probe.framesAtChoice = probe.frames; }, true);
  new MutationObserver(() => {
    const status = document.querySelector("[data-testid=read-progress] [role=status]");
    const bar = document.querySelector("[data-testid=read-progress] [role=progressbar]");
    if (status) {
      const seen = status.textContent + " | " + (bar ? bar.getAttribute("aria-valuenow") : "");
      if (probe.progress[probe.progress.length - 1] !== seen) probe.progress.push(seen);
    }
    if (probe.framesAtRows < 0 && document.querySelector("[data-testid=row-stats]")) probe.framesAtRows = probe.frames;
  }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
})()`;

test("a 20,000-row workbook is read in the worker with progress, the page stays responsive, and the preview adds up", async () => {
  const buffer = await bigWorkbook();
  const context = await browser.newContext({ locale: "en-US", acceptDownloads: true, viewport: { width: 450, height: 900 } });
  const errors: string[] = [];
  const workers: string[] = [];
  try {
    await context.route("**/*", (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("worker", (w) => workers.push(w.url()));
    await page.goto(`${server.url}/taskpane.html`);
    await page.getByTestId("open-file").waitFor();
    await page.evaluate(PROBE);
    await page.getByTestId("file-input").setInputFiles({ name: "ledger.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
    await page.getByTestId("row-stats").waitFor({ timeout: 240_000 });
    await expect(page.getByTestId("row-stats").textContent()).resolves.toBe(`Rows read: 20,000; used: 20,000; skipped: 0. Reps: 5.`);
    await expect(page.getByTestId("detected").textContent()).resolves.toBe("Found a table in Sales!A1:D20002: header in row 2, data in rows 3–20002.");

    // The reading worker did the work.
    expect(workers.some((url) => /quota-reader\.[0-9a-f]+\.js$/.test(url))).toBe(true);
    const probe = (await page.evaluate("window.probe")) as { frames: number; framesAtChoice: number; framesAtRows: number; progress: string[] };
    // Progress: the bar showed how far the read was (a value between 0 and 1, and a percentage).
    const values = probe.progress.map((p) => Number(p.split(" | ")[1])).filter((v) => v > 0 && v < 1);
    expect({ progress: probe.progress, partial: values.length > 0 }).toMatchObject({ partial: true });
    expect(probe.progress.some((p) => /^Reading rows…\s*\d+\s*%/.test(p) || /\d+\s*%/.test(p))).toBe(true);
    // The page kept drawing while the file was read.
    expect(probe.framesAtChoice).toBeGreaterThanOrEqual(0);
    expect(probe.framesAtRows - probe.framesAtChoice).toBeGreaterThan(2);

    // Method: bottom-up on 2025, target 120,000; preview adds up.
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByTestId("target").fill("120,000");
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(page.getByTestId("total-quota").textContent()).resolves.toBe("120,000");
    expect(await page.locator("[data-testid=preview-table] tbody tr").count()).toBe(5);

    // Write and download: the workbook comes back from the worker with the Quotas sheet.
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByRole("button", { name: "Write quotas" }).click();
    await page.getByTestId("write-done").waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download").click()]);
    expect(download.suggestedFilename()).toBe("ledger-quotas.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download.createReadStream().then(async (s) => {
      const chunks: Buffer[] = [];
      for await (const c of s) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    })) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Sales", "Quotas", "SalesQuota_Plan"]);
    expect(wb.getWorksheet("Sales")!.rowCount).toBe(ROWS + 2);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
