import { randomBytes } from "node:crypto";
import { testRedisSettings, uniquePrefix } from "@meta-relay/testkit";
import { createChannelStore } from "./channel-store";
import { closeRedis, createRedis } from "./connection";
import { newMessageId } from "./ids";
import { createKeys } from "./keys";
import { createMessageStore, type NewMessage } from "./message-store";
import { createTokenCipher } from "./token-cipher";

const RETENTION_MS = 7 * 24 * 3600 * 1000;

describe("createMessageStore", () => {
  const redis = createRedis(testRedisSettings(), { mode: "patient" });
  const keys = createKeys(uniquePrefix());
  const channels = createChannelStore(redis, keys, createTokenCipher(randomBytes(32)));
  const messages = createMessageStore(redis, keys, { retentionMs: RETENTION_MS });
  const conv = { platform: "messenger", channelId: "100", userId: "u1" } as const;
  const message = (id = newMessageId()): NewMessage => ({
    id,
    ...conv,
    sender: { type: "agent", id: "agent-7" },
    content: { text: "hello" },
  });
  beforeAll(() => channels.put({ platform: "messenger", channelId: "100", accessToken: "t" }));
  afterAll(() => closeRedis(redis));

  it("records a message, queues it once, and expires both", async () => {
    const first = message();
    expect(await messages.enqueue(first)).toBe("created");
    expect(await messages.enqueue(first)).toBe("exists");
    expect(await redis.lrange(keys.mailbox(conv), 0, -1)).toEqual([first.id]);
    const record = await messages.get(first.id);
    expect(record).toMatchObject({
      id: first.id,
      status: "queued",
      attempts: 0,
      sender: { type: "agent", id: "agent-7" },
      content: { text: "hello" },
      kind: "text",
      sentAt: null,
    });
    expect(record?.createdAt).toBeGreaterThan(Date.now() - 60_000);
    const ttl = await redis.pttl(keys.message(conv, first.id));
    expect(ttl).toBeGreaterThan(RETENTION_MS - 60_000);
    expect(await redis.pttl(keys.mailbox(conv))).toBeGreaterThan(0);
    expect(await redis.pttl(keys.messageIndex(first.id))).toBeGreaterThan(0);
  });

  it("keeps the mailbox in enqueue order", async () => {
    const ids = [newMessageId(), newMessageId(), newMessageId()];
    for (const id of ids) await messages.enqueue(message(id));
    const mailbox = await redis.lrange(keys.mailbox(conv), 0, -1);
    expect(mailbox.slice(-3)).toEqual(ids);
  });

  it("refuses a message for a channel that does not exist", async () => {
    expect(await messages.enqueue({ ...message(), channelId: "nope" })).toBe("channel_missing");
  });

  it("claims an idempotency key once, globally", async () => {
    const key = `order-${Math.random()}`;
    const owner = { id: newMessageId(), platform: "messenger" as const, channelId: "100" };
    expect(await messages.claimIdempotencyKey(key, owner)).toBeNull();
    expect(await messages.claimIdempotencyKey(key, { ...owner, id: newMessageId() })).toEqual(
      owner,
    );
    expect(await messages.get(newMessageId())).toBeNull();
  });

  it("releases an idempotency key only for the message that holds it", async () => {
    const key = `order-${Math.random()}`;
    const owner = { id: newMessageId(), platform: "messenger" as const, channelId: "nope" };
    expect(await messages.claimIdempotencyKey(key, owner)).toBeNull();
    await messages.releaseIdempotencyKey(key, { ...owner, id: newMessageId() });
    expect(await messages.claimIdempotencyKey(key, { ...owner, id: newMessageId() })).toEqual(
      owner,
    );
    await messages.releaseIdempotencyKey(key, owner);
    const next = { ...owner, id: newMessageId(), channelId: "100" };
    expect(await messages.claimIdempotencyKey(key, next)).toBeNull();
    expect(await messages.claimIdempotencyKey(key, owner)).toEqual(next);
  });
});
