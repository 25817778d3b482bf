import { randomBytes } from "node:crypto";
import { describeWindow, type ConversationRef } from "@meta-relay/core";
import { testRedisSettings, uniquePrefix } from "@meta-relay/testkit";
import { createChannelStore } from "./channel-store";
import { closeRedis, createRedis } from "./connection";
import { createDrainStore } from "./drain-store";
import { newMessageId } from "./ids";
import { createKeys } from "./keys";
import { createMessageStore } from "./message-store";
import { DEFAULT_PACING, type Pacing } from "./pacing";
import { createTokenCipher } from "./token-cipher";

describe("createDrainStore", () => {
  const redis = createRedis(testRedisSettings(), { mode: "patient" });
  const keys = createKeys(uniquePrefix());
  const channels = createChannelStore(redis, keys, createTokenCipher(randomBytes(32)));
  const messages = createMessageStore(redis, keys, { retentionMs: 3_600_000 });
  const drain = createDrainStore(redis, keys, { leaseMs: 5_000 });
  let n = 0;
  const conversation = (platform: ConversationRef["platform"] = "messenger"): ConversationRef => ({
    platform,
    channelId: `c${++n}`,
    userId: "u1",
  });
  async function setUp(conv: ConversationRef, count: number) {
    await channels.put({ platform: conv.platform, channelId: conv.channelId, accessToken: "t" });
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = newMessageId();
      ids.push(id);
      await messages.enqueue({
        id,
        ...conv,
        sender: { type: "agent" },
        content: { text: `m${i}` },
      });
    }
    return ids;
  }
  const pacing = (overrides: Partial<Pacing>): Pacing => ({
    ...DEFAULT_PACING.messenger,
    ...overrides,
  });
  afterAll(() => closeRedis(redis));

  it("reads the head, the channel, the window and the clock in one call, and pops only its own head", async () => {
    const conv = conversation();
    const ids = await setUp(conv, 2);
    const lastCustomerMessageAt = Date.now() - 3 * 3_600_000;
    await redis.set(keys.window(conv), String(lastCustomerMessageAt));
    const head = await drain.head(conv, "lease-a", null);
    expect(head).toMatchObject({
      kind: "head",
      message: { id: ids[0], status: "queued" },
      channel: { platform: "messenger", channelId: conv.channelId },
      lastCustomerMessageAt,
    });
    expect(Math.abs(head.now - Date.now())).toBeLessThan(5_000);
    // A stale pop (not the head) changes nothing.
    expect(await drain.head(conv, "lease-a", "msg_not_the_head")).toMatchObject({
      message: { id: ids[0] },
    });
    expect(await drain.head(conv, "lease-a", ids[0] ?? "")).toMatchObject({
      message: { id: ids[1] },
    });
    expect(await drain.head(conv, "lease-a", ids[1] ?? "")).toMatchObject({ kind: "empty" });
    expect(await redis.exists(keys.drainLease(conv))).toBe(0);
  });

  it("keeps a second drainer out while the lease is held", async () => {
    const conv = conversation();
    await setUp(conv, 1);
    await drain.head(conv, "lease-a", null);
    const other = await drain.head(conv, "lease-b", null);
    expect(other.kind).toBe("busy");
    expect(other.kind === "busy" && other.retryInMs).toBeGreaterThan(1_000);
    await drain.release(conv, "lease-b");
    expect((await drain.head(conv, "lease-b", null)).kind).toBe("busy");
    await drain.release(conv, "lease-a");
    expect((await drain.head(conv, "lease-b", null)).kind).toBe("head");
  });

  it("reports a deleted channel and a customer who never wrote", async () => {
    const conv = conversation();
    await setUp(conv, 1);
    await channels.delete(conv);
    expect(await drain.head(conv, "l", null)).toMatchObject({
      kind: "head",
      channel: null,
      lastCustomerMessageAt: null,
    });
  });

  it("writes the sending marker and paces the channel", async () => {
    const conv = conversation();
    const [a, b] = await setUp(conv, 2);
    await drain.head(conv, "l", null);
    const slow = pacing({ perSecond: 1, burst: 1 });
    const send = { messagingType: "RESPONSE" as const, tag: null, pacing: slow };
    expect(await drain.begin(conv, "l", { ...send, id: a ?? "", attempt: 1 })).toMatchObject({
      kind: "go",
    });
    const record = await messages.get(a ?? "");
    expect(record).toMatchObject({
      attempts: 1,
      messagingType: "RESPONSE",
      sending: { attempt: 1 },
    });
    const wait = await drain.begin(conv, "l", { ...send, id: b ?? "", attempt: 1 });
    expect(wait).toMatchObject({ kind: "wait", scope: "channel" });
    expect(wait.kind === "wait" && wait.waitMs).toBeGreaterThan(500);
    expect(await drain.begin(conv, "other", { ...send, id: b ?? "", attempt: 1 })).toEqual({
      kind: "lost",
    });
  });

  it("paces one WhatsApp recipient without holding up another", async () => {
    const conv = conversation("whatsapp");
    const [a, b] = await setUp(conv, 2);
    const other = { ...conv, userId: "u2" };
    const [c] = await setUp(other, 1);
    const pair = {
      ...DEFAULT_PACING.whatsapp,
      perRecipientIntervalMs: 6_000,
      perRecipientBurst: 1,
    };
    const send = { messagingType: "SERVICE" as const, tag: null, pacing: pair, attempt: 1 };
    await drain.head(conv, "l", null);
    await drain.head(other, "l2", null);
    expect((await drain.begin(conv, "l", { ...send, id: a ?? "" })).kind).toBe("go");
    expect(await drain.begin(conv, "l", { ...send, id: b ?? "" })).toMatchObject({
      kind: "wait",
      scope: "recipient",
    });
    expect((await drain.begin(other, "l2", { ...send, id: c ?? "" })).kind).toBe("go");
  });

  it("records acceptance once, with Meta's id indexed", async () => {
    const conv = conversation();
    const [a] = await setUp(conv, 1);
    const id = a ?? "";
    await drain.head(conv, "l", null);
    await drain.begin(conv, "l", {
      id,
      attempt: 1,
      messagingType: "RESPONSE",
      tag: null,
      pacing: pacing({}),
    });
    expect((await drain.settleSent(conv, id, "m_1")).changed).toBe(true);
    expect((await drain.settleSent(conv, id, "m_1")).changed).toBe(false);
    expect(await messages.get(id)).toMatchObject({
      status: "sent",
      metaMessageId: "m_1",
      sending: null,
    });
    expect(await redis.get(keys.metaMessage(conv, "m_1"))).toBe(id);
    expect(await redis.zrange(keys.sentUnread(conv), 0, -1)).toEqual([id]);
  });

  it("pops the settled head in the same trip only for the lease's holder, and frees an emptied mailbox", async () => {
    const conv = conversation();
    const [a, b] = (await setUp(conv, 2)) as [string, string];
    const send = { attempt: 1, messagingType: "RESPONSE" as const, tag: null, pacing: pacing({}) };
    await drain.head(conv, "l", null);
    await drain.begin(conv, "l", { ...send, id: a });
    // Another run's token pops nothing: the next head read does it.
    expect(await drain.settleSent(conv, a, "m_a", "other")).toMatchObject({
      changed: true,
      popped: null,
    });
    expect(await redis.lrange(keys.mailbox(conv), 0, -1)).toEqual([a, b]);
    // Already settled (an echo came first): still popped, one left.
    expect(await drain.settleSent(conv, a, "m_a", "l")).toMatchObject({
      changed: false,
      popped: "more",
    });
    expect(await redis.lrange(keys.mailbox(conv), 0, -1)).toEqual([b]);
    expect(await redis.get(keys.drainLease(conv))).toBe("l");
    // The head is b now: settling a again pops nothing.
    expect((await drain.settleSent(conv, a, "m_a", "l")).popped).toBeNull();
    const head = await drain.head(conv, "l", null);
    expect(head.kind === "head" && head.message.id).toBe(b);
    await drain.begin(conv, "l", { ...send, id: b });
    expect(await drain.settleSent(conv, b, "m_b", "l")).toMatchObject({
      changed: true,
      popped: "empty",
    });
    expect(await redis.exists(keys.mailbox(conv), keys.drainLease(conv))).toBe(0);
    expect(await messages.get(b)).toMatchObject({ status: "sent", metaMessageId: "m_b" });
  });

  it("records failures and retries", async () => {
    const conv = conversation();
    const [a, b] = await setUp(conv, 2);
    const window = describeWindow({
      platform: "messenger",
      humanAgent: false,
      lastCustomerMessageAt: null,
      now: 0,
      marginMs: 0,
    });
    const failure = { reason: "window_closed" as const, message: "Not delivered." };
    expect((await drain.settleFailed(conv, a ?? "", failure, window)).changed).toBe(true);
    expect((await drain.settleFailed(conv, a ?? "", failure, window)).changed).toBe(false);
    expect(await messages.get(a ?? "")).toMatchObject({
      status: "failed",
      failure,
      failureWindow: window,
    });
    const { nextAt: due } = await drain.settleRetry(conv, b ?? "", {
      delayMs: 2_000,
      unknownOutcome: true,
      push: "channel",
      pacing: pacing({}),
    });
    expect(due).toBeGreaterThan(Date.now() + 1_000);
    expect(await messages.get(b ?? "")).toMatchObject({
      status: "queued",
      unknownOutcome: true,
      nextAttemptAt: due,
    });
    // Meta throttled the channel: every conversation of it now waits until then.
    const neighbour = { ...conv, userId: "u9" };
    const [c] = await setUp(neighbour, 1);
    await drain.head(neighbour, "l9", null);
    const begin = await drain.begin(neighbour, "l9", {
      id: c ?? "",
      attempt: 1,
      messagingType: "RESPONSE",
      tag: null,
      pacing: pacing({}),
    });
    expect(begin).toMatchObject({ kind: "wait", scope: "channel" });
  });
});
