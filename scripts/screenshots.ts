/**
 * The README's pictures of the wizard, made reproducibly from the built page (dist/) in
 * Debian's Chromium: docs/wizard-preview.png (the preview step in English at 450 px) and
 * docs/wizard-method-sv.png (the method step in Swedish at 320 px). The workbook is generated
 * here: eight reps in two teams with a year of monthly sales, and a roster sheet.
 *
 * Builds nothing: run `npm run build` first.
 *   npx tsx scripts/screenshots.ts [--out DIR] [--all]
 * --all also saves every step at 320 and 450 px, English and Swedish, and once in the dark
 * theme (to look at, not for the README); --out puts the pictures in DIR instead of docs/.
 */
import fs from "fs";
import path from "path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import os from "os";
import { main as quota } from "../src/cli/main";
import { launchChromium, serveStatic } from "../test/support/browser";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ROOT = path.resolve(__dirname, "..");

/** Name, team, monthly sales base (in hundreds). */
const REPS: [string, string, number][] = [
  ["Erik Lindqvist", "North", 160],
  ["Peter Hall", "North", 171],
  ["Regina Ortiz", "South", 136],
  ["Abigael Mwangi", "South", 110],
  ["Anna Svensson", "North", 183],
  ["Johan Ek", "South", 114],
  ["Andrew Smith", "North", 98],
  ["Sofia Berg", "South", 140],
];

export async function sampleWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Sales");
  ws.addRow(["Rep", "Team", "Order Date", "Amount"]);
  REPS.forEach(([rep, team, base], i) => {
    for (let m = 0; m < 12; m++) {
      // A steady, deterministic wobble per rep and month (no randomness: the pictures repeat).
      const amount = base * 100 + ((i * 37 + m * 53) % 29) * 100 - 1400 + (m >= 9 ? 1200 : 0);
      ws.addRow([rep, team, new Date(Date.UTC(2025, m, 10)), amount]);
    }
  });
  ws.getColumn(3).numFmt = "yyyy-mm-dd";
  const roster = wb.addWorksheet("Roster");
  roster.addRow(["Rep", "Start", "Ramp", "Full"]);
  roster.addRow(["Nina Nyström", new Date(Date.UTC(2026, 2, 1)), "50%, 75%", 15000]);
  roster.getColumn(2).numFmt = "yyyy-mm-dd";
  // A ramp worked out with the add-in's own functions (what "Prepare for sharing" replaces).
  const ramp = wb.addWorksheet("Ramp");
  ramp.addRow(["Month", "Quota"]);
  for (let m = 1; m <= 6; m++) ramp.addRow([m, { formula: `_xldudf_SALES_QUOTA_RAMP(15000,A${m + 1})`, result: Math.min(15000, 3750 * m) }]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same workbook after `quota allocate` (teams, roster, a lock): it holds a stored plan. */
export async function plannedWorkbook(bytes: Buffer): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quota-shots-"));
  try {
    fs.writeFileSync(path.join(dir, "sales-2025.xlsx"), bytes);
    let err = "";
    const args = ["allocate", "sales-2025.xlsx", "--out", "plan.xlsx", "--method", "bottomup", "--year", "2025", "--target", "1500000", "--periods", "12", "--round", "100"];
    args.push("--team", "Team", "--roster", "sales-2025.xlsx#Roster", "--lock", "Anna Svensson=250000", "--start", "2026-01");
    const io = { stdout: () => undefined, stderr: (t: string) => void (err += t), stderrIsTTY: false, env: { LANG: "en_US.UTF-8" }, cwd: dir, now: () => new Date(Date.UTC(2026, 0, 15)) };
    if ((await quota(args, io)) !== 0) throw new Error(err);
    return fs.readFileSync(path.join(dir, "plan.xlsx"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Shot {
  locale: "en-US" | "sv-SE";
  width: number;
  dark?: boolean;
  /** Open the workbook with a stored plan (Update, Review and Share cards). */
  planned?: boolean;
}

const NEXT = { "en-US": "Next", "sv-SE": "Nästa" };

/** Opens the workbook and walks to `step` (1 source … 4 write), saving each step when asked. */
async function walk(browser: Browser, url: string, bytes: Buffer, shot: Shot, save: (page: Page, step: string) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ locale: shot.locale, colorScheme: shot.dark ? "dark" : "light", viewport: { width: shot.width, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await context.route("**/*", (route) => (route.request().url().startsWith(url) ? route.continue() : route.abort()));
  try {
    await page.goto(`${url}/taskpane.html`);
    await page.getByTestId("file-input").setInputFiles({ name: "sales-2025.xlsx", mimeType: XLSX, buffer: bytes });
    await page.getByTestId("row-stats").waitFor();
    await settle(page);
    await save(page, "1-source");
    await page.getByRole("button", { name: NEXT[shot.locale], exact: true }).click();
    await page.getByTestId("target").fill(shot.locale === "sv-SE" ? "1 500 000" : "1,500,000");
    await settle(page);
    await save(page, "2-method");
    await page.getByTestId("roster").selectOption("Roster");
    await page.getByTestId("roster-status").waitFor();
    await page.getByTestId("phasing").selectOption("pattern");
    await page.getByTestId("weights").fill(shot.locale === "sv-SE" ? "8;8;9;9;8;7;5;6;9;10;10;11" : "8,8,9,9,8,7,5,6,9,10,10,11");
    await settle(page);
    await save(page, "2-method-roster");
    await page.getByRole("button", { name: NEXT[shot.locale], exact: true }).click();
    await page.getByTestId("preview-table").waitFor();
    await settle(page);
    await save(page, "3-preview");
    await page.getByTestId("edit-quota").first().click();
    await page.getByTestId("lock-input").waitFor();
    await settle(page);
    await save(page, "3-preview-edit");
    await page.getByTestId("lock-input").fill(shot.locale === "sv-SE" ? "250 000" : "250,000");
    await page.keyboard.press("Enter");
    await page.getByTestId("locks-summary").waitFor();
    await page.getByTestId("schedule-toggle").click();
    await page.getByTestId("schedule-table").waitFor();
    await settle(page);
    await save(page, "3-preview-locked");
    await page.getByRole("button", { name: NEXT[shot.locale], exact: true }).click();
    await page.getByTestId("write").waitFor();
    await settle(page);
    await save(page, "4-write");
    await page.getByTestId("write").click();
    await page.getByTestId("write-done").waitFor();
    await settle(page);
    await save(page, "4-written");
  } finally {
    await context.close();
  }
}

/** The cards of a workbook with a stored plan: Update the plan, Review, Prepare for sharing. */
async function walkPlan(browser: Browser, url: string, bytes: Buffer, shot: Shot, save: (page: Page, step: string) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ locale: shot.locale, colorScheme: shot.dark ? "dark" : "light", viewport: { width: shot.width, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true });
  const page = await context.newPage();
  await context.route("**/*", (route) => (route.request().url().startsWith(url) ? route.continue() : route.abort()));
  const focused = async (step: string) => process.stderr.write(`${step}: focus on ${await page.evaluate(() => { const e = document.activeElement as HTMLElement | null; return e ? `${e.tagName} ${e.dataset.testid ?? ""} ${(e.textContent ?? "").slice(0, 40)}` : "none"; })}\n`);
  try {
    await page.goto(`${url}/taskpane.html`);
    await page.getByTestId("file-input").setInputFiles({ name: "plan.xlsx", mimeType: XLSX, buffer: bytes });
    await page.getByTestId("row-stats").waitFor();
    await page.getByTestId("update-button").click();
    await page.getByTestId("update-filled").waitFor();
    await settle(page);
    await focused("after update");
    await save(page, "5-update");
    await page.getByTestId("write").click();
    await page.getByTestId("write-done").waitFor();
    await page.getByTestId("review-write").click();
    await page.getByTestId("review-attainment").waitFor();
    await settle(page);
    await focused("after review");
    await save(page, "6-review");
    await page.getByTestId("share-start").click();
    await page.getByTestId("share-confirm").waitFor();
    await settle(page);
    await focused("share confirm");
    await save(page, "7-share-confirm");
    await page.getByTestId("share-cancel").click();
    await settle(page);
    await focused("share cancel");
    await page.getByTestId("share-start").click();
    await page.getByTestId("share-confirm-button").click();
    await page.getByTestId("share-done").waitFor();
    await settle(page);
    await focused("share done");
    await save(page, "8-share-done");
  } finally {
    await context.close();
  }
}

async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(250);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--out");
  const out = at >= 0 ? path.resolve(args[at + 1]) : path.join(ROOT, "docs");
  const all = args.includes("--all");
  fs.mkdirSync(out, { recursive: true });
  const bytes = await sampleWorkbook();
  const server = await serveStatic();
  const browser = await launchChromium();
  try {
    // The README's two pictures.
    await walk(browser, server.url, bytes, { locale: "en-US", width: 450 }, async (page, step) => {
      if (step === "3-preview") await page.screenshot({ path: path.join(out, "wizard-preview.png"), fullPage: true });
    });
    await walk(browser, server.url, bytes, { locale: "sv-SE", width: 320 }, async (page, step) => {
      if (step === "2-method") await page.screenshot({ path: path.join(out, "wizard-method-sv.png"), fullPage: true });
    });
    if (all) {
      const shots: Shot[] = [
        { locale: "en-US", width: 320 },
        { locale: "en-US", width: 450 },
        { locale: "sv-SE", width: 320 },
        { locale: "sv-SE", width: 450 },
        { locale: "en-US", width: 320, dark: true },
        { locale: "en-US", width: 320, planned: true },
        { locale: "sv-SE", width: 450, planned: true },
      ];
      const planned = await plannedWorkbook(bytes);
      for (const shot of shots) {
        const tag = `${shot.locale.slice(0, 2)}-${shot.width}${shot.dark ? "-dark" : ""}${shot.planned ? "-plan" : ""}`;
        const save = async (page: Page, step: string) => {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (overflow > 0) process.stderr.write(`${tag} ${step}: ${overflow} px wider than the pane\n`);
          await page.screenshot({ path: path.join(out, `${tag}-${step}.png`), fullPage: true });
        };
        await walk(browser, server.url, shot.planned ? planned : bytes, shot, save).catch((e: unknown) => process.stderr.write(`${tag}: ${e instanceof Error ? e.message : String(e)}\n`));
        if (shot.planned) await walkPlan(browser, server.url, planned, shot, save).catch((e: unknown) => process.stderr.write(`${tag}: ${e instanceof Error ? e.message : String(e)}\n`));
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  for (const name of ["wizard-preview.png", "wizard-method-sv.png"]) process.stdout.write(`${path.join(out, name)}: ${fs.statSync(path.join(out, name)).size} bytes\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
