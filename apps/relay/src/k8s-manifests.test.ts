import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { envSchema, loadConfig } from "@meta-relay/config";
import { createMetrics } from "@meta-relay/observability";
import { OUTBOUND_QUEUE, QUEUE_NAMES, queuePrefix } from "@meta-relay/queues";
import { parseAllDocuments } from "yaml";

const DIR = resolve(__dirname, "../../../infra/k8s");
const SECRETS = /SECRET|PASSWORD|API_KEYS|ENCRYPTION_KEY|VERIFY_TOKEN/;

/** A parsed manifest, loosely typed for assertions. */
type Manifest = ReturnType<typeof JSON.parse>;

function files(): string[] {
  return readdirSync(DIR)
    .filter((name) => name.endsWith(".yaml"))
    .sort();
}

function documentsOf(file: string): Manifest[] {
  const docs = parseAllDocuments(readFileSync(join(DIR, file), "utf8"));
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) {
    expect({ file, errors: doc.errors.map((e) => e.message) }).toEqual({ file, errors: [] });
  }
  return docs.map((doc) => doc.toJS());
}

function manifests(): Manifest[] {
  return files()
    .filter((file) => file !== "kustomization.yaml")
    .flatMap(documentsOf);
}

function one(kind: string): Manifest {
  const found = manifests().filter((m) => m.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

describe("infra/k8s", () => {
  it("is valid YAML, one named object per document, every file listed in the kustomization", () => {
    for (const manifest of manifests()) {
      expect(typeof manifest.apiVersion).toBe("string");
      expect(typeof manifest.kind).toBe("string");
      expect(typeof manifest.metadata?.name).toBe("string");
    }
    const [kustomization] = documentsOf("kustomization.yaml");
    expect([...kustomization.resources].sort()).toEqual(
      files().filter((f) => f !== "kustomization.yaml"),
    );
  });

  it("runs the worker role from the ConfigMap and the Secret, probed on the worker port", () => {
    const deployment = one("Deployment");
    const data: Record<string, string> = one("ConfigMap").data;
    const pod = deployment.spec.template.spec;
    const [container] = pod.containers;
    expect(container.env).toContainEqual({ name: "RELAY_ROLES", value: "worker" });
    expect(container.envFrom).toEqual([
      { configMapRef: { name: "meta-relay-config" } },
      { secretRef: { name: "meta-relay-secrets" } },
    ]);
    expect(container.ports).toEqual([{ name: "metrics", containerPort: Number(data.WORKER_PORT) }]);
    expect(container.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "metrics" });
    expect(container.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "metrics" });
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(
      Number(data.SHUTDOWN_TIMEOUT_SECONDS),
    );
    expect(deployment.spec.selector.matchLabels).toEqual(
      expect.objectContaining(deployment.spec.template.metadata.labels),
    );
    expect(one("PodDisruptionBudget").spec.selector).toEqual(deployment.spec.selector);

    // The ConfigMap names only variables the product reads, no secret, and with the Secret's
    // worker variables it is a configuration a worker starts with: on a Redis Cluster.
    for (const key of Object.keys(data)) {
      expect(Object.keys(envSchema.shape)).toContain(key);
      expect(key).not.toMatch(SECRETS);
    }
    const config = loadConfig(
      { ...data, RELAY_ENCRYPTION_KEY: "a".repeat(64), EVENTS_WEBHOOK_SECRET: "s".repeat(24) },
      ["worker"],
    );
    expect(config.redis.clusterNodes?.length).toBeGreaterThanOrEqual(3);
  });

  it("scales the worker Deployment on waiting jobs, with a metric the product exports", async () => {
    const scaled = one("ScaledObject");
    expect(scaled.apiVersion).toBe("keda.sh/v1alpha1");
    expect(scaled.spec.scaleTargetRef.name).toBe(one("Deployment").metadata.name);
    expect(scaled.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
    expect(scaled.spec.maxReplicaCount).toBeGreaterThan(scaled.spec.minReplicaCount);
    const exported = (await createMetrics().registry.getMetricsAsJSON()).map((m) => m.name);
    const queues = new Set<string>();
    for (const trigger of scaled.spec.triggers) {
      expect(trigger.type).toBe("prometheus");
      const query: string = trigger.metadata.query;
      const match = /^max\((\w+)\{queue="(\w+)",state="waiting"\}\)$/.exec(query);
      expect(match).not.toBeNull();
      expect(exported).toContain(match?.[1]);
      queues.add(match?.[2] ?? "");
      expect(Number(trigger.metadata.threshold)).toBeGreaterThan(0);
    }
    expect([...queues].sort()).toEqual([...QUEUE_NAMES].sort());
    // The BullMQ list the comment points KEDA's redis-cluster scaler at, for the default prefix.
    const text = readFileSync(join(DIR, "worker-scaledobject.yaml"), "utf8");
    expect(text).toContain(`"${queuePrefix("mr", OUTBOUND_QUEUE)}:${OUTBOUND_QUEUE}:wait"`);
  });
});
