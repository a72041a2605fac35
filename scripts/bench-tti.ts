/**
 * Time to an interactive wizard: dist/taskpane.html in headless Chromium, from navigation
 * start until the "Open a workbook" button can be used (office.js refused, as outside Office with no
 * network; the page's wait for it is part of the figure). Also prints the gzip size of the
 * scripts the page loads up front, against Microsoft's React task-pane template (168.9 KB).
 *
 * Run after `npm run build`:  npx tsx scripts/bench-tti.ts [runs]
 * Progress on stderr; the last stdout line is a JSON array of rows for scripts/bench.js:
 *   { bench, case, seconds, peakMB, note }
 */
import fs from "fs";
import path from "path";
import zlib from "zlib";
import { DIST, launchChromium, serveStatic } from "../test/support/browser";

const TEMPLATE_KB = 168.9;
const runs = Math.max(1, Number(process.argv[2]) || 7);

/** The scripts taskpane.html loads itself (office.js excluded), with their gzip -9 sizes. */
function initialScripts(): { file: string; gzip: number }[] {
  const html = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
  // Minified HTML may leave attribute values unquoted.
  const files = [...html.matchAll(/<script\b[^>]*?\ssrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)].map((m) => m[1] ?? m[2] ?? m[3]).filter((src) => !/office(\.debug)?\.js/i.test(src) && !/^https?:/i.test(src));
  return files.map((file) => {
    const bytes = fs.readFileSync(path.join(DIST, file.replace(/^\//, "")));
    return { file, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function main(): Promise<void> {
  const scripts = initialScripts();
  const totalKb = scripts.reduce((n, s) => n + s.gzip, 0) / 1000;
  process.stderr.write(`initial scripts: ${scripts.map((s) => `${s.file} ${(s.gzip / 1000).toFixed(1)} KB`).join(" + ")} = ${totalKb.toFixed(1)} KB gzip (template ${TEMPLATE_KB} KB)\n`);

  const server = await serveStatic();
  const browser = await launchChromium();
  const times: number[] = [];
  const heaps: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      // A fresh context each run: nothing cached, as on a first open of the pane.
      const context = await browser.newContext({ viewport: { width: 350, height: 800 } });
      await context.route("**/*", (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
      const page = await context.newPage();
      await page.goto(`${server.url}/taskpane.html`, { waitUntil: "commit" });
      await page.waitForSelector("[data-testid=open-file]:not([disabled])", { timeout: 30_000 });
      const ms = await page.evaluate(() => performance.now());
      const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
      times.push(ms);
      heaps.push(heap / 2 ** 20);
      process.stderr.write(`run ${i + 1}: interactive after ${ms.toFixed(0)} ms\n`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const note = `median of ${runs}, min ${(Math.min(...times) / 1000).toFixed(2)} s, max ${(Math.max(...times) / 1000).toFixed(2)} s; initial scripts ${totalKb.toFixed(1)} KB gzip (template ${TEMPLATE_KB} KB); peak = page JS heap`;
  process.stderr.write(`${note}\n`);
  process.stdout.write(`${JSON.stringify([{ bench: "tti", case: "task pane interactive (Chromium, no office.js)", seconds: median(times) / 1000, peakMB: Math.max(...heaps), note }])}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
