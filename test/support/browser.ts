/**
 * Shared helpers for the browser tests: Debian's Chromium via playwright-core, and a tiny
 * static server for dist/ on a loopback port (the built page, as a user's browser gets it).
 */
import fs from "fs";
import http from "http";
import path from "path";
import type { AddressInfo } from "net";
import { chromium, Browser, Page } from "playwright-core";

export const DIST = path.resolve(__dirname, "..", "..", "dist");

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run "apt-get update && apt-get install -y chromium" (npm test installs it when run as root).`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".css": "text/css",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".map": "application/json",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `root` on 127.0.0.1 at a free port. */
export async function serveStatic(root = DIST): Promise<StaticServer> {
  if (!fs.existsSync(path.join(root, "taskpane.html"))) {
    throw new Error(`${root}/taskpane.html is missing: run "npm run build" first (npm test does).`);
  }
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = path.join(root, path.normalize(urlPath).replace(/^([/\\])+/, ""));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const AXE = require.resolve("axe-core/axe.min.js");

/**
 * axe-core's violations on the page, one line each (rule, help, the nodes and why). Colours
 * mid-transition (a button just enabled fades from grey to blue) are not what a user reads:
 * the scan waits until every transition has finished.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    type Node = { html: string; failureSummary?: string };
    type Axe = { run(ctx: Document, o: object): Promise<{ violations: { id: string; help: string; nodes: Node[] }[] }> };
    const result = await (window as unknown as { axe: Axe }).axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => `${n.html.slice(0, 160)} (${n.failureSummary ?? ""})`).join("; ")}`);
  });
}

/** No axe-core violation at this step (the step is named in a failure). */
export async function expectNoAxeViolations(page: Page, step: string): Promise<void> {
  const violations = await axeViolations(page);
  expect({ step, violations }).toEqual({ step, violations: [] });
}

/**
 * The built page (taskpane.html) at 320 px in a fresh context, outside Office: office.js and
 * every request off the page's own origin are refused (the page must not need them), and a
 * page error or a refused request fails the test.
 */
export async function withPage(browser: Browser, server: StaticServer, locale: string, body: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ locale, acceptDownloads: true, viewport: { width: 320, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const refused: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url)) return route.continue();
    if (!/\/office(\.debug)?\.js/i.test(url)) refused.push(url);
    return route.abort();
  });
  try {
    await page.goto(`${server.url}/taskpane.html`);
    await body(page);
    expect(errors).toEqual([]);
    expect(refused).toEqual([]);
  } finally {
    await context.close();
  }
}
