import { randomBytes } from "node:crypto";
import type { InboundItem } from "@meta-relay/core";
import { createLogger } from "@meta-relay/observability";
import {
  closeRedis,
  createChannelStateStore,
  createChannelStore,
  createKeys,
  createRedis,
  createTokenCipher,
} from "@meta-relay/store";
import { startRedisServer, uniquePrefix, type RedisServer } from "@meta-relay/testkit";
import { createWebhookActivity } from "./webhook-activity";

// A Redis of its own: the test counts the commands it receives.
describe("createWebhookActivity", () => {
  let server: RedisServer;
  let redis: ReturnType<typeof createRedis>;
  const keys = createKeys(uniquePrefix());
  let channels: ReturnType<typeof createChannelStore>;
  let state: ReturnType<typeof createChannelStateStore>;
  beforeAll(async () => {
    server = await startRedisServer();
    redis = createRedis({ url: server.url, clusterNodes: null }, { mode: "patient" });
    channels = createChannelStore(redis, keys, createTokenCipher(randomBytes(32)));
    state = createChannelStateStore(redis, keys);
  });
  afterAll(async () => {
    await closeRedis(redis);
    await server.stop("SIGTERM");
  });

  const item = (channelId: string): InboundItem => ({
    type: "ignored",
    platform: "messenger",
    channelId,
    kind: "optin",
  });
  const seenAt = async (channelId: string) =>
    (await channels.get({ platform: "messenger", channelId }))?.lastWebhookAt;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

  it("writes each channel at most once per throttle period, without being awaited", async () => {
    await channels.put({ platform: "messenger", channelId: "a", accessToken: "t" });
    await channels.put({ platform: "messenger", channelId: "b", accessToken: "t" });
    const activity = createWebhookActivity({
      state,
      log: createLogger({ level: "silent" }),
      throttleMs: 60_000,
    });
    const commands = async () =>
      Number((/total_commands_processed:(\d+)/.exec(await redis.info("stats")) ?? [])[1]);
    activity.seen([item("a"), item("a"), item("b")]);
    await settle();
    const first = await seenAt("a");
    expect(first).toBeDefined();
    expect(await seenAt("b")).toBeDefined();
    // Within the period, later webhooks of the same channels cost no Redis command at all.
    const before = await commands();
    for (let i = 0; i < 50; i++) activity.seen([item("a"), item("b"), item("")]);
    await settle();
    expect((await commands()) - before).toBe(1);
    expect(await seenAt("a")).toBe(first);
  });
});
