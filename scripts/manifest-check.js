/**
 * Offline check of the add-in's XML manifest (Microsoft's validator is an online service and
 * no package ships the current XSDs). It reads the manifest with a strict XML parser (saxes)
 * and checks what breaks an add-in in practice:
 *   - well-formed XML, <OfficeApp xsi:type="TaskPaneApp">, the required elements in schema
 *     order, and their values (GUID Id, version, locale, permissions, Workbook host);
 *   - every resid is defined in <Resources>, in the right collection (an icon in bt:Images,
 *     a SourceLocation in bt:Urls, a Label in bt:ShortStrings...), ids at most 32 characters;
 *   - every URL is absolute https; every icon is served by the add-in and exists locally
 *     (https://localhost:3000/assets/x.png → assets/x.png) as a PNG of the declared size;
 *   - shared runtime: <Runtime lifetime="long">, the CustomFunctions <Page>, the ShowTaskpane
 *     action and the FunctionFile all use the runtime's page, the SharedRuntime requirement,
 *     the SALES namespace; and that page loads the functions bundle — per webpack.config.js
 *     (HtmlWebpackPlugin chunks), or per the built page when a dist folder is given;
 *   - office-addin-manifest (Microsoft's reader, offline part) reads the same values.
 * Problems are returned as { line?, message }; bin/validate-manifest.js prints them.
 */
const fs = require("fs");
const path = require("path");
const { SaxesParser } = require("saxes");

const NS = {
  officeApp: "http://schemas.microsoft.com/office/appforoffice/1.1",
  taskpaneOverrides: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};

/** <OfficeApp> children of a task-pane manifest, in the order the schema requires. */
const TOP_LEVEL_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "AllowSnapshot",
  "VersionOverrides",
  "ExtendedOverrides",
];
const REQUIRED_TOP_LEVEL = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "Hosts",
  "DefaultSettings",
  "Permissions",
  "VersionOverrides",
];
const PERMISSIONS = ["Restricted", "ReadDocument", "ReadAllDocument", "WriteDocument", "ReadWriteDocument"];

/** Resource collections and the element that defines an entry in each. */
const RESOURCE_KINDS = {
  Images: "Image",
  Urls: "Url",
  ShortStrings: "String",
  LongStrings: "String",
};
const MAX_LENGTH = { ShortStrings: 125, LongStrings: 250, Urls: 2048, Images: 2048 };

/** Which resource collection a resid on a given element must point into. */
const RESID_KIND = {
  Image: "Images",
  SourceLocation: "Urls",
  Runtime: "Urls",
  FunctionFile: "Urls",
  LearnMoreUrl: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Namespace: "ShortStrings",
  Description: "LongStrings",
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^\d{1,5}(\.\d{1,5}){0,3}$/;
const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

// ---------------------------------------------------------------------------------------------
// XML → a small element tree with line numbers

class XmlError extends Error {}

function parseXml(text) {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack = [];
  let root = null;
  parser.on("error", (error) => {
    throw new XmlError(error.message);
  });
  parser.on("opentag", (tag) => {
    const node = {
      name: tag.name,
      local: tag.local,
      uri: tag.uri,
      attributes: Object.values(tag.attributes).map((a) => ({ name: a.name, local: a.local, uri: a.uri, value: a.value })),
      children: [],
      text: "",
      line: parser.line,
      parent: stack[stack.length - 1] || null,
    };
    if (node.parent) node.parent.children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on("text", (text) => {
    if (stack.length) stack[stack.length - 1].text += text;
  });
  parser.on("cdata", (text) => {
    if (stack.length) stack[stack.length - 1].text += text;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(text).close();
  return root;
}

const attr = (node, local, uri = "") => {
  const found = node && node.attributes.find((a) => a.local === local && a.uri === uri);
  return found ? found.value : undefined;
};
const xsiType = (node) => attr(node, "type", NS.xsi);
const child = (node, local) => (node ? node.children.find((c) => c.local === local) : undefined);
const children = (node, local) => (node ? node.children.filter((c) => c.local === local) : []);
const at = (node, ...locals) => locals.reduce((n, local) => child(n, local), node);

function* descendants(node) {
  for (const c of node.children) {
    yield c;
    yield* descendants(c);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers for URLs, files, PNGs

function parseUrl(value) {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** The add-in's base URL: the folder of the default source page (https://host/ usually). */
function baseUrlOf(sourceLocation) {
  const url = parseUrl(sourceLocation);
  if (!url) return null;
  url.search = "";
  url.hash = "";
  url.pathname = url.pathname.replace(/[^/]*$/, "");
  return url.href;
}

/** "https://localhost:3000/assets/icon-16.png" → "assets/icon-16.png" (relative to base). */
function relativeToBase(url, base) {
  if (!base || !url) return null;
  const u = parseUrl(url);
  if (!u) return null;
  u.search = "";
  u.hash = "";
  return u.href.startsWith(base) ? decodeURIComponent(u.href.slice(base.length)) : null;
}

function pngSize(file) {
  const bytes = fs.readFileSync(file);
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || !signature.every((b, i) => bytes[i] === b) || bytes.toString("ascii", 12, 16) !== "IHDR") {
    return null;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const display = (file) => path.relative(process.cwd(), file) || file;

// ---------------------------------------------------------------------------------------------
// The check

/**
 * @param {string} manifestPath
 * @param {{ projectDir?: string, distDir?: string, namespace?: string }} [options]
 *   projectDir: where assets/ and webpack.config.js are (default: the manifest's folder);
 *   distDir: check the built page in this folder instead of the webpack config;
 *   namespace: the custom functions namespace to require (default "SALES").
 * @returns {Promise<{ problems: { line?: number, message: string }[] }>}
 */
async function checkManifest(manifestPath, options = {}) {
  const projectDir = path.resolve(options.projectDir || path.dirname(manifestPath));
  const distDir = options.distDir ? path.resolve(options.distDir) : null;
  const expectedNamespace = options.namespace || "SALES";
  const problems = [];
  const problem = (node, message) => problems.push(node && node.line ? { line: node.line, message } : { message });

  let text;
  try {
    text = fs.readFileSync(manifestPath, "utf8");
  } catch (error) {
    return { problems: [{ message: `cannot read the manifest: ${error.message}` }] };
  }
  let root;
  try {
    root = parseXml(text);
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    return { problems: [{ message: `not well-formed XML: ${error.message}` }] };
  }

  // --- root and top-level structure -----------------------------------------------------------
  if (root.local !== "OfficeApp" || root.uri !== NS.officeApp) {
    problem(root, `the root element must be <OfficeApp xmlns="${NS.officeApp}">, found <${root.name}>`);
    return { problems };
  }
  if (xsiType(root) !== "TaskPaneApp") {
    problem(root, `<OfficeApp> must have xsi:type="TaskPaneApp" (found "${xsiType(root) ?? ""}")`);
  }

  let lastIndex = -1;
  let lastName = "";
  const seen = new Set();
  for (const node of root.children) {
    const index = TOP_LEVEL_ORDER.indexOf(node.local);
    if (index < 0) problem(node, `unexpected element <${node.name}> in <OfficeApp>`);
    if (seen.has(node.local)) problem(node, `<${node.local}> appears more than once`);
    seen.add(node.local);
    if (index >= 0) {
      if (index < lastIndex) problem(node, `<${node.local}> must come before <${lastName}> (schema order)`);
      else {
        lastIndex = index;
        lastName = node.local;
      }
    }
  }
  for (const name of REQUIRED_TOP_LEVEL) {
    if (!child(root, name)) problem(null, `missing required element <${name}>`);
  }

  const value = (node) => (node ? node.text.trim() : "");
  const id = child(root, "Id");
  if (id && !GUID.test(value(id))) problem(id, `<Id> must be a GUID, found "${value(id)}"`);
  const version = child(root, "Version");
  if (version && !VERSION.test(value(version))) problem(version, `<Version> must look like 1.0.0.0, found "${value(version)}"`);
  const provider = child(root, "ProviderName");
  if (provider && !value(provider)) problem(provider, "<ProviderName> is empty");
  const locale = child(root, "DefaultLocale");
  if (locale && !LOCALE.test(value(locale))) problem(locale, `<DefaultLocale> must be a culture name like en-US, found "${value(locale)}"`);
  const permissions = child(root, "Permissions");
  if (permissions && !PERMISSIONS.includes(value(permissions))) {
    problem(permissions, `<Permissions> must be one of ${PERMISSIONS.join(", ")}, found "${value(permissions)}"`);
  }
  for (const [name, max] of [
    ["DisplayName", 125],
    ["Description", 250],
  ]) {
    const node = child(root, name);
    if (!node) continue;
    const texts = [attr(node, "DefaultValue"), ...children(node, "Override").map((o) => attr(o, "Value"))];
    if (!attr(node, "DefaultValue")) problem(node, `<${name}> needs a DefaultValue`);
    for (const t of texts) if (t && t.length > max) problem(node, `<${name}> text is longer than ${max} characters`);
  }
  for (const override of [...descendants(root)].filter((n) => n.local === "Override")) {
    const loc = attr(override, "Locale");
    if (!loc || !LOCALE.test(loc)) problem(override, `<${override.name}> needs a Locale like sv-SE, found "${loc ?? ""}"`);
  }
  const hostsTop = child(root, "Hosts");
  if (hostsTop && !children(hostsTop, "Host").some((h) => attr(h, "Name") === "Workbook")) {
    problem(hostsTop, '<Hosts> must contain <Host Name="Workbook"/> (an Excel add-in)');
  }
  const sourceLocation = at(root, "DefaultSettings", "SourceLocation");
  if (child(root, "DefaultSettings") && !sourceLocation) {
    problem(child(root, "DefaultSettings"), "missing required element <DefaultSettings>/<SourceLocation>");
  }

  // --- resources ------------------------------------------------------------------------------
  const overrides = child(root, "VersionOverrides");
  if (overrides) {
    if (overrides.uri !== NS.taskpaneOverrides || xsiType(overrides) !== "VersionOverridesV1_0") {
      problem(
        overrides,
        `task-pane add-ins support only <VersionOverrides xmlns="${NS.taskpaneOverrides}" xsi:type="VersionOverridesV1_0">`,
      );
    }
  }
  const resources = child(overrides, "Resources");
  if (overrides && !resources) problem(overrides, "missing <Resources> in <VersionOverrides>");
  /** id → { kind, node, value } */
  const defined = new Map();
  for (const [kind, entryName] of Object.entries(RESOURCE_KINDS)) {
    for (const entry of children(child(resources, kind), entryName)) {
      const entryId = attr(entry, "id");
      const entryValue = attr(entry, "DefaultValue");
      if (!entryId) {
        problem(entry, `<${entry.name}> in ${kind} has no id`);
        continue;
      }
      if (entryId.length > 32) problem(entry, `resource id "${entryId}" is longer than 32 characters`);
      if (defined.has(entryId)) problem(entry, `resource id "${entryId}" is defined more than once`);
      if (!entryValue) problem(entry, `resource "${entryId}" has no DefaultValue`);
      const texts = [entryValue, ...children(entry, "Override").map((o) => attr(o, "Value"))];
      for (const t of texts) {
        if (t && t.length > MAX_LENGTH[kind]) problem(entry, `resource "${entryId}" is longer than ${MAX_LENGTH[kind]} characters`);
      }
      defined.set(entryId, { kind, node: entry, value: entryValue });
    }
  }

  // Every resid must be defined, in the collection its element expects.
  for (const node of descendants(root)) {
    const resid = attr(node, "resid");
    if (resid === undefined) continue;
    const def = defined.get(resid);
    if (!def) {
      problem(node, `resid "${resid}" on <${node.name}> is not defined in <Resources>`);
      continue;
    }
    const expected = RESID_KIND[node.local];
    if (expected && def.kind !== expected) {
      problem(node, `resid "${resid}" on <${node.name}> must name a bt:${expected} entry, but it is in bt:${def.kind}`);
    }
  }

  // The add-in's base URL: the default page's folder, else the shared runtime page's folder.
  // Icons and bundles are mapped to local files relative to it.
  const runtimeDef = () => {
    const rt = at(child(overrides, "Hosts"), "Host", "Runtimes", "Runtime");
    return rt ? defined.get(attr(rt, "resid")) : undefined;
  };
  const baseUrl =
    (sourceLocation && baseUrlOf(attr(sourceLocation, "DefaultValue"))) || (runtimeDef() ? baseUrlOf(runtimeDef().value) : null);

  // --- URLs -----------------------------------------------------------------------------------
  const urlValues = []; // { node, url, icon: size|"icon"|null }
  const collectUrl = (node, attribute, icon) => {
    if (!node) return;
    const v = attr(node, attribute);
    if (v !== undefined) urlValues.push({ node, url: v, icon });
    for (const o of children(node, "Override")) {
      const ov = attr(o, "Value");
      if (ov !== undefined) urlValues.push({ node: o, url: ov, icon });
    }
  };
  collectUrl(child(root, "IconUrl"), "DefaultValue", { width: 32 });
  collectUrl(child(root, "HighResolutionIconUrl"), "DefaultValue", { width: 64 });
  collectUrl(child(root, "SupportUrl"), "DefaultValue", null);
  collectUrl(sourceLocation, "DefaultValue", null);
  for (const domain of children(child(root, "AppDomains"), "AppDomain")) urlValues.push({ node: domain, url: value(domain), icon: null });
  // Icon sizes come from where an image resource is used: <bt:Image size="16" resid="...">.
  const iconSizes = new Map();
  for (const node of descendants(root)) {
    if (node.local === "Image" && attr(node, "resid") && attr(node, "size")) {
      const sizes = iconSizes.get(attr(node, "resid")) || new Set();
      sizes.add(Number(attr(node, "size")));
      iconSizes.set(attr(node, "resid"), sizes);
    }
  }
  for (const [entryId, def] of defined) {
    if (def.kind === "Urls") collectUrl(def.node, "DefaultValue", null);
    if (def.kind === "Images") {
      const sizes = [...(iconSizes.get(entryId) || [])];
      collectUrl(def.node, "DefaultValue", sizes.length === 1 ? { width: sizes[0] } : { width: null });
    }
  }
  for (const { node, url } of urlValues) {
    const parsed = parseUrl(url);
    if (!parsed || parsed.protocol !== "https:") {
      problem(node, `URL must be absolute https: "${url}" (<${node.name}>)`);
    }
  }
  // Any other http:// value (attribute or text) is a mistake too; namespace declarations aside.
  const checked = new Set(urlValues.map((u) => u.node));
  for (const node of [root, ...descendants(root)]) {
    for (const a of node.attributes) {
      if (a.name === "xmlns" || a.name.startsWith("xmlns:") || checked.has(node)) continue;
      if (/^\s*http:\/\//i.test(a.value)) problem(node, `URL must be absolute https: "${a.value}" (<${node.name}>)`);
    }
    if (!checked.has(node) && /^\s*http:\/\//i.test(node.text)) problem(node, `URL must be absolute https: "${node.text.trim()}" (<${node.name}>)`);
  }

  // --- icons ----------------------------------------------------------------------------------
  for (const { node, url, icon } of baseUrl ? urlValues : []) {
    if (!icon || !parseUrl(url)) continue;
    const rel = relativeToBase(url, baseUrl);
    if (rel === null) {
      problem(node, `icon "${url}" is not served by the add-in (expected under ${baseUrl})`);
      continue;
    }
    const file = path.join(projectDir, rel);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      problem(node, `icon file not found: ${display(file)} (for ${url})`);
      continue;
    }
    const size = pngSize(file);
    if (!size) {
      if (/\.png$/i.test(file)) problem(node, `icon ${display(file)} is not a valid PNG file`);
    } else if (icon.width && (size.width !== icon.width || size.height !== icon.width)) {
      problem(node, `icon ${display(file)} is ${size.width}x${size.height}, expected ${icon.width}x${icon.width}`);
    }
  }

  // --- shared runtime and custom functions ----------------------------------------------------
  const host = children(child(overrides, "Hosts"), "Host").find((h) => xsiType(h) === "Workbook");
  if (overrides && !host) problem(overrides, '<VersionOverrides> has no <Host xsi:type="Workbook">');
  const runtime = at(host, "Runtimes", "Runtime");
  const runtimeResid = attr(runtime, "resid");
  if (host && !runtime) problem(host, "missing <Runtimes>/<Runtime>: the task pane and the functions need a shared runtime");
  if (runtime && attr(runtime, "lifetime") !== "long") {
    problem(runtime, '<Runtime> must have lifetime="long" (the functions run while the task pane is closed)');
  }
  const sets = [
    ...children(at(root, "Requirements", "Sets"), "Set"),
    ...children(at(overrides, "Requirements", "Sets"), "Set"),
  ].map((s) => attr(s, "Name"));
  if (!sets.includes("SharedRuntime")) problem(child(root, "Requirements") || null, 'the requirement set "SharedRuntime" (1.1) is missing');

  const functionsPoint = [...(host ? descendants(host) : [])].find(
    (n) => n.local === "ExtensionPoint" && xsiType(n) === "CustomFunctions",
  );
  let scriptUrl = null;
  let metadataUrl = null;
  let pageUrl = null;
  if (host && !functionsPoint) problem(host, 'missing <ExtensionPoint xsi:type="CustomFunctions">');
  if (functionsPoint) {
    const source = (name) => {
      const loc = at(functionsPoint, name, "SourceLocation");
      if (!loc) problem(functionsPoint, `custom functions: missing <${name}>/<SourceLocation>`);
      return loc;
    };
    const script = source("Script");
    const page = source("Page");
    const metadata = source("Metadata");
    const urlOf = (node) => (node && defined.get(attr(node, "resid")) ? defined.get(attr(node, "resid")).value : null);
    scriptUrl = urlOf(script);
    metadataUrl = urlOf(metadata);
    pageUrl = urlOf(page);
    if (page && runtime && attr(page, "resid") !== runtimeResid) {
      problem(
        page,
        `CustomFunctions <Page> uses resid "${attr(page, "resid")}" but the shared <Runtime> uses "${runtimeResid}": they must be the same page`,
      );
    }
    const namespace = child(functionsPoint, "Namespace");
    if (!namespace) problem(functionsPoint, "custom functions: missing <Namespace>");
    else {
      const def = defined.get(attr(namespace, "resid"));
      if (def && def.value !== expectedNamespace) {
        problem(namespace, `custom functions namespace is "${def.value}", expected "${expectedNamespace}"`);
      }
    }
  }
  for (const node of host ? descendants(host) : []) {
    const isTaskpaneAction = node.local === "Action" && xsiType(node) === "ShowTaskpane";
    const target = isTaskpaneAction ? child(node, "SourceLocation") : node.local === "FunctionFile" ? node : null;
    if (target && runtime && attr(target, "resid") !== runtimeResid) {
      problem(
        target,
        `${isTaskpaneAction ? "ShowTaskpane <SourceLocation>" : "<FunctionFile>"} uses resid "${attr(target, "resid")}" but the shared <Runtime> uses "${runtimeResid}": they must be the same page`,
      );
    }
  }

  // --- the runtime page loads the functions bundle --------------------------------------------
  const runtimeUrl = runtime && defined.get(runtimeResid) ? defined.get(runtimeResid).value : pageUrl;
  const pagePath = relativeToBase(runtimeUrl, baseUrl);
  const scriptPath = relativeToBase(scriptUrl, baseUrl);
  const metadataPath = relativeToBase(metadataUrl, baseUrl);
  if (!baseUrl) {
    // Without any page URL there is nothing to map; the missing elements are reported above.
  } else if (runtimeUrl && scriptUrl && (pagePath === null || scriptPath === null)) {
    problem(runtime, `the runtime page and the functions script must be served from ${baseUrl}`);
  } else if (pagePath !== null && scriptPath !== null) {
    if (distDir) checkBuiltPage(distDir, pagePath, scriptPath, metadataPath, problem);
    else checkWebpackConfig(projectDir, pagePath, scriptPath, metadataPath, problem);
  }

  // --- Microsoft's reader agrees --------------------------------------------------------------
  await crossCheckWithOfficeAddinManifest(manifestPath, root, problem);

  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { problems };
}

/** dist/<page> must have a <script src> for the functions bundle, and the files must exist. */
function checkBuiltPage(distDir, pagePath, scriptPath, metadataPath, problem) {
  const pageFile = path.join(distDir, pagePath);
  if (!fs.existsSync(pageFile)) {
    problem(null, `built page not found: ${display(pageFile)} (run the build first)`);
    return;
  }
  const html = fs.readFileSync(pageFile, "utf8");
  const pageUrl = new URL(pagePath, "https://addin.invalid/");
  const sources = [...html.matchAll(/<script\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) => {
    const src = m[1] ?? m[2] ?? m[3];
    const url = new URL(src, pageUrl);
    return url.origin === pageUrl.origin ? decodeURIComponent(url.pathname.slice(1)) : url.href;
  });
  if (!sources.includes(scriptPath)) {
    problem(
      null,
      `${display(pageFile)} does not load ${scriptPath}: in a shared runtime the page must load the functions bundle (cells would stay at #BUSY!)`,
    );
  }
  if (!fs.existsSync(path.join(distDir, scriptPath))) problem(null, `functions script not found: ${display(path.join(distDir, scriptPath))}`);
  if (metadataPath !== null) {
    const metadataFile = path.join(distDir, metadataPath);
    if (!fs.existsSync(metadataFile)) problem(null, `functions metadata not found: ${display(metadataFile)}`);
    else {
      try {
        const metadata = JSON.parse(fs.readFileSync(metadataFile, "utf8"));
        if (!Array.isArray(metadata.functions) || metadata.functions.length === 0) {
          problem(null, `${display(metadataFile)} declares no functions`);
        }
      } catch (error) {
        problem(null, `${display(metadataFile)} is not valid JSON: ${error.message}`);
      }
    }
  }
}

/** Output file of an entry, from output.filename ("[name].js" or a function). */
function entryFile(config, name) {
  const filename = (config.output && config.output.filename) || "[name].js";
  const pattern = typeof filename === "function" ? filename({ chunk: { name } }) : filename;
  return pattern.replace(/\[name\]/g, name);
}

function entryImports(entry) {
  if (typeof entry === "string") return [entry];
  if (Array.isArray(entry)) return entry;
  if (entry && entry.import) return [].concat(entry.import);
  return [];
}

/**
 * webpack.config.js must write the runtime page with HtmlWebpackPlugin and give it the chunk
 * of the entry that produces the functions script; CustomFunctionsMetadataPlugin must write
 * the metadata file from that entry's source.
 */
function checkWebpackConfig(projectDir, pagePath, scriptPath, metadataPath, problem) {
  const configFile = path.join(projectDir, "webpack.config.js");
  if (!fs.existsSync(configFile)) {
    problem(null, `cannot check that ${pagePath} loads ${scriptPath}: no webpack.config.js in ${display(projectDir)} (pass --dist to check a build)`);
    return;
  }
  let config;
  try {
    const exported = require(configFile);
    config = typeof exported === "function" ? exported({}, { mode: "production" }) : exported;
  } catch (error) {
    problem(null, `cannot load ${display(configFile)}: ${error.message}`);
    return;
  }
  if (config && typeof config.then === "function") {
    problem(null, `${display(configFile)} returns a Promise; export a function that returns the configuration`);
    return;
  }
  const entries = config.entry && typeof config.entry === "object" && !Array.isArray(config.entry) ? config.entry : {};
  const plugins = config.plugins || [];
  const functionsEntry = Object.keys(entries).find((name) => entryFile(config, name) === scriptPath);
  if (!functionsEntry) {
    problem(null, `no webpack entry produces ${scriptPath} (the manifest's functions script)`);
    return;
  }
  const htmlPlugin = plugins.find(
    (p) => p && p.constructor && p.constructor.name === "HtmlWebpackPlugin" && ((p.userOptions || p.options || {}).filename || "index.html") === pagePath,
  );
  if (!htmlPlugin) {
    problem(null, `webpack.config.js has no HtmlWebpackPlugin writing ${pagePath} (the shared runtime's page)`);
    return;
  }
  const htmlOptions = htmlPlugin.userOptions || htmlPlugin.options || {};
  const chunks = htmlOptions.chunks === undefined || htmlOptions.chunks === "all" ? Object.keys(entries) : htmlOptions.chunks;
  const excluded = htmlOptions.excludeChunks || [];
  if (!chunks.includes(functionsEntry) || excluded.includes(functionsEntry)) {
    problem(
      null,
      `${pagePath} does not load the functions bundle: its HtmlWebpackPlugin chunks [${chunks.join(", ")}] lack "${functionsEntry}" (in a shared runtime cells would stay at #BUSY!)`,
    );
  }
  if (htmlOptions.template && !fs.existsSync(path.resolve(projectDir, htmlOptions.template))) {
    problem(null, `the page template ${htmlOptions.template} does not exist`);
  }
  if (metadataPath !== null) {
    const metadataPlugin = plugins.find((p) => p && p.constructor && p.constructor.name === "CustomFunctionsMetadataPlugin");
    const sources = entryImports(entries[functionsEntry]).map((s) => path.resolve(projectDir, s));
    if (!metadataPlugin || !metadataPlugin.options || metadataPlugin.options.output !== metadataPath) {
      problem(null, `webpack.config.js has no CustomFunctionsMetadataPlugin writing ${metadataPath}`);
    } else if (![].concat(metadataPlugin.options.input).some((input) => sources.includes(path.resolve(projectDir, input)))) {
      problem(null, `CustomFunctionsMetadataPlugin reads ${metadataPlugin.options.input}, not the "${functionsEntry}" entry's source`);
    }
  }
}

/**
 * office-addin-manifest's offline reader (xml2js) must read the same basics. Optional: skipped
 * when the package cannot be loaded (it is a development tool, and stubbed under jest).
 */
async function crossCheckWithOfficeAddinManifest(manifestPath, root, problem) {
  let reader;
  try {
    reader = require("office-addin-manifest").OfficeAddinManifest;
  } catch {
    return;
  }
  if (!reader || typeof reader.readManifestFile !== "function") return;
  let info;
  try {
    info = await reader.readManifestFile(path.resolve(manifestPath));
  } catch (error) {
    problem(null, `office-addin-manifest cannot read the manifest: ${String(error.message).split("\n").join(" ")}`);
    return;
  }
  const ours = {
    id: child(root, "Id") && child(root, "Id").text.trim(),
    version: child(root, "Version") && child(root, "Version").text.trim(),
    providerName: child(root, "ProviderName") && child(root, "ProviderName").text.trim(),
    defaultLocale: child(root, "DefaultLocale") && child(root, "DefaultLocale").text.trim(),
    displayName: attr(child(root, "DisplayName"), "DefaultValue"),
    permissions: child(root, "Permissions") && child(root, "Permissions").text.trim(),
  };
  for (const [key, expected] of Object.entries(ours)) {
    if (expected === undefined) continue; // already reported as missing
    const theirs = typeof info[key] === "string" ? info[key].trim() : info[key];
    if (theirs !== expected) problem(null, `office-addin-manifest reads ${key} as "${theirs}", this check as "${expected}"`);
  }
  if (info.officeAppType !== undefined && info.officeAppType !== xsiType(root)) {
    problem(null, `office-addin-manifest reads the add-in type as "${info.officeAppType}"`);
  }
}

/** One line per problem: "file:line: message". */
function formatProblems(file, problems) {
  return problems.map((p) => `${file}${p.line ? `:${p.line}` : ""}: ${p.message}`);
}

module.exports = { checkManifest, formatProblems, parseXml };
