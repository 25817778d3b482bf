import type { RelayEvent } from "@meta-relay/core";
import { DAY_MS } from "@meta-relay/core";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { closeRedis, createRedis, type RedisClient } from "@meta-relay/store";
import {
  startMetaSimulator,
  testRedisSettings,
  uniquePrefix,
  type MetaSimulator,
} from "@meta-relay/testkit";
import { createChannelServices, type ChannelServices } from "./channel-services";
import { connectChannel } from "./connect-channel";
import { DEFAULT_REFRESH_POLICY } from "./token-refresh";
import { runWatchdog, type WatchdogDeps } from "./watchdog";

// One watchdog pass, run directly against the simulated Meta: what it repairs on each kind of
// channel, and what it leaves alone.

describe("runWatchdog", () => {
  let sim: MetaSimulator;
  let redis: RedisClient;
  let services: ChannelServices;
  const published: RelayEvent[] = [];
  const metrics = createMetrics();
  const log = createLogger({ level: "silent" });
  const pass = (overrides: Partial<WatchdogDeps> = {}) =>
    runWatchdog({
      ...services,
      metrics,
      log,
      appId: sim.appId,
      refresh: DEFAULT_REFRESH_POLICY,
      concurrency: 2,
      ...overrides,
    });
  const connect = (input: Parameters<typeof connectChannel>[1]) =>
    connectChannel({ ...services, log }, input);

  beforeAll(async () => {
    sim = await startMetaSimulator();
    redis = createRedis(testRedisSettings(), { mode: "patient" });
    services = createChannelServices({
      redis,
      keyPrefix: uniquePrefix(),
      encryptionKey: Buffer.alloc(32, 9),
      graph: {
        url: sim.graphUrl,
        instagramUrl: sim.instagramGraphUrl,
        version: "v26.0",
        timeoutMs: 5_000,
      },
      events: {
        publish: (events) => {
          published.push(...events);
          return Promise.resolve();
        },
      },
      log,
    });
    sim.addChannel({ platform: "messenger", channelId: "pg", accessToken: "t-pg" });
    sim.addChannel({
      platform: "instagram",
      channelId: "ig",
      pageId: "pg-ig",
      accessToken: "t-ig",
    });
    sim.addChannel({
      platform: "instagram",
      api: "instagram_login",
      channelId: "igl",
      accessToken: "t-igl",
    });
    sim.addChannel({ platform: "whatsapp", channelId: "pn", wabaId: "waba", accessToken: "t-wa" });
    await connect({ platform: "messenger", channelId: "pg", accessToken: "t-pg" });
    await connect({ platform: "instagram", channelId: "ig", pageId: "pg-ig", accessToken: "t-ig" });
    await connect({
      platform: "instagram",
      channelId: "igl",
      api: "instagram_login",
      accessToken: "t-igl",
    });
    await connect({ platform: "whatsapp", channelId: "pn", wabaId: "waba", accessToken: "t-wa" });
  });
  afterAll(async () => {
    await closeRedis(redis);
    await sim.close();
  });
  beforeEach(() => {
    sim.reset();
    published.length = 0;
  });

  it("checks every channel and changes nothing while the app is subscribed", async () => {
    const report = await pass();
    expect(report).toEqual({ channels: 4, resubscribed: 0, refreshed: 0, lifted: 0, failed: 0 });
    expect(sim.calls.map((c) => `${c.host} ${c.method} ${c.path}`).sort()).toEqual([
      "graph GET /v26.0/pg-ig/subscribed_apps",
      "graph GET /v26.0/pg/subscribed_apps",
      "graph GET /v26.0/waba/subscribed_apps",
      "instagram GET /v26.0/igl/subscribed_apps",
    ]);
    expect(published).toEqual([]);
  });

  it.each([
    ["messenger", "pg", "graph", "/v26.0/pg/subscribed_apps"],
    ["instagram", "ig", "graph", "/v26.0/pg-ig/subscribed_apps"],
    ["instagram", "igl", "instagram", "/v26.0/me/subscribed_apps"],
    ["whatsapp", "pn", "graph", "/v26.0/waba/subscribed_apps"],
  ] as const)(
    "subscribes %s %s again once Meta dropped the app",
    async (platform, channelId, host, path) => {
      const ref = { platform, channelId };
      sim.unsubscribeApp(ref);
      const report = await pass();
      expect(report.resubscribed).toBe(1);
      expect(sim.calls.filter((c) => c.kind === "subscribe")).toEqual([
        expect.objectContaining({ host, method: "POST", path, status: 200 }),
      ]);
      expect(sim.subscriptions(ref).map((s) => s.appId)).toEqual([sim.appId]);
      expect(published.map((e) => [e.type, e.data])).toEqual([
        ["channel.resubscribed", { platform, channelId, status: "active", source: "watchdog" }],
      ]);
      expect((await services.channels.get(ref))?.subscription).toMatchObject({ subscribed: true });
      // The next pass finds it subscribed.
      expect((await pass()).resubscribed).toBe(0);
    },
  );

  it("checks no subscription without an app id", async () => {
    sim.unsubscribeApp({ platform: "messenger", channelId: "pg" });
    expect(await pass({ appId: null })).toMatchObject({ resubscribed: 0 });
    expect(sim.calls).toEqual([]);
    await pass();
  });

  it("lifts a restriction whose end Meta announced, with channel.unrestricted", async () => {
    const ref = { platform: "whatsapp", channelId: "pn" } as const;
    await services.state.restrict(ref, {
      source: "account_update",
      reason: "RESTRICTED_CUSTOMER_INITIATED_MESSAGING",
      untilMs: Date.now() - 1_000,
    });
    published.length = 0;
    expect((await pass()).lifted).toBe(1);
    expect((await services.channels.get(ref))?.status).toBe("active");
    expect(published.map((e) => e.type)).toEqual(["channel.unrestricted"]);
    // A restriction without an end stays.
    await services.state.restrict(ref, { source: "graph_error", reason: "10/1893063" });
    expect((await pass()).lifted).toBe(0);
    expect((await services.channels.get(ref))?.status).toBe("restricted");
  });

  it("refreshes an Instagram Login token that is due, and leaves a young one alone", async () => {
    const ref = { platform: "instagram", channelId: "igl" } as const;
    expect((await pass()).refreshed).toBe(0);
    sim.addChannel({
      platform: "instagram",
      api: "instagram_login",
      channelId: "igl",
      accessToken: "t-igl",
      tokenIssuedAtMs: Date.now() - 2 * DAY_MS,
    });
    const report = await pass({ refresh: { minAgeMs: 0, beforeExpiryMs: 10 * DAY_MS } });
    expect(report.refreshed).toBe(1);
    const stored = await services.channels.getStored(ref);
    if (!stored) throw new Error("channel missing");
    expect(services.channels.token(stored)).toBe(sim.tokenOf(ref).token);
    expect(Date.parse(stored.tokenExpiresAt ?? "") - Date.now()).toBeGreaterThan(59 * DAY_MS);
    // 60 days left: not due again.
    expect((await pass({ refresh: { minAgeMs: 0, beforeExpiryMs: 10 * DAY_MS } })).refreshed).toBe(
      0,
    );
  });
});
