/**
 * The offline manifest check: manifest.xml passes, and broken copies made here are rejected,
 * each with exactly the problem that was introduced (so one check cannot hide behind another).
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { checkManifest, ManifestCheckOptions } from "../../scripts/manifest-check";

const ROOT = path.resolve(__dirname, "..", "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const VALIDATOR = path.join(ROOT, "bin", "validate-manifest.js");
const original = fs.readFileSync(MANIFEST, "utf8");

let tmp: string;
let counter = 0;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-check-"));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Replaces the one occurrence of `from`; fails loudly if the manifest changed shape. */
function edit(xml: string, from: string | RegExp, to: string): string {
  const count = typeof from === "string" ? xml.split(from).length - 1 : (xml.match(new RegExp(from.source, "g")) ?? []).length;
  if (count !== 1) throw new Error(`expected exactly one ${String(from)} in the manifest, found ${count}`);
  return xml.replace(from, to);
}

function writeManifest(xml: string): string {
  const file = path.join(tmp, `manifest-${++counter}.xml`);
  fs.writeFileSync(file, xml);
  return file;
}

async function problemsOf(xml: string, options: ManifestCheckOptions = {}): Promise<string[]> {
  const { problems } = await checkManifest(writeManifest(xml), { projectDir: ROOT, ...options });
  return problems.map((p) => p.message);
}

describe("manifest.xml", () => {
  test("passes the check (webpack config wiring included)", async () => {
    expect(await problemsOf(original)).toEqual([]);
  });

  test("the CLI prints OK and exits 0", () => {
    const result = spawnSync(process.execPath, [VALIDATOR, "manifest.xml"], { cwd: ROOT, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("manifest.xml: OK\n");
    expect(result.status).toBe(0);
  });

  test("is the shared-runtime add-in the build expects", () => {
    expect(original).toContain('<Runtime resid="Taskpane.Url" lifetime="long"/>');
    expect(original).toMatch(/<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/);
    expect(original).toContain('<bt:String id="Functions.Namespace" DefaultValue="SALES"/>');
    expect(original).toContain('<bt:Url id="Functions.Metadata.Url" DefaultValue="https://localhost:3000/functions.json"/>');
    expect(original).toContain('<Override Locale="sv-SE"');
  });
});

describe("broken copies are rejected with the right message", () => {
  test("undefined resid", async () => {
    const xml = edit(original, '<Label resid="Group.Label"/>', '<Label resid="Group.Labl"/>');
    expect(await problemsOf(xml)).toEqual(['resid "Group.Labl" on <Label> is not defined in <Resources>']);
  });

  test("resid pointing into the wrong resource collection", async () => {
    const xml = edit(original, '<Label resid="Group.Label"/>', '<Label resid="Taskpane.Url"/>');
    expect(await problemsOf(xml)).toEqual([
      'resid "Taskpane.Url" on <Label> must name a bt:ShortStrings entry, but it is in bt:Urls',
    ]);
  });

  test("http URL", async () => {
    const xml = edit(
      original,
      '<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="https://',
      '<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="http://',
    );
    expect(await problemsOf(xml)).toEqual(['URL must be absolute https: "http://localhost:3000/help.html" (<bt:Url>)']);
  });

  test("relative URL", async () => {
    const xml = edit(original, '<SupportUrl DefaultValue="https://localhost:3000/help.html"/>', '<SupportUrl DefaultValue="help.html"/>');
    expect(await problemsOf(xml)).toEqual(['URL must be absolute https: "help.html" (<SupportUrl>)']);
  });

  test("missing icon", async () => {
    const xml = edit(original, '"https://localhost:3000/assets/icon-80.png"', '"https://localhost:3000/assets/icon-81.png"');
    const problems = await problemsOf(xml);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^icon file not found: .*assets[/\\]icon-81\.png \(for https:\/\/localhost:3000\/assets\/icon-81\.png\)$/);
  });

  test("icon of the wrong size", async () => {
    const xml = edit(original, '"https://localhost:3000/assets/icon-16.png"', '"https://localhost:3000/assets/icon-32.png"');
    const problems = await problemsOf(xml);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^icon .*assets[/\\]icon-32\.png is 32x32, expected 16x16$/);
  });

  test("icon not served by the add-in", async () => {
    const xml = edit(original, '"https://localhost:3000/assets/icon-64.png"', '"https://cdn.example.com/icon-64.png"');
    expect(await problemsOf(xml)).toEqual([
      'icon "https://cdn.example.com/icon-64.png" is not served by the add-in (expected under https://localhost:3000/)',
    ]);
  });

  test("custom functions Page is not the shared runtime's page", async () => {
    let xml = edit(original, /<Page>\s*<SourceLocation resid="Taskpane.Url"\/>/, '<Page>\n<SourceLocation resid="Functions.Page.Url"/>');
    xml = edit(xml, "<bt:Urls>", '<bt:Urls>\n<bt:Url id="Functions.Page.Url" DefaultValue="https://localhost:3000/functions.html"/>');
    expect(await problemsOf(xml)).toEqual([
      'CustomFunctions <Page> uses resid "Functions.Page.Url" but the shared <Runtime> uses "Taskpane.Url": they must be the same page',
    ]);
  });

  test("ribbon button opens a page outside the shared runtime", async () => {
    let xml = edit(original, /<TaskpaneId>SalesQuota.Taskpane<\/TaskpaneId>\s*<SourceLocation resid="Taskpane.Url"\/>/, '<TaskpaneId>SalesQuota.Taskpane</TaskpaneId>\n<SourceLocation resid="Other.Url"/>');
    xml = edit(xml, "<bt:Urls>", '<bt:Urls>\n<bt:Url id="Other.Url" DefaultValue="https://localhost:3000/other.html"/>');
    expect(await problemsOf(xml)).toEqual([
      'ShowTaskpane <SourceLocation> uses resid "Other.Url" but the shared <Runtime> uses "Taskpane.Url": they must be the same page',
    ]);
  });

  test("runtime that is not long-lived", async () => {
    const xml = edit(original, '<Runtime resid="Taskpane.Url" lifetime="long"/>', '<Runtime resid="Taskpane.Url"/>');
    expect(await problemsOf(xml)).toEqual([
      '<Runtime> must have lifetime="long" (the functions run while the task pane is closed)',
    ]);
  });

  test("no SharedRuntime requirement", async () => {
    const xml = edit(original, /\s*<Set Name="SharedRuntime" MinVersion="1.1"\/>/, "");
    expect(await problemsOf(xml)).toEqual(['the requirement set "SharedRuntime" (1.1) is missing']);
  });

  test("missing namespace", async () => {
    const xml = edit(original, /\s*<Namespace resid="Functions.Namespace"\/>/, "");
    expect(await problemsOf(xml)).toEqual(["custom functions: missing <Namespace>"]);
  });

  test("wrong namespace", async () => {
    const xml = edit(original, '<bt:String id="Functions.Namespace" DefaultValue="SALES"/>', '<bt:String id="Functions.Namespace" DefaultValue="CONTOSO"/>');
    expect(await problemsOf(xml)).toEqual(['custom functions namespace is "CONTOSO", expected "SALES"']);
  });

  test("malformed XML", async () => {
    const xml = edit(original, "</DefaultSettings>", "");
    const problems = await problemsOf(xml);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^not well-formed XML: .*\d+:\d+: /);
  });

  test("missing required element", async () => {
    const xml = edit(original, /\s*<ProviderName>[^<]*<\/ProviderName>/, "");
    expect(await problemsOf(xml)).toEqual(["missing required element <ProviderName>"]);
  });

  test("missing DefaultSettings SourceLocation", async () => {
    const xml = edit(original, /\s*<SourceLocation DefaultValue="https:\/\/localhost:3000\/taskpane.html"\/>/, "");
    expect(await problemsOf(xml)).toEqual(["missing required element <DefaultSettings>/<SourceLocation>"]);
  });

  test("Id that is not a GUID", async () => {
    const xml = edit(original, /<Id>[^<]*<\/Id>/, "<Id>sales-quota</Id>");
    expect(await problemsOf(xml)).toEqual(['<Id> must be a GUID, found "sales-quota"']);
  });

  test("elements out of schema order", async () => {
    const provider = /\s*<ProviderName>[^<]*<\/ProviderName>/.exec(original)![0];
    let xml = edit(original, provider, "");
    xml = edit(xml, "</Permissions>", `</Permissions>${provider}`);
    expect(await problemsOf(xml)).toEqual(["<ProviderName> must come before <Permissions> (schema order)"]);
  });

  test("the CLI prints one line per problem with its line number and exits 1", () => {
    let xml = edit(original, '<Label resid="Group.Label"/>', '<Label resid="Group.Labl"/>');
    xml = edit(xml, '<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="https://', '<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="http://');
    const file = writeManifest(xml);
    const result = spawnSync(process.execPath, [VALIDATOR, file, "--project", ROOT], { cwd: ROOT, encoding: "utf8" });
    const lines = result.stdout.trim().split("\n");
    const lineOf = (needle: string) => xml.split("\n").findIndex((l) => l.includes(needle)) + 1;
    expect(lines).toEqual([
      `${path.relative(ROOT, file)}:${lineOf('resid="Group.Labl"')}: resid "Group.Labl" on <Label> is not defined in <Resources>`,
      `${path.relative(ROOT, file)}:${lineOf('DefaultValue="http://')}: URL must be absolute https: "http://localhost:3000/help.html" (<bt:Url>)`,
    ]);
    expect(result.status).toBe(1);
  });
});

describe("the shared runtime page loads the functions bundle", () => {
  function fakeDist(pageHtml: string): string {
    const dir = fs.mkdtempSync(path.join(tmp, "dist-"));
    fs.writeFileSync(path.join(dir, "taskpane.html"), pageHtml);
    fs.writeFileSync(path.join(dir, "functions.js"), "");
    fs.writeFileSync(path.join(dir, "functions.json"), JSON.stringify({ functions: [{ id: "X", name: "X" }] }));
    return dir;
  }

  test("a built page with the functions script passes", async () => {
    const dist = fakeDist('<html><head><script defer src="functions.js"></script><script defer src=taskpane.js></script></head></html>');
    expect(await problemsOf(original, { distDir: dist })).toEqual([]);
  });

  test("a built page without it is rejected", async () => {
    const dist = fakeDist('<html><head><script defer src="taskpane.js"></script></head></html>');
    const problems = await problemsOf(original, { distDir: dist });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/taskpane\.html does not load functions\.js: in a shared runtime the page must load the functions bundle/);
  });

  test("a webpack config whose page leaves out the functions chunk is rejected", async () => {
    const project = fs.mkdtempSync(path.join(tmp, "project-"));
    fs.cpSync(path.join(ROOT, "assets"), path.join(project, "assets"), { recursive: true });
    // Stand-ins with the plugins' class names and option fields.
    fs.writeFileSync(
      path.join(project, "webpack.config.js"),
      `class HtmlWebpackPlugin { constructor(o) { this.userOptions = o; } }
       class CustomFunctionsMetadataPlugin { constructor(o) { this.options = o; } }
       module.exports = () => ({
         entry: { functions: "./src/functions/functions.ts", taskpane: "./src/taskpane/index.tsx" },
         output: { filename: "[name].js" },
         plugins: [
           new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
           new HtmlWebpackPlugin({ filename: "taskpane.html", chunks: ["taskpane"] }),
         ],
       });`,
    );
    const { problems } = await checkManifest(writeManifest(original), { projectDir: project });
    expect(problems.map((p) => p.message)).toEqual([
      'taskpane.html does not load the functions bundle: its HtmlWebpackPlugin chunks [taskpane] lack "functions" (in a shared runtime cells would stay at #BUSY!)',
    ]);
  });
});
