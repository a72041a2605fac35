/**
 * ESLint (flat config) with typescript-eslint. `npm run lint` = eslint on src, test, scripts,
 * bin, then a strict type-check (tsc --noEmit), which covers what type-aware rules would.
 */
const { defineConfig, globalIgnores } = require("eslint/config");
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

/** Node's CommonJS globals, for the plain .js scripts, bins and config files. */
const nodeGlobals = Object.fromEntries(
  [
    "require",
    "module",
    "exports",
    "__dirname",
    "__filename",
    "process",
    "console",
    "Buffer",
    "URL",
    "URLSearchParams",
    "setTimeout",
    "clearTimeout",
    "setInterval",
    "clearInterval",
    "setImmediate",
  ].map((name) => [name, "readonly"]),
);

const reactHooks = require("eslint-plugin-react-hooks");

module.exports = defineConfig([
  globalIgnores(["dist/", "build/", "coverage/", "node_modules/", "test-output/", ".bench/"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // The product runs no eval of any kind (see the developer guide).
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Cell text and terminal output are cleaned of control characters on purpose.
      "no-control-regex": "off",
    },
  },
  {
    files: ["src/**/*.tsx", "test/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    // Office.js doubles return object literals whose getters need the outer `this`.
    files: ["test/**/*.ts", "test/**/*.tsx"],
    rules: { "@typescript-eslint/no-this-alias": "off" },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: nodeGlobals },
    rules: {
      "@typescript-eslint/no-require-imports": "off",
    },
  },
]);
