import { renderDocsPage } from "./docs-page";
import { buildOpenApiDocument } from "./openapi";
import { escapeHtml, renderSchema } from "./schema-html";

describe("renderDocsPage", () => {
  const doc = buildOpenApiDocument();
  const html = renderDocsPage(doc);

  it("lists every route with its method, parameters, body and responses", () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const start = html.indexOf(`<article id="${op.operationId}">`);
        expect({ path, found: start >= 0 }).toEqual({ path, found: true });
        const article = html.slice(start, html.indexOf("</article>", start));
        expect(article).toContain(
          `<span class="method ${method}">${method}</span>${escapeHtml(path)}`,
        );
        for (const status of Object.keys(op.responses))
          expect(article).toContain(`<code>${status}</code>`);
        for (const parameter of op.parameters ?? []) {
          expect(article).toContain(`<code>${parameter.name}</code>`);
        }
      }
    }
    const send = html.slice(html.indexOf('<article id="sendMessage">'));
    for (const field of [
      "channel",
      "recipient",
      "sender",
      "message",
      "idempotencyKey",
      "template",
    ]) {
      expect(send.slice(0, send.indexOf("</article>"))).toContain(
        `<code class="field">${field}</code>`,
      );
    }
  });

  it("documents every named schema", () => {
    for (const name of Object.keys(doc.components.schemas)) {
      expect(html).toContain(`<article id="schema-${name}">`);
      expect(html).toContain(`href="#schema-${name}"`);
    }
  });

  it("is self-contained: no script, nothing loaded from elsewhere", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link /i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html.startsWith("<!doctype html>")).toBe(true);
  });

  it("escapes what the schemas say", () => {
    const out = renderSchema({
      type: "object",
      properties: { "<b>": { type: "string", description: 'x" onmouseover="alert(1)' } },
      required: ["<b>"],
    });
    expect(out).toContain("&lt;b&gt;");
    expect(out).toContain("x&quot; onmouseover=&quot;alert(1)");
    expect(out).not.toContain("<b>");
  });
});
