import type { Express } from "express";
import { renderDocsPage } from "./docs-page";
import { buildOpenApiDocument } from "./openapi";

/** The page has no script and loads nothing from elsewhere; the policy says so to the browser. */
const DOCS_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** Serves /openapi.json and /docs, built once from the route schemas at start-up. */
export function mountDocs(app: Express): void {
  const document = buildOpenApiDocument();
  const json = JSON.stringify(document);
  const page = renderDocsPage(document);
  app.get("/openapi.json", (_req, res) => {
    res.type("application/json").set("Cache-Control", "no-cache").send(json);
  });
  app.get("/docs", (_req, res) => {
    res
      .type("text/html")
      .set("Content-Security-Policy", DOCS_CSP)
      .set("X-Content-Type-Options", "nosniff")
      .set("Cache-Control", "no-cache")
      .send(page);
  });
}
