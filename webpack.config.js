/**
 * Build of the add-in, after Microsoft's React task-pane and shared-runtime templates.
 *
 *   npm run build        production: dist/{taskpane.html, functions.js, functions.json,
 *                        manifest.xml, help.html, assets/}, URLs rewritten for hosting
 *   npm run build:dev    development build in dist/, office.js copied next to it
 *   npm run dev-server   https://localhost:3000 from memory, for sideloading while coding
 *
 * Environment variables:
 *   ADDIN_URL   production origin (with path) that replaces https://localhost:3000/ in
 *               manifest.xml and functions.json; must be https. Default, as in Microsoft's
 *               templates: https://www.contoso.com/ — set it before publishing.
 *   OFFICE_JS   where taskpane.html loads office.js from: "cdn" (Microsoft's CDN, the default
 *               for production, required for published add-ins), "local" (a copy of
 *               @microsoft/office-js served from our own origin under office-js/, the default
 *               for development; works with no internet), or an explicit URL.
 *   DEV_CERTS_DIR  folder with ca.crt, localhost.crt, localhost.key for the dev server
 *               (default ~/.office-addin-dev-certs, as office-addin-dev-certs writes them).
 *
 * Shared runtime: taskpane.html loads both the UI bundle and the functions bundle, so Excel's
 * custom functions and the task pane live in one page. functions.js is the first script and
 * carries the webpack runtime; taskpane.js depends on it (entry.dependOn), so shared modules
 * exist once. Heavy parts (ExcelJS, the Excel adapter) are dynamic imports and end up in lazy
 * chunks; the page's initial scripts are measured (gzip) after every production build.
 */
const path = require("path");
const zlib = require("zlib");
const webpack = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { certificateDirectory, readCertificates } = require("./scripts/dev-certs");
const { renderHelpPage } = require("./scripts/help-page");

const URL_DEV = "https://localhost:3000/";
const URL_PROD_DEFAULT = "https://www.contoso.com/";
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_DIST = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));
const OFFICE_JS_LOCAL_DIR = "office-js";
const FUNCTIONS_SOURCE = "./src/functions/functions.ts";
const FUNCTIONS_NAMESPACE = "SALES";
/** Microsoft's React task-pane template, production, gzip -9: polyfill + react + taskpane. */
const INITIAL_SCRIPTS_BUDGET_KB = 168.9;

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function productionUrl() {
  let url = process.env.ADDIN_URL || URL_PROD_DEFAULT;
  if (!/^https:\/\/[^/]+/i.test(url)) {
    throw new Error(`ADDIN_URL must be an absolute https URL (Office loads add-ins over https only), got "${url}".`);
  }
  if (!url.endsWith("/")) url += "/";
  return url;
}

/** Printed by a production build without ADDIN_URL: its manifest points at the placeholder. */
function missingAddinUrlWarning() {
  return (
    `*** Warning: ADDIN_URL is not set, so dist/manifest.xml, functions.json and the help links point at\n` +
    `*** the placeholder ${URL_PROD_DEFAULT}. Office cannot load the add-in from there: set\n` +
    `*** ADDIN_URL=https://your.host/path/ (the https folder that will serve dist/) and build again.\n`
  );
}

/** Prints that warning once the build is done (not when the config is merely loaded, e.g. by checks). */
class MissingAddinUrlWarning {
  apply(compiler) {
    compiler.hooks.done.tap("MissingAddinUrlWarning", () => {
      process.stderr.write(missingAddinUrlWarning());
    });
  }
}

/** Rewrites the development origin in the text assets that carry URLs Office reads. */
function rewriteUrls(text, from, to) {
  return text.replace(new RegExp(escapeRegExp(from), "g"), to);
}

/**
 * Production: functions.json (help URLs) gets the same URL rewrite as the manifest. Always:
 * help.html is rendered from functions.json. Runs after CustomFunctionsMetadataPlugin has
 * added functions.json (it does so when the compilation is created).
 */
class MetadataAssetsPlugin {
  constructor({ rewrite }) {
    this.rewrite = rewrite;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap("MetadataAssetsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "MetadataAssetsPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const asset = compilation.getAsset("functions.json");
          if (!asset) return; // metadata errors are already reported by the metadata plugin
          let json = asset.source.source().toString();
          if (this.rewrite) {
            json = rewriteUrls(json, this.rewrite.from, this.rewrite.to);
            compilation.updateAsset("functions.json", new webpack.sources.RawSource(json));
          }
          compilation.emitAsset("help.html", new webpack.sources.RawSource(renderHelpPage(json, FUNCTIONS_NAMESPACE)));
        },
      );
    });
  }
}

/**
 * Marks chunks built from already-minified code as minimized, so the minifier does not spend
 * most of the build re-minifying them (ExcelJS's browser build: ~20 s).
 */
class PreminifiedChunksPlugin {
  constructor(chunkNames) {
    this.chunkNames = chunkNames;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap("PreminifiedChunksPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "PreminifiedChunksPlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE },
        () => {
          for (const chunk of compilation.chunks) {
            if (!this.chunkNames.includes(chunk.name)) continue;
            for (const file of chunk.files) {
              if (file.endsWith(".js")) compilation.updateAsset(file, (source) => source, (info) => ({ ...info, minimized: true }));
            }
          }
        },
      );
    });
  }
}

/**
 * Prints the gzip size of the scripts taskpane.html loads up front (its entry chunks and their
 * split chunks; office.js excluded) and warns when they exceed the budget.
 */
class InitialScriptsSizePlugin {
  constructor({ entries, budgetKb }) {
    this.entries = entries;
    this.budgetKb = budgetKb;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap("InitialScriptsSizePlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "InitialScriptsSizePlugin", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          const files = new Set();
          for (const name of this.entries) {
            const entrypoint = compilation.entrypoints.get(name);
            if (entrypoint) for (const file of entrypoint.getFiles()) if (file.endsWith(".js")) files.add(file);
          }
          const rows = [...files].map((file) => {
            const bytes = Buffer.from(compilation.getAsset(file).source.buffer());
            return { file, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
          });
          const totalKb = rows.reduce((sum, row) => sum + row.gzip, 0) / 1000;
          const detail = rows.map((row) => `${row.file} ${(row.gzip / 1000).toFixed(1)} KB`).join(" + ");
          this.report = `taskpane.html initial scripts: ${totalKb.toFixed(1)} KB gzip (${detail}); budget ${this.budgetKb} KB`;
          if (totalKb > this.budgetKb) {
            compilation.warnings.push(
              new webpack.WebpackError(`${this.report}: over budget — load heavy modules with a dynamic import().`),
            );
          }
        },
      );
    });
    compiler.hooks.done.tap("InitialScriptsSizePlugin", () => {
      if (this.report) console.log(this.report);
    });
  }
}

function devServerHttps(serving) {
  const certificates = readCertificates();
  if (certificates) return { type: "https", options: certificates };
  if (serving) {
    console.warn(
      `\n*** No development certificates in ${certificateDirectory()}: serving over plain HTTP.\n` +
        "*** Excel needs https://localhost:3000 — run `npx office-addin-dev-certs install` (or `npm start`,\n" +
        "*** which creates them) and restart the dev server. A browser can use http://localhost:3000/taskpane.html.\n",
    );
  }
  return { type: "http" };
}

module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode || "production";
  const dev = mode !== "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  const urlProd = dev ? URL_DEV : productionUrl();

  const officeJs = process.env.OFFICE_JS || (dev ? "local" : "cdn");
  const officeJsUrl =
    officeJs === "cdn" ? OFFICE_JS_CDN : officeJs === "local" ? `${OFFICE_JS_LOCAL_DIR}/office.js` : officeJs;
  const copyOfficeJs = officeJs === "local" && !serving; // the dev server serves the package folder directly

  return {
    mode,
    // No eval-based source maps (webpack's development default): the add-in runs no eval.
    devtool: "source-map",
    entry: {
      functions: FUNCTIONS_SOURCE,
      taskpane: { import: "./src/taskpane/index.tsx", dependOn: "functions" },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // Lazy chunks get content hashes: a cached old chunk can never meet a new page.
      chunkFilename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
      // Fluent UI v9 nests some packages: keep the relative node_modules lookup.
      modules: ["node_modules"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // ES modules for webpack (tsconfig's commonjs is for jest and tsc): with CommonJS
          // output webpack can neither tree-shake Fluent UI (3.5 MB gzip instead of ~100 KB)
          // nor split dynamic import() into lazy chunks (ExcelJS would load up front).
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext" } } },
        },
        {
          test: /\.(png|jpe?g|gif|svg)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name].[contenthash:8][ext]" },
        },
      ],
    },
    optimization: {
      splitChunks: {
        // functions.js stays whole (the manifest names it), and so does the page's reading
        // worker (its own entry: sharing modules with the page would add a chunk to the page's
        // initial scripts); the task pane side is split.
        chunks: (chunk) => chunk.name !== "functions" && chunk.name !== "quota-reader",
        cacheGroups: {
          // The task pane's up-front libraries (React, Fluent) in one cacheable file.
          vendor: {
            test: /[\\/]node_modules[\\/]/,
            name: "vendor",
            chunks: (chunk) => chunk.name === "taskpane",
            priority: 10,
            enforce: true,
          },
          // ExcelJS (its browser build, already minified) only ever in a lazy chunk of its own.
          exceljs: {
            test: /[\\/]node_modules[\\/]exceljs[\\/]/,
            name: "exceljs",
            chunks: "async",
            priority: 20,
            enforce: true,
          },
        },
      },
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: FUNCTIONS_SOURCE }),
      new MetadataAssetsPlugin({ rewrite: dev ? null : { from: URL_DEV, to: urlProd } }),
      ...(!dev && !process.env.ADDIN_URL ? [new MissingAddinUrlWarning()] : []),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the page must load the functions bundle, or cells stay at #BUSY!.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
        officeJsUrl,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform: (content) => (dev ? content : rewriteUrls(content.toString(), URL_DEV, urlProd)),
          },
          ...(copyOfficeJs
            ? [
                {
                  from: OFFICE_JS_DIST,
                  to: OFFICE_JS_LOCAL_DIR,
                  // 86 MB of already-minified files: keep Terser away (minutes otherwise).
                  info: { minimized: true },
                  globOptions: { ignore: ["**/*.d.ts"] },
                },
              ]
            : []),
        ],
      }),
      new PreminifiedChunksPlugin(["exceljs"]),
      // Sizes only mean something for minified, tree-shaken production bundles.
      ...(dev ? [] : [new InitialScriptsSizePlugin({ entries: ["functions", "taskpane"], budgetKb: INITIAL_SCRIPTS_BUDGET_KB })]),
    ],
    performance: {
      // The budget that matters is the gzip size above; webpack's own hints count raw bytes
      // and would also flag the lazy ExcelJS chunk, which is loaded only on demand.
      hints: false,
    },
    devServer: {
      hot: true,
      // Excel on the web fetches functions.json and the scripts from its own origin.
      headers: { "Access-Control-Allow-Origin": "*" },
      server: devServerHttps(serving),
      port: Number(process.env.npm_package_config_dev_server_port) || 3000,
      static: officeJs === "local" ? [{ directory: OFFICE_JS_DIST, publicPath: `/${OFFICE_JS_LOCAL_DIR}` }] : [],
      client: { overlay: { warnings: false } },
    },
  };
};

module.exports.URL_DEV = URL_DEV;
module.exports.URL_PROD_DEFAULT = URL_PROD_DEFAULT;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
