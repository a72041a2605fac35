/**
 * Bench: the task pane page outside Office, in headless Chromium, on generated 100,000-row and
 * 1,048,576-row workbooks (.bench/, shared with bench-cli.ts). A user's path: choose the file,
 * wait for the row counts, type a target, go to the preview. Measured:
 *   - time from choosing the file to the preview table (and to the row counts of step 1);
 *   - the page's peak JS heap: the main thread plus the reading worker, sampled together every
 *     100 ms through the DevTools protocol (Runtime.getHeapUsage on both targets);
 *   - the renderer process's peak resident memory (VmHWM), which also counts the file bytes
 *     and other buffers outside the JS heap;
 *   - whether the page stayed responsive while the file was read: the longest main-thread task
 *     (PerformanceObserver "longtask") and the frames drawn (requestAnimationFrame).
 *
 * Builds nothing: run `npm run build` first (the page is served from dist/).
 *   npx tsx scripts/bench-page.ts [100k] [1m] [--dist DIR]
 * Progress on stderr; the last stdout line is a JSON array of rows for scripts/bench.js.
 */
import fs from "fs";
import path from "path";
import type { CDPSession, Page } from "playwright-core";
import { DIST, launchChromium, serveStatic } from "../test/support/browser";
import { BENCH_DIR, generateSalesWorkbook } from "./bench-workbooks";

interface Row {
  bench: string;
  case: string;
  seconds: number | null;
  peakMB: number | null;
  note?: string;
}

const MB = 2 ** 20;

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

function argValue(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

/** Heap samples of the page and of every worker it starts, through one CDP session. */
class HeapSampler {
  private readonly workers = new Set<string>();
  private readonly pending = new Map<number, (value: { usedSize?: number } | undefined) => void>();
  private nextId = 0;
  private timer: NodeJS.Timeout | null = null;
  peakTotal = 0;
  peakMain = 0;
  peakWorker = 0;
  samples = 0;

  constructor(private readonly cdp: CDPSession) {
    cdp.on("Target.attachedToTarget", (e) => {
      if (e.targetInfo.type === "worker") this.workers.add(e.sessionId);
    });
    cdp.on("Target.detachedFromTarget", (e) => {
      if (e.sessionId) {
        this.workers.delete(e.sessionId);
        this.last.delete(e.sessionId);
      }
    });
    cdp.on("Target.receivedMessageFromTarget", (e) => {
      const message = JSON.parse(e.message) as { id?: number; result?: { usedSize?: number } };
      const done = message.id === undefined ? undefined : this.pending.get(message.id);
      if (done) {
        this.pending.delete(message.id!);
        done(message.result);
      }
    });
  }

  async start(): Promise<void> {
    // Non-flattened sessions: the worker is reached through messages on this page session.
    await this.cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    const tick = async () => {
      await this.sample().catch(() => undefined);
      if (this.timer) this.timer = setTimeout(tick, 100);
    };
    this.timer = setTimeout(tick, 0);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private workerHeap(sessionId: string): Promise<number | null> {
    const id = ++this.nextId;
    return new Promise<number | null>((resolve) => {
      // A worker busy in a long task answers when it finishes; until then its last figure stands.
      const timeout = setTimeout(() => {
        this.pending.delete(id);
        resolve(null);
      }, 5000);
      this.pending.set(id, (r) => {
        clearTimeout(timeout);
        resolve(r?.usedSize ?? null);
      });
      this.cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method: "Runtime.getHeapUsage" }) }).catch(() => resolve(null));
    });
  }

  private readonly last = new Map<string, number>();

  private record(target: string, used: number | null): void {
    if (used === null) return;
    this.last.set(target, used);
    if (target === "main") this.peakMain = Math.max(this.peakMain, used);
    else this.peakWorker = Math.max(this.peakWorker, used);
    let total = 0;
    for (const v of this.last.values()) total += v;
    this.peakTotal = Math.max(this.peakTotal, total);
  }

  /** One sample of every target; each figure is recorded as it arrives (a busy target answers late). */
  async sample(): Promise<void> {
    this.samples++;
    await Promise.all([
      this.cdp.send("Runtime.getHeapUsage").then((r) => this.record("main", r.usedSize)),
      ...[...this.workers].map((s) => this.workerHeap(s).then((used) => this.record(s, used))),
    ]);
  }
}

/** Peak resident memory of the biggest renderer process (the page's), from /proc. */
async function rendererPeakMB(page: Page): Promise<number | null> {
  const browser = page.context().browser();
  if (!browser) return null;
  const session = await browser.newBrowserCDPSession();
  try {
    const info = (await session.send("SystemInfo.getProcessInfo" as never)) as unknown as { processInfo: { type: string; id: number }[] };
    let peak = 0;
    for (const p of info.processInfo.filter((x) => x.type === "renderer")) {
      const status = fs.readFileSync(`/proc/${p.id}/status`, "utf8");
      const m = /VmHWM:\s+(\d+) kB/.exec(status);
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    }
    return peak || null;
  } catch {
    return null;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** Records in the page when the file was chosen, when the rows and the preview showed, long tasks and frames. */
const PROBE = `(() => {
  const bench = { chosen: 0, rows: 0, preview: 0, tasks: [], frames: [] };
  window.bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: false });
  const frame = (t) => {
    bench.frames.push(t);
    if (!bench.preview) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  document.addEventListener("change", () => { bench.chosen ||= performance.now(); }, true);
  new MutationObserver(() => {
    if (!bench.rows && document.querySelector("[data-testid=row-stats]")) bench.rows = performance.now();
    if (!bench.preview && document.querySelector("[data-testid=preview-table]")) bench.preview = performance.now();
  }).observe(document.body, { childList: true, subtree: true });
})()`;

interface Measured {
  toRows: number;
  toPreview: number;
  longestTask: number;
  framesWhileReading: number;
  readSeconds: number;
  heap: HeapSampler;
  rendererMB: number | null;
  reps: number;
}

async function measure(url: string, file: string): Promise<Measured> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 450, height: 900 } });
    // No network: office.js (and anything else off the local server) is refused.
    await context.route("**/*", (route) => (route.request().url().startsWith(url) ? route.continue() : route.abort()));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const heap = new HeapSampler(cdp);
    await heap.start();
    try {
      page.on("pageerror", (e) => log(`page error: ${String(e)}`));
      await page.goto(`${url}/taskpane.html`);
      await page.waitForSelector("[data-testid=open-file]:not([disabled])", { timeout: 60_000 });
      // Let the page fetch what it preloads when idle, as a user's pane would before a file is chosen.
      await page.waitForTimeout(1500);
      // A string, not a function: the TypeScript runner would wrap named functions in helpers the page lacks.
      await page.evaluate(PROBE);
      await page.getByTestId("file-input").setInputFiles(file);
      await page.getByTestId("row-stats").waitFor({ timeout: 600_000 });
      const next = page.locator("button:has-text('Next'):not([disabled])");
      await next.click({ timeout: 600_000 });
      await page.getByTestId("target").fill("100000000");
      await next.click({ timeout: 600_000 });
      await page.getByTestId("preview-table").waitFor({ timeout: 600_000 });
      await page.waitForFunction("window.bench.preview > 0");
      await heap.sample();
      heap.stop();
      const b = (await page.evaluate("window.bench")) as { chosen: number; rows: number; preview: number; tasks: { start: number; duration: number }[]; frames: number[] };
      const reps = await page.locator("[data-testid=preview-table] tbody tr").count();
      const during = b.tasks.filter((t) => t.start >= b.chosen && t.start < b.rows);
      const rendererMB = await rendererPeakMB(page);
      await context.close();
      return {
        toRows: (b.rows - b.chosen) / 1000,
        toPreview: (b.preview - b.chosen) / 1000,
        longestTask: during.reduce((m, t) => Math.max(m, t.duration), 0) / 1000,
        framesWhileReading: b.frames.filter((t) => t >= b.chosen && t < b.rows).length,
        readSeconds: (b.rows - b.chosen) / 1000,
        heap,
        rendererMB,
        reps,
      };
    } finally {
      heap.stop();
    }
  } finally {
    await browser.close();
  }
}

async function run(): Promise<Row[]> {
  const dist = path.resolve(argValue("--dist") ?? DIST);
  if (!fs.existsSync(path.join(dist, "taskpane.html"))) {
    throw new Error(`${path.relative(process.cwd(), dist) || dist}/taskpane.html is missing: run "npm run build" first (this bench builds nothing).`);
  }
  const all = [
    { key: "100k", label: "100,000 rows", rows: 100_000, file: path.join(BENCH_DIR, "sales-100k.xlsx") },
    { key: "1m", label: "1,048,576 rows", rows: 1_048_576, file: path.join(BENCH_DIR, "sales-1m.xlsx") },
  ];
  const picked = all.filter((c) => process.argv.includes(c.key));
  const cases = picked.length ? picked : all;
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  for (const c of cases) await generateSalesWorkbook(c.file, c.rows);
  const server = await serveStatic(dist);
  const rows: Row[] = [];
  try {
    for (const c of cases) {
      log(`page: ${c.label} (${(fs.statSync(c.file).size / MB).toFixed(0)} MB file)…`);
      try {
        const m = await measure(server.url, c.file);
        const note =
          `rows shown after ${m.toRows.toFixed(2)} s; longest main-thread task while reading ${(m.longestTask * 1000).toFixed(0)} ms, ${m.framesWhileReading} frames drawn; ` +
          `heap main ${(m.heap.peakMain / MB).toFixed(0)} MB + worker ${(m.heap.peakWorker / MB).toFixed(0)} MB (${m.heap.samples} samples)` +
          (m.rendererMB ? `; renderer peak RSS ${m.rendererMB.toFixed(0)} MB` : "") +
          `; ${m.reps} reps`;
        log(`  ${m.toPreview.toFixed(2)} s to the preview, peak JS heap ${(m.heap.peakTotal / MB).toFixed(0)} MB; ${note}`);
        rows.push({ bench: "page", case: `file → preview, ${c.label}`, seconds: m.toPreview, peakMB: m.heap.peakTotal / MB, note });
      } catch (e) {
        log(`  failed: ${e instanceof Error ? e.message : String(e)}`);
        rows.push({ bench: "page", case: `file → preview, ${c.label}`, seconds: null, peakMB: null, note: "failed" });
      }
    }
  } finally {
    await server.close();
  }
  return rows;
}

run().then(
  (rows) => process.stdout.write(`${JSON.stringify(rows)}\n`),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
