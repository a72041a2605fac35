#!/usr/bin/env node
/**
 * `npm run bench`: runs each benchmark script in its own process (so one's memory does not
 * colour another's) and prints one table. No timing assertion anywhere: these are figures to
 * read and compare, not tests.
 *
 * A bench script is a TypeScript file run with tsx. It prints progress on stderr and, on its
 * last stdout line, a JSON array of result rows:
 *   { bench, case, seconds, peakMB, note? }
 * To add one, append it to BENCHES. `npm run bench -- engine cli` runs only those.
 */
const { spawnSync } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");

const BENCHES = [
  { name: "engine", script: "scripts/bench-engine.ts", about: "aggregate 1,048,576 rows into 5,000 reps + allocate, vs a bare sum loop" },
  { name: "cli", script: "scripts/bench-cli.ts", about: "quota allocate on 100,000- and 1,048,576-row workbooks, vs LibreOffice → CSV" },
  { name: "schedule", script: "scripts/bench-schedule.ts", about: "year plan schedule, 5,000 reps × 12 months: controlled rounding vs the one-way split" },
  { name: "tti", script: "scripts/bench-tti.ts", about: "time to an interactive wizard in headless Chromium (needs npm run build)" },
  { name: "page", script: "scripts/bench-page.ts", about: "the page outside Office: file → preview on 100,000- and 1,048,576-row workbooks, time and peak JS heap (needs npm run build)" },
  { name: "hostile", script: "scripts/bench-hostile.ts", about: "quota allocate on bombs, impossible addresses, malformed parts and other kinds of file: exit 1, one line, under 1 GB and 10 s" },
];

function runBench(bench) {
  process.stderr.write(`\n== ${bench.name}: ${bench.about}\n`);
  const result = spawnSync(process.execPath, ["--expose-gc", "--require", "tsx/cjs", path.join(root, bench.script)], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = (result.stdout || "").trim().split("\n");
  if (result.status !== 0) {
    return { ok: false, rows: [{ bench: bench.name, case: "failed", seconds: null, peakMB: null, note: `exit ${result.status ?? result.signal}` }] };
  }
  try {
    return { ok: true, rows: JSON.parse(lines[lines.length - 1]) };
  } catch {
    return { ok: false, rows: [{ bench: bench.name, case: "failed", seconds: null, peakMB: null, note: "no result line" }] };
  }
}

function table(rows) {
  const head = ["bench", "case", "seconds", "peak MB", "note"];
  const cells = rows.map((r) => [
    r.bench,
    r.case,
    r.seconds === null || r.seconds === undefined ? "–" : r.seconds.toFixed(2),
    r.peakMB === null || r.peakMB === undefined ? "–" : Math.round(r.peakMB).toLocaleString("en-US"),
    r.note || "",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const right = [false, false, true, true, false];
  const line = (c) => c.map((x, i) => (right[i] ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w));
if (unknown.length) {
  process.stderr.write(`Unknown bench ${unknown.join(", ")}; choose from ${BENCHES.map((b) => b.name).join(", ")}.\n`);
  process.exit(2);
}
const selected = wanted.length ? BENCHES.filter((b) => wanted.includes(b.name)) : BENCHES;
const all = [];
let failed = false;
for (const bench of selected) {
  const { ok, rows } = runBench(bench);
  failed = failed || !ok;
  all.push(...rows);
}
process.stdout.write(`\n${table(all)}\n`);
process.stdout.write(`\nNode ${process.version}, ${require("os").cpus().length} CPUs, ${Math.round(require("os").totalmem() / 2 ** 30)} GB RAM.\n`);
process.exit(failed ? 1 : 0);
