/** A production build without ADDIN_URL keeps the placeholder URL and says so (it does not fail). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require("../../webpack.config.js") as ((env: object, argv: { mode: string }) => unknown) & { URL_PROD_DEFAULT: string };

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

  it("warns on a production build without ADDIN_URL, naming the placeholder and the fix", () => {
    delete process.env.ADDIN_URL;
    expect(config({}, { mode: "production" })).toBeTruthy();
    expect(config.URL_PROD_DEFAULT).toBe("https://www.contoso.com/");
    expect(written).toContain("ADDIN_URL is not set");
    expect(written).toContain("the placeholder https://www.contoso.com/");
    expect(written).toContain("set\n*** ADDIN_URL=https://your.host/path/");
  });

  it("is quiet with ADDIN_URL, and in development builds", () => {
    process.env.ADDIN_URL = "https://quota.example.com/addin/";
    config({}, { mode: "production" });
    delete process.env.ADDIN_URL;
    config({}, { mode: "development" });
    expect(written).not.toContain("ADDIN_URL");
  });
});
