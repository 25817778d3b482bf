import type { OpenApiDocument, OpenApiOperation } from "./openapi";
import { escapeHtml, refLink, renderSchema, schemaAnchor } from "./schema-html";

interface Entry {
  method: string;
  path: string;
  op: OpenApiOperation;
}

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:24px 32px}header h1{margin:0 0 8px;font-size:24px}
header p{margin:4px 0;max-width:60em;color:#d5d9e2}header a{color:#9cc4ff}header code{background:#2c3445;color:#fff}
main{display:grid;grid-template-columns:260px 1fr;gap:24px;padding:24px 32px}
nav{position:sticky;top:16px;align-self:start;font-size:13px}nav h3{margin:16px 0 4px;font-size:13px;text-transform:uppercase;color:#5b6475}
nav a{display:block;color:#1d2330;text-decoration:none;padding:2px 0;overflow-wrap:anywhere}nav a:hover{text-decoration:underline}
section>h2{margin:8px 0 4px}section>p{margin:0 0 12px;color:#5b6475}
article{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:16px 20px;margin:0 0 16px}
article h3{margin:0 0 8px;font-size:16px;font-family:ui-monospace,Menlo,monospace}
.method{display:inline-block;min-width:58px;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:2px 6px;margin-right:8px;text-transform:uppercase}
.get{background:#2f7d32}.post{background:#1565c0}.put{background:#b26a00}.delete{background:#b3261e}
h4{margin:14px 0 6px;font-size:13px;text-transform:uppercase;color:#5b6475}
table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-top:1px solid #eceef2;padding:6px 8px;text-align:left;vertical-align:top}
code{font-family:ui-monospace,Menlo,monospace;font-size:13px;background:#f0f2f5;border-radius:3px;padding:0 3px}
ul.fields{list-style:none;margin:4px 0;padding-left:16px;border-left:2px solid #eceef2}ul.fields li{margin:4px 0}
.type{color:#6a3fb5}.req{color:#b3261e;font-size:12px}.opt{color:#5b6475;font-size:12px}
.constraints,.note{color:#5b6475;font-size:13px}.desc{color:#1d2330}.auth{font-size:13px;color:#5b6475}
p.type{margin:4px 0}a.ref{color:#1565c0}
`;

/**
 * The API reference as one self-contained HTML page (no script, no external asset), rendered from
 * the OpenAPI document so the page and /openapi.json never disagree.
 */
export function renderDocsPage(doc: OpenApiDocument): string {
  const entries = operations(doc);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} reference</title><style>${STYLE}</style></head>
<body><header><h1>${escapeHtml(doc.info.title)}</h1><p>${inline(doc.info.description)}</p>
<p>OpenAPI ${escapeHtml(doc.openapi)} document: <a href="/openapi.json">/openapi.json</a></p></header>
<main><nav>${navigation(doc, entries)}</nav><div>${doc.tags
    .map((tag) =>
      tagSection(
        doc,
        tag,
        entries.filter((e) => e.op.tags.includes(tag.name)),
      ),
    )
    .join("")}${schemasSection(doc)}</div></main></body></html>
`;
}

function operations(doc: OpenApiDocument): Entry[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method, path, op })),
  );
}

function navigation(doc: OpenApiDocument, entries: Entry[]): string {
  const groups = doc.tags.map((tag) => {
    const links = entries
      .filter((e) => e.op.tags.includes(tag.name))
      .map(
        (e) =>
          `<a href="#${escapeHtml(e.op.operationId)}">${e.method.toUpperCase()} ${escapeHtml(e.path)}</a>`,
      );
    return `<h3>${escapeHtml(tag.name)}</h3>${links.join("")}`;
  });
  return `${groups.join("")}<h3>Schemas</h3>${Object.keys(doc.components.schemas)
    .map((name) => `<a href="#${schemaAnchor(name)}">${escapeHtml(name)}</a>`)
    .join("")}`;
}

function tagSection(
  doc: OpenApiDocument,
  tag: { name: string; description: string },
  entries: Entry[],
): string {
  return `<section><h2>${escapeHtml(tag.name)}</h2><p>${escapeHtml(tag.description)}</p>${entries
    .map((entry) => operationArticle(doc, entry))
    .join("")}</section>`;
}

function operationArticle(doc: OpenApiDocument, { method, path, op }: Entry): string {
  const parts = [
    `<h3><span class="method ${escapeHtml(method)}">${escapeHtml(method)}</span>${escapeHtml(path)}</h3>`,
    `<p><strong>${escapeHtml(op.summary)}</strong></p>`,
    op.description ? `<p>${inline(op.description)}</p>` : "",
    `<p class="auth">${authNote(op)}</p>`,
    parametersTable(op),
    requestBody(doc, op),
    responsesTable(op),
  ];
  return `<article id="${escapeHtml(op.operationId)}">${parts.join("")}</article>`;
}

function authNote(op: OpenApiOperation): string {
  const schemes = op.security.flatMap((s) => Object.keys(s));
  if (schemes.includes("apiKey")) return "Authorization: <code>Bearer &lt;API key&gt;</code>";
  if (schemes.includes("dashboard")) return "HTTP basic authentication (dashboard credentials)";
  return "No authentication";
}

function parametersTable(op: OpenApiOperation): string {
  if (!op.parameters?.length) return "";
  const rows = op.parameters.map(
    (p) =>
      `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${renderSchema(p.schema)}</td><td>${escapeHtml(p.description ?? "")}</td></tr>`,
  );
  return `<h4>Path parameters</h4><table><tr><th>name</th><th>in</th><th>schema</th><th>meaning</th></tr>${rows.join("")}</table>`;
}

/** The body's named schema, linked and also spelled out here, where the reader needs it. */
function requestBody(doc: OpenApiDocument, op: OpenApiOperation): string {
  const schema = op.requestBody?.content["application/json"]?.schema;
  if (!schema) return "";
  const name = typeof schema["$ref"] === "string" ? schema["$ref"].split("/").pop() : undefined;
  const named = name === undefined ? undefined : doc.components.schemas[name];
  const fields = named ? renderSchema(named) : "";
  return `<h4>Request body (application/json)</h4>${renderSchema(schema)}${fields}`;
}

function responsesTable(op: OpenApiOperation): string {
  const rows = Object.entries(op.responses).map(([status, response]) => {
    const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
    const body = media ? (refLink(media.schema) ?? escapeHtml(type ?? "")) : "";
    return `<tr><td><code>${escapeHtml(status)}</code></td><td>${inline(response.description)}</td><td>${body}</td></tr>`;
  });
  return `<h4>Responses</h4><table><tr><th>status</th><th>meaning</th><th>body</th></tr>${rows.join("")}</table>`;
}

function schemasSection(doc: OpenApiDocument): string {
  const articles = Object.entries(doc.components.schemas).map(
    ([name, schema]) =>
      `<article id="${schemaAnchor(name)}"><h3>${escapeHtml(name)}</h3>${renderSchema(schema)}</article>`,
  );
  return `<section><h2>Schemas</h2><p>Bodies the API accepts and returns.</p>${articles.join("")}</section>`;
}

/** Escapes text and turns `backticks` into code. */
function inline(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}
