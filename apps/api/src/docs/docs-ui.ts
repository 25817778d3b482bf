import { dirname } from "node:path";

// The interactive reference is Swagger UI (swagger-ui-dist), served by the API itself from
// node_modules: no CDN, nothing fetched from elsewhere.

/** Where swagger-ui-dist's files are on disk. */
export const SWAGGER_UI_DIR = dirname(require.resolve("swagger-ui-dist/package.json"));

/** The files of swagger-ui-dist the page loads; nothing else of the package is served. */
export const SWAGGER_UI_ASSETS: ReadonlySet<string> = new Set([
  "swagger-ui.css",
  "index.css",
  "swagger-ui-bundle.js",
  "favicon-32x32.png",
]);

/**
 * What the page may do: scripts and styles from this origin only (no inline script), images from
 * here or inline SVG/PNG data (Swagger UI's icons), requests to this origin only ("Try it out" and
 * /openapi.json), no forms, frames, plugins or base URL changes.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const DOCS_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>meta-relay API reference</title>
    <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
    <link rel="stylesheet" href="/docs/assets/index.css" />
    <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/docs/init.js"></script>
  </body>
</html>
`;

/**
 * Swagger UI's settings. The key a person enters stays in the page's memory (never stored), and
 * the validator badge, which would send the document to a third party, is off.
 */
export const DOCS_INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  deepLinking: true,
  tryItOutEnabled: true,
  displayRequestDuration: true,
  persistAuthorization: false,
  validatorUrl: null,
});
`;
