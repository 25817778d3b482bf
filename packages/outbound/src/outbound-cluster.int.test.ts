import { randomBytes } from "node:crypto";
import type { ConversationRef, RelayEvent } from "@meta-relay/core";
import { createLogger, createMetrics } from "@meta-relay/observability";
import {
  closeRedis,
  createChannelStore,
  createDrainStore,
  createKeys,
  createMessageStore,
  createRedis,
  createTokenCipher,
  DEFAULT_PACING,
  newMessageId,
  type RedisClient,
} from "@meta-relay/store";
import { startRedisCluster, type RedisCluster } from "@meta-relay/testkit";
import { createStatusNews } from "./status-news";

// Every outbound script runs on one Redis Cluster node: a conversation's keys, its channel's keys
// and its messages share the channel's hash tag.

describe("outbound stores on a Redis Cluster", () => {
  let cluster: RedisCluster;
  let redis: RedisClient;
  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    redis = createRedis(
      { url: "redis://unused", clusterNodes: cluster.nodes },
      { mode: "patient" },
    );
  }, 60_000);
  afterAll(async () => {
    await closeRedis(redis);
    await cluster.stop();
  });

  it("queues, drains, settles and applies statuses across many channels", async () => {
    const keys = createKeys("c1");
    const channels = createChannelStore(redis, keys, createTokenCipher(randomBytes(32)));
    const messages = createMessageStore(redis, keys, { retentionMs: 60_000 });
    const drain = createDrainStore(redis, keys, { leaseMs: 5_000 });
    const published: RelayEvent[] = [];
    const statuses = createStatusNews({
      redis,
      keys,
      marginMs: 0,
      publish: (events) => Promise.resolve(void published.push(...events)),
      metrics: createMetrics(),
      log: createLogger({ level: "silent" }),
    });
    for (let c = 0; c < 12; c++) {
      const conv: ConversationRef = {
        platform: c % 2 ? "whatsapp" : "messenger",
        channelId: `ch${c}`,
        userId: `${c}`,
      };
      await channels.put({ platform: conv.platform, channelId: conv.channelId, accessToken: "t" });
      const id = newMessageId();
      expect(
        await messages.enqueue({ id, ...conv, sender: { type: "bot" }, content: { text: "x" } }),
      ).toBe("created");
      await redis.set(keys.window(conv), String(Date.now()));
      const head = await drain.head(conv, "lease", null);
      expect(head).toMatchObject({
        kind: "head",
        message: { id },
        channel: { channelId: conv.channelId },
      });
      const messagingType = conv.platform === "whatsapp" ? "SERVICE" : "RESPONSE";
      expect(
        await drain.begin(conv, "lease", {
          id,
          attempt: 1,
          messagingType,
          tag: null,
          pacing: DEFAULT_PACING[conv.platform],
        }),
      ).toMatchObject({ kind: "go" });
      expect((await drain.settleSent(conv, id, `meta-${c}`)).changed).toBe(true);
      published.length = 0;
      await statuses.apply([
        {
          type: "status",
          platform: conv.platform,
          channelId: conv.channelId,
          status: "delivered",
          metaMessageIds: [`meta-${c}`],
          timestampMs: Date.now(),
        },
      ]);
      expect(published.map((event) => event.type)).toEqual(["message.delivered"]);
      expect(await drain.head(conv, "lease", id)).toMatchObject({ kind: "empty" });
      expect((await messages.get(id))?.status).toBe("delivered");
    }
    expect(await channels.list()).toHaveLength(12);
  }, 60_000);
});
