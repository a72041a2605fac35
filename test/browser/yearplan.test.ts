/**
 * The wizard's year plan in the built page (dist/taskpane.html), in Debian's Chromium, English
 * and Swedish: a team column suggested from the header, a roster sheet of the workbook, custom
 * phasing weights (the method step checked at 320 and 450 px), a quota locked from the keyboard in the preview (the others re-split to exactly the plan
 * total), the schedule at 320 px and 450 px (rep column in view while the months scroll, the
 * pane never wider), and the downloaded workbook holding what `quota allocate --phasing W,W,…
 * --lock --team --roster` writes for the same file and options (run in-process on the same bytes).
 */
import ExcelJS from "exceljs";
import fs from "fs";
import path from "path";
import type { Browser, Page } from "playwright-core";
import { parseStoredPlan, STORED_PLAN_SHEET } from "../../src/plan/stored";
import type { CellValue } from "../../src/workbook/port";
import { run, tempDir } from "../cli/support";
import { expectNoAxeViolations as axe, launchChromium, serveStatic, StaticServer } from "../support/browser";

jest.setTimeout(300_000);

const OUT = path.resolve(__dirname, "..", "..", "test-output");
const FILE = "plan.xlsx";

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

/** Six reps in two teams, a year of monthly sales (3:3:2:2:1:1 thousand a month), and a roster with a new hire on a ramp. */
const REPS: [string, number, string][] = [
  ["Anna Andersson", 3, "North"],
  ["Bo Berg", 3, "South"],
  ["Cecilia Carlsson", 2, "North"],
  ["David Dahl", 2, "South"],
  ["Eva Ek", 1, "North"],
  ["Filip Fors", 1, "South"],
];
const NEW_HIRE = "Nina Nyström";
const TARGET = 120_000;
const WEIGHTS = [8, 8, 9, 9, 8, 7, 5, 6, 9, 10, 10, 11];
const LOCKED = 30_000;

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sales");
  ws.addRow(["Rep", "Order Date", "Amount", "Team"]);
  for (let m = 0; m < 12; m++) for (const [rep, k, team] of REPS) ws.addRow([rep, new Date(Date.UTC(2025, m, 5)), k * 1000, team]);
  ws.getColumn(2).numFmt = "yyyy-mm-dd";
  const roster = wb.addWorksheet("Roster");
  roster.addRow(["Rep", "Start", "Ramp", "Full"]);
  roster.addRow([NEW_HIRE, new Date(Date.UTC(2026, 2, 1)), "50%, 75%", 1000]);
  roster.getColumn(2).numFmt = "yyyy-mm-dd";
  return Buffer.from(await wb.xlsx.writeBuffer());
}


interface Texts {
  open: string;
  next: string;
  write: string;
  amount: string;
  newHire: string;
  locked: string;
  sheet: string;
  download: RegExp;
  lockedNote: string;
}

const EN: Texts = {
  open: "Open a workbook…",
  next: "Next",
  write: "Write quotas",
  amount: "30,000",
  newHire: "New hire (ramped)",
  locked: "Locked",
  sheet: "Quotas",
  download: /^Download plan-quotas\.xlsx$/,
  lockedNote: "locked",
};

const SV: Texts = {
  open: "Öppna en arbetsbok…",
  next: "Nästa",
  write: "Skriv kvoter",
  amount: "30 000",
  newHire: "Nyanställd (upprampning)",
  locked: "Låst",
  sheet: "Kvoter",
  download: /^Ladda ned plan-kvoter\.xlsx$/,
  lockedNote: "låst",
};

/** Every rep's quota in the preview, as full numbers (the compact form's full value is in the cell). */
async function previewQuotas(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const tr of Array.from(document.querySelectorAll("[data-testid=preview-table] tbody tr"))) {
      const name = tr.querySelector("th")!.firstChild!.textContent!;
      const cell = tr.querySelector("td[data-column=quota]")!.cloneNode(true) as HTMLElement;
      cell.querySelectorAll("[data-cell-controls], [data-compact]").forEach((e) => e.remove());
      out[name] = Number(cell.textContent!.replace(/\D/g, ""));
    }
    return out;
  });
}

/** The schedule's scroll region: scrolled to the far right, is the first rep's name still in view and on top? */
async function stickyRep(page: Page): Promise<{ inside: boolean; onTop: boolean; scrolls: boolean }> {
  return page.evaluate(() => {
    const region = document.querySelector("[data-testid=schedule-table]")!.closest<HTMLElement>("[role=region]")!;
    const scrolls = region.scrollWidth > region.clientWidth;
    region.scrollLeft = region.scrollWidth;
    const rep = region.querySelector<HTMLElement>("tbody tr:first-child th")!;
    const r = rep.getBoundingClientRect();
    const box = region.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + 4, r.top + 4);
    return { inside: r.left >= box.left - 1 && r.left < box.right, onTop: !!hit && rep.contains(hit), scrolls };
  });
}

async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** How far the preview table scrolls sideways inside its region (0: all of it in view). */
async function tableScroll(page: Page): Promise<number> {
  return page.getByTestId("preview-table").evaluate((t) => {
    const region = t.closest("[role=region]") as HTMLElement;
    return region.scrollWidth - region.clientWidth;
  });
}

/** Words of the rows' marks (Locked, New hire…) that are broken across two lines. */
async function splitWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const mark of Array.from(document.querySelectorAll("[data-testid=preview-table] [data-mark]"))) {
      const text = mark.firstChild;
      if (!text || text.nodeType !== Node.TEXT_NODE) continue;
      const value = text.textContent ?? "";
      for (const m of Array.from(value.matchAll(/\S+/g))) {
        const range = document.createRange();
        range.setStart(text, m.index!);
        range.setEnd(text, m.index! + m[0].length);
        if (new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size > 1) out.push(m[0]);
      }
    }
    return out;
  });
}

/** Elements outside the scroll regions that reach past the pane's right edge (what would widen it). */
async function wideElements(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>("body *"))
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5 && !e.parentElement?.closest("[role=region]"))
      .slice(0, 8)
      .map((e) => `${e.tagName.toLowerCase()} ${e.dataset.testid ?? ""} ${e.getAttribute("role") ?? ""} ${Math.round(e.getBoundingClientRect().width)}`),
  );
}

function sheetRows(ws: ExcelJS.Worksheet): CellValue[][] {
  const out: CellValue[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    out[r - 1] = (row.values as unknown[]).slice(1).map((v) => {
      if (v === undefined || v === null) return null;
      if (typeof v === "object" && v !== null && "result" in v) return (v as { result: CellValue }).result;
      return v as CellValue;
    });
  });
  return Array.from({ length: out.length }, (_, i) => out[i] ?? []);
}

/** What `quota allocate` writes for the same file and options: its stored plan and Quotas sheet. */
async function commandOutput(bytes: Buffer, lang: "en" | "sv"): Promise<ExcelJS.Workbook> {
  const dir = tempDir();
  try {
    fs.writeFileSync(path.join(dir, FILE), bytes);
    const args = ["allocate", FILE, "--out", "out.xlsx", "--method", "bottomup", "--target", String(TARGET), "--periods", "12", "--round", "1"];
    args.push("--phasing", WEIGHTS.join(","), "--team", "Team", "--roster", `${FILE}#Roster`, "--lock", `${REPS[0][0]}=${LOCKED}`, "--lang", lang);
    const r = await run(args, dir);
    expect({ code: r.code, stderr: r.code === 0 ? "" : r.stderr }).toEqual({ code: 0, stderr: "" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(path.join(dir, "out.xlsx")) as unknown as ArrayBuffer);
    return wb;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function runYearPlan(locale: "en-US" | "sv-SE", t: Texts): Promise<void> {
  const bytes = await workbook();
  const context = await browser.newContext({ locale, acceptDownloads: true, viewport: { width: 450, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await context.route("**/*", (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
  const tag = locale.slice(0, 2);
  try {
    await page.goto(`${server.url}/taskpane.html`);
    await page.getByRole("button", { name: t.open }).waitFor();
    await page.getByTestId("file-input").setInputFiles({ name: FILE, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: bytes });
    await page.getByTestId("row-stats").waitFor();
    // The team column is suggested from its header (column D), as the detection does.
    await expect(page.getByTestId("map-team").inputValue()).resolves.toBe("4");

    await page.getByRole("button", { name: t.next, exact: true }).click();
    await page.getByTestId("target").fill(String(TARGET));
    // The roster: another sheet of the workbook, read through the page's reader.
    await page.getByTestId("roster").selectOption("Roster");
    await page.getByTestId("roster-status").waitFor();
    // Custom weights, one per month, as --phasing W,W,… takes them (";" between them in Swedish).
    await page.getByTestId("phasing").selectOption("pattern");
    await page.getByTestId("weights").fill(WEIGHTS.join(tag === "sv" ? ";" : ","));
    for (const width of [320, 450]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(200);
      const label = `${tag} method ${width}px`;
      expect({ label, overflow: await pageOverflow(page), wide: await wideElements(page) }).toEqual({ label, overflow: 0, wide: [] });
      // The twelve weights are all in view in their input (it takes a whole row of the grid).
      expect({ label, hidden: await page.getByTestId("weights").evaluate((e) => e.scrollWidth - e.clientWidth) }).toEqual({ label, hidden: 0 });
      await page.screenshot({ path: path.join(OUT, `yearplan-method-${tag}-${width}.png`), fullPage: true });
      if (width === 320) await axe(page, label);
    }
    await page.getByRole("button", { name: t.next, exact: true }).click();
    await page.getByTestId("preview-table").waitFor();

    const before = await previewQuotas(page);
    expect(Object.keys(before)).toEqual([...REPS.map((r) => r[0]), NEW_HIRE]);
    expect(Object.values(before).reduce((a, b) => a + b, 0)).toBe(TARGET);
    // The new hire: 500 (March, 50 %), 750 (April, 75 %), then 1,000 a month to December.
    expect(before[NEW_HIRE]).toBe(9250);
    await expect(page.locator("[data-testid=preview-table] tbody tr").last().locator("th").textContent()).resolves.toContain(t.newHire);
    await expect(page.getByTestId("team-table").locator("tbody th").allTextContents()).resolves.toEqual(["North", "South", tag === "sv" ? "(inget team)" : "(no team)"]);
    // The teams (and the new hire, in no team) add up to the plan total.
    const teamTotal = await page.getByTestId("team-total").evaluate((el) => (el as HTMLElement).title || el.textContent || "");
    expect(Number(teamTotal.replace(/\D/g, ""))).toBe(TARGET);

    // Lock the first rep from the keyboard: its name cell, Tab to Edit, Enter, type, Enter.
    await page.locator('[data-testid=preview-table] [data-r="0"][data-c="0"]').focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe("edit-quota");
    await page.keyboard.press("Enter");
    await page.getByTestId("lock-input").waitFor();
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.testid === "lock-input");
    // Editing at 320 px does not widen the pane.
    await page.setViewportSize({ width: 320, height: 900 });
    await page.waitForTimeout(300);
    expect({ editing: 320, overflow: await pageOverflow(page), wide: await wideElements(page) }).toEqual({ editing: 320, overflow: 0, wide: [] });
    // …nor the table: the editor's input and both buttons are in view without scrolling it sideways.
    expect({ editing: 320, tableScroll: await tableScroll(page) }).toEqual({ editing: 320, tableScroll: 0 });
    expect({ editing: 320, splitWords: await splitWords(page) }).toEqual({ editing: 320, splitWords: [] });
    await page.setViewportSize({ width: 450, height: 900 });
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(t.amount);
    await page.keyboard.press("Enter");
    await page.getByTestId("locks-summary").waitFor();
    const after = await previewQuotas(page);
    expect(after[REPS[0][0]]).toBe(LOCKED);
    expect(after[NEW_HIRE]).toBe(9250);
    // The others re-split what is left: the quotas add up exactly to the plan total again.
    expect(Object.values(after).reduce((a, b) => a + b, 0)).toBe(TARGET);
    const total = await page.getByTestId("total-quota").evaluate((el) => (el as HTMLElement).title || el.textContent || "");
    expect(Number(total.replace(/\D/g, ""))).toBe(TARGET);
    await expect(page.locator("[data-testid=preview-table] tbody tr").first().locator("th").textContent()).resolves.toContain(t.locked);
    // Focus is back on the row's Edit button.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe("edit-quota");

    // The schedule: the rep column stays in view while the months scroll, at 320 and 450 px.
    await page.getByTestId("schedule-toggle").click();
    await page.getByTestId("schedule-table").waitFor();
    for (const width of [320, 450]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(300); // the resize observer settles the compact choice
      const label = `${tag} ${width}px`;
      expect({ label, overflow: await pageOverflow(page), wide: await wideElements(page) }).toEqual({ label, overflow: 0, wide: [] });
      expect({ label, ...(await stickyRep(page)) }).toEqual({ label, inside: true, onTop: true, scrolls: true });
      await page.screenshot({ path: path.join(OUT, `yearplan-${tag}-${width}.png`), fullPage: true });
      if (width === 320) await axe(page, `year plan preview ${label}`);
    }

    await page.getByRole("button", { name: t.next, exact: true }).click();
    await page.getByRole("button", { name: t.write }).click();
    await page.getByTestId("write-done").waitFor();
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: t.download }).click()]);
    const saved = path.join(OUT, `yearplan-${tag}-download.xlsx`);
    await file.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(saved) as unknown as ArrayBuffer);

    // The stored plan: locks, teams and the roster as the command keeps them.
    const stored = parseStoredPlan(sheetRows(wb.getWorksheet(STORED_PLAN_SHEET)!));
    expect(stored.params.locks).toEqual([{ rep: REPS[0][0], amount: LOCKED }]);
    expect(stored.source.columns.team).toBe("Team");
    expect(stored.source.roster).toBe(`${FILE}#Roster`);
    expect(stored.params.roster!.map((e) => e.rep)).toEqual([NEW_HIRE]);
    expect(stored.result.planTotal).toBe(TARGET);
    expect(stored.params.phasing).toEqual({ kind: "pattern", weights: WEIGHTS });
    const quotas = wb.getWorksheet(t.sheet)!;
    const lockedRow = sheetRows(quotas).find((r) => r[0] === REPS[0][0])!;
    expect(lockedRow).toContain(LOCKED);
    expect(lockedRow.some((v) => typeof v === "string" && v.includes(t.lockedNote))).toBe(true);

    // The same as `quota allocate --team Team --roster plan.xlsx#Roster --lock "…=30000"`.
    const cli = await commandOutput(bytes, tag as "en" | "sv");
    const cliStored = parseStoredPlan(sheetRows(cli.getWorksheet(STORED_PLAN_SHEET)!));
    expect(stored.result).toEqual(cliStored.result);
    expect(stored.params).toEqual(cliStored.params);
    expect({ ...stored.source, file: null }).toEqual({ ...cliStored.source, file: null });
    expect(stored.schedule).toBe(true);
    // The Quotas sheet's cells, except the audit block's time stamp and maker.
    const stable = (rows: CellValue[][]) =>
      rows.map((r) =>
        r.map((v) => {
          if (v instanceof Date || (typeof v === "string" && /^\d{4}-\d\d-\d\dT\d\d:/.test(v))) return "<time>";
          return typeof v === "string" && /quota \d|Sales Quota add-in/.test(v) ? "<maker>" : v;
        }),
      );
    expect(stable(sheetRows(quotas))).toEqual(stable(sheetRows(cli.getWorksheet(t.sheet)!)));
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}

describe("the wizard's year plan in a browser", () => {
  test("English: team column, roster sheet, a quota locked from the keyboard; the download matches quota allocate", async () => {
    await runYearPlan("en-US", EN);
  });

  test("Swedish: the same, with a Swedish amount", async () => {
    await runYearPlan("sv-SE", SV);
  });
});
