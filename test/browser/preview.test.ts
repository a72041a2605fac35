/**
 * The preview table in a task pane's widths (320 px and 450 px), in the built page in Debian's
 * Chromium, English and Swedish, with 200 reps, long names and 8–9 digit amounts: no number is
 * cut, the rep column stays in view when the table scrolls sideways, compact numbers carry the
 * full value (title, screen-reader text, and the detail line for the focused cell), search and
 * sort work, and axe-core finds nothing. Also: keyboard focus after choosing a file.
 */
import ExcelJS from "exceljs";
import fs from "fs";
import path from "path";
import type { Browser, Page } from "playwright-core";
import { expectNoAxeViolations as axe, launchChromium, serveStatic, StaticServer } from "../support/browser";

jest.setTimeout(300_000);

const OUT = path.resolve(__dirname, "..", "..", "test-output");
const REPS = 200;

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

const LONG = ["Maximiliana Konstantinopoulou-Lindqvist", "Bo Ek", "Anna-Karin Wallenberg af Sjöholm", "Li Na"];

function repName(i: number): string {
  return `Rep ${String(i + 1).padStart(3, "0")} ${LONG[i % LONG.length]}`;
}

/** One order per rep and month; yearly histories from 12,000,000 to about 258,000,000 (8–9 digits). */
async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sales");
  ws.addRow(["Sales Rep", "Order Date", "Amount"]);
  for (let i = 0; i < REPS; i++) {
    const yearly = 12_000_000 + i * 1_234_567;
    for (let m = 0; m < 12; m++) ws.addRow([repName(i), new Date(Date.UTC(2025, m, 10)), Math.round(yearly / 12)]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}


interface Texts {
  open: string;
  next: string;
  target: string;
  quotaHeader: string;
  shown: (n: number) => string;
  sortQuota: string;
  compactSuffix: RegExp;
}

const EN: Texts = {
  open: "Open a workbook…",
  next: "Next",
  target: "30,000,000,000",
  quotaHeader: "Quota",
  shown: (n) => `Showing ${n} of ${REPS} reps.`,
  sortQuota: "quota",
  compactSuffix: /^\d[\d.]*[KMB]$/,
};

const SV: Texts = {
  open: "Öppna en arbetsbok…",
  next: "Nästa",
  target: "30 000 000 000",
  quotaHeader: "Kvot",
  shown: (n) => `Visar ${n} av ${REPS} säljare.`,
  sortQuota: "quota",
  compactSuffix: /^\d[\d,]*\u00a0(tn|mn|md)$/,
};

/** Waits until an element's text is `text` (search results render a moment after typing). */
async function waitText(page: Page, testId: string, text: string): Promise<void> {
  try {
    await page.waitForFunction(([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === want, [testId, text] as const, { timeout: 20_000 });
  } catch {
    expect(await page.getByTestId(testId).textContent()).toBe(text);
  }
}

/** Per visible cell of the table: does its content fit its box? */
async function overflowingCells(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>("[data-testid=preview-table] td, [data-testid=preview-table] th"))
      .filter((c) => c.getClientRects().length > 0 && c.scrollWidth > c.clientWidth)
      .map((c) => `${c.dataset.column ?? "?"}: "${c.textContent}" ${c.scrollWidth} > ${c.clientWidth}`),
  );
}

async function runPreview(locale: "en-US" | "sv-SE", t: Texts): Promise<void> {
  const context = await browser.newContext({ locale, viewport: { width: 450, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await context.route("**/*", (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
  const tag = locale.slice(0, 2);
  try {
    await page.goto(`${server.url}/taskpane.html`);
    await page.getByRole("button", { name: t.open }).waitFor();
    await page.getByTestId("file-input").setInputFiles({ name: "big.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await workbook() });
    await page.getByTestId("row-stats").waitFor();
    // Keyboard: focus is on the next control (the sheet picker), not dropped to the page.
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.testid === "sheet-select");

    await page.getByRole("button", { name: t.next, exact: true }).click();
    await page.getByTestId("target").fill(t.target);
    await page.getByTestId("realism-ok").or(page.getByTestId("realism-stretch")).or(page.getByTestId("realism-unrealistic")).first().waitFor();
    await page.getByRole("button", { name: t.next, exact: true }).click();
    await page.getByTestId("preview-table").waitFor();
    // All 200 reps are rendered.
    await expect(page.locator("[data-testid=preview-table] tbody tr").count()).resolves.toBe(REPS);

    for (const width of [320, 450]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForFunction(() => document.querySelector("[role=region][data-compact]") !== null);
      await page.waitForTimeout(300); // the resize observer settles the compact choice
      const label = `${tag} ${width}px`;
      // No cell's content overflows its box, and the page itself has no sideways scrollbar.
      expect({ label, overflowing: await overflowingCells(page) }).toEqual({ label, overflowing: [] });
      const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect({ label, pageOverflow }).toEqual({ label, pageOverflow: 0 });
      // Compact numbers leave no empty detail line under the table until a cell is focused.
      if ((await page.locator("[role=region][data-compact=true]").count()) > 0) {
        expect({ label, detailLines: await page.getByTestId("preview-table-detail").count() }).toEqual({ label, detailLines: 0 });
      }
      // Compact numbers where space is short, the full value in the title and for screen readers.
      // The last rep has the largest quota: about 285,000,000.
      const quotaCell = page.locator('[data-testid=preview-table] tbody tr:last-child td[data-column="quota"]');
      const title = await quotaCell.getAttribute("title");
      if (title !== null) {
        expect(await quotaCell.locator("[data-compact]").textContent()).toMatch(t.compactSuffix);
        expect(title.replace(/\D/g, "").length).toBeGreaterThanOrEqual(8);
        expect(await quotaCell.textContent()).toContain(title);
      }
      // Scrolled all the way right, the rep names are still in view (a sticky first column).
      const seen = await page.evaluate(() => {
        const region = document.querySelector<HTMLElement>("[role=region][data-compact]")!;
        region.scrollLeft = region.scrollWidth;
        const rep = region.querySelector<HTMLElement>("tbody tr:first-child th")!;
        const r = rep.getBoundingClientRect();
        const box = region.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + 4, r.top + 4);
        return { inside: r.left >= box.left - 1 && r.left < box.right, onTop: !!hit && rep.contains(hit), scrolled: region.scrollLeft };
      });
      expect({ label, inside: seen.inside, onTop: seen.onTop }).toEqual({ label, inside: true, onTop: true });
      await page.screenshot({ path: path.join(OUT, `preview-${tag}-${width}.png`) });
      if (width === 320) await axe(page, `preview ${label}`);
    }

    // Keyboard: the cells are one tab stop; arrows move along a row, the detail line gives the full value.
    await page.setViewportSize({ width: 320, height: 900 });
    await page.waitForTimeout(300);
    await page.locator('[data-testid=preview-table] [data-r="0"][data-c="0"]').focus();
    // At 320 px the share column is hidden (the share sits under the name): two steps reach the quota.
    for (let i = 0; i < 2; i++) await page.keyboard.press("ArrowRight");
    const focused = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.column);
    expect(focused).toBe("quota");
    if ((await page.locator("[role=region][data-compact=true]").count()) > 0) {
      const full = await page.evaluate(() => (document.activeElement as HTMLElement).title);
      await expect(page.getByTestId("preview-table-detail").textContent()).resolves.toBe(`${repName(0)}, ${t.quotaHeader}: ${full}`);
    }

    // Search by name, then sort by quota (largest first) and by name.
    await page.getByTestId("rep-search").fill("rep 017");
    await waitText(page, "rep-count", t.shown(1));
    await expect(page.locator("[data-testid=preview-table] tbody th").allTextContents()).resolves.toEqual([expect.stringContaining(repName(16))]);
    await page.getByTestId("rep-search").fill("wallenberg");
    await waitText(page, "rep-count", t.shown(50));
    await page.getByTestId("rep-search").fill("");
    await waitText(page, "rep-count", t.shown(REPS));
    await page.getByTestId("rep-sort").selectOption(t.sortQuota);
    await page.waitForFunction(() => document.querySelector('th[data-column="quota"]')?.getAttribute("aria-sort") === "descending");
    const firstRep = await page.locator("[data-testid=preview-table] tbody tr:first-child th").textContent();
    expect(firstRep).toContain(repName(REPS - 1));
    await expect(page.locator('th[data-column="quota"]').getAttribute("aria-sort")).resolves.toBe("descending");
    await page.getByTestId("rep-sort").selectOption("name");
    await page.waitForFunction(() => document.querySelector('th[data-column="rep"]')?.getAttribute("aria-sort") === "ascending");
    expect(await page.locator("[data-testid=preview-table] tbody tr:first-child th").textContent()).toContain(repName(0));
    // The totals stay the totals of all reps: the target.
    const total = await page.getByTestId("total-quota").evaluate((el) => (el as HTMLElement).title || el.textContent || "");
    expect(total.replace(/\D/g, "")).toBe("30000000000");
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}

/** Eight reps with yearly histories of about 150,000–230,000: 7-digit totals. */
async function smallWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sales");
  ws.addRow(["Sales Rep", "Order Date", "Amount"]);
  const names = ["Erik Lindqvist", "Peter Hall", "Regina Ortiz", "Abigael Mwangi", "Anna Svensson", "Johan Ek", "Andrew Smith", "Sofia Berg"];
  names.forEach((rep, i) => {
    for (let m = 0; m < 12; m++) ws.addRow([rep, new Date(Date.UTC(2025, m, 10)), 12_500 + i * 800 + m * 130]);
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** At 450 px (and 320 px) a small team's table shows full numbers, totals included, and fits. */
async function runSmall(locale: "en-US" | "sv-SE", t: Texts, total: string, shown: string): Promise<void> {
  const context = await browser.newContext({ locale, viewport: { width: 450, height: 900 } });
  const page = await context.newPage();
  await context.route("**/*", (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
  try {
    await page.goto(`${server.url}/taskpane.html`);
    await page.getByTestId("file-input").setInputFiles({ name: "team.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await smallWorkbook() });
    await page.getByTestId("row-stats").waitFor();
    await page.getByRole("button", { name: t.next, exact: true }).click();
    await page.getByTestId("target").fill(total);
    await page.getByRole("button", { name: t.next, exact: true }).click();
    await page.getByTestId("preview-table").waitFor();
    for (const width of [450, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(300); // the resize observer settles the compact choice
      const label = `${locale} ${width}px`;
      const seen = await page.evaluate(() => {
        const region = document.querySelector<HTMLElement>("[role=region][data-compact]")!;
        return {
          compact: region.dataset.compact,
          tableOverflow: Math.max(0, region.scrollWidth - region.clientWidth),
          pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          total: document.querySelector('[data-testid="total-quota"]')?.textContent,
        };
      });
      expect({ label, ...seen }).toEqual({ label, compact: "false", tableOverflow: 0, pageOverflow: 0, total: shown });
      expect({ label, overflowing: await overflowingCells(page) }).toEqual({ label, overflowing: [] });
    }
  } finally {
    await context.close();
  }
}

describe("the preview in a task pane", () => {
  test("eight reps with 7-digit totals: full numbers at 450 and 320 px, English and Swedish", async () => {
    await runSmall("en-US", EN, "1,500,000", "1,500,000");
    await runSmall("sv-SE", SV, "1 500 000", "1\u00a0500\u00a0000");
  });

  test("English at 320 and 450 px, 200 reps", async () => {
    await runPreview("en-US", EN);
  });

  test("Swedish at 320 and 450 px, 200 reps", async () => {
    await runPreview("sv-SE", SV);
  });
});
