// npm run generate -w @meta-relay/client: builds the API's OpenAPI document in-process (from the
// API's build, which the npm script refreshes first) and writes the client's types from it.
const { writeFileSync } = require("node:fs");
const { buildOpenApiDocument } = require("@meta-relay/api");
const { renderTypes, TARGET } = require("./render-types");

renderTypes(buildOpenApiDocument()).then(
  (source) => {
    writeFileSync(TARGET, source);
    process.stdout.write(`wrote ${TARGET}\n`);
  },
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
