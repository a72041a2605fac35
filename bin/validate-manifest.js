#!/usr/bin/env node
/**
 * Offline manifest check (`npm run validate:offline`); the checks are in scripts/manifest-check.js.
 *
 *   node bin/validate-manifest.js [manifest.xml] [--dist [DIR]] [--project DIR]
 *
 *   --dist [DIR]   check that the built page (DIR, default dist) loads the functions bundle,
 *                  instead of reading webpack.config.js
 *   --project DIR  folder with assets/ and webpack.config.js (default: the manifest's folder)
 *
 * Prints one line per problem and exits 1, or prints "<manifest>: OK".
 * Example after a build: node bin/validate-manifest.js dist/manifest.xml --dist dist
 */
const path = require("path");
const { checkManifest, formatProblems } = require("../scripts/manifest-check");

function parseArgs(argv) {
  const options = { manifest: null, distDir: null, projectDir: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--dist" || arg.startsWith("--dist=")) {
      if (arg.includes("=")) options.distDir = arg.slice("--dist=".length);
      else if (argv[i + 1] && !argv[i + 1].startsWith("--") && !/\.xml$/i.test(argv[i + 1])) options.distDir = argv[++i];
      else options.distDir = "dist";
    } else if (arg === "--project" || arg.startsWith("--project=")) {
      options.projectDir = arg.includes("=") ? arg.slice("--project=".length) : argv[++i];
      if (!options.projectDir) throw new Error("--project needs a folder");
    } else if (arg === "--help" || arg === "-h") {
      options.help = true;
    } else if (arg.startsWith("--")) {
      throw new Error(`unknown option ${arg}`);
    } else if (options.manifest) {
      throw new Error(`one manifest at a time (got ${options.manifest} and ${arg})`);
    } else {
      options.manifest = arg;
    }
  }
  options.manifest = options.manifest || "manifest.xml";
  return options;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`validate-manifest: ${error.message}`);
    process.exit(2);
  }
  if (options.help) {
    console.log("usage: validate-manifest [manifest.xml] [--dist [DIR]] [--project DIR]");
    return;
  }
  const { problems } = await checkManifest(options.manifest, {
    distDir: options.distDir || undefined,
    projectDir: options.projectDir || undefined,
  });
  const name = path.relative(process.cwd(), path.resolve(options.manifest)) || options.manifest;
  if (problems.length) {
    for (const line of formatProblems(name, problems)) console.log(line);
    process.exitCode = 1;
  } else {
    console.log(`${name}: OK`);
  }
}

main().catch((error) => {
  console.error(`validate-manifest: ${error.stack || error}`);
  process.exit(2);
});
