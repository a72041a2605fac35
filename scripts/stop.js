#!/usr/bin/env node
/**
 * `npm stop`: ends what `npm start` started — the background dev server (by the pid it
 * recorded, never by name) and, on macOS, the manifest copied into Excel's add-in folder.
 * Where `npm start` handed over to office-addin-debugging, this hands over too.
 */
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { ROOT, readState, clearState, isAlive, isOurDevServer } = require("./dev-server-state");

const say = (text) => process.stdout.write(`${text}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function officeAddinDebugging() {
  if (process.platform !== "win32" && process.platform !== "darwin") return null;
  try {
    return require.resolve("office-addin-debugging/cli.js", { paths: [ROOT] });
  } catch {
    return null;
  }
}

/** Ends the process group of the detached dev server (webpack and anything it spawned). */
async function kill(pid) {
  if (process.platform === "win32") {
    spawnSync("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "ignore" });
    return !isAlive(pid);
  }
  const signal = (sig) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  signal("SIGTERM");
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) signal("SIGKILL");
  for (let i = 0; i < 20 && isAlive(pid); i++) await sleep(100);
  return !isAlive(pid);
}

async function main() {
  const debuggingCli = officeAddinDebugging();
  const state = readState();
  if (debuggingCli && !state) {
    const result = spawnSync(process.execPath, [debuggingCli, "stop", "manifest.xml"], { cwd: ROOT, stdio: "inherit" });
    process.exit(result.status ?? 1);
  }
  if (!state) {
    say("Nothing to stop: no dev server started by `npm start` is recorded.");
    return;
  }
  if (state.sideloaded && fs.existsSync(state.sideloaded)) {
    fs.rmSync(state.sideloaded);
    say(`Removed the sideloaded manifest ${state.sideloaded} (restart Excel to unload the add-in).`);
  }
  if (!isAlive(state.pid)) {
    say(`The dev server (pid ${state.pid}) had already stopped.`);
  } else if (!isOurDevServer(state.pid)) {
    say(`Process ${state.pid} is no longer the dev server started by \`npm start\`; left it alone.`);
  } else if (await kill(state.pid)) {
    say(`Stopped the dev server on ${state.url} (pid ${state.pid}).`);
  } else {
    throw new Error(`could not stop the dev server (pid ${state.pid}); end it by hand, then run npm stop again.`);
  }
  clearState();
  if (state.log) say(`Its log stays in ${path.relative(process.cwd(), state.log)}.`);
}

main().catch((error) => {
  console.error(`npm stop: ${error.message}`);
  process.exit(1);
});
