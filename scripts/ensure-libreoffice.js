#!/usr/bin/env node
/**
 * A few unit tests check files as LibreOffice saves and prints them (the stored plan's round
 * trip, quota letters' page count). Installs LibreOffice Calc and poppler-utils when missing and
 * running as root; otherwise stops with the exact command. Never lets those tests skip silently.
 */
const fs = require("fs");
const { spawnSync } = require("child_process");

const SOFFICE = process.env.SOFFICE_PATH || "/usr/bin/soffice";
const PDFINFO = "/usr/bin/pdfinfo";
const PACKAGES = ["libreoffice-calc-nogui", "poppler-utils"];

if (fs.existsSync(SOFFICE) && fs.existsSync(PDFINFO)) process.exit(0);

const command = `apt-get update && apt-get install -y --no-install-recommends ${PACKAGES.join(" ")}`;
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot) {
  console.error("LibreOffice Calc and poppler-utils are needed by some unit tests and were not found.");
  console.error(`Install them with:  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${PACKAGES.join(" ")}`);
  process.exit(1);
}
console.error("LibreOffice not found: installing Debian's libreoffice-calc-nogui and poppler-utils…");
for (const args of [["update"], ["install", "-y", "--no-install-recommends", ...PACKAGES]]) {
  const r = spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (r.status !== 0) {
    console.error(`apt-get ${args.join(" ")} failed; install them with: ${command}`);
    process.exit(1);
  }
}
if (!fs.existsSync(SOFFICE)) {
  console.error(`LibreOffice installed but ${SOFFICE} is missing`);
  process.exit(1);
}
