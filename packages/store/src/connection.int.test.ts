import { testRedisSettings, uniquePrefix } from "@meta-relay/testkit";
import { closeRedis, createRedis, isRedisReachable } from "./connection";
import { createKeys } from "./keys";

describe("createRedis", () => {
  it("connects to the test Redis and writes under its own prefix", async () => {
    const client = createRedis(testRedisSettings(), { mode: "patient" });
    try {
      expect(await isRedisReachable(client)).toBe(true);
      const keys = createKeys(uniquePrefix());
      const key = keys.window({ platform: "messenger", channelId: "100", userId: "200" });
      await client.set(key, "1", "PX", 10_000);
      expect(await client.get(key)).toBe("1");
      expect(key).toMatch(/^t[0-9a-f]{10}:w:\{m:100\}:200$/);
    } finally {
      await closeRedis(client);
    }
  });

  it("fails fast when Redis is unreachable", async () => {
    const client = createRedis(
      { url: "redis://127.0.0.1:1", clusterNodes: null },
      { mode: "fail-fast" },
    );
    const started = Date.now();
    try {
      expect(await isRedisReachable(client)).toBe(false);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      client.disconnect();
    }
  });
});
