import { startHarness, type Harness } from "../testing/outbound-harness";

// Sender actions: POST /v1/conversations/{platform}/{channelId}/{userId}/actions goes to Meta at
// once (not through the reply queue) inside the window, and is refused with 409 outside it.

const HOUR = 3_600_000;

describe("sender actions, end to end", () => {
  let h: Harness;
  const action = (platform: string, channelId: string, userId: string, name: string) =>
    h.api("POST", `/v1/conversations/${platform}/${channelId}/${userId}/actions`, {
      action: name,
    });
  const sendsTo = (userId: string) => h.sim.sends.filter((s) => s.userId === userId);

  beforeAll(async () => {
    // The ingress records the window and the latest customer message id, as in production.
    h = await startHarness({ ingress: true });
    await h.channel({
      platform: "messenger",
      channelId: "page-a",
      accessToken: "tok-page-a",
      humanAgent: true,
    });
    await h.channel({
      platform: "instagram",
      channelId: "ig-a",
      accessToken: "tok-ig-a",
      pageId: "page-of-ig-a",
    });
    await h.channel({ platform: "whatsapp", channelId: "pn-a", accessToken: "tok-pn-a" });
  }, 30_000);
  afterAll(() => h.close());

  it("typing_on inside the window reaches Meta at once (within 200 ms), and answers 202", async () => {
    await h.customerWrote(
      { platform: "messenger", channelId: "page-a", userId: "u-typing" },
      Date.now() - HOUR,
    );
    const before = Date.now();
    const res = await action("messenger", "page-a", "u-typing", "typing_on");
    expect(res).toEqual({ status: 202, body: { action: "typing_on", status: "sent" } });
    const [send] = sendsTo("u-typing");
    expect(send).toMatchObject({
      path: "/v26.0/page-a/messages",
      token: "tok-page-a",
      senderAction: "typing_on",
      outcome: "accepted",
      body: { recipient: { id: "u-typing" }, sender_action: "typing_on" },
    });
    // The simulator stamps each call when it arrives.
    expect((send?.at ?? Infinity) - before).toBeLessThan(200);
    expect(
      await h.redis.llen(
        h.keys.mailbox({ platform: "messenger", channelId: "page-a", userId: "u-typing" }),
      ),
    ).toBe(0);
  });

  it("refuses outside the window with 409 and the reason, and sends nothing", async () => {
    // 30 h on a humanAgent page: an agent may still reply, but Meta documents no tag for typing.
    await h.customerWrote(
      { platform: "messenger", channelId: "page-a", userId: "u-late" },
      Date.now() - 30 * HOUR,
    );
    const late = await action("messenger", "page-a", "u-late", "typing_on");
    expect(late.status).toBe(409);
    expect(late.body.error).toEqual({
      requestId: expect.any(String),
      code: "window_closed",
      message: expect.stringMatching(
        /^Not delivered: the customer's last message is older than 24 hours/,
      ),
    });
    const never = await action("messenger", "page-a", "u-never", "mark_seen");
    expect(never.status).toBe(409);
    expect(never.body.error.code).toBe("no_customer_message");
    expect([...sendsTo("u-late"), ...sendsTo("u-never")]).toEqual([]);
  });

  it("Instagram: mark_seen and typing_off through the linked page", async () => {
    await h.customerWrote(
      { platform: "instagram", channelId: "ig-a", userId: "ig-user" },
      Date.now() - HOUR,
    );
    expect((await action("instagram", "ig-a", "ig-user", "mark_seen")).status).toBe(202);
    expect((await action("instagram", "ig-a", "ig-user", "typing_off")).status).toBe(202);
    expect(sendsTo("ig-user").map((s) => [s.path, s.body])).toEqual([
      [
        "/v26.0/page-of-ig-a/messages",
        { recipient: { id: "ig-user" }, sender_action: "mark_seen" },
      ],
      [
        "/v26.0/page-of-ig-a/messages",
        { recipient: { id: "ig-user" }, sender_action: "typing_off" },
      ],
    ]);
  });

  it("WhatsApp: reads and types under the latest message the ingress recorded", async () => {
    const customers = h.customers;
    if (!customers) throw new Error("the harness runs the ingress");
    const who = { platform: "whatsapp" as const, channelId: "pn-a", userId: "15550002222" };
    const first = await customers.message(who, { text: "Hello?", atMs: Date.now() - 5_000 });
    expect(first.status).toBe(200);
    const typing = await action("whatsapp", "pn-a", who.userId, "typing_on");
    expect(typing.status).toBe(202);
    const second = await customers.message(who, { text: "Anyone there?" });
    // An older message arriving late does not take the latest one's place.
    await customers.message(who, { text: "(late copy)", atMs: Date.now() - 60_000 });
    expect((await action("whatsapp", "pn-a", who.userId, "mark_seen")).status).toBe(202);
    expect(sendsTo(who.userId).map((s) => [s.senderAction, s.outcome, s.body])).toEqual([
      [
        "typing_on",
        "accepted",
        {
          messaging_product: "whatsapp",
          status: "read",
          message_id: first.id,
          typing_indicator: { type: "text" },
        },
      ],
      [
        "mark_seen",
        "accepted",
        { messaging_product: "whatsapp", status: "read", message_id: second.id },
      ],
    ]);
  });

  it("WhatsApp has no typing_off: 400 naming the action; unknown channels 404", async () => {
    const off = await action("whatsapp", "pn-a", "15550002222", "typing_off");
    expect(off.status).toBe(400);
    expect(off.body.error.details).toEqual([{ path: "action", message: expect.any(String) }]);
    const bad = await action("messenger", "page-a", "u-typing", "typing_maybe");
    expect(bad.body.error.details).toEqual([{ path: "action", message: expect.any(String) }]);
    expect((await action("messenger", "page-unknown", "u-typing", "typing_on")).status).toBe(404);
  });

  it("Meta's refusal answers 502 with the reason and Meta's sentence", async () => {
    await h.customerWrote(
      { platform: "messenger", channelId: "page-a", userId: "u-token" },
      Date.now() - HOUR,
    );
    h.sim.inject({ kind: "error", code: 190, match: { userId: "u-token" } });
    const res = await action("messenger", "page-a", "u-token", "typing_on");
    expect(res.status).toBe(502);
    expect(res.body.error).toEqual({
      requestId: expect.any(String),
      code: "channel_auth_failed",
      message: expect.stringContaining("access token is invalid or expired"),
    });
  });
});
