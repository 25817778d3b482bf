import { loadConfig } from "@meta-relay/config";
import type { RelayEvent } from "@meta-relay/core";
import { INSTAGRAM_LOGIN_WEBHOOK_FIELDS, PAGE_WEBHOOK_FIELDS } from "@meta-relay/meta";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { EVENTS_QUEUE, openQueue } from "@meta-relay/queues";
import { createChannelStateStore, createKeys } from "@meta-relay/store";
import {
  freePort,
  startMetaSimulator,
  testRedisClient,
  testRedisEnv,
  uniquePrefix,
  type MetaSimulator,
} from "@meta-relay/testkit";
import { QUEUED_EVENTS_ENV } from "@meta-relay/testkit/testing";
import { startApi, type RunningApi } from "../api";

// PUT /v1/channels/... checks the token with Meta and subscribes the app before anything is
// stored (product.md 4.3), against the simulated Meta on both of its hosts.

const KEY = "key-connect-aaaaaaaaa";

function configFor(prefix: string, graphUrl: string, instagramGraphUrl: string) {
  return loadConfig(
    {
      ...testRedisEnv(),
      RELAY_KEY_PREFIX: prefix,
      API_PORT: "0",
      RELAY_API_KEYS: KEY,
      RELAY_ENCRYPTION_KEY: "e".repeat(64),
      DASHBOARD_USERNAME: "ops",
      DASHBOARD_PASSWORD: "password-1",
      META_GRAPH_URL: graphUrl,
      META_INSTAGRAM_GRAPH_URL: instagramGraphUrl,
      GRAPH_TIMEOUT_MS: "2000",
      LOG_LEVEL: "silent",
      // The tests read the channel events the API queues.
      ...QUEUED_EVENTS_ENV,
    },
    ["api"],
  );
}

async function call(base: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, text };
}

describe("PUT /v1/channels: verify and subscribe with Meta", () => {
  const prefix = uniquePrefix();
  const redis = testRedisClient({ maxRetriesPerRequest: null });
  const events = openQueue(EVENTS_QUEUE, { connection: redis, keyPrefix: prefix });
  let sim: MetaSimulator;
  let api: RunningApi;
  let base = "";

  beforeAll(async () => {
    sim = await startMetaSimulator();
    api = await startApi({
      config: configFor(prefix, sim.graphUrl, sim.instagramGraphUrl),
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics(),
    });
    base = `http://127.0.0.1:${api.port}`;
  });
  afterAll(async () => {
    await api.close(1_000);
    await sim.close();
    await events.obliterate({ force: true });
    await events.close();
    await redis.quit();
  });
  beforeEach(() => sim.reset());

  it("refuses a bad token with 422 channel_auth_failed and Meta's message, storing nothing", async () => {
    sim.addChannel({ platform: "messenger", channelId: "p-bad", accessToken: "the-real-token" });
    const res = await call(base, "PUT", "/v1/channels/messenger/p-bad", { accessToken: "a-typo" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("channel_auth_failed");
    expect(res.body.error.message).toContain("Invalid OAuth access token");
    expect(res.text).not.toContain("a-typo");
    expect((await call(base, "GET", "/v1/channels/messenger/p-bad")).status).toBe(404);
    expect(sim.calls.map((c) => c.kind)).toEqual(["verify"]);
  });

  it("verifies and subscribes a Messenger page, filling its name from Meta", async () => {
    sim.addChannel({ platform: "messenger", channelId: "p1", accessToken: "tok-p1", name: "Shop" });
    const res = await call(base, "PUT", "/v1/channels/messenger/p1", { accessToken: "tok-p1" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "Shop",
      status: "active",
      subscription: { subscribed: true, fields: [...PAGE_WEBHOOK_FIELDS] },
    });
    expect(sim.calls).toEqual([
      expect.objectContaining({
        host: "graph",
        method: "GET",
        path: "/v26.0/p1",
        kind: "verify",
        token: "tok-p1",
        auth: "bearer",
        fields: ["id", "name"],
        status: 200,
      }),
      expect.objectContaining({
        host: "graph",
        method: "POST",
        path: "/v26.0/p1/subscribed_apps",
        kind: "subscribe",
        token: "tok-p1",
        fields: [...PAGE_WEBHOOK_FIELDS],
        status: 200,
      }),
    ]);
    expect(sim.subscriptions({ platform: "messenger", channelId: "p1" })).toEqual([
      { appId: sim.appId, fields: [...PAGE_WEBHOOK_FIELDS] },
    ]);
  });

  it("verifies and subscribes an Instagram account through its linked page", async () => {
    sim.addChannel({
      platform: "instagram",
      channelId: "ig1",
      pageId: "pg1",
      accessToken: "tok-ig",
    });
    const res = await call(base, "PUT", "/v1/channels/instagram/ig1", {
      accessToken: "tok-ig",
      pageId: "pg1",
      name: "Given name",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Given name", api: "messenger", pageId: "pg1" });
    expect(sim.calls.map((c) => [c.kind, c.host, c.path])).toEqual([
      ["verify", "graph", "/v26.0/pg1"],
      ["subscribe", "graph", "/v26.0/pg1/subscribed_apps"],
    ]);
  });

  it("verifies and subscribes an Instagram Login account on the Instagram host", async () => {
    sim.addChannel({
      platform: "instagram",
      api: "instagram_login",
      channelId: "178401",
      accessToken: "IGAA-tok",
      name: "shop.ig",
    });
    const res = await call(base, "PUT", "/v1/channels/instagram/178401", {
      accessToken: "IGAA-tok",
      api: "instagram_login",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "shop.ig",
      api: "instagram_login",
      pageId: null,
      subscription: { subscribed: true, fields: [...INSTAGRAM_LOGIN_WEBHOOK_FIELDS] },
    });
    expect(sim.calls).toEqual([
      expect.objectContaining({
        host: "instagram",
        path: "/v26.0/me",
        kind: "verify",
        auth: "bearer",
        fields: ["user_id", "username"],
      }),
      expect.objectContaining({
        host: "instagram",
        method: "POST",
        path: "/v26.0/me/subscribed_apps",
        fields: [...INSTAGRAM_LOGIN_WEBHOOK_FIELDS],
        status: 200,
      }),
    ]);
    // The account is keyed on Meta's user_id: another id is refused before anything is stored.
    sim.addChannel({
      platform: "instagram",
      api: "instagram_login",
      channelId: "178402",
      accessToken: "IGAA-2",
    });
    const wrong = await call(base, "PUT", "/v1/channels/instagram/999", {
      accessToken: "IGAA-2",
      api: "instagram_login",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([
      { path: "channelId", message: expect.stringContaining("178402") },
    ]);
    expect((await call(base, "GET", "/v1/channels/instagram/999")).status).toBe(404);
  });

  it("verifies a WhatsApp number and subscribes its business account (wabaId)", async () => {
    sim.addChannel({
      platform: "whatsapp",
      channelId: "pn1",
      wabaId: "waba1",
      accessToken: "tok-wa",
      name: "Shop BV",
    });
    const res = await call(base, "PUT", "/v1/channels/whatsapp/pn1", {
      accessToken: "tok-wa",
      wabaId: "waba1",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "Shop BV",
      wabaId: "waba1",
      subscription: { subscribed: true },
    });
    expect(sim.calls).toEqual([
      expect.objectContaining({
        kind: "verify",
        path: "/v26.0/pn1",
        fields: ["display_phone_number", "verified_name"],
      }),
      expect.objectContaining({
        kind: "subscribe",
        method: "POST",
        path: "/v26.0/waba1/subscribed_apps",
      }),
    ]);
    // Without wabaId the number is connected, and its subscription says why it is not subscribed.
    sim.addChannel({ platform: "whatsapp", channelId: "pn2", accessToken: "tok-wa2" });
    const bare = await call(base, "PUT", "/v1/channels/whatsapp/pn2", { accessToken: "tok-wa2" });
    expect(bare.status).toBe(201);
    expect(bare.body.subscription).toMatchObject({
      subscribed: false,
      error: expect.stringContaining("wabaId"),
    });
  });

  it("asks Meta nothing with verify: false and subscribe: false", async () => {
    const res = await call(base, "PUT", "/v1/channels/messenger/unknown-to-meta", {
      accessToken: "anything",
      name: "Managed elsewhere",
      verify: false,
      subscribe: false,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Managed elsewhere", status: "active" });
    expect(res.body).not.toHaveProperty("subscription");
    expect(sim.calls).toEqual([]);
  });

  it("makes a restricted channel active again on a successful PUT, with channel.unrestricted", async () => {
    sim.addChannel({ platform: "messenger", channelId: "p-restricted", accessToken: "tok-r" });
    const ref = { platform: "messenger", channelId: "p-restricted" } as const;
    expect(
      (await call(base, "PUT", "/v1/channels/messenger/p-restricted", { accessToken: "tok-r" }))
        .status,
    ).toBe(201);
    await createChannelStateStore(redis, createKeys(prefix)).transition(ref, {
      to: "restricted",
      restriction: { reason: "spam", source: "policy_enforcement" },
    });
    const restricted = await call(base, "GET", "/v1/channels/messenger/p-restricted");
    expect(restricted.body).toMatchObject({
      status: "restricted",
      restriction: { reason: "spam", source: "policy_enforcement", since: expect.any(String) },
    });
    const again = await call(base, "PUT", "/v1/channels/messenger/p-restricted", {
      accessToken: "tok-r",
    });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe("active");
    expect(again.body).not.toHaveProperty("restriction");
    const published = (await events.getJobs(["waiting", "delayed", "active", "completed"])).map(
      (job) => job.data as RelayEvent,
    );
    expect(published.filter((e) => e.type === "channel.unrestricted")).toEqual([
      expect.objectContaining({
        data: { platform: "messenger", channelId: "p-restricted", status: "active", source: "api" },
      }),
    ]);
  });
});

describe("PUT /v1/channels while Meta cannot be reached", () => {
  it("answers 502 meta_unreachable and stores nothing", async () => {
    const prefix = uniquePrefix();
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const api = await startApi({
      config: configFor(prefix, nowhere, nowhere),
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics(),
    });
    try {
      const base = `http://127.0.0.1:${api.port}`;
      const res = await call(base, "PUT", "/v1/channels/messenger/p9", { accessToken: "tok" });
      expect(res.status).toBe(502);
      expect(res.body.error.code).toBe("meta_unreachable");
      expect((await call(base, "GET", "/v1/channels/messenger/p9")).status).toBe(404);
      expect((await call(base, "GET", "/v1/channels")).body).toEqual({ channels: [] });
    } finally {
      await api.close(1_000);
    }
  });
});
