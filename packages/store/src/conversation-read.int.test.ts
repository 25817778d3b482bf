import { randomBytes } from "node:crypto";
import { testRedisSettings, uniquePrefix } from "@meta-relay/testkit";
import { createChannelStore } from "./channel-store";
import { closeRedis, createRedis } from "./connection";
import { readConversation } from "./conversation-read";
import { createKeys } from "./keys";
import { createTokenCipher } from "./token-cipher";
import { createWindowStore } from "./window-store";

describe("readConversation", () => {
  const redis = createRedis(testRedisSettings(), { mode: "patient" });
  const keys = createKeys(uniquePrefix());
  const cipher = createTokenCipher(randomBytes(32));
  const channels = createChannelStore(redis, keys, cipher);
  const windows = createWindowStore(redis, keys);
  const conv = { platform: "whatsapp" as const, channelId: "pn-1", userId: "15550001" };
  afterAll(() => closeRedis(redis));

  it("reads nothing for an unknown channel and conversation, with Redis's clock", async () => {
    const before = Date.now();
    const read = await readConversation(redis, keys, conv);
    expect(read).toMatchObject({
      channel: null,
      lastCustomerMessageAt: null,
      lastCustomerMetaMessageId: null,
    });
    expect(Math.abs(read.now - before)).toBeLessThan(5_000);
  });

  it("reads the channel (token sealed), the window and the latest message id at once", async () => {
    await channels.put({ ...conv, accessToken: "tok-secret" });
    const at = Date.now() - 60_000;
    await windows.recordCustomerActions([
      {
        ...conv,
        userIds: [conv.userId],
        metaMessageId: "wamid.LATEST",
        timestampMs: at,
        opensWindow: true,
      },
    ]);
    const read = await readConversation(redis, keys, conv);
    expect(read.lastCustomerMessageAt).toBe(at);
    expect(read.lastCustomerMetaMessageId).toBe("wamid.LATEST");
    expect(read.channel).toMatchObject({ platform: "whatsapp", channelId: "pn-1" });
    expect(read.channel && channels.token(read.channel)).toBe("tok-secret");
  });
});
