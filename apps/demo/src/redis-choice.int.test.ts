import { closeRedis, createRedis } from "@meta-relay/store";
import { freePort, testRedisUrl, uniquePrefix } from "@meta-relay/testkit";
import { chooseRedis, removeDemoKeys, withoutPassword } from "./redis-choice";

describe("chooseRedis", () => {
  it("uses REDIS_URL when it answers, and stops nothing of it", async () => {
    const redis = await chooseRedis(testRedisUrl());
    expect(redis.owned).toBe(false);
    expect(redis.url).toBe(testRedisUrl());
    expect(redis.description).toBe(`using REDIS_URL ${withoutPassword(testRedisUrl())}`);
    await redis.stop();
  });

  it("starts its own redis-server when REDIS_URL does not answer, and says why", async () => {
    const deadUrl = `redis://127.0.0.1:${await freePort()}`;
    const redis = await chooseRedis(deadUrl);
    try {
      expect(redis.owned).toBe(true);
      expect(redis.url).not.toBe(deadUrl);
      expect(redis.description).toMatch(
        new RegExp(
          `^started redis-server on 127\\.0\\.0\\.1:\\d+ \\(REDIS_URL ${deadUrl} is not reachable\\)`,
        ),
      );
      const client = createRedis({ url: redis.url, clusterNodes: null }, { mode: "patient" });
      expect(await client.ping()).toBe("PONG");
      await closeRedis(client);
    } finally {
      await redis.stop();
    }
  });

  it("refuses a REDIS_URL that is not a redis URL", async () => {
    await expect(chooseRedis("localhost:6379")).rejects.toThrow(/redis:\/\/ or rediss:\/\//);
  });
});

describe("removeDemoKeys", () => {
  it("removes the demo's keys and queues, and nothing under another prefix", async () => {
    const prefix = uniquePrefix("demo");
    const other = uniquePrefix("demo");
    const client = createRedis({ url: testRedisUrl(), clusterNodes: null }, { mode: "patient" });
    try {
      await client.set(`${prefix}:w:{m:1}:u1`, "1");
      await client.set(`{${prefix}:outbound}:meta`, "1");
      await client.set(`${other}:w:{m:1}:u1`, "1");
      expect(await removeDemoKeys(testRedisUrl(), prefix)).toBe(2);
      expect(await client.exists(`${prefix}:w:{m:1}:u1`, `{${prefix}:outbound}:meta`)).toBe(0);
      expect(await client.exists(`${other}:w:{m:1}:u1`)).toBe(1);
    } finally {
      await client.del(`${other}:w:{m:1}:u1`);
      await closeRedis(client);
    }
  });
});

describe("withoutPassword", () => {
  it("hides a password in a URL it prints", () => {
    expect(withoutPassword("redis://user:hunter2@db.example:6380/2")).toBe(
      "redis://user:***@db.example:6380/2",
    );
    expect(withoutPassword("redis://127.0.0.1:6379")).toBe("redis://127.0.0.1:6379");
  });
});
