import { startHarness, waitFor, type Harness } from "../testing/outbound-harness";

const HOUR = 3_600_000;

describe("outbound behaviour, end to end", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.channel({ platform: "messenger", channelId: "page-1", accessToken: "tok-page-1" });
    await h.channel({ platform: "whatsapp", channelId: "pn-1", accessToken: "tok-pn-1" });
  });
  afterAll(() => h.close());

  const reply = (
    userId: string,
    sender: "agent" | "bot" = "agent",
    channel = "page-1",
    platform = "messenger",
  ) =>
    h.send({
      channel: { platform, id: channel },
      recipient: { id: userId },
      sender: { type: sender },
      message: { text: "Following up on your order." },
    });

  it("unlocks a conversation when the customer writes again after a window_closed", async () => {
    const conv = { platform: "messenger", channelId: "page-1", userId: "u-unlock" } as const;
    await h.customerWrote(conv, Date.now() - 30 * HOUR);
    const refused = await h.waitFinal(await reply(conv.userId));
    expect(refused).toMatchObject({ status: "failed", failure: { reason: "window_closed" } });
    await h.customerWrote(conv, Date.now() - 1_000);
    expect(await h.waitFinal(await reply(conv.userId))).toMatchObject({ status: "sent" });
    expect(h.sim.sends.filter((s) => s.userId === conv.userId)).toHaveLength(1);
  });

  it("applies a humanAgent change to the next reply at 30 h, without a restart", async () => {
    const conv = { platform: "messenger", channelId: "page-1", userId: "u-toggle" } as const;
    await h.customerWrote(conv, Date.now() - 30 * HOUR);
    expect(await h.waitFinal(await reply(conv.userId))).toMatchObject({
      failure: { reason: "window_closed" },
    });
    await h.channel({
      platform: "messenger",
      channelId: "page-1",
      accessToken: "tok-page-1",
      humanAgent: true,
    });
    const tagged = await h.waitFinal(await reply(conv.userId));
    expect(tagged.status).toBe("sent");
    const send = h.sim.sends.find((s) => s.userId === conv.userId);
    expect(send).toMatchObject({
      messagingType: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      outcome: "accepted",
    });
    expect(await h.waitFinal(await reply(conv.userId, "bot"))).toMatchObject({
      failure: { reason: "automated_reply_outside_window" },
    });
    await h.channel({
      platform: "messenger",
      channelId: "page-1",
      accessToken: "tok-page-1",
      humanAgent: false,
    });
    expect(await h.waitFinal(await reply(conv.userId))).toMatchObject({
      failure: { reason: "window_closed" },
    });
  });

  it("uses a rotated token on the next attempt", async () => {
    const conv = { platform: "messenger", channelId: "page-1", userId: "u-rotate" } as const;
    await h.customerWrote(conv, Date.now());
    await h.channel({
      platform: "messenger",
      channelId: "page-1",
      accessToken: "tok-page-1-rotated",
    });
    expect(await h.waitFinal(await reply(conv.userId))).toMatchObject({ status: "sent" });
    expect(h.sim.sends.find((s) => s.userId === conv.userId)?.token).toBe("tok-page-1-rotated");
    await h.channel({ platform: "messenger", channelId: "page-1", accessToken: "tok-page-1" });
  });

  it("fails waiting replies with channel_not_configured when their channel is deleted", async () => {
    await h.channel({ platform: "messenger", channelId: "page-slow", accessToken: "tok-slow" });
    await h.api("PUT", "/v1/channels/messenger/page-slow", {
      accessToken: "tok-slow",
      pacing: { perSecond: 0.2, burst: 1 },
    });
    const conv = { platform: "messenger", channelId: "page-slow", userId: "u-deleted" } as const;
    await h.customerWrote(conv, Date.now());
    const first = await reply(conv.userId, "agent", "page-slow");
    const second = await reply(conv.userId, "agent", "page-slow");
    expect(await h.waitFinal(first)).toMatchObject({ status: "sent" });
    expect((await h.api("DELETE", "/v1/channels/messenger/page-slow")).status).toBe(204);
    const waited = await h.waitFinal(second, 20_000);
    expect(waited).toMatchObject({
      status: "failed",
      failure: { reason: "channel_not_configured" },
    });
    expect(h.sim.sends.filter((s) => s.userId === conv.userId)).toHaveLength(1);
  });

  it("paces a slow channel without holding up another channel", async () => {
    await h.channel({ platform: "messenger", channelId: "page-paced", accessToken: "tok-paced" });
    await h.api("PUT", "/v1/channels/messenger/page-paced", {
      accessToken: "tok-paced",
      pacing: { perSecond: 0.5, burst: 1 },
    });
    const paced = Array.from(
      { length: 4 },
      (_, i) => ({ platform: "messenger", channelId: "page-paced", userId: `p${i}` }) as const,
    );
    for (const conv of paced) await h.customerWrote(conv, Date.now());
    const pacedIds = await Promise.all(paced.map((c) => reply(c.userId, "agent", "page-paced")));
    const fast = { platform: "messenger", channelId: "page-1", userId: "u-fast" } as const;
    await h.customerWrote(fast, Date.now());
    const fastId = await reply(fast.userId);
    expect(await h.waitFinal(fastId)).toMatchObject({ status: "sent" });
    const pacedDone = await Promise.all(pacedIds.map((id) => h.waitFinal(id, 30_000)));
    expect(pacedDone.every((m) => m.status === "sent")).toBe(true);
    const times = h.sim.sends
      .filter((s) => s.channelId === "page-paced")
      .map((s) => s.at)
      .sort((a, b) => a - b);
    // Four sends at one per 2 s take about six seconds; the other channel did not wait for them.
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(5_000);
    const fastAt = h.sim.sends.find((s) => s.userId === fast.userId)?.at ?? Infinity;
    expect(fastAt).toBeLessThan(times.at(-1) ?? 0);
  });

  it("sends to a WhatsApp business-scoped user id with `recipient`", async () => {
    const conv = {
      platform: "whatsapp",
      channelId: "pn-1",
      userId: "US.13491208655302741918",
    } as const;
    await h.customerWrote(conv, Date.now());
    expect(await h.waitFinal(await reply(conv.userId, "bot", "pn-1", "whatsapp"))).toMatchObject({
      status: "sent",
    });
    const send = h.sim.sends.find((s) => s.userId === conv.userId);
    expect(send?.body).toMatchObject({ recipient: conv.userId });
    expect(send?.body).not.toHaveProperty("to");
  });

  it("never writes a token to the log", async () => {
    await waitFor(() => h.logLines.length > 0, 5_000, "log lines");
    const log = h.logLines.join("");
    for (const token of ["tok-page-1", "tok-pn-1", "tok-slow", "tok-paced"])
      expect(log).not.toContain(token);
  });
});
