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
import { startRedisServer, type RedisServer } from "@meta-relay/testkit";
import type { V1Deps } from "./v1-deps";
import { v1Router } from "./v1-router";

// Redis goes away under the API: the agent platform gets 503 `unavailable` (retry), not a 500, and
// its retry with the same idempotencyKey is queued once Redis is back.

const KEY = "key-outage-aaaaaaaaaa";

describe("/v1 while Redis is down", () => {
  let server: RedisServer;
  let base = "";
  let close: () => Promise<void>;
  let scopedKey = "";

  beforeAll(async () => {
    server = await startRedisServer({ args: ["--appendonly", "yes"] });
    const prefix = "outage";
    const keys = createKeys(prefix);
    const redis = createRedis({ url: server.url, clusterNodes: null }, { mode: "patient" });
    const queueConnection = createRedis(
      { url: server.url, clusterNodes: null },
      { mode: "patient" },
    );
    const outboundQueue = openQueue(OUTBOUND_QUEUE, {
      connection: queueConnection,
      keyPrefix: prefix,
    });
    outboundQueue.on("error", () => undefined);
    const channels = createChannelStore(redis, keys, createTokenCipher(randomBytes(32)));
    const log = createLogger({ level: "silent" });
    const messages = createMessageStore(redis, keys, { retentionMs: 3_600_000 });
    const apiKeys = createApiKeyStore(redis, keys);
    scopedKey =
      (await apiKeys.create({ name: "bot", access: "send", channels: ["messenger/100"] }))?.key ??
      "";
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
      outbox: createOutbox({ channels, messages, queue: outboundQueue, log }),
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
    await channels.put({ platform: "messenger", channelId: "100", accessToken: "tok" });
    await outboundQueue.waitUntilReady();
    base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
    close = async () => {
      await http.close(1_000);
      await outboundQueue.close().catch(() => undefined);
      redis.disconnect();
      queueConnection.disconnect();
    };
  });
  afterAll(async () => {
    await close();
    await server.stop("SIGTERM");
  });

  const call = (method: string, path: string, body?: unknown, key = KEY) =>
    fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it("answers 503 unavailable, and queues the retry once Redis is back", async () => {
    const body = {
      channel: { platform: "messenger", id: "100" },
      recipient: { id: "u1" },
      sender: { type: "agent" },
      message: { text: "hello" },
      idempotencyKey: "outage-1",
    };
    await server.stop("SIGKILL");
    for (const [method, path, payload] of [
      ["POST", "/v1/messages", body],
      ["GET", "/v1/channels", undefined],
      ["GET", "/v1/conversations/messenger/100/u1", undefined],
    ] as const) {
      const res = await call(method, path, payload);
      expect({ path, status: res.status }).toEqual({ path, status: 503 });
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unavailable");
    }
    // A scoped key cannot be looked up: 503 as well, neither accepted nor refused as unknown.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const scoped = await call("GET", "/v1/channels", undefined, scopedKey);
    expect(scoped.status).toBe(503);
    await server.restart();
    const deadline = Date.now() + 20_000;
    let status = 0;
    while (status !== 202 && Date.now() < deadline) {
      status = (await call("POST", "/v1/messages", body)).status;
      if (status !== 202) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(202);
    expect((await call("GET", "/v1/channels", undefined, scopedKey)).status).toBe(200);
  }, 60_000);
});
