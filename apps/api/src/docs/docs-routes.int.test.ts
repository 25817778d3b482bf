import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { loadConfig } from "@meta-relay/config";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { testRedisEnv, uniquePrefix } from "@meta-relay/testkit";
import type { Express } from "express";
import { startApi, type RunningApi } from "../api";
import { buildOpenApiDocument } from "./openapi";

const KEY = "key-docs-aaaaaaaaaaaa";
const SAMPLE: Record<string, string> = {
  platform: "messenger",
  channelId: "100",
  userId: "psid-1",
  id: "msg_0000000000aaaaaaaaaaaaaaaa",
};
/** The installed Redocly CLI (a devDependency), run with this node: no npx, no download. */
const REDOCLY = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");

interface RouterLayer {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

/** Every "METHOD /path" the express app routes, mounted routers included, as OpenAPI templates. */
function routesOf(app: Express): string[] {
  const walk = (stack: RouterLayer[], prefix: string): string[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const path = `${prefix}${layer.route.path}`.replace(/:(\w+)/g, "{$1}");
        return Object.keys(layer.route.methods).map((m) => `${m} ${path}`);
      }
      const mount = typeof layer.rawPath === "string" && layer.rawPath !== "/" ? layer.rawPath : "";
      return layer.handle?.stack ? walk(layer.handle.stack, prefix + mount) : [];
    });
  return walk((app.router as unknown as { stack: RouterLayer[] }).stack, "");
}

/** Runs the installed Redocly CLI, offline: no telemetry, no update check. */
function redoclyLint(file: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [REDOCLY, "lint", "--extends=recommended", "--format=json", file],
      {
        cwd: tmpdir(),
        env: {
          HOME: tmpdir(),
          REDOCLY_TELEMETRY: "off",
          REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
          DO_NOT_TRACK: "1",
          CI: "true",
        },
        timeout: 120_000,
      },
      // Exit code 1 means problems: the JSON says which, so it is read either way.
      (error, stdout) =>
        stdout.trim().startsWith("{") ? resolvePromise(stdout) : reject(error ?? new Error(stdout)),
    );
  });
}

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

  it("has no error and no warning under Redocly's recommended rules", async () => {
    const dir = mkdtempSync(join(tmpdir(), "openapi-lint-"));
    try {
      const file = join(dir, "openapi.json");
      writeFileSync(file, await (await fetch(`${base}/openapi.json`)).text());
      const report = JSON.parse(await redoclyLint(file)) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; message: string }[];
      };
      expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("serves the reference page and Swagger UI's files from this origin, under its policy", async () => {
    const page = await fetch(`${base}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain("unsafe");
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/docs\//);
      const res = await fetch(`${base}${asset}`);
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
    const script = await fetch(`${base}/docs/assets/swagger-ui-bundle.js`);
    expect(script.headers.get("content-type")).toContain("javascript");
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(500_000);
  });

  it("serves nothing else of node_modules", async () => {
    for (const path of [
      "/docs/assets/package.json",
      "/docs/assets/index.html",
      "/docs/assets/..%2F..%2F..%2Fpackage.json",
      "/docs/assets/%2e%2e%2fpackage.json",
      "/docs/assets/swagger-ui-bundle.js.map",
    ]) {
      const res = await fetch(`${base}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });

  it("documents every /v1 route the API serves, and only those", async () => {
    const doc = buildOpenApiDocument();
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    const served = routesOf(api.app).filter((route) => route.includes(" /v1/"));
    expect(served.length).toBeGreaterThanOrEqual(7);
    expect([...new Set(served)].sort()).toEqual(documented.sort());
    // And each documented route answers as a route, not as the generic 404 of unknown paths.
    for (const [template, methods] of Object.entries(doc.paths)) {
      const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => SAMPLE[name] ?? "x");
      for (const method of Object.keys(methods)) {
        const res = await fetch(`${base}${path}`, {
          method: method.toUpperCase(),
          headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
          ...(method === "put" || method === "post" ? { body: "{}" } : {}),
        });
        const text = await res.text();
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
