import type { ConversationRef } from "@meta-relay/core";
import { startHarness, waitFor, type Harness, type MessageView } from "../testing/outbound-harness";

// product.md 4.3, "Restricted": Meta restricts a page (a policy-enforcement webhook, or error
// 10/1893063 on a send) and the relay sends nothing more into it until the restriction lifts.

const PAGE = "page-restricted";
const TOKEN = "tok-restricted";
const REPLIES = 20;

describe("a restricted page", () => {
  let h: Harness;
  const users = Array.from({ length: 4 }, (_, i) => `psid-r${i}`);
  const conv = (userId: string): ConversationRef => ({
    platform: "messenger",
    channelId: PAGE,
    userId,
  });
  const reply = (userId: string, text: string) =>
    h.send({
      channel: { platform: "messenger", id: PAGE },
      recipient: { id: userId },
      sender: { type: "agent", id: "agent-1" },
      message: { text },
    });
  /** Queues `count` replies round the conversations and waits for every outcome. */
  const replies = async (count: number, label: string): Promise<MessageView[]> => {
    const ids: string[] = [];
    for (let n = 0; n < count; n++)
      ids.push(await reply(users[n % users.length] ?? "", `${label} ${n}`));
    return Promise.all(ids.map((id) => h.waitFinal(id)));
  };
  const sends = () => h.sim.sends.filter((s) => s.channelId === PAGE).length;
  const status = async () => (await h.api("GET", `/v1/channels/messenger/${PAGE}`)).body.status;

  beforeAll(async () => {
    h = await startHarness({ ingress: true });
    await h.channel({ platform: "messenger", channelId: PAGE, accessToken: TOKEN });
    for (const user of users) await h.customerWrote(conv(user), Date.now());
  });
  afterAll(() => h.close());

  it("fails every reply at once with channel_restricted after a block webhook, until unblock", async () => {
    const customers = h.customers;
    if (!customers) throw new Error("the harness runs the ingress");
    const block = await customers.policyEnforcement({
      platform: "messenger",
      channelId: PAGE,
      action: "block",
      reason: "Your Page violated the Messenger Platform policies",
      key: "policy-enforcement",
    });
    expect(block.status).toBe(200);
    await waitFor(
      async () => (await h.channelEvents("channel.restricted")).length === 1,
      10_000,
      "channel.restricted",
    );
    expect((await h.channelEvents("channel.restricted"))[0]?.data).toMatchObject({
      platform: "messenger",
      channelId: PAGE,
      status: "restricted",
      source: "policy_enforcement",
      reason: "Your Page violated the Messenger Platform policies",
    });
    expect(await status()).toBe("restricted");

    const before = sends();
    const outcomes = await replies(REPLIES, "while blocked");
    expect(outcomes.map((m) => [m.status, m.failure?.reason])).toEqual(
      Array.from({ length: REPLIES }, () => ["failed", "channel_restricted"]),
    );
    expect(outcomes[0]?.failure?.message).toMatch(/^Not delivered: Meta has restricted this page/);
    expect(outcomes.every((m) => m.attempts === 0)).toBe(true);
    expect(sends() - before).toBe(0);

    expect(
      (
        await customers.policyEnforcement({
          platform: "messenger",
          channelId: PAGE,
          action: "unblock",
        })
      ).status,
    ).toBe(200);
    await waitFor(
      async () => (await h.channelEvents("channel.unrestricted")).length === 1,
      10_000,
      "channel.unrestricted",
    );
    expect(await status()).toBe("active");
    const [after] = await replies(1, "after unblock");
    expect(after?.status).toBe("sent");
    expect(sends() - before).toBe(1);
  });

  it("does the same when a send comes back with 10/1893063", async () => {
    h.sim.restrict({ platform: "messenger", channelId: PAGE }, true);
    const [first] = await replies(1, "into the restriction");
    expect(first?.status).toBe("failed");
    expect(first?.failure).toMatchObject({ reason: "channel_restricted", meta: { code: 10 } });
    await waitFor(
      async () => (await h.channelEvents("channel.restricted")).length === 2,
      10_000,
      "a second channel.restricted",
    );
    expect((await h.channelEvents("channel.restricted"))[1]?.data).toMatchObject({
      status: "restricted",
      source: "graph_error",
      reason: expect.stringContaining("1893063"),
    });
    const before = sends();
    const outcomes = await replies(REPLIES, "after 1893063");
    expect(outcomes.filter((m) => m.failure?.reason === "channel_restricted")).toHaveLength(
      REPLIES,
    );
    expect(sends() - before).toBe(0);

    // Meta lifts it; the operator reconnects the page (a successful PUT makes it active again).
    h.sim.restrict({ platform: "messenger", channelId: PAGE }, false);
    await h.channel({ platform: "messenger", channelId: PAGE, accessToken: TOKEN });
    await waitFor(
      async () => (await h.channelEvents("channel.unrestricted")).length === 2,
      10_000,
      "channel.unrestricted after PUT",
    );
    const [after] = await replies(1, "after the PUT");
    expect(after?.status).toBe("sent");
    expect(sends() - before).toBe(1);
  });
});

describe("a channel whose token Meta refuses", () => {
  let h: Harness;
  const PAGE_AUTH = "page-auth";
  const send = (text: string) =>
    h.send({
      channel: { platform: "messenger", id: PAGE_AUTH },
      recipient: { id: "psid-a" },
      sender: { type: "bot" },
      message: { text },
    });

  beforeAll(async () => {
    h = await startHarness();
    await h.channel({ platform: "messenger", channelId: PAGE_AUTH, accessToken: "tok-good" });
    await h.customerWrote(
      { platform: "messenger", channelId: PAGE_AUTH, userId: "psid-a" },
      Date.now(),
    );
  });
  afterAll(() => h.close());

  it("goes auth_failed on a 190, fails its next replies fast, and recovers on a PUT", async () => {
    h.sim.inject({ kind: "error", code: 190, match: { channelId: PAGE_AUTH } });
    const first = await h.waitFinal(await send("one"));
    expect(first.failure?.reason).toBe("channel_auth_failed");
    await waitFor(
      async () => (await h.channelEvents("channel.auth_failed")).length === 1,
      10_000,
      "channel.auth_failed",
    );
    expect((await h.api("GET", `/v1/channels/messenger/${PAGE_AUTH}`)).body.status).toBe(
      "auth_failed",
    );
    const calls = h.sim.sends.length;
    const next = await Promise.all(
      [send("two"), send("three")].map(async (id) => h.waitFinal(await id)),
    );
    expect(next.map((m) => m.failure?.reason)).toEqual([
      "channel_auth_failed",
      "channel_auth_failed",
    ]);
    expect(h.sim.sends.length).toBe(calls);
    await h.channel({ platform: "messenger", channelId: PAGE_AUTH, accessToken: "tok-good" });
    expect((await h.api("GET", `/v1/channels/messenger/${PAGE_AUTH}`)).body.status).toBe("active");
    expect((await h.waitFinal(await send("four"))).status).toBe("sent");
  });
});
