import { randomBytes } from "node:crypto";
import { testRedisSettings, uniquePrefix } from "@meta-relay/testkit";
import { createChannelStateStore } from "./channel-state-store";
import { createChannelStore } from "./channel-store";
import { closeRedis, createRedis } from "./connection";
import { createKeys } from "./keys";
import { createTokenCipher } from "./token-cipher";

describe("createChannelStateStore", () => {
  const redis = createRedis(testRedisSettings(), { mode: "patient" });
  const keys = createKeys(uniquePrefix());
  const channels = createChannelStore(redis, keys, createTokenCipher(randomBytes(32)));
  const state = createChannelStateStore(redis, keys);
  afterAll(() => closeRedis(redis));

  it("moves a channel between states once, reporting the same change to every caller", async () => {
    const ref = { platform: "messenger", channelId: "p1" } as const;
    await channels.put({ ...ref, accessToken: "tok" });
    const restrict = {
      to: "restricted",
      restriction: { reason: "(#10) restricted", source: "graph_error" },
    } as const;
    const first = await state.transition(ref, restrict);
    expect(first).toMatchObject({ kind: "changed", status: "restricted", previous: "active" });
    const second = await state.transition(ref, restrict);
    expect(second).toEqual({ ...first, kind: "unchanged" });
    expect(await channels.get(ref)).toMatchObject({
      status: "restricted",
      restriction: { reason: "(#10) restricted", source: "graph_error" },
    });
    // Lifting a restriction leaves an auth failure alone, and the other way round.
    expect(await state.transition(ref, { to: "active", onlyFrom: "auth_failed" })).toMatchObject({
      kind: "unchanged",
      status: "restricted",
    });
    const lifted = await state.transition(ref, { to: "active", onlyFrom: "restricted" });
    expect(lifted).toMatchObject({ kind: "changed", status: "active", previous: "restricted" });
    expect((await channels.get(ref))?.restriction).toBeUndefined();
  });

  it("never creates a channel: unknown ones are reported missing and stay absent", async () => {
    const ref = { platform: "whatsapp", channelId: "nobody" } as const;
    expect(await state.transition(ref, { to: "auth_failed" })).toEqual({ kind: "missing" });
    await state.touchWebhooks([ref], Date.now());
    await state.recordSubscription(ref, { checkedAt: new Date().toISOString(), subscribed: true });
    expect(await redis.exists(keys.channel(ref))).toBe(0);
  });

  it("only raises lastWebhookAt", async () => {
    const ref = { platform: "whatsapp", channelId: "w1" } as const;
    await channels.put({ ...ref, accessToken: "tok" });
    const now = Date.now();
    await state.touchWebhooks([ref], now);
    await state.touchWebhooks([ref], now - 60_000);
    expect((await channels.get(ref))?.lastWebhookAt).toBe(new Date(now).toISOString());
  });

  it("stores a refreshed token unless the channel was reconnected meanwhile", async () => {
    const ref = { platform: "instagram", channelId: "ig1" } as const;
    await channels.put({ ...ref, accessToken: "old", api: "instagram_login" });
    const before = await channels.getStored(ref);
    if (!before) throw new Error("channel missing");
    const expiresAt = Date.now() + 5 * 24 * 3600 * 1000;
    expect(
      await state.replaceToken(ref, before.sealedToken, channels.seal(ref, "new"), expiresAt),
    ).toBe(true);
    const after = await channels.getStored(ref);
    if (!after) throw new Error("channel missing");
    expect(channels.token(after)).toBe("new");
    expect(after.tokenExpiresAt).toBe(new Date(expiresAt).toISOString());
    expect(after.tokenIssuedAtMs).not.toBeNull();
    // A refresh that read the record before a PUT does not overwrite the operator's token.
    expect(
      await state.replaceToken(ref, before.sealedToken, channels.seal(ref, "late"), null),
    ).toBe(false);
    const last = await channels.getStored(ref);
    expect(last && channels.token(last)).toBe("new");
  });
});
