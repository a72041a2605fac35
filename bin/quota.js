#!/usr/bin/env node
/**
 * The `quota` command. The sources are TypeScript; tsx (a runtime dependency) compiles them
 * on the fly, so the command works right after `npm ci` with no build step.
 */
function fail(error) {
  // main() reports every failure itself as one line; this only catches a broken install.
  const detail = error && error.message ? String(error.message).split("\n")[0] : String(error);
  process.stderr.write(`quota: cannot start: ${detail}\n`);
  if (process.env.QUOTA_DEBUG && error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
}

let main;
try {
  require("tsx/cjs");
  ({ main } = require("../src/cli/main.ts"));
} catch (error) {
  fail(error);
}

if (main) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, fail);
}
