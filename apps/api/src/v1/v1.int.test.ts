import { Writable } from "node:stream";
import { loadConfig } from "@meta-relay/config";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { openQueue, OUTBOUND_QUEUE } from "@meta-relay/queues";
import {
  startMetaSimulator,
  testRedisClient,
  testRedisEnv,
  uniquePrefix,
  type MetaSimulator,
} from "@meta-relay/testkit";
import { startApi, type RunningApi } from "../api";

const KEY = "key-aaaaaaaaaaaaaaaa";
const TOKEN = "EAAG-very-secret-page-token-42";
const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString("utf8"));
    done();
  },
});

describe("/v1 agent API", () => {
  const prefix = uniquePrefix();
  let sim: MetaSimulator;
  const configOf = (graphUrl: string) =>
    loadConfig(
      {
        ...testRedisEnv(),
        RELAY_KEY_PREFIX: prefix,
        API_PORT: "0",
        RELAY_API_KEYS: `${KEY},key-bbbbbbbbbbbbbbbb`,
        RELAY_ENCRYPTION_KEY: "c".repeat(64),
        DASHBOARD_USERNAME: "ops",
        DASHBOARD_PASSWORD: "password-1",
        API_BODY_LIMIT_BYTES: "4096",
        LOG_LEVEL: "debug",
        // Connecting a channel checks its token with Meta: the simulated one knows these channels.
        META_GRAPH_URL: graphUrl,
      },
      ["api"],
    );
  const redis = testRedisClient({ maxRetriesPerRequest: null });
  const outbound = openQueue(OUTBOUND_QUEUE, { connection: redis, keyPrefix: prefix });
  let api: RunningApi;
  let base: string;
  const call = async (method: string, path: string, body?: unknown, key: string | null = KEY) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (key !== null) headers.authorization = `Bearer ${key}`;
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(body === undefined
        ? {}
        : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, text };
  };
  const message = (overrides: Record<string, unknown> = {}) => ({
    channel: { platform: "messenger", id: "100" },
    recipient: { id: "psid-1" },
    sender: { type: "agent", id: "agent-7" },
    message: { text: "Your parcel left the warehouse this morning." },
    ...overrides,
  });

  beforeAll(async () => {
    sim = await startMetaSimulator();
    sim.addChannel({ platform: "messenger", channelId: "100", accessToken: TOKEN });
    sim.addChannel({ platform: "messenger", channelId: "util-1", accessToken: TOKEN });
    sim.addChannel({ platform: "messenger", channelId: "later-1", accessToken: TOKEN });
    sim.addChannel({ platform: "whatsapp", channelId: "555", accessToken: TOKEN });
    sim.addChannel({ platform: "instagram", channelId: "ig1", pageId: "900", accessToken: TOKEN });
    api = await startApi({
      config: configOf(sim.graphUrl),
      logger: createLogger({ level: "debug", destination: capture }),
      metrics: createMetrics(),
    });
    base = `http://127.0.0.1:${api.port}`;
  });
  afterAll(async () => {
    await api.close(1_000);
    await sim.close();
    await outbound.obliterate({ force: true });
    await outbound.close();
    await redis.quit();
  });

  it("answers 401 without a key or with a wrong one, on every route", async () => {
    const routes: [string, string][] = [
      ["GET", "/v1/channels"],
      ["PUT", "/v1/channels/messenger/100"],
      ["GET", "/v1/channels/messenger/100"],
      ["DELETE", "/v1/channels/messenger/100"],
      ["POST", "/v1/messages"],
      ["GET", "/v1/messages/msg_0000000000aaaaaaaaaaaaaaaa"],
      ["GET", "/v1/conversations/messenger/100/u1"],
      ["POST", "/v1/keys"],
      ["GET", "/v1/keys"],
      ["DELETE", "/v1/keys/key_00000000000000000000"],
      ["GET", "/v1/nope"],
    ];
    for (const [method, path] of routes) {
      for (const key of [null, "key-wrong-wrong-wrong", `${KEY}x`, ""]) {
        const res = await call(
          method,
          path,
          method === "GET" || method === "DELETE" ? undefined : {},
          key,
        );
        expect({ method, path, key, status: res.status }).toEqual({
          method,
          path,
          key,
          status: 401,
        });
        expect(res.body.error.code).toBe("unauthorized");
      }
    }
    expect((await call("GET", "/v1/channels", undefined, "key-bbbbbbbbbbbbbbbb")).status).toBe(200);
  });

  it("creates (201), updates (200), lists, reads and deletes (204) channels without the token", async () => {
    const created = await call("PUT", "/v1/channels/messenger/100", {
      accessToken: TOKEN,
      name: "Support",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      platform: "messenger",
      channelId: "100",
      humanAgent: false,
      name: "Support",
    });
    const updated = await call("PUT", "/v1/channels/messenger/100", {
      accessToken: TOKEN,
      humanAgent: true,
      pacing: { perSecond: 10 },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ humanAgent: true, pacing: { perSecond: 10, burst: 40 } });
    await call("PUT", "/v1/channels/whatsapp/555", { accessToken: TOKEN });
    const list = await call("GET", "/v1/channels");
    expect(list.body.channels.map((c: { channelId: string }) => c.channelId).sort()).toEqual([
      "100",
      "555",
    ]);
    expect((await call("GET", "/v1/channels/whatsapp/555")).body.platform).toBe("whatsapp");
    expect((await call("DELETE", "/v1/channels/whatsapp/555")).status).toBe(204);
    expect((await call("GET", "/v1/channels/whatsapp/555")).body.error.code).toBe(
      "channel_not_found",
    );
    expect((await call("DELETE", "/v1/channels/whatsapp/555")).status).toBe(404);
    for (const res of [created, updated, list]) expect(res.text).not.toContain(TOKEN);
  });

  it("requires the linked page of an Instagram channel", async () => {
    const res = await call("PUT", "/v1/channels/instagram/ig1", { accessToken: TOKEN });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: "pageId", message: expect.any(String) }]);
    expect(
      (await call("PUT", "/v1/channels/instagram/ig1", { accessToken: TOKEN, pageId: "900" }))
        .status,
    ).toBe(201);
  });

  it("keeps utilityMessages, for Messenger pages only", async () => {
    const page = await call("PUT", "/v1/channels/messenger/util-1", {
      accessToken: TOKEN,
      utilityMessages: true,
    });
    expect(page.status).toBe(201);
    expect(page.body).toMatchObject({ utilityMessages: true, humanAgent: false });
    const plain = await call("PUT", "/v1/channels/messenger/util-1", { accessToken: TOKEN });
    expect(plain.body.utilityMessages).toBe(false);
    for (const platform of ["instagram", "whatsapp"]) {
      const res = await call("PUT", `/v1/channels/${platform}/util-2`, {
        accessToken: TOKEN,
        pageId: "900",
        utilityMessages: true,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        { path: "utilityMessages", message: expect.any(String) },
      ]);
    }
  });

  it("names every offending field in a 400", async () => {
    const bad = await call("POST", "/v1/messages", {
      channel: { platform: "telegram", id: "100" },
      recipient: { id: "has space" },
      sender: { type: "human" },
      message: { text: "" },
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_request");
    const paths = bad.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual([
      "channel.platform",
      "extra",
      "message.text",
      "recipient.id",
      "sender.type",
    ]);
    const both = await call(
      "POST",
      "/v1/messages",
      message({
        message: { text: "a", attachment: { type: "image", url: "https://x.test/a.png" } },
      }),
    );
    expect(both.body.error.details).toEqual([
      { path: "message", message: expect.stringContaining("exactly one") },
    ]);
    const params = await call("PUT", "/v1/channels/fax/{bad}", { accessToken: "x" });
    expect(params.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "channelId",
      "platform",
    ]);
    const token = await call("PUT", "/v1/channels/messenger/101", { accessToken: 5 });
    expect(token.body.error.details).toEqual([
      { path: "accessToken", message: expect.any(String) },
    ]);
    expect((await call("GET", "/v1/messages/not-an-id")).status).toBe(400);
    expect((await call("POST", "/v1/messages", "{")).body.error.code).toBe("invalid_json");
    const notObject = await call("POST", "/v1/messages", [1]);
    expect(notObject.status).toBe(400);
    expect(notObject.body.error.details).toEqual([{ path: "body", message: expect.any(String) }]);
    const empty = await call("POST", "/v1/messages");
    expect(empty.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "channel",
      "message",
      "recipient",
      "sender",
    ]);
  });

  it("refuses a template on Messenger and a body over the limit", async () => {
    const template = await call(
      "POST",
      "/v1/messages",
      message({ message: { template: { name: "t", language: "en_US" } } }),
    );
    expect(template.status).toBe(400);
    expect(template.body.error.details[0].path).toBe("message.template");
    const big = await call(
      "POST",
      "/v1/messages",
      message({ message: { text: "x".repeat(5_000) } }),
    );
    expect(big.status).toBe(413);
  });

  it("queues a message (202), reads it back, and answers 404 for unknown channels and ids", async () => {
    const accepted = await call("POST", "/v1/messages", message());
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ id: expect.stringMatching(/^msg_/), status: "queued" });
    const read = await call("GET", `/v1/messages/${accepted.body.id}`);
    expect(read.body).toEqual({
      id: accepted.body.id,
      status: "queued",
      channel: { platform: "messenger", id: "100" },
      recipient: { id: "psid-1" },
      sender: { type: "agent", id: "agent-7" },
      createdAt: expect.any(String),
      attempts: 0,
    });
    expect(
      await outbound.getJobCountByTypes("waiting", "delayed", "active"),
    ).toBeGreaterThanOrEqual(1);
    const unknown = await call(
      "POST",
      "/v1/messages",
      message({ channel: { platform: "messenger", id: "999" } }),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("channel_not_found");
    expect((await call("GET", "/v1/messages/msg_0000000000aaaaaaaaaaaaaaaa")).body.error.code).toBe(
      "message_not_found",
    );
  });

  it("keeps one drain job per conversation however many replies wait", async () => {
    const conv = { recipient: { id: "psid-drain" } };
    for (let i = 0; i < 5; i++)
      expect((await call("POST", "/v1/messages", message(conv))).status).toBe(202);
    const jobs = await outbound.getJobs(["waiting", "delayed", "active"]);
    expect(jobs.filter((j) => j.data.userId === "psid-drain")).toHaveLength(1);
  });

  it("returns the first message's id for a repeated idempotency key and enqueues nothing", async () => {
    const body = message({ idempotencyKey: "order-42-shipped", recipient: { id: "psid-idem" } });
    const first = await call("POST", "/v1/messages", body);
    const second = await call("POST", "/v1/messages", body);
    const third = await call(
      "POST",
      "/v1/messages",
      message({
        idempotencyKey: "order-42-shipped",
        channel: { platform: "instagram", id: "ig1" },
      }),
    );
    expect(first.status).toBe(202);
    expect(second).toMatchObject({ status: 202, body: { id: first.body.id, status: "queued" } });
    expect(third.body.id).toBe(first.body.id);
    const mailbox = await redis.lrange(`${prefix}:mb:{m:100}:psid-idem`, 0, -1);
    expect(mailbox).toEqual([first.body.id]);
  });

  it("leaves an idempotency key free when its channel does not exist", async () => {
    const body = message({
      idempotencyKey: "order-43-shipped",
      channel: { platform: "messenger", id: "later-1" },
      recipient: { id: "psid-later" },
    });
    const missing = await call("POST", "/v1/messages", body);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("channel_not_found");
    // A template needs the page's record to be judged: its absence is answered the same way.
    const template = await call(
      "POST",
      "/v1/messages",
      message({
        channel: { platform: "messenger", id: "later-1" },
        message: { template: { name: "t", language: "en_US" } },
      }),
    );
    expect(template.body.error.code).toBe("channel_not_found");
    expect(
      (await call("PUT", "/v1/channels/messenger/later-1", { accessToken: TOKEN })).status,
    ).toBe(201);
    const queued = await call("POST", "/v1/messages", body);
    expect(queued.status).toBe(202);
    expect((await call("GET", `/v1/messages/${queued.body.id}`)).body.status).toBe("queued");
    expect(await redis.lrange(`${prefix}:mb:{m:later-1}:psid-later`, 0, -1)).toEqual([
      queued.body.id,
    ]);
  });

  it("describes a conversation's window, and 404s an unknown channel", async () => {
    const never = await call("GET", "/v1/conversations/messenger/100/psid-new");
    expect(never.body).toEqual({
      lastCustomerMessageAt: null,
      standardWindowEndsAt: null,
      humanAgentWindowEndsAt: null,
      canSend: { bot: false, agent: false, template: false },
    });
    const last = Date.now() - 30 * 3600 * 1000;
    await redis.set(`${prefix}:w:{m:100}:psid-late`, String(last));
    const late = await call("GET", "/v1/conversations/messenger/100/psid-late");
    expect(late.body).toEqual({
      lastCustomerMessageAt: new Date(last).toISOString(),
      standardWindowEndsAt: new Date(last + 24 * 3600 * 1000).toISOString(),
      humanAgentWindowEndsAt: new Date(last + 7 * 24 * 3600 * 1000).toISOString(),
      canSend: { bot: false, agent: true, template: false },
    });
    expect((await call("GET", "/v1/conversations/messenger/nope/u")).body.error.code).toBe(
      "channel_not_found",
    );
  });

  it("never logs a token", () => {
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("")).not.toContain(TOKEN);
  });
});
