#!/usr/bin/env node
/**
 * The browser tests use Debian's Chromium through playwright-core (playwright's own browser
 * download cannot work offline). Installs it when missing and running as root; otherwise stops
 * with the exact command to run. Never lets the browser tests be skipped silently.
 */
const fs = require("fs");
const { spawnSync } = require("child_process");

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

if (fs.existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot) {
  console.error(`Chromium is needed for the browser tests and was not found at ${CHROMIUM}.`);
  console.error("Install it with:  sudo apt-get update && sudo apt-get install -y chromium");
  process.exit(1);
}
console.error("Chromium not found: installing Debian's chromium package…");
for (const args of [["update"], ["install", "-y", "--no-install-recommends", "chromium"]]) {
  const r = spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (r.status !== 0) {
    console.error(`apt-get ${args.join(" ")} failed; install Chromium with: apt-get update && apt-get install -y chromium`);
    process.exit(1);
  }
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`chromium installed but ${CHROMIUM} is missing`);
  process.exit(1);
}
