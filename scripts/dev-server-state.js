/**
 * What `npm start` left running, for `npm stop`: node_modules/.cache/sales-quota/dev-server.json
 * ({ pid, url, log, sideloaded? }). Kept under node_modules so it never shows up in git.
 */
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const STATE_DIR = path.join(ROOT, "node_modules", ".cache", "sales-quota");
const STATE_FILE = path.join(STATE_DIR, "dev-server.json");
const LOG_FILE = path.join(STATE_DIR, "dev-server.log");

function readState() {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, "utf8"));
  } catch {
    return null;
  }
}

function writeState(state) {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}

function clearState() {
  fs.rmSync(STATE_FILE, { force: true });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/**
 * True when pid is still the dev server we started (a recycled pid must never be killed).
 * Checked through /proc where there is one; elsewhere being alive has to do.
 */
function isOurDevServer(pid) {
  if (!isAlive(pid)) return false;
  const cmdline = `/proc/${pid}/cmdline`;
  if (!fs.existsSync(cmdline)) return true;
  // webpack-cli renames its process to "webpack", which overwrites the visible arguments.
  return fs.readFileSync(cmdline, "utf8").includes("webpack");
}

module.exports = { ROOT, STATE_FILE, LOG_FILE, readState, writeState, clearState, isAlive, isOurDevServer };
