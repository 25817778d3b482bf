import { randomBytes } from "node:crypto";
import { testRedisSettings, uniquePrefix } from "@meta-relay/testkit";
import { createChannelStateStore } from "./channel-state-store";
import { createChannelStore } from "./channel-store";
import { closeRedis, createRedis } from "./connection";
import { createKeys } from "./keys";
import { createTokenCipher } from "./token-cipher";

const TOKEN = "EAAG-secret-page-token";

describe("createChannelStore", () => {
  const redis = createRedis(testRedisSettings(), { mode: "patient" });
  const keys = createKeys(uniquePrefix());
  const store = createChannelStore(redis, keys, createTokenCipher(randomBytes(32)));
  afterAll(() => closeRedis(redis));

  it("creates, then updates, keeping the creation time", async () => {
    const first = await store.put({ platform: "messenger", channelId: "100", accessToken: TOKEN });
    expect(first.created).toBe(true);
    expect(first.channel).toMatchObject({
      platform: "messenger",
      channelId: "100",
      humanAgent: false,
      utilityMessages: false,
      name: null,
      pacing: { perSecond: 40 },
    });
    const second = await store.put({
      platform: "messenger",
      channelId: "100",
      accessToken: TOKEN,
      humanAgent: true,
      utilityMessages: true,
      name: "Support",
      pacing: { perSecond: 5 },
    });
    expect(second.created).toBe(false);
    expect(second.channel).toMatchObject({
      humanAgent: true,
      utilityMessages: true,
      name: "Support",
      pacing: { perSecond: 5, burst: 40 },
    });
    expect(second.channel.createdAt).toBe(first.channel.createdAt);
  });

  it("stores the token encrypted and never returns it", async () => {
    await store.put({ platform: "whatsapp", channelId: "200", accessToken: TOKEN });
    const raw = await redis.hgetall(keys.channel({ platform: "whatsapp", channelId: "200" }));
    expect(JSON.stringify(raw)).not.toContain(TOKEN);
    const channel = await store.get({ platform: "whatsapp", channelId: "200" });
    expect(JSON.stringify(channel)).not.toContain(TOKEN);
    expect(channel).not.toHaveProperty("sealedToken");
  });

  it("opens a token for its own channel and sealed text only, however often it is asked", async () => {
    const ref = { platform: "whatsapp" as const, channelId: "201" };
    await store.put({ ...ref, accessToken: TOKEN });
    const stored = await store.getStored(ref);
    if (!stored) throw new Error("channel 201 not stored");
    expect(store.token(stored)).toBe(TOKEN);
    expect(store.token(stored)).toBe(TOKEN);
    // The same sealed text on another channel, or altered, is refused even once it was opened.
    expect(() => store.token({ ...stored, channelId: "202" })).toThrow(
      expect.objectContaining({ code: "token_unreadable" }),
    );
    const altered = `${stored.sealedToken.slice(0, -2)}${stored.sealedToken.endsWith("A") ? "BB" : "AA"}`;
    expect(() => store.token({ ...stored, sealedToken: altered })).toThrow(
      expect.objectContaining({ code: "token_unreadable" }),
    );
    await store.put({ ...ref, accessToken: "rotated-token" });
    const rotated = await store.getStored(ref);
    expect(rotated && store.token(rotated)).toBe("rotated-token");
  });

  it("lists and deletes", async () => {
    await store.put({ platform: "instagram", channelId: "300", accessToken: TOKEN, pageId: "900" });
    const listed = await store.list();
    expect(listed.map((c) => `${c.platform}:${c.channelId}`)).toEqual(
      expect.arrayContaining(["messenger:100", "whatsapp:200", "instagram:300"]),
    );
    expect(listed.find((c) => c.channelId === "300")?.pageId).toBe("900");
    expect(await store.delete({ platform: "instagram", channelId: "300" })).toBe(true);
    expect(await store.delete({ platform: "instagram", channelId: "300" })).toBe(false);
    expect(await store.get({ platform: "instagram", channelId: "300" })).toBeNull();
    expect((await store.list()).some((c) => c.channelId === "300")).toBe(false);
  });

  it("keeps what the relay learnt across a PUT, and a PUT makes a restricted channel active", async () => {
    const ref = { platform: "instagram", channelId: "400" } as const;
    const state = createChannelStateStore(redis, keys);
    await store.put({ ...ref, accessToken: TOKEN, api: "instagram_login", tokenIssuedAtMs: 5_000 });
    const subscription = {
      checkedAt: new Date().toISOString(),
      subscribed: true,
      fields: ["messages"],
    };
    await state.recordSubscription(ref, subscription);
    await state.touchWebhooks([ref], Date.now());
    await state.transition(ref, {
      to: "restricted",
      restriction: { reason: "spam", source: "policy_enforcement" },
    });
    const restricted = await store.get(ref);
    expect(restricted).toMatchObject({
      status: "restricted",
      api: "instagram_login",
      restriction: { reason: "spam", source: "policy_enforcement" },
      subscription,
    });
    const again = await store.put({ ...ref, accessToken: TOKEN, api: "instagram_login" });
    expect(again.statusBefore).toBe("restricted");
    expect(again.channel.status).toBe("active");
    expect(again.channel.restriction).toBeUndefined();
    expect(again.channel.subscription).toEqual(subscription);
    expect(again.channel.lastWebhookAt).toBe(restricted?.lastWebhookAt);
    const stored = await store.getStored(ref);
    expect(stored).toMatchObject({ tokenIssuedAtMs: 5_000, previousStatus: "restricted" });
  });
});
