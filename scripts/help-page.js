/**
 * help.html: the function reference that the manifest's SupportUrl and every function's
 * @helpurl (help.html#<function id in lower case>) point at, rendered at build time from the
 * generated functions.json so it always matches the functions that ship.
 */

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function signature(namespace, fn) {
  const params = (fn.parameters || []).map((p) => (p.optional ? `[${p.name}]` : p.name));
  return `=${namespace}.${fn.name}(${params.join(", ")})`;
}

function renderFunction(namespace, fn) {
  const rows = (fn.parameters || [])
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.optional ? "optional" : "required"}${
          p.dimensionality === "matrix" ? ", number or range" : ""
        }</td><td>${escapeHtml(p.description || "")}</td></tr>`,
    )
    .join("\n");
  return `<section id="${escapeHtml(fn.id.toLowerCase())}">
<h2>${escapeHtml(`${namespace}.${fn.name}`)}</h2>
<p>${escapeHtml(fn.description || "")}</p>
<p><code>${escapeHtml(signature(namespace, fn))}</code></p>
${rows ? `<table><thead><tr><th>Argument</th><th>Kind</th><th>Meaning</th></tr></thead><tbody>\n${rows}\n</tbody></table>` : ""}
</section>`;
}

/** @param {string} metadataJson functions.json  @param {string} namespace e.g. "SALES" */
function renderHelpPage(metadataJson, namespace) {
  const functions = JSON.parse(metadataJson).functions || [];
  const toc = functions
    .map((fn) => `<li><a href="#${escapeHtml(fn.id.toLowerCase())}">${escapeHtml(`${namespace}.${fn.name}`)}</a></li>`)
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sales Quota — function reference</title>
<link rel="icon" type="image/png" href="assets/icon-32.png">
<style>
body { font: 15px/1.5 "Segoe UI", system-ui, sans-serif; margin: 0 auto; max-width: 860px; padding: 16px; color: #242424; }
h1 { font-size: 24px; } h2 { font-size: 18px; margin-top: 32px; }
code { background: #f3f3f3; padding: 1px 4px; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #e0e0e0; }
@media (prefers-color-scheme: dark) { body { background: #1f1f1f; color: #f0f0f0; } code { background: #333; } th, td { border-color: #444; } }
</style>
</head>
<body>
<h1>Sales Quota — function reference</h1>
<p>Type <code>=${escapeHtml(namespace)}.</code> in a cell to use these functions. Ranges spill their results;
omitted optional arguments take the defaults described below. Open the allocation wizard from
<b>Home &gt; Allocate Quotas</b>.</p>
<p lang="sv">Skriv <code>=${escapeHtml(namespace)}.</code> i en cell för att använda funktionerna. Guiden öppnas under
<b>Start &gt; Fördela kvoter</b>.</p>
<ul>
${toc}
</ul>
${functions.map((fn) => renderFunction(namespace, fn)).join("\n")}
</body>
</html>
`;
}

module.exports = { renderHelpPage };
