// Turns the OpenAPI document into src/generated/openapi.ts: openapi-typescript, then prettier with
// the repository's settings, so that the file is the same wherever and whenever it is generated.
// Run as a program, it reads the document on stdin and writes the types on stdout (jest cannot load
// these ES modules, so the up-to-date test runs it this way).
const path = require("node:path");

const TARGET = path.join(__dirname, "..", "src", "generated", "openapi.ts");

const BANNER = `// Generated from /openapi.json by \`npm run generate -w @meta-relay/client\`: do not edit.
// A test fails when this file differs from what the API's document generates.
`;

/** @param {object} document the OpenAPI 3.1 document @returns {Promise<string>} */
async function renderTypes(document) {
  const { default: openapiTS, astToString } = require("openapi-typescript");
  const prettier = require("prettier");
  // A copy: the generator annotates the object it is given.
  const ast = await openapiTS(structuredClone(document), { silent: true });
  const options = (await prettier.resolveConfig(TARGET)) ?? {};
  return prettier.format(BANNER + astToString(ast), { ...options, parser: "typescript" });
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  process.stdout.write(await renderTypes(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}

module.exports = { renderTypes, TARGET };
