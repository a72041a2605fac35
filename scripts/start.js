#!/usr/bin/env node
/**
 * `npm start`: run the add-in from the dev server, as Microsoft's templates do.
 *
 * - Windows or macOS with office-addin-debugging installed: hands over to it (dev server,
 *   certificates, sideloading into desktop Excel); `npm stop` hands over again.
 * - Otherwise: creates the development certificates if there are none, starts the dev server
 *   in the background (https://localhost:3000; `npm stop` ends it) and prints how to open the
 *   task pane in a browser and how to sideload into Excel on the web. On macOS it also
 *   sideloads into desktop Excel by copying manifest.xml into Excel's add-in folder (wef); on
 *   Windows it prints the command that sideloads there.
 *
 * office-addin-debugging is not a dependency: it needs a native module (keytar) that does not
 * build everywhere. `npx office-addin-debugging ...` fetches it where it is wanted.
 */
const fs = require("fs");
const http = require("http");
const https = require("https");
const net = require("net");
const os = require("os");
const path = require("path");
const { spawn, spawnSync } = require("child_process");
const { certificateDirectory, readCertificates, generateCertificates } = require("./dev-certs");
const { ROOT, LOG_FILE, readState, writeState, clearState, isOurDevServer } = require("./dev-server-state");

const PORT = Number(process.env.npm_package_config_dev_server_port) || 3000;
const MANIFEST = path.join(ROOT, "manifest.xml");
const READY_TIMEOUT_MS = 180_000;
const DESKTOP_COMMAND = `npx office-addin-debugging start manifest.xml desktop --app excel --dev-server "npm run dev-server" --dev-server-port ${PORT}`;
const MAC_WEF_DIR = path.join(os.homedir(), "Library", "Containers", "com.microsoft.Excel", "Data", "Documents", "wef");

const say = (text = "") => process.stdout.write(`${text}\n`);

function resolveOfficeAddinDebugging() {
  try {
    return require.resolve("office-addin-debugging/cli.js", { paths: [ROOT] });
  } catch {
    return null;
  }
}

/** GET url; resolves with the status code, or null when nothing answers. */
function probe(url) {
  return new Promise((resolve) => {
    const client = url.startsWith("https:") ? https : http;
    const request = client.get(url, { rejectUnauthorized: false, timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? null);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(null));
  });
}

/** Whether something accepts TCP connections on the port (ours or not). */
function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "localhost" });
    socket.setTimeout(1000);
    socket.on("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.on("error", () => resolve(false));
  });
}

async function ensureCertificates() {
  if (readCertificates()) return true;
  try {
    await generateCertificates();
    say(`Created development certificates in ${certificateDirectory()}.`);
    say("They are not trusted yet: run `npx office-addin-dev-certs install` to trust them (needs admin rights),");
    say("or accept the browser's certificate warning on https://localhost:3000/taskpane.html once.");
    return Boolean(readCertificates());
  } catch (error) {
    say(`Could not create development certificates (${error.message}); the dev server will use plain HTTP.`);
    return false;
  }
}

async function startDevServer(protocol) {
  const url = `${protocol}://localhost:${PORT}/`;
  const previous = readState();
  if (previous && isOurDevServer(previous.pid)) {
    say(`The dev server started earlier is still running: ${previous.url} (pid ${previous.pid}).`);
    return previous;
  }
  if (await portInUse(PORT)) {
    throw new Error(`port ${PORT} is already in use by another program: stop it first (or change "config.dev_server_port" in package.json).`);
  }

  fs.mkdirSync(path.dirname(LOG_FILE), { recursive: true });
  const log = fs.openSync(LOG_FILE, "w");
  const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  const child = spawn(process.execPath, [webpackCli, "serve", "--mode", "development"], {
    cwd: ROOT,
    detached: true, // its own process group: `npm stop` ends it and everything it started
    stdio: ["ignore", log, log],
    env: process.env,
    windowsHide: true,
  });
  child.unref();
  fs.closeSync(log);
  const state = { pid: child.pid, url, log: LOG_FILE, startedAt: new Date().toISOString() };
  writeState(state);

  process.stdout.write(`Starting the dev server (pid ${child.pid}, log ${path.relative(ROOT, LOG_FILE)}) `);
  let exited = null;
  child.on("exit", (code, signal) => {
    exited = code ?? signal;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited !== null) break;
    if ((await probe(`${url}taskpane.html`)) === 200) {
      say("ready.");
      return state;
    }
    process.stdout.write(".");
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  say("");
  if (exited !== null) clearState();
  const tail = fs.readFileSync(LOG_FILE, "utf8").split("\n").slice(-25).join("\n");
  throw new Error(
    `${exited !== null ? `the dev server exited (${exited})` : `the dev server did not answer within ${READY_TIMEOUT_MS / 1000} s`}. Last lines of its log:\n${tail}`,
  );
}

/** macOS: desktop Excel loads every manifest in its wef folder (Microsoft's manual sideload). */
function sideloadMac(state) {
  if (!fs.existsSync(path.dirname(MAC_WEF_DIR))) return false;
  fs.mkdirSync(MAC_WEF_DIR, { recursive: true });
  const target = path.join(MAC_WEF_DIR, "sales-quota.manifest.xml");
  fs.copyFileSync(MANIFEST, target);
  writeState({ ...state, sideloaded: target });
  say(`Sideloaded into desktop Excel: copied manifest.xml to ${target}.`);
  say("Restart Excel, open a workbook, then Home > Add-ins > My Add-ins (Developer Add-ins) > Sales Quota.");
  return true;
}

function printInstructions(state, secure) {
  const page = `${state.url}taskpane.html`;
  say("");
  say(`Dev server: ${state.url} (pid ${state.pid}). Stop it with: npm stop`);
  say("");
  say("In a browser, without Office:");
  say(`  open ${page}`);
  say("  The wizard then works on an .xlsx file you pick and offers the result as a download.");
  if (secure) say(`  The certificate is self-signed (${certificateDirectory()}/ca.crt): trust it or accept the warning once.`);
  say("");
  say("In Excel on the web (sideload):");
  if (!secure) {
    say("  Excel needs https: create the certificates (npx office-addin-dev-certs install), then npm stop && npm start.");
  } else {
    say(`  1. Open ${page} once in the same browser and accept the certificate.`);
    say("  2. Open a workbook in Excel on the web (office.com), then Home > Add-ins > More Add-ins (Get Add-ins)");
    say(`     > My Add-ins > Upload My Add-in, and choose ${MANIFEST}.`);
    say("  3. Home > Sales Quota > Allocate Quotas opens the wizard; type =SALES. in a cell for the functions.");
  }
  say("");
}

async function main() {
  const platform = process.platform;
  const desktop = platform === "win32" || platform === "darwin";
  const debuggingCli = desktop ? resolveOfficeAddinDebugging() : null;
  if (debuggingCli) {
    say("Handing over to office-addin-debugging (dev server, certificates, sideload into desktop Excel).");
    const args = ["start", "manifest.xml", "desktop", "--app", "excel", "--dev-server", "npm run dev-server", "--dev-server-port", String(PORT)];
    const result = spawnSync(process.execPath, [debuggingCli, ...args], { cwd: ROOT, stdio: "inherit" });
    process.exit(result.status ?? 1);
  }

  const secure = await ensureCertificates();
  const state = await startDevServer(secure ? "https" : "http");
  printInstructions(state, secure);

  if (platform === "darwin") {
    if (!sideloadMac(state)) {
      say("Desktop Excel for Mac was not found. With Excel installed, run again or use:");
      say(`  ${DESKTOP_COMMAND}`);
    }
  } else if (platform === "win32") {
    say("In desktop Excel on Windows (sideload, reuses this dev server):");
    say(`  ${DESKTOP_COMMAND}`);
    say("  or share a folder holding manifest.xml, add it under File > Options > Trust Center > Trust Center");
    say("  Settings > Trusted Add-in Catalogs (Show in Menu), restart Excel and pick Sales Quota under");
    say("  Home > Add-ins > Advanced > Shared Folder.");
  } else {
    say("There is no desktop Excel on this system; use the browser or Excel on the web as above.");
  }
}

main().catch((error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
