import { loadConfig } from "@meta-relay/config";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { testRedisEnv, uniquePrefix } from "@meta-relay/testkit";
import { startApi, type RunningApi } from "../api";
import { buildOpenApiDocument } from "./openapi";

const KEY = "key-docs-aaaaaaaaaaaa";
const SAMPLE: Record<string, string> = {
  platform: "messenger",
  channelId: "100",
  userId: "psid-1",
  id: "msg_0000000000aaaaaaaaaaaaaaaa",
};

describe("/openapi.json and /docs on a running API", () => {
  let api: RunningApi;
  let base: string;
  beforeAll(async () => {
    const config = loadConfig(
      {
        ...testRedisEnv(),
        RELAY_KEY_PREFIX: uniquePrefix(),
        API_PORT: "0",
        RELAY_API_KEYS: KEY,
        RELAY_ENCRYPTION_KEY: "e".repeat(64),
        DASHBOARD_USERNAME: "ops",
        DASHBOARD_PASSWORD: "password-docs",
      },
      ["api"],
    );
    api = await startApi({
      config,
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics(),
    });
    base = `http://127.0.0.1:${api.port}`;
  });
  afterAll(() => api.close(2_000));

  it("serves the OpenAPI document without credentials", async () => {
    const res = await fetch(`${base}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it("serves the reference page with a policy that forbids scripts and remote assets", async () => {
    const res = await fetch(`${base}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await res.text()).toContain("/v1/conversations/{platform}/{channelId}/{userId}");
  });

  it("documents only routes that exist", async () => {
    const doc = buildOpenApiDocument();
    for (const [template, methods] of Object.entries(doc.paths)) {
      const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => SAMPLE[name] ?? "x");
      for (const method of Object.keys(methods)) {
        const res = await fetch(`${base}${path}`, {
          method: method.toUpperCase(),
          headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
          ...(method === "put" || method === "post" ? { body: "{}" } : {}),
        });
        const text = await res.text();
        // A missing route answers the generic 404 "not_found"; a missing resource has its own code.
        const code =
          res.status === 404 ? (JSON.parse(text) as { error: { code: string } }).error.code : "";
        expect({ route: `${method} ${template}`, code }).not.toEqual({
          route: `${method} ${template}`,
          code: "not_found",
        });
      }
    }
  });
});
