/**
 * Two projects: "unit" (engine, sheet, workbook adapters, functions, CLI, task pane under
 * jsdom) needs nothing but node_modules; "browser" drives the built page in Debian's Chromium
 * and runs after `npm run build` (scripts/test.js orders the steps).
 */
const transform = { "^.+\\.(ts|tsx)$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }] };

module.exports = {
  // Generous: a busy 2-core machine runs some file fixtures 5-10x slower than a quiet one.
  testTimeout: 30_000,
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      transform,
      testMatch: ["<rootDir>/test/**/*.test.ts", "<rootDir>/test/**/*.test.tsx"],
      testPathIgnorePatterns: ["<rootDir>/test/browser/"],
      moduleNameMapper: {
        // office-addin-mock's manifest dependency is ESM-only; the mock never needs it.
        "^office-addin-manifest$": "<rootDir>/test/support/office-addin-manifest-stub.js",
        "\\.(css|png|svg)$": "<rootDir>/test/support/asset-stub.js",
      },
    },
    {
      displayName: "browser",
      testEnvironment: "node",
      transform,
      testMatch: ["<rootDir>/test/browser/**/*.test.ts"],
    },
  ],
};
