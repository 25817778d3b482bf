import { loadConfig } from "@meta-relay/config";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { testRedisEnv, uniquePrefix } from "@meta-relay/testkit";
import { startRelay } from "./launcher";

describe("startRelay", () => {
  it("starts every role on its own port against Redis and closes them all", async () => {
    const config = loadConfig({
      ...testRedisEnv(),
      RELAY_KEY_PREFIX: uniquePrefix(),
      INGRESS_PORT: "0",
      API_PORT: "0",
      WORKER_PORT: "0",
      META_APP_SECRET: "app-secret",
      META_VERIFY_TOKEN: "verify",
      RELAY_API_KEYS: "key-aaaaaaaaaaaaaaaa",
      RELAY_ENCRYPTION_KEY: "b".repeat(64),
      DASHBOARD_USERNAME: "ops",
      DASHBOARD_PASSWORD: "password-1",
    });
    const relay = await startRelay(config, createLogger({ level: "silent" }), createMetrics());
    try {
      expect(relay.roles.map((r) => r.role).sort()).toEqual(["api", "ingress", "worker"]);
      for (const role of relay.roles) {
        const ready = await fetch(`http://127.0.0.1:${role.port}/readyz`);
        expect({ role: role.role, status: ready.status }).toEqual({ role: role.role, status: 200 });
      }
    } finally {
      await relay.close(5_000);
    }
  });
});
