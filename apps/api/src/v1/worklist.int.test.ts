import { loadConfig } from "@meta-relay/config";
import { DAY_MS, HOUR_MS, MINUTE_MS, type CustomerAction } from "@meta-relay/core";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { closeRedis, createKeys, createRedis, createWindowStore } from "@meta-relay/store";
import { testRedisEnv, uniquePrefix } from "@meta-relay/testkit";
import { startApi, type RunningApi } from "../api";

// The worklist route and the ad window as the agent API shows them, over HTTP, on the suite's Redis.

const KEY = "key-worklist-aaaaaaaa";
// No Meta here: the channels are stored without checking their token or subscribing the app.
const UNVERIFIED = { accessToken: "t", verify: false, subscribe: false };

describe("GET /v1/channels/{platform}/{channelId}/conversations", () => {
  const prefix = uniquePrefix();
  const config = loadConfig(
    {
      ...testRedisEnv(),
      RELAY_KEY_PREFIX: prefix,
      API_PORT: "0",
      RELAY_API_KEYS: KEY,
      RELAY_ENCRYPTION_KEY: "c".repeat(64),
      DASHBOARD_USERNAME: "ops",
      DASHBOARD_PASSWORD: "password-1",
      LOG_LEVEL: "silent",
    },
    ["api"],
  );
  const redis = createRedis(config.redis, { mode: "patient" });
  const windows = createWindowStore(redis, createKeys(prefix));
  let api: RunningApi;
  const call = async (method: string, path: string, body?: unknown, key = KEY) => {
    const res = await fetch(`http://127.0.0.1:${api.port}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const wrote = (channelId: string, userId: string, atMs: number, ad = false) => {
    const action: CustomerAction = {
      type: "customer_action",
      platform: "messenger",
      channelId,
      userId,
      userIds: [userId],
      metaMessageId: `m_${userId}_${atMs}`,
      kind: "message",
      timestampMs: atMs,
      opensWindow: true,
      raw: {},
      ...(ad ? { referral: { source: "ADS", adId: "ad-7" } } : {}),
    };
    return windows.recordCustomerActions([action]);
  };

  beforeAll(async () => {
    api = await startApi({
      config,
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics(),
    });
  });
  afterAll(async () => {
    await api.close(1_000);
    await closeRedis(redis);
  });

  it("pages the unanswered conversations by deadline, the same order across pages, none twice", async () => {
    expect((await call("PUT", "/v1/channels/messenger/page-list", UNVERIFIED)).status).toBe(201);
    const now = Date.now();
    const expected: string[] = [];
    for (let i = 0; i < 37; i++) {
      // Customers wrote between 23 h and 1 h ago, in an order unrelated to their ids.
      const at = now - HOUR_MS - ((i * 7919) % 37) * 30 * MINUTE_MS;
      await wrote("page-list", `u${i}`, at);
      expected.push(`${at + DAY_MS}|u${i}`);
    }
    // Closed long ago: not something an agent can still answer.
    await wrote("page-list", "gone", now - 2 * DAY_MS);
    expected.sort();
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const query: string = `state=unanswered&limit=10${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await call("GET", `/v1/channels/messenger/page-list/conversations?${query}`);
      expect(res.status).toBe(200);
      expect(res.body.conversations.length).toBeLessThanOrEqual(10);
      for (const c of res.body.conversations) {
        expect(c.canSend).toEqual({ bot: true, agent: true, template: false });
        seen.push(`${Date.parse(c.standardWindowEndsAt)}|${c.userId}`);
      }
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(expected);
    // Answering takes it off the list: the first conversation's customer writes again later, so the
    // whole list, read again, is unchanged but for that one moving to the end.
    const first = expected[0]?.split("|")[1] ?? "";
    await wrote("page-list", first, now);
    const again = await call(
      "GET",
      "/v1/channels/messenger/page-list/conversations?state=unanswered&limit=200",
    );
    const ids = again.body.conversations.map((c: { userId: string }) => c.userId);
    expect(ids).toEqual([...expected.slice(1).map((e) => e.split("|")[1]), first]);
    expect(again.body.nextCursor).toBeNull();
  });

  it("refuses a bad query, and answers 404 for an unknown channel", async () => {
    const base = "/v1/channels/messenger/page-list/conversations";
    expect((await call("GET", `${base}?state=answered`)).status).toBe(400);
    expect((await call("GET", `${base}?state=unanswered&limit=0`)).status).toBe(400);
    expect((await call("GET", `${base}?state=unanswered&limit=201`)).status).toBe(400);
    const forged = Buffer.from("12.{bad key}").toString("base64url");
    const bad = await call("GET", `${base}?state=unanswered&cursor=${forged}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { path: "cursor", message: "is not a cursor this API returned" },
    ]);
    const unknown = await call("GET", "/v1/channels/messenger/nope/conversations?state=unanswered");
    expect(unknown.status).toBe(404);
  });

  it("shows the ad window on an adsWindow channel, and only there", async () => {
    const put = await call("PUT", "/v1/channels/messenger/page-ads", {
      ...UNVERIFIED,
      adsWindow: true,
    });
    expect(put.body).toMatchObject({ adsWindow: true, humanAgent: false });
    await call("PUT", "/v1/channels/messenger/page-plain", UNVERIFIED);
    const at = Date.now() - 3 * DAY_MS;
    await wrote("page-ads", "cust", at, true);
    await wrote("page-plain", "cust", at, true);
    const ads = await call("GET", "/v1/conversations/messenger/page-ads/cust");
    expect(ads.body).toEqual({
      lastCustomerMessageAt: new Date(at).toISOString(),
      standardWindowEndsAt: new Date(at + 7 * DAY_MS).toISOString(),
      humanAgentWindowEndsAt: null,
      canSend: { bot: true, agent: true, template: false },
      adWindow: true,
    });
    const plain = await call("GET", "/v1/conversations/messenger/page-plain/cust");
    expect(plain.body).toEqual({
      lastCustomerMessageAt: new Date(at).toISOString(),
      standardWindowEndsAt: new Date(at + DAY_MS).toISOString(),
      humanAgentWindowEndsAt: null,
      canSend: { bot: false, agent: false, template: false },
    });
    const list = await call(
      "GET",
      "/v1/channels/messenger/page-ads/conversations?state=unanswered",
    );
    expect(list.body.conversations).toEqual([{ userId: "cust", ...ads.body }]);
  });

  it("shows a scoped key only its channels' worklists", async () => {
    await call("PUT", "/v1/channels/messenger/page-scope-a", UNVERIFIED);
    await call("PUT", "/v1/channels/messenger/page-scope-b", UNVERIFIED);
    await wrote("page-scope-a", "ua", Date.now() - 60_000);
    await wrote("page-scope-b", "ub", Date.now() - 60_000);
    const made = await call("POST", "/v1/keys", {
      name: "worklist reader",
      access: "read",
      channels: ["messenger/page-scope-a"],
    });
    expect(made.status).toBe(201);
    const key = made.body.key as string;
    const list = (channelId: string) =>
      call(
        "GET",
        `/v1/channels/messenger/${channelId}/conversations?state=unanswered`,
        undefined,
        key,
      );
    const own = await list("page-scope-a");
    expect(own.status).toBe(200);
    expect(own.body.conversations.map((c: { userId: string }) => c.userId)).toEqual(["ua"]);
    const other = await list("page-scope-b");
    expect({ status: other.status, code: other.body.error.code }).toEqual({
      status: 404,
      code: "channel_not_found",
    });
  });

  it("refuses adsWindow on WhatsApp", async () => {
    const res = await call("PUT", "/v1/channels/whatsapp/pn-1", {
      accessToken: "t",
      adsWindow: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: "adsWindow", message: "applies to Messenger and Instagram channels only" },
    ]);
  });
});
