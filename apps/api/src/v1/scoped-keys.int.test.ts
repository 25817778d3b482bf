import { Writable } from "node:stream";
import { loadConfig } from "@meta-relay/config";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { OUTBOUND_QUEUE, openQueue } from "@meta-relay/queues";
import { testRedisClient, testRedisEnv, uniquePrefix } from "@meta-relay/testkit";
import { startApi, type RunningApi } from "../api";

// Scoped keys against two API processes on one Redis: what a key scoped to messenger/A may see and
// do, and how fast a deleted key stops working on the other process.

const ADMIN = "admin-key-aaaaaaaaaaaa";
const TOKEN = "EAAG-scoped-test-page-token";
const A = "page-a";
const B = "page-b";
const WA = "wa-1";

interface Answer {
  status: number;
  body: { error?: { code: string; message: string; requestId?: string } } & Record<string, unknown>;
  text: string;
  headers: Headers;
}

describe("scoped API keys", () => {
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  const prefix = uniquePrefix();
  const config = loadConfig(
    {
      ...testRedisEnv(),
      RELAY_KEY_PREFIX: prefix,
      API_PORT: "0",
      RELAY_API_KEYS: ADMIN,
      RELAY_ENCRYPTION_KEY: "d".repeat(64),
      DASHBOARD_USERNAME: "ops",
      DASHBOARD_PASSWORD: "password-1",
    },
    ["api"],
  );
  const redis = testRedisClient({ maxRetriesPerRequest: null });
  const outbound = openQueue(OUTBOUND_QUEUE, { connection: redis, keyPrefix: prefix });
  let first: RunningApi;
  let second: RunningApi;
  const created: string[] = [];

  const callOn =
    (api: () => RunningApi) =>
    async (
      method: string,
      path: string,
      key: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<Answer> => {
      const res = await fetch(`http://127.0.0.1:${api().port}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : {}, text, headers: res.headers };
    };
  const call = callOn(() => first);
  const callSecond = callOn(() => second);

  const newKey = async (access: "send" | "read", channels: string[]) => {
    const res = await call("POST", "/v1/keys", ADMIN, { name: `${access} bot`, access, channels });
    expect(res.status).toBe(201);
    const key = res.body["key"] as string;
    created.push(key);
    return { key, id: res.body["id"] as string };
  };
  const message = (channelId: string) => ({
    channel: { platform: "messenger", id: channelId },
    recipient: { id: "psid-1" },
    sender: { type: "bot", id: "faq" },
    message: { text: "Your parcel left the warehouse." },
  });

  beforeAll(async () => {
    const logger = createLogger({ level: "debug", destination: capture });
    first = await startApi({ config, logger, metrics: createMetrics() });
    second = await startApi({
      config,
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics(),
    });
    for (const [platform, id] of [
      ["messenger", A],
      ["messenger", B],
      ["whatsapp", WA],
    ] as const) {
      // No Meta here: the channels are stored without checking the token or subscribing the app.
      const body = { accessToken: TOKEN, verify: false, subscribe: false };
      expect((await call("PUT", `/v1/channels/${platform}/${id}`, ADMIN, body)).status).toBe(201);
    }
  });
  afterAll(async () => {
    await first.close(1_000);
    await second.close(1_000);
    await outbound.obliterate({ force: true });
    await outbound.close();
    await redis.quit();
  });

  it("creates a key once, lists keys without secrets, and validates the request", async () => {
    const res = await call("POST", "/v1/keys", ADMIN, {
      name: "Team A bot",
      access: "send",
      channels: [`messenger/${A}`, "whatsapp/*"],
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^key_/),
      key: expect.stringMatching(/^mrk_/),
      name: "Team A bot",
      access: "send",
      channels: [`messenger/${A}`, "whatsapp/*"],
      createdAt: expect.any(String),
    });
    created.push(res.body["key"] as string);
    const list = await call("GET", "/v1/keys", ADMIN);
    expect(list.status).toBe(200);
    const listed = (list.body["keys"] as { id: string }[]).find((k) => k.id === res.body["id"]);
    expect(listed).toEqual({ ...res.body, key: undefined });
    expect(list.text).not.toContain(res.body["key"] as string);
    expect(list.text).not.toContain("mrk_");

    const invalid = await call("POST", "/v1/keys", ADMIN, {
      name: "",
      access: "write",
      channels: ["messenger", "telegram/1", "messenger/a b"],
      extra: 1,
    });
    expect(invalid.status).toBe(400);
    expect(
      (invalid.body.error as unknown as { details: { path: string }[] }).details
        .map((d) => d.path)
        .sort(),
    ).toEqual(["access", "channels.0", "channels.1", "channels.2", "extra", "name"]);
    expect(
      (await call("POST", "/v1/keys", ADMIN, { name: "x", access: "read", channels: [] })).status,
    ).toBe(400);
    expect(
      (await call("DELETE", "/v1/keys/key_00000000000000000000", ADMIN)).body.error?.code,
    ).toBe("key_not_found");
  });

  it("lets a send key scoped to messenger/A use A only; B answers as if it did not exist", async () => {
    const { key } = await newKey("send", [`messenger/${A}`]);
    const sent = await call("POST", "/v1/messages", key, message(A));
    expect(sent.status).toBe(202);
    expect((await call("GET", `/v1/messages/${sent.body["id"] as string}`, key)).status).toBe(200);
    expect((await call("GET", `/v1/conversations/messenger/${A}/psid-1`, key)).status).toBe(200);
    expect((await call("GET", `/v1/channels/messenger/${A}`, key)).status).toBe(200);

    const listed = await call("GET", "/v1/channels", key);
    expect((listed.body["channels"] as { channelId: string }[]).map((c) => c.channelId)).toEqual([
      A,
    ]);

    const ofB = await call("POST", "/v1/messages", ADMIN, message(B));
    expect(ofB.status).toBe(202);
    const unknown = await call("GET", "/v1/channels/messenger/page-never-connected", key);
    const refusals = [
      await call("POST", "/v1/messages", key, message(B)),
      await call("GET", `/v1/channels/messenger/${B}`, key),
      await call("GET", `/v1/conversations/messenger/${B}/psid-1`, key),
      await call("GET", `/v1/messages/${ofB.body["id"] as string}`, key),
      await call("PUT", `/v1/channels/messenger/${B}`, key, { accessToken: TOKEN }),
      await call("DELETE", `/v1/channels/messenger/${B}`, key),
      await call("GET", `/v1/channels/whatsapp/${WA}`, key),
    ];
    for (const res of refusals) {
      expect({ status: res.status, code: res.body.error?.code }).toEqual({
        status: 404,
        code: "channel_not_found",
      });
    }
    // The same words as for a channel that was never connected: nothing tells the two apart.
    expect(refusals[1]?.body.error?.message).toBe(
      unknown.body.error?.message.replace("page-never-connected", B),
    );
    expect((await call("GET", `/v1/channels/messenger/${B}`, ADMIN)).status).toBe(200);
  });

  it("gives a read key 403 on every write, and lets it read its channels", async () => {
    const { key } = await newKey("read", [`messenger/${A}`]);
    for (const [method, path, body] of [
      ["POST", "/v1/messages", message(A)],
      ["PUT", `/v1/channels/messenger/${A}`, { accessToken: TOKEN }],
      ["DELETE", `/v1/channels/messenger/${A}`, undefined],
    ] as const) {
      const res = await call(method, path, key, body);
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
        path,
        status: 403,
        code: "forbidden",
      });
    }
    expect((await call("GET", `/v1/channels/messenger/${A}`, key)).status).toBe(200);
    expect((await call("GET", `/v1/conversations/messenger/${A}/psid-1`, key)).status).toBe(200);
  });

  it("scopes a platform wildcard to that platform's channels", async () => {
    const { key } = await newKey("read", ["whatsapp/*"]);
    const listed = await call("GET", "/v1/channels", key);
    expect((listed.body["channels"] as { channelId: string }[]).map((c) => c.channelId)).toEqual([
      WA,
    ]);
    expect((await call("GET", `/v1/channels/messenger/${A}`, key)).status).toBe(404);
  });

  it("refuses key management to scoped keys with 403", async () => {
    const { key, id } = await newKey("send", [`messenger/${A}`, "whatsapp/*"]);
    for (const [method, path, body] of [
      ["POST", "/v1/keys", { name: "mine", access: "send", channels: ["messenger/*"] }],
      ["GET", "/v1/keys", undefined],
      ["DELETE", `/v1/keys/${id}`, undefined],
    ] as const) {
      const res = await call(method, path, key, body);
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
        path,
        status: 403,
        code: "forbidden",
      });
    }
    expect((await call("GET", "/v1/channels", key)).status).toBe(200);
  });

  it("refuses a deleted key on the other API process within a second", async () => {
    const { key, id } = await newKey("send", [`messenger/${A}`]);
    // Both processes have just seen (and cached) the key as valid.
    expect((await call("GET", "/v1/channels", key)).status).toBe(200);
    expect((await callSecond("GET", "/v1/channels", key)).status).toBe(200);
    const deletedAt = Date.now();
    expect((await call("DELETE", `/v1/keys/${id}`, ADMIN)).status).toBe(204);
    expect((await call("GET", "/v1/channels", key)).status).toBe(401);
    let status = 200;
    while (status !== 401 && Date.now() - deletedAt < 2_000) {
      status = (await callSecond("GET", "/v1/channels", key)).status;
      if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const refusedAfterMs = Date.now() - deletedAt;
    process.stdout.write(
      `deleted key refused by the second API process after ${refusedAfterMs} ms\n`,
    );
    expect(status).toBe(401);
    expect(refusedAfterMs).toBeLessThan(1_000);
    expect((await call("DELETE", `/v1/keys/${id}`, ADMIN)).status).toBe(404);
  });

  it("carries X-Request-Id into the answer, the error envelope and the request's log lines", async () => {
    const { key } = await newKey("send", [`messenger/${A}`]);
    const res = await call("POST", "/v1/messages", key, message(B), { "X-Request-Id": "abc-123" });
    expect(res.status).toBe(404);
    expect(res.headers.get("x-request-id")).toBe("abc-123");
    expect(res.body.error?.requestId).toBe("abc-123");
    const sent = await call("POST", "/v1/messages", key, message(A), { "X-Request-Id": "abc-124" });
    expect(sent.headers.get("x-request-id")).toBe("abc-124");
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const of = (id: string) => logged.filter((l) => l["requestId"] === id).map((l) => l["msg"]);
    expect(of("abc-123")).toEqual(["scoped key accepted"]);
    expect(of("abc-124")).toEqual(["scoped key accepted", "message queued"]);
  });

  it("never writes a key or a channel token to the log", () => {
    const all = lines.join("");
    expect(created.length).toBeGreaterThan(5);
    for (const key of [...created, ADMIN, TOKEN]) expect(all).not.toContain(key);
    expect(all).toContain("api key created");
    expect(all).toContain("api key deleted");
  });
});
