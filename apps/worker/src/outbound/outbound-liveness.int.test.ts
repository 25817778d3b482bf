import { loadConfig } from "@meta-relay/config";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { closeRedis, createRedis } from "@meta-relay/store";
import { startRedisServer, uniquePrefix } from "@meta-relay/testkit";
import { startOutboundProcessor } from "./outbound-processor";
import { waitFor } from "@meta-relay/testkit/testing";

describe("outbound processor liveness", () => {
  it("reports not live while its Redis stays away, live again once it is back, and not live once closed", async () => {
    const server = await startRedisServer();
    const config = loadConfig(
      {
        REDIS_URL: server.url,
        RELAY_KEY_PREFIX: uniquePrefix(),
        RELAY_ENCRYPTION_KEY: "e".repeat(64),
        META_GRAPH_URL: "http://127.0.0.1:9",
      },
      ["worker"],
    );
    const redis = createRedis(config.redis, { mode: "blocking", onError: () => undefined });
    const processor = await startOutboundProcessor(
      { config, logger: createLogger({ level: "silent" }), metrics: createMetrics(), redis },
      { deadConnectionMs: 300 },
    );
    try {
      expect(processor.isLive()).toBe(true);
      await server.stop("SIGKILL");
      await waitFor(() => !processor.isLive(), 10_000);
      await server.restart();
      await waitFor(() => processor.isLive(), 20_000);
    } finally {
      await processor.close(2_000);
      await closeRedis(redis);
      await server.stop("SIGTERM");
    }
    expect(processor.isLive()).toBe(false);
  }, 60_000);
});
