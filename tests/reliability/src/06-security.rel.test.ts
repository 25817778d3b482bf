import { readFileSync } from "node:fs";
import {
  createSimCustomers,
  startMetaSimulator,
  type MetaSimulator,
  type SimCustomerRef,
  type SimCustomers,
} from "@meta-relay/testkit";
import { createApiClient, type ApiClient } from "./support/api-client";
import { createDeployment, type Deployment } from "./support/deployment";
import { startEventsReceiver, type EventsReceiver } from "./support/events-receiver";
import { report } from "./support/figures";
import { startPrivateRedis, type PrivateRedis } from "./support/private-redis";
import { chunked, flood, trickle, type RawOutcome } from "./support/raw-http";
import { startRelayFor, type RelayProcess } from "./support/relay-process";
import { sensitive } from "./support/sensitive";
import { sleep, waitFor } from "./support/wait";

// Replayed webhooks, slow and oversized requests, and credentials, against the built relay.
// (The log audit at the end of the run checks that none of this run's secrets reached a log.)

const DAY_MS = 86_400_000;
const PAGE = "sec-page";

describe("security", () => {
  let redis: PrivateRedis;
  let sim: MetaSimulator;
  let receiver: EventsReceiver;
  let d: Deployment;
  let relay: RelayProcess;
  let api: ApiClient;
  let customers: SimCustomers;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    sim = await startMetaSimulator();
    receiver = await startEventsReceiver();
    d = createDeployment({
      redisUrl: redis.server.url,
      graphUrl: sim.graphUrl,
      events: { url: receiver.url, secret: receiver.secret },
    });
    relay = await startRelayFor(d, "security", ["ingress", "api", "worker"]);
    api = createApiClient(relay.url("api"), d.apiKey);
    customers = createSimCustomers({ ingressUrl: relay.url("ingress"), appSecret: d.appSecret });
    const accessToken = d.newAccessToken();
    sim.addChannel({ platform: "messenger", channelId: PAGE, accessToken });
    await api.putChannel("messenger", PAGE, { accessToken });
  });
  afterAll(async () => {
    await customers?.close();
    await relay?.dispose();
    await receiver?.close();
    await sim?.close();
    await redis?.stop();
  });

  const who = (userId: string): SimCustomerRef => ({
    platform: "messenger",
    channelId: PAGE,
    userId,
  });
  const lastWrote = async (userId: string) =>
    (
      (await api.call("GET", `/v1/conversations/messenger/${PAGE}/${userId}`)).json as {
        lastCustomerMessageAt: string | null;
      }
    ).lastCustomerMessageAt;
  const receivedTotal = () =>
    [...receiver.events.values()].filter((e) => e.type === "message.received").length;

  it("moves no window past a replayed webhook's own time and produces no second event", async () => {
    const text = `${d.textMarker} captured`;
    const older = await customers.message(who("sec-a"), { text, atMs: Date.now() - 3 * DAY_MS });
    const newerAt = Date.now() - 3_600_000;
    await customers.message(who("sec-a"), { text, atMs: newerAt });
    const alone = await customers.message(who("sec-b"), { text, atMs: Date.now() - 2 * DAY_MS });
    const aloneAt = Date.parse((await lastWrote("sec-b")) ?? "");
    await waitFor(() => receivedTotal() === 3, 30_000, "the three original events");
    const replays = [older, older, older, alone, alone, alone];
    const answers = await Promise.all(replays.map((p) => customers.postRaw(p.body)));
    // Past the dedupe horizon, as a replay after its claim expired would look.
    const stale = await customers.message(who("sec-c"), { text, atMs: Date.now() - 9 * DAY_MS });
    await sleep(3_000);
    const moved = [
      (await lastWrote("sec-a")) !== new Date(newerAt).toISOString(),
      Date.parse((await lastWrote("sec-b")) ?? "") !== aloneAt,
      (await lastWrote("sec-c")) !== null,
    ].filter(Boolean).length;
    const secondEvents = receivedTotal() - 3;
    report({
      section: "06 security: replayed webhooks",
      figures: {
        "replays of 3- and 2-day-old webhooks": `${replays.length}, answered ${[...new Set(answers.map((a) => a.status))].join("/")}`,
        "windows moved past a replay's own time": moved,
        "second message.received events": secondEvents,
        "9-day-old replay (past the 8-day dedupe horizon)": `answered ${stale.status}, window ${(await lastWrote("sec-c")) ?? "none"}, event ${receiver.receivedIds(stale.id) > 0 ? "yes" : "none"}`,
      },
    });
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(moved).toBe(0);
    expect(secondEvents).toBe(0);
    expect(receiver.receivedIds(older.id)).toBe(1);
  });

  it("cuts slow clients off at the server's deadlines, and keeps serving others meanwhile", async () => {
    const ingress = relay.ports.ingress;
    const apiPort = relay.ports.api;
    const headers = (path: string) => `POST ${path} HTTP/1.1\r\nHost: relay\r\n`;
    const body = (path: string) =>
      `${headers(path)}Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n`;
    const started = Date.now();
    const healthy: number[] = [];
    const probe = setInterval(() => {
      void fetch(`${relay.url("ingress")}/healthz`).then(
        (r) => healthy.push(r.status),
        () => healthy.push(0),
      );
    }, 1_000);
    const slow = await Promise.all([
      trickle(ingress, headers("/webhooks/meta"), "X", 500),
      trickle(apiPort, headers("/v1/messages"), "X", 500),
      trickle(ingress, body("/webhooks/meta"), "{", 1_000),
      trickle(apiPort, body("/v1/messages"), "{", 1_000),
      trickle(ingress, "", "", 60_000),
      ...Array.from({ length: 50 }, () => trickle(ingress, headers("/webhooks/meta"), "X", 1_000)),
    ]);
    clearInterval(probe);
    const [hIngress, hApi, bIngress, bApi, idle] = slow as [
      RawOutcome,
      RawOutcome,
      RawOutcome,
      RawOutcome,
      RawOutcome,
    ];
    const fmt = (o: RawOutcome) =>
      `${(o.closedAfterMs / 1000).toFixed(1)} s, ${o.statusLine || "no answer"}`;
    const herd = slow.slice(5);
    report({
      section: "06 security: slow clients",
      figures: {
        "headers trickled, ingress": fmt(hIngress),
        "headers trickled, api": fmt(hApi),
        "body trickled, ingress": fmt(bIngress),
        "body trickled, api": fmt(bApi),
        "connection that sends nothing": fmt(idle),
        "50 slow-loris connections at once": `all closed within ${(Math.max(...herd.map((o) => o.closedAfterMs)) / 1000).toFixed(1)} s`,
        "/healthz answered while they hung on": `${healthy.filter((s) => s === 200).length} / ${healthy.length}`,
        total: `${((Date.now() - started) / 1000).toFixed(0)} s`,
      },
    });
    // Headers within 10 s, a whole request within 30 s (checked every second), never minutes.
    for (const o of [hIngress, hApi, ...herd]) expect(o.closedAfterMs).toBeLessThan(20_000);
    for (const o of [bIngress, bApi, idle]) expect(o.closedAfterMs).toBeLessThan(45_000);
    expect(hIngress.statusLine).toBe("HTTP/1.1 408 Request Timeout");
    expect(healthy.every((s) => s === 200)).toBe(true);
  });

  it("refuses oversized requests without reading them to the end", async () => {
    const ingress = relay.ports.ingress;
    const apiPort = relay.ports.api;
    const huge = 512 * 1024 * 1024;
    const webhookHead = (framing: string) =>
      `POST /webhooks/meta HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\n${framing}\r\n\r\n`;
    const declared = await flood(ingress, webhookHead(`Content-Length: ${huge}`), (c) => c, huge);
    const streamed = await flood(ingress, webhookHead("Transfer-Encoding: chunked"), chunked, huge);
    const apiHead = `POST /v1/messages HTTP/1.1\r\nHost: relay\r\nAuthorization: Bearer ${d.apiKey}\r\nContent-Type: application/json\r\n`;
    const apiDeclared = await flood(
      apiPort,
      `${apiHead}Content-Length: ${huge}\r\n\r\n`,
      (c) => c,
      huge,
    );
    const apiBody = await api.call("POST", "/v1/messages", { pad: "x".repeat(300 * 1024) });
    const bigHeader = await fetch(`${relay.url("api")}/v1/channels`, {
      headers: { authorization: `Bearer ${d.apiKey}`, "x-pad": "x".repeat(64 * 1024) },
    }).then(
      (r) => r.status,
      () => 0,
    );
    const fmt = (o: RawOutcome) =>
      `${o.statusLine || "closed"} after ${o.closedAfterMs} ms, ${(o.writtenBytes / 2 ** 20).toFixed(1)} MiB of ${huge / 2 ** 20} MiB written`;
    report({
      section: "06 security: oversized requests",
      figures: {
        "webhook announcing 512 MiB": fmt(declared),
        "webhook streaming 512 MiB (chunked)": fmt(streamed),
        "/v1 body announcing 512 MiB": fmt(apiDeclared),
        "/v1 body of 300 KiB (limit 256 KiB)": apiBody.status,
        "64 KiB header": bigHeader,
      },
    });
    expect(declared.statusLine).toBe("HTTP/1.1 413 Payload Too Large");
    expect(apiDeclared.statusLine).toBe("HTTP/1.1 413 Payload Too Large");
    for (const o of [declared, streamed, apiDeclared])
      expect(o.writtenBytes).toBeLessThan(huge / 4);
    expect(apiBody.status).toBe(413);
    expect(bigHeader).toBe(431);
  });

  it("keeps scoped keys to their channels and access; a second API process drops a deleted key within a second", async () => {
    const other = "sec-other-page";
    // About the relay's own keys, not Meta: the channel is connected without asking Meta.
    await api.putChannel("messenger", other, {
      accessToken: d.newAccessToken(),
      verify: false,
      subscribe: false,
    });
    const createKey = async (access: "send" | "read") => {
      const res = await api.call("POST", "/v1/keys", {
        name: `security ${access}`,
        access,
        channels: [`messenger/${PAGE}`],
      });
      expect(res.status).toBe(201);
      const created = res.json as { id: string; key: string };
      return { id: created.id, key: sensitive("scoped api key", created.key) };
    };
    const send = await createKey("send");
    const read = await createKey("read");
    const message = (channelId: string) => ({
      channel: { platform: "messenger", id: channelId },
      recipient: { id: "sec-scoped" },
      sender: { type: "bot" },
      message: { text: `${d.textMarker} scoped` },
    });
    const code = (json: unknown) => (json as { error?: { code?: string } } | null)?.error?.code;
    const listed = await api.call("GET", "/v1/channels", undefined, send.key);
    const seen = (listed.json as { channels: { channelId: string }[] }).channels.map(
      (c) => c.channelId,
    );
    const own = await api.call("POST", "/v1/messages", message(PAGE), send.key);
    const foreign = await api.call("POST", "/v1/messages", message(other), send.key);
    const readWrite = await api.call("POST", "/v1/messages", message(PAGE), read.key);
    const manage = await api.call("GET", "/v1/keys", undefined, send.key);
    const nearMisses = [
      send.key.slice(0, -1),
      `${send.key}x`,
      send.key.toUpperCase(),
      `${send.key.slice(0, -1)}${send.key.endsWith("A") ? "B" : "A"}`,
    ];
    const missAnswers = await Promise.all(
      nearMisses.map((k) => api.call("GET", "/v1/channels", undefined, k).then((r) => r.status)),
    );
    const traced = await fetch(`${relay.url("api")}/v1/messages`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${send.key}`,
        "content-type": "application/json",
        "x-request-id": "sec-trace-42",
      },
      body: JSON.stringify(message(other)),
    });
    const tracedBody = (await traced.json()) as { error: { requestId?: string } };

    const second = await startRelayFor(d, "security-api-2", ["api"]);
    let refusedAfterMs = Number.NaN;
    try {
      const onSecond = createApiClient(second.url("api"), d.apiKey);
      expect((await onSecond.call("GET", "/v1/channels", undefined, send.key)).status).toBe(200);
      expect((await api.call("GET", "/v1/channels", undefined, send.key)).status).toBe(200);
      const deletedAt = Date.now();
      expect((await api.call("DELETE", `/v1/keys/${send.id}`)).status).toBe(204);
      let status = 200;
      while (status !== 401 && Date.now() - deletedAt < 5_000) {
        status = (await onSecond.call("GET", "/v1/channels", undefined, send.key)).status;
        if (status !== 401) await sleep(10);
      }
      if (status === 401) refusedAfterMs = Date.now() - deletedAt;
    } finally {
      await second.dispose();
    }
    await sleep(500);
    const traceLines = readFileSync(relay.logFile, "utf8")
      .split("\n")
      .filter((l) => l.includes('"requestId":"sec-trace-42"'));
    report({
      section: "06 security: scoped keys",
      figures: {
        "send key on messenger/A: its channel / another / GET /v1/keys": `${own.status} / ${foreign.status} ${code(foreign.json)} / ${manage.status}`,
        "read key writing": `${readWrite.status} ${code(readWrite.json)}`,
        "channels a scoped key lists": seen.join(", "),
        "near misses of a scoped key refused": `${missAnswers.filter((s) => s === 401).length} / ${nearMisses.length}`,
        "deleted key refused by a second API process after": `${refusedAfterMs} ms`,
        "X-Request-Id sec-trace-42: answer / envelope / log lines": `${traced.headers.get("x-request-id")} / ${tracedBody.error.requestId} / ${traceLines.length}`,
      },
    });
    expect(seen).toEqual([PAGE]);
    expect(own.status).toBe(202);
    expect([foreign.status, code(foreign.json)]).toEqual([404, "channel_not_found"]);
    expect([readWrite.status, code(readWrite.json)]).toEqual([403, "forbidden"]);
    expect([manage.status, code(manage.json)]).toEqual([403, "forbidden"]);
    expect(missAnswers.every((s) => s === 401)).toBe(true);
    expect(refusedAfterMs).toBeLessThan(1_000);
    expect(traced.headers.get("x-request-id")).toBe("sec-trace-42");
    expect(tracedBody.error.requestId).toBe("sec-trace-42");
    expect(traceLines.length).toBeGreaterThan(0);
  });

  it("refuses wrong API keys and dashboard credentials of every length", async () => {
    const wrongKeys = [
      ...Array.from({ length: 101 }, (_, n) => "k".repeat(n)),
      d.apiKey.slice(0, -1),
      `${d.apiKey}x`,
      `${d.apiKey.slice(0, -1)}${d.apiKey.endsWith("0") ? "1" : "0"}`,
      d.apiKey.toUpperCase(),
    ].filter((k) => k !== d.apiKey);
    const keyAnswers = await Promise.all(
      wrongKeys.map((k) => api.call("GET", "/v1/channels", undefined, k).then((r) => r.status)),
    );
    const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;
    const { username, password } = d.dashboard;
    const wrongLogins = [
      ...Array.from({ length: 41 }, (_, n) => basic(username, "p".repeat(n))),
      ...Array.from({ length: 41 }, (_, n) => basic("u".repeat(n), password)),
      basic(password, username),
      basic(username, `${password}x`),
      "Basic",
      "",
    ];
    const dashboard = (authorization: string) =>
      fetch(`${relay.url("api")}/admin/queues`, {
        headers: authorization ? { authorization } : {},
      }).then((r) => r.status);
    const loginAnswers = await Promise.all(wrongLogins.map(dashboard));
    const right = await api.call("GET", "/v1/channels");
    const rightLogin = await dashboard(basic(username, password));
    report({
      section: "06 security: credentials",
      figures: {
        "wrong API keys (lengths 0-100, near misses) refused": `${keyAnswers.filter((s) => s === 401).length} / ${wrongKeys.length}`,
        "wrong dashboard logins refused": `${loginAnswers.filter((s) => s === 401).length} / ${wrongLogins.length}`,
        "right key / right login": `${right.status} / ${rightLogin}`,
        "comparison code path":
          "apps/api/src/v1/auth-compare.test.ts (npm test): timingSafeEqual on 32-byte digests, one per key",
      },
    });
    expect(keyAnswers.every((s) => s === 401)).toBe(true);
    expect(loginAnswers.every((s) => s === 401)).toBe(true);
    expect(right.status).toBe(200);
    expect(rightLogin).toBe(200);
  });
});
