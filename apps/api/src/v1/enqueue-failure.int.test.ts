import { randomBytes } from "node:crypto";
import { cachedKeyLookup } from "@meta-relay/access";
import { createChannelState } from "@meta-relay/channels";
import { createHttpServer } from "@meta-relay/http";
import { createChannelClient, createGraphClient, createMediaClient } from "@meta-relay/meta";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { createOutbox } from "@meta-relay/outbound";
import { openQueue, OUTBOUND_QUEUE } from "@meta-relay/queues";
import {
  createApiKeyStore,
  createChannelStateStore,
  createChannelStore,
  createKeys,
  createMessageStore,
  createRedis,
  createTokenCipher,
} from "@meta-relay/store";
import {
  testRedisClient,
  testRedisSettings,
  testRedisUrl,
  uniquePrefix,
} from "@meta-relay/testkit";
import { type Queue } from "bullmq";
import { Redis } from "ioredis";
import type { V1Deps } from "./v1-deps";
import { v1Router } from "./v1-router";

// The message is recorded and in its mailbox first; only then is the drain job added. When the add
// fails the client gets 503, and its retry with the same idempotencyKey adds the job without a
// second copy of the message.

const KEY = "key-aaaaaaaaaaaaaaaa";

describe("POST /v1/messages when the drain job cannot be added", () => {
  const prefix = uniquePrefix();
  const keys = createKeys(prefix);
  const redis = createRedis(testRedisSettings(), { mode: "patient" });
  // Closed on purpose: its commands fail at once. A single Redis on every topology, because a closed
  // Cluster client queues commands instead of failing them.
  const broken = new Redis(testRedisUrl());
  const working = testRedisClient({ maxRetriesPerRequest: null });
  const deadQueue = openQueue(OUTBOUND_QUEUE, { connection: broken, keyPrefix: prefix });
  const liveQueue = openQueue(OUTBOUND_QUEUE, { connection: working, keyPrefix: prefix });
  const channels = createChannelStore(redis, keys, createTokenCipher(randomBytes(32)));
  const messages = createMessageStore(redis, keys, { retentionMs: 3_600_000 });
  const log = createLogger({ level: "silent" });
  const outboxOn = (queue: Queue) => createOutbox({ channels, messages, queue, log });
  const apiKeys = createApiKeyStore(redis, keys);
  const deps: V1Deps = {
    log,
    redis,
    keys,
    channels,
    // Channels are stored directly here: the connect (Meta's calls) is not under test.
    channelClient: createChannelClient({
      graphUrl: "http://127.0.0.1:9",
      instagramGraphUrl: "http://127.0.0.1:9",
      graphVersion: "v26.0",
      timeoutMs: 1_000,
    }),
    channelState: createChannelState({
      channels,
      state: createChannelStateStore(redis, keys),
      events: { publish: () => Promise.resolve() },
      log: createLogger({ level: "silent" }),
    }),
    outbox: outboxOn(deadQueue),
    apiKeys,
    keyLookup: cachedKeyLookup(apiKeys),
    marginMs: 60_000,
    // No sender action reaches Meta in these tests.
    graph: createGraphClient({ graphUrl: "http://127.0.0.1:9", timeoutMs: 1_000 }),
    graphVersion: "v26.0",
    // No media is asked for here: a Graph URL that refuses every connection.
    media: createMediaClient({
      graphUrl: "http://127.0.0.1:9",
      graphVersion: "v26.0",
      timeoutMs: 1_000,
      maxBytes: 1_024,
    }),
    metrics: createMetrics(),
  };
  const http = createHttpServer({
    role: "api",
    logger: deps.log,
    metrics: createMetrics(),
    ready: () => Promise.resolve(true),
  });
  http.app.use("/v1", v1Router(deps, { apiKeys: [KEY], bodyLimitBytes: 10_000 }));
  let base = "";
  beforeAll(async () => {
    await deadQueue.waitUntilReady();
    broken.disconnect();
    await channels.put({ platform: "messenger", channelId: "100", accessToken: "tok" });
    base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
  });
  afterAll(async () => {
    await http.close(1_000);
    await deadQueue.close().catch(() => undefined);
    await liveQueue.obliterate({ force: true });
    await liveQueue.close();
    await working.quit();
    await redis.quit();
  });

  const post = (body: unknown) =>
    fetch(`${base}/v1/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("answers 503, then the retry queues the same message once", async () => {
    const body = {
      channel: { platform: "messenger", id: "100" },
      recipient: { id: "u1" },
      sender: { type: "agent" },
      message: { text: "hello" },
      idempotencyKey: "retry-me",
    };
    const failed = await post(body);
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe("unavailable");
    deps.outbox = outboxOn(liveQueue);
    const retried = await post(body);
    expect(retried.status).toBe(202);
    const { id } = (await retried.json()) as { id: string };
    const conv = { platform: "messenger", channelId: "100", userId: "u1" } as const;
    expect(await redis.lrange(keys.mailbox(conv), 0, -1)).toEqual([id]);
    const jobs = await liveQueue.getJobs(["waiting", "delayed"]);
    expect(jobs.map((job) => job.data)).toEqual([conv]);
  });
});
