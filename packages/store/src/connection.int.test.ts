import { testRedisSettings, uniquePrefix } from "@meta-relay/testkit";
import { closeRedis, createRedis, isRedisReachable, type RedisClient } from "./connection";
import { createKeys } from "./keys";

/** A fail-fast connection refuses commands until it is ready. */
function ready(client: RedisClient): Promise<void> {
  if (client.status === "ready") return Promise.resolve();
  return new Promise((resolve) => client.once("ready", () => resolve()));
}

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

  it("sends one turn's commands in one write when asked to pipeline, on a single Redis only", async () => {
    const settings = testRedisSettings();
    const piped = createRedis(settings, { mode: "fail-fast", autoPipelining: true });
    const plain = createRedis(settings, { mode: "fail-fast" });
    try {
      await Promise.all([ready(piped), ready(plain)]);
      const replies = [piped.ping(), piped.ping(), piped.ping(), plain.ping()];
      // Queued for the end of this turn, not yet written (a Cluster does not pipeline).
      expect(piped.autoPipelineQueueSize).toBe(settings.clusterNodes ? 0 : 3);
      expect(plain.autoPipelineQueueSize).toBe(0);
      expect(await Promise.all(replies)).toEqual(["PONG", "PONG", "PONG", "PONG"]);
    } finally {
      await Promise.all([closeRedis(piped), closeRedis(plain)]);
    }
  });

  it("answers at once when a pipelining fail-fast connection has lost Redis", async () => {
    const client = createRedis(
      { url: "redis://127.0.0.1:1", clusterNodes: null },
      { mode: "fail-fast", autoPipelining: true },
    );
    const started = Date.now();
    try {
      await expect(client.get("k")).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      client.disconnect();
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
