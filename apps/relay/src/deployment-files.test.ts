import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ROLES, envSchema, loadConfig } from "@meta-relay/config";
import { parse } from "yaml";

const ROOT = resolve(__dirname, "../../..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

/** The variables of product.md's configuration table: the public interface of the deployment. */
const PRODUCT_VARIABLES = [
  "REDIS_URL",
  "REDIS_CLUSTER_NODES",
  "INGRESS_PORT",
  "API_PORT",
  "META_APP_SECRET",
  "META_VERIFY_TOKEN",
  "META_GRAPH_URL",
  "META_GRAPH_VERSION",
  "RELAY_API_KEYS",
  "RELAY_ENCRYPTION_KEY",
  "EVENTS_WEBHOOK_URL",
  "EVENTS_WEBHOOK_SECRET",
  "WINDOW_SAFETY_MARGIN_SECONDS",
  "GRAPH_MAX_ATTEMPTS",
  "DASHBOARD_USERNAME",
  "DASHBOARD_PASSWORD",
  "RELAY_ROLES",
];
const SECRETS = /SECRET|PASSWORD|API_KEYS|ENCRYPTION_KEY|VERIFY_TOKEN/;

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  container_name?: string;
  env_file?: string | string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
}

function compose(): { services: Record<string, Service> } {
  return parse(read("docker-compose.yml"), { merge: true }) as {
    services: Record<string, Service>;
  };
}

function envExample(): Map<string, string> {
  const entries = read(".env.example")
    .split("\n")
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => {
      const at = line.indexOf("=");
      return [line.slice(0, at), line.slice(at + 1)] as const;
    });
  return new Map(entries);
}

describe("docker-compose.yml", () => {
  it("runs Redis, one service per role from one image, Prometheus and Grafana", () => {
    const { services } = compose();
    expect(Object.keys(services).sort()).toEqual(
      ["api", "grafana", "ingress", "prometheus", "redis", "worker"].sort(),
    );
    const redis = services["redis"];
    expect(redis?.image).toBe("redis:7");
    expect(redis?.volumes).toContain("./infra/redis.conf:/usr/local/etc/redis/redis.conf:ro");
    expect(redis?.command).toEqual(["redis-server", "/usr/local/etc/redis/redis.conf"]);
    const images = new Set<string | undefined>();
    for (const role of ROLES) {
      const service = services[role];
      expect(service?.build).toEqual({ context: ".", dockerfile: "Dockerfile" });
      expect(service?.env_file).toBe(".env");
      expect(service?.environment?.["RELAY_ROLES"]).toBe(role);
      expect(service?.environment?.["REDIS_URL"]).toBe("redis://redis:6379");
      images.add(service?.image);
    }
    expect(images.size).toBe(1);
  });

  it("gives each role its port, a node-based health check and time to shut down", () => {
    const { services } = compose();
    const defaults = loadConfig({}, []);
    const ports: Record<string, number> = {
      ingress: defaults.ports.ingress,
      api: defaults.ports.api,
      worker: defaults.ports.worker,
    };
    for (const role of ROLES) {
      const service = services[role];
      const port = ports[role] ?? 0;
      expect(service?.environment?.[`${role.toUpperCase()}_PORT`]).toBe(String(port));
      const check = (service?.healthcheck?.test ?? []).join(" ");
      expect(check).toMatch(/^CMD node -e /);
      expect(check).toContain(`http://127.0.0.1:${port}/healthz`);
      expect(check).not.toMatch(/curl|wget/);
      const grace = Number(/^(\d+)s$/.exec(service?.stop_grace_period ?? "")?.[1]);
      expect(grace).toBeGreaterThan(defaults.shutdownTimeoutMs / 1000);
    }
    expect(services["ingress"]?.ports).toEqual(["8080:8080"]);
    expect(services["api"]?.ports).toEqual(["8081:8081"]);
  });

  it("lets the worker scale: no container name and no host port", () => {
    const worker = compose().services["worker"];
    expect(worker?.container_name).toBeUndefined();
    expect(worker?.ports).toBeUndefined();
  });

  it("commits no secret: secrets come from .env", () => {
    const { services } = compose();
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (SECRETS.test(key))
          expect({ name, key, value }).toEqual({
            name,
            key,
            value: expect.stringMatching(/^\$\{/),
          });
      }
    }
    const interpolated = [...read("docker-compose.yml").matchAll(/\$\{([A-Z_]+)/g)].map(
      (m) => m[1],
    );
    const documented = envExample();
    for (const variable of interpolated) expect(documented.has(variable ?? "")).toBe(true);
    expect(read(".gitignore").split("\n")).toContain(".env");
    expect(read(".dockerignore").split("\n")).toContain(".env");
  });
});

describe(".env.example", () => {
  it("documents every variable of the product and every knob of the config schema", () => {
    const documented = envExample();
    const expected = new Set([...PRODUCT_VARIABLES, ...Object.keys(envSchema.shape)]);
    const missing = [...expected].filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
    const unknown = [...documented.keys()].filter(
      (key) => !expected.has(key) && !key.startsWith("GRAFANA_"),
    );
    expect(unknown).toEqual([]);
  });

  it("holds no secret values and its defaults are accepted by the config schema", () => {
    const documented = envExample();
    for (const [key, value] of documented) {
      if (SECRETS.test(key)) expect({ key, value }).toEqual({ key, value: "" });
    }
    const parsed = envSchema.safeParse(
      Object.fromEntries(
        [...documented].filter(([key, value]) => value !== "" && !key.startsWith("GRAFANA_")),
      ),
    );
    expect(parsed.success).toBe(true);
  });
});

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const stageNamed = (name: string) =>
    stages.find((s) => s.split("\n")[0]?.endsWith(` AS ${name}`)) ?? "";

  it("builds in stages and runs as node with production dependencies only", () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(stageNamed("deps")).toMatch(/^RUN npm ci\b/m);
    expect(stageNamed("build")).toMatch(/^RUN npx turbo run build\b/m);
    expect(stageNamed("prod-deps")).toMatch(/npm ci --omit=dev/);
    const runtime = stages[stages.length - 1] ?? "";
    expect(runtime).toMatch(/^COPY --from=prod-deps .*\/app\/node_modules /m);
    expect(runtime).not.toMatch(/--from=(deps|build) \S*node_modules/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^CMD \["node", "apps\/relay\/dist\/main\.js"\]$/m);
  });

  it("copies the manifest of every workspace before npm ci", () => {
    const manifest = JSON.parse(read("package.json")) as { workspaces: string[] };
    const workspaces = manifest.workspaces.flatMap((pattern) =>
      pattern.endsWith("/*")
        ? readdirSync(join(ROOT, pattern.slice(0, -2))).map((d) => `${pattern.slice(0, -2)}/${d}`)
        : [pattern],
    );
    const withManifest = workspaces.filter((dir) => existsSync(join(ROOT, dir, "package.json")));
    expect(withManifest.length).toBeGreaterThan(8);
    const deps = stageNamed("deps");
    for (const dir of withManifest) {
      expect(deps).toContain(`COPY ${dir}/package.json ${dir}/`);
    }
  });
});
