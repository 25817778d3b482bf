import { Cluster } from "ioredis";
import {
  scanKeys,
  TEST_REDIS_CLUSTER_VAR,
  testRedisClient,
  testRedisEnv,
  testRedisIsCluster,
  testRedisSettings,
  uniquePrefix,
} from "./test-redis";

describe("the suite's Redis", () => {
  it("is a Cluster exactly when the suite runs on one, for the product and for raw clients", async () => {
    const cluster = testRedisIsCluster();
    const client = testRedisClient();
    try {
      expect(client instanceof Cluster).toBe(cluster);
      expect(testRedisSettings().clusterNodes !== null).toBe(cluster);
      expect("REDIS_CLUSTER_NODES" in testRedisEnv()).toBe(cluster);
      expect(await client.info("server")).toContain(
        cluster ? "redis_mode:cluster" : "redis_mode:standalone",
      );
    } finally {
      client.disconnect();
    }
  });

  it("finds keys of one prefix on every node", async () => {
    const client = testRedisClient();
    const prefix = uniquePrefix();
    const keys = Array.from({ length: 20 }, (_, i) => `${prefix}:k${i}`);
    try {
      for (const key of keys) await client.set(key, "1", "PX", 60_000);
      expect((await scanKeys(client, `${prefix}:*`)).sort()).toEqual([...keys].sort());
    } finally {
      await Promise.all(keys.map((key) => client.del(key)));
      client.disconnect();
    }
  });
});

describe("testRedisSettings on a cluster", () => {
  const saved = process.env[TEST_REDIS_CLUSTER_VAR];
  afterEach(() => {
    if (saved === undefined) delete process.env[TEST_REDIS_CLUSTER_VAR];
    else process.env[TEST_REDIS_CLUSTER_VAR] = saved;
  });

  it("turns the seeds into cluster nodes and REDIS_CLUSTER_NODES", () => {
    process.env[TEST_REDIS_CLUSTER_VAR] = "127.0.0.1:7001,10.0.0.2:7002";
    expect(testRedisSettings().clusterNodes).toEqual([
      { host: "127.0.0.1", port: 7001 },
      { host: "10.0.0.2", port: 7002 },
    ]);
    expect(testRedisEnv().REDIS_CLUSTER_NODES).toBe("127.0.0.1:7001,10.0.0.2:7002");
    expect(testRedisIsCluster()).toBe(true);
  });
});
