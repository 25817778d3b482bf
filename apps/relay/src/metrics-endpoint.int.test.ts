import { createRequire } from "node:module";
import { loadConfig } from "@meta-relay/config";
import { collectProcessMetrics, createLogger, createMetrics } from "@meta-relay/observability";
import { QUEUE_NAMES } from "@meta-relay/queues";
import { createSimCustomers, testRedisEnv, uniquePrefix } from "@meta-relay/testkit";
import { startRelay, type RunningRelay } from "./launcher";

const APP_SECRET = "metrics-test-app-secret";

interface PrometheusFamily {
  name: string;
  type: string;
  metrics: { labels?: Record<string, string>; value?: string }[];
}
// parse-prometheus-text-format is CommonJS without types: loaded as what it is, a function.
const parsePrometheusTextFormat = createRequire(__filename)("parse-prometheus-text-format") as (
  text: string,
) => PrometheusFamily[];

async function scrape(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  const text = await res.text();
  // Every line is a comment or a sample, as Prometheus reads them. Prometheus parses NaN in any
  // letter case, and prom-client writes a gauge that has no sample yet as "Nan".
  for (const line of text.split("\n").filter((l) => l !== "" && !l.startsWith("#"))) {
    expect(line).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? (-?[0-9.eE+-]+|[Nn]a[Nn]|[+-]Inf)$/);
  }
  return parsePrometheusTextFormat(text);
}

function sampleValue(
  families: PrometheusFamily[],
  name: string,
  labels: Record<string, string>,
): number {
  const family = families.find((f) => f.name === name);
  const sample = family?.metrics.find((m) =>
    Object.entries(labels).every(([key, value]) => m.labels?.[key] === value),
  );
  return sample?.value === undefined ? 0 : Number(sample.value);
}

describe("/metrics", () => {
  let relay: RunningRelay;
  const portOf = (role: string) => relay.roles.find((r) => r.role === role)?.port ?? 0;

  beforeAll(async () => {
    const config = loadConfig({
      ...testRedisEnv(),
      RELAY_KEY_PREFIX: uniquePrefix(),
      INGRESS_PORT: "0",
      API_PORT: "0",
      WORKER_PORT: "0",
      META_APP_SECRET: APP_SECRET,
      META_VERIFY_TOKEN: "verify",
      RELAY_API_KEYS: "key-metrics-aaaaaaaaa",
      RELAY_ENCRYPTION_KEY: "9".repeat(64),
      DASHBOARD_USERNAME: "ops",
      DASHBOARD_PASSWORD: "password-metrics",
    });
    const metrics = createMetrics();
    collectProcessMetrics(metrics);
    relay = await startRelay(config, createLogger({ level: "silent" }), metrics);
  });
  afterAll(() => relay.close(5_000));

  it("parses as Prometheus text on every role's port", async () => {
    for (const role of ["ingress", "api", "worker"]) {
      const families = await scrape(portOf(role));
      const names = families.map((f) => f.name);
      expect(names).toContain("relay_webhooks_total");
      expect(names).toContain("relay_process_resident_memory_bytes");
      const queues = families.find((f) => f.name === "relay_queue_jobs")?.metrics ?? [];
      expect(new Set(queues.map((m) => m.labels?.["queue"]))).toEqual(new Set(QUEUE_NAMES));
      const graph = families.find((f) => f.name === "relay_graph_request_duration_seconds");
      expect(graph?.type).toBe("HISTOGRAM");
    }
  });

  it("counts exactly the three webhooks the ingress accepted", async () => {
    const labels = { object: "page", outcome: "accepted" };
    const before = sampleValue(await scrape(portOf("ingress")), "relay_webhooks_total", labels);
    const customers = createSimCustomers({
      ingressUrl: `http://127.0.0.1:${portOf("ingress")}`,
      appSecret: APP_SECRET,
    });
    try {
      for (const userId of ["psid-1", "psid-2", "psid-3"]) {
        const post = await customers.message(
          { platform: "messenger", channelId: "page-1", userId },
          { text: "Where is my parcel?" },
        );
        expect(post.status).toBe(200);
      }
      const forged = await customers.postRaw(
        { object: "page", entry: [] },
        { signature: `sha256=${"0".repeat(64)}` },
      );
      expect(forged.status).toBe(401);
    } finally {
      await customers.close();
    }
    const after = await scrape(portOf("ingress"));
    expect(sampleValue(after, "relay_webhooks_total", labels) - before).toBe(3);
    expect(
      sampleValue(after, "relay_webhook_signature_failures_total", { reason: "mismatch" }),
    ).toBe(1);
  });
});
