import type { ConversationRef } from "@meta-relay/core";
import { startHarness, waitFor, type Harness } from "../testing/outbound-harness";

// Meta's ad window through the whole relay: a customer's first message after a click-to-Messenger
// or click-to-Direct ad arrives as a signed webhook with `referral.source: "ADS"`; a bot replies
// 3 days later. The fake Meta applies the ad window itself, and one page it does not grant.

const DAY = 24 * 3_600_000;
const ADS = { source: "ADS", adId: "6045246247433", ref: "spring" } as const;

describe("the ad window", () => {
  let h: Harness;
  const customers = () => {
    if (!h.customers) throw new Error("the harness runs no ingress");
    return h.customers;
  };
  const botReply = (conv: ConversationRef) =>
    h.send({
      channel: { platform: conv.platform, id: conv.channelId },
      recipient: { id: conv.userId },
      sender: { type: "bot", id: "bot-1" },
      message: { text: "Yes, the jacket is still available in your size." },
    });
  const windowOf = async (conv: ConversationRef) =>
    (await h.api("GET", `/v1/conversations/${conv.platform}/${conv.channelId}/${conv.userId}`))
      .body as Record<string, unknown>;
  const disagreements = async (platform: string) => {
    const metric = await h.metrics.metaDisagreements.get();
    return metric.values.find((v) => v.labels["platform"] === platform)?.value ?? 0;
  };

  beforeAll(async () => {
    h = await startHarness({ ingress: true });
    await h.channel({
      platform: "messenger",
      channelId: "page-ads",
      accessToken: "tok-ads",
      adsWindow: true,
    });
    await h.channel({ platform: "messenger", channelId: "page-plain", accessToken: "tok-plain" });
    await h.channel({
      platform: "instagram",
      channelId: "ig-stingy",
      pageId: "page-ig-stingy",
      accessToken: "tok-stingy",
      adsWindow: true,
      grantsAdWindow: false,
    });
  }, 60_000);
  afterAll(() => h?.close());

  it("lets a bot reply with RESPONSE 3 days after the ad message on an adsWindow page", async () => {
    const conv = { platform: "messenger", channelId: "page-ads", userId: "psid-ad" } as const;
    const at = Date.now() - 3 * DAY;
    expect(
      (await customers().message(conv, { atMs: at, text: "Still available?", referral: ADS }))
        .status,
    ).toBe(200);
    // A later message without the referral never shortens the window.
    expect((await customers().message(conv, { atMs: at + 60_000, text: "Size M" })).status).toBe(
      200,
    );
    expect(await windowOf(conv)).toMatchObject({
      standardWindowEndsAt: new Date(at + 7 * DAY).toISOString(),
      canSend: { bot: true, agent: true },
      adWindow: true,
    });
    const id = await botReply(conv);
    expect((await h.waitFinal(id)).status).toBe("sent");
    const send = h.sim.sends.find((s) => s.userId === conv.userId);
    expect(send).toMatchObject({ outcome: "accepted", messagingType: "RESPONSE" });
  });

  it("refuses the same reply on a page without adsWindow, before calling Meta", async () => {
    const conv = { platform: "messenger", channelId: "page-plain", userId: "psid-plain" } as const;
    await customers().message(conv, { atMs: Date.now() - 3 * DAY, text: "Hi", referral: ADS });
    const done = await h.waitFinal(await botReply(conv));
    expect(done).toMatchObject({ status: "failed", failure: { reason: "window_closed" } });
    expect(h.sim.sends.filter((s) => s.userId === conv.userId)).toEqual([]);
    expect((await windowOf(conv))["adWindow"]).toBeUndefined();
  });

  it("fails window_closed when Meta refuses, counts the disagreement and falls back to 24 hours", async () => {
    const conv = { platform: "instagram", channelId: "ig-stingy", userId: "igsid-ad" } as const;
    const at = Date.now() - 3 * DAY;
    await customers().message(conv, { atMs: at, text: "Price?", referral: ADS });
    expect((await windowOf(conv))["adWindow"]).toBe(true);
    const before = await disagreements("instagram");
    const first = await h.waitFinal(await botReply(conv));
    expect(first).toMatchObject({
      status: "failed",
      failure: { reason: "window_closed", meta: { code: 10 } },
    });
    expect(h.sim.sends.filter((s) => s.userId === conv.userId)).toHaveLength(1);
    await waitFor(
      async () => (await disagreements("instagram")) === before + 1,
      5_000,
      "the count",
    );
    expect(await windowOf(conv)).toEqual({
      lastCustomerMessageAt: new Date(at).toISOString(),
      standardWindowEndsAt: new Date(at + DAY).toISOString(),
      humanAgentWindowEndsAt: null,
      canSend: { bot: false, agent: false, template: false },
    });
    // The relay now decides alone: the next reply fails without asking Meta again.
    const second = await h.waitFinal(await botReply(conv));
    expect(second).toMatchObject({ status: "failed", failure: { reason: "window_closed" } });
    expect(second.failure?.meta).toBeUndefined();
    expect(h.sim.sends.filter((s) => s.userId === conv.userId)).toHaveLength(1);
  });
});
