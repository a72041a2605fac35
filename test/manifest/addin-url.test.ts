/** A production build without ADDIN_URL keeps the placeholder URL and says so when it is done (it does not fail). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require("../../webpack.config.js") as ((env: object, argv: { mode: string }) => { plugins: object[] }) & { URL_PROD_DEFAULT: string };

type BuildPlugin = { apply(compiler: unknown): void; constructor: { name: string } };

/** Runs the build-done hooks of the config's plugins against a stand-in compiler. */
function finishBuild(plugins: object[]): void {
  const compiler = { hooks: { done: { tap: (_name: string, f: () => void) => f() } } };
  for (const p of plugins as BuildPlugin[]) if (p.constructor.name === "MissingAddinUrlWarning") p.apply(compiler);
}

describe("webpack.config.js and ADDIN_URL", () => {
  const saved = process.env.ADDIN_URL;
  let written: string;
  let spy: jest.SpyInstance;
  beforeEach(() => {
    written = "";
    spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    spy.mockRestore();
    if (saved === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = saved;
  });

  it("warns when a production build without ADDIN_URL is done, naming the placeholder and the fix", () => {
    delete process.env.ADDIN_URL;
    const built = config({}, { mode: "production" });
    expect(written).toBe(""); // loading the config (as the manifest check does) says nothing
    finishBuild(built.plugins);
    expect(config.URL_PROD_DEFAULT).toBe("https://www.contoso.com/");
    expect(written).toContain("ADDIN_URL is not set");
    expect(written).toContain("the placeholder https://www.contoso.com/");
    expect(written).toContain("set\n*** ADDIN_URL=https://your.host/path/");
  });

  it("is quiet with ADDIN_URL, and in development builds", () => {
    process.env.ADDIN_URL = "https://quota.example.com/addin/";
    finishBuild(config({}, { mode: "production" }).plugins);
    delete process.env.ADDIN_URL;
    finishBuild(config({}, { mode: "development" }).plugins);
    expect(written).toBe("");
  });
});
