import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildOpenApiDocument } from "@meta-relay/api";
import { TARGET } from "../scripts/render-types";

// The checked-in types are what the API's document generates today; after a change to a route or an
// event, `npm run generate -w @meta-relay/client` brings them up to date.
const RENDER = join(__dirname, "..", "scripts", "render-types.js");

function render(document: object): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [RENDER],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(stderr || error.message)) : resolve(stdout),
    );
    child.stdin?.end(JSON.stringify(document));
  });
}

describe("the client's generated types", () => {
  const doc = buildOpenApiDocument();
  const checkedIn = readFileSync(TARGET, "utf8");

  it("are up to date with /openapi.json (else: npm run generate -w @meta-relay/client)", async () => {
    const generated = await render(doc);
    expect(generated.length).toBeGreaterThan(1_000);
    expect({ upToDate: checkedIn === generated }).toEqual({ upToDate: true });
  });

  it("cover every /v1 route and every event type of the document", () => {
    for (const path of Object.keys(doc.paths)) expect(checkedIn).toContain(`"${path}": {`);
    for (const type of Object.keys(doc.webhooks)) expect(checkedIn).toContain(`"${type}": {`);
  });
});
