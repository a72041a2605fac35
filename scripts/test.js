#!/usr/bin/env node
/**
 * `npm test`: every check in the order a failure is cheapest to read.
 *   1. type-check (tsc --noEmit, strict)
 *   2. offline manifest validation of manifest.xml
 *   3. jest "unit" project (engine, sheet, adapters, functions, CLI, task pane in jsdom); a few
 *      tests save and print files through LibreOffice Calc, installed first when missing and
 *      running as root
 *   4. production build (dist/)
 *   5. jest "browser" project against dist/ in Debian's Chromium (installed here when missing
 *      and running as root; otherwise the run stops with the command to type)
 * Extra arguments go to both jest runs (e.g. `npm test -- -t allocate`).
 */
const { spawnSync } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const extra = process.argv.slice(2);

function step(title, command, args) {
  process.stderr.write(`\n== ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    process.stderr.write(`\n${title} failed (exit ${result.status ?? result.signal}).\n`);
    process.exit(result.status || 1);
  }
}

step("Type-check", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
step("Manifest (offline validation)", process.execPath, [path.join(root, "bin", "validate-manifest.js"), "manifest.xml"]);
step("LibreOffice", process.execPath, [path.join(root, "scripts", "ensure-libreoffice.js")]);
step("Unit tests", bin("jest"), [...extra, "--selectProjects", "unit"]);
step("Production build", bin("webpack"), ["--mode", "production"]);
step("Chromium", process.execPath, [path.join(root, "scripts", "ensure-chromium.js")]);
step("Browser tests", bin("jest"), [...extra, "--runInBand", "--selectProjects", "browser"]);
