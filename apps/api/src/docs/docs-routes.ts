import type { Express, Response } from "express";
import {
  DOCS_CSP,
  DOCS_INIT_SCRIPT,
  DOCS_PAGE,
  SWAGGER_UI_ASSETS,
  SWAGGER_UI_DIR,
} from "./docs-ui";
import { buildOpenApiDocument } from "./openapi";

/** Serves /openapi.json (built once at start-up from the route schemas) and the reference at /docs. */
export function mountDocs(app: Express): void {
  const json = JSON.stringify(buildOpenApiDocument());
  app.get("/openapi.json", (_req, res) => {
    res.type("application/json").set("Cache-Control", "no-cache").send(json);
  });
  app.get("/docs", (_req, res) => {
    guarded(res).type("text/html").send(DOCS_PAGE);
  });
  app.get("/docs/init.js", (_req, res) => {
    guarded(res).type("application/javascript").send(DOCS_INIT_SCRIPT);
  });
  app.get("/docs/assets/:file", (req, res, next) => {
    const file = req.params.file;
    if (!SWAGGER_UI_ASSETS.has(file)) {
      next();
      return;
    }
    // `root` keeps the path inside the package; the name is one of the list above anyway.
    guarded(res).sendFile(file, { root: SWAGGER_UI_DIR, dotfiles: "deny" }, (err) => {
      if (err) next(err);
    });
  });
}

function guarded(res: Response): Response {
  return res
    .set("Content-Security-Policy", DOCS_CSP)
    .set("X-Content-Type-Options", "nosniff")
    .set("Referrer-Policy", "no-referrer")
    .set("Cache-Control", "no-cache");
}
