import { startHarness, type Harness } from "../testing/outbound-harness";

// Per-conversation FIFO on one outbound queue: 5 conversations × 20 replies enqueued at once, ten
// conversations drained in parallel, a fake Meta that is slow at random and fails 20 % of sends.
// With a receiver the head is popped by the next head read, after the event is queued; without one
// the settle pops it: both ways must keep the order.

const CONVERSATIONS = 5;
const REPLIES = 20;

describe.each([
  ["with an events receiver", false],
  ["without an events receiver", true],
])("reply order under failures and delays, %s", (_label, withoutReceiver) => {
  let h: Harness;
  const ids = new Map<string, string[]>();

  beforeAll(async () => {
    // Enough attempts that 20 % transient failures never exhaust a message's budget.
    h = await startHarness({
      outbound: { concurrency: 10 },
      env: { GRAPH_MAX_ATTEMPTS: "20" },
      withoutReceiver,
    });
    await h.channel({ platform: "messenger", channelId: "page-1", accessToken: "tok" });
    await h.channel({ platform: "whatsapp", channelId: "pn-1", accessToken: "tok-w" });
    await h.api("PUT", "/v1/channels/whatsapp/pn-1", {
      accessToken: "tok-w",
      pacing: { perRecipientIntervalMs: null },
    });
    h.sim.chaos({ errorRate: 0.2, minDelayMs: 0, maxDelayMs: 40 });
  });
  afterAll(() => h.close());

  it("delivers each conversation's replies in enqueue order, none lost, none twice", async () => {
    const convs = Array.from({ length: CONVERSATIONS }, (_, i) =>
      i % 2 === 0
        ? ({ platform: "messenger", channelId: "page-1", userId: `u${i}` } as const)
        : ({ platform: "whatsapp", channelId: "pn-1", userId: `1555000${i}` } as const),
    );
    for (const conv of convs) await h.customerWrote(conv, Date.now());
    // All conversations at once; within one, each POST returns before the next (that is the order).
    await Promise.all(
      convs.map(async (conv) => {
        const list: string[] = [];
        ids.set(conv.userId, list);
        for (let n = 0; n < REPLIES; n++) {
          list.push(
            await h.send({
              channel: { platform: conv.platform, id: conv.channelId },
              recipient: { id: conv.userId },
              sender: { type: "agent" },
              message: { text: `reply ${n}` },
            }),
          );
        }
      }),
    );
    const all = [...ids.values()].flat();
    const finals = await Promise.all(all.map((id) => h.waitFinal(id, 120_000)));
    expect(finals.filter((m) => m.status !== "sent")).toEqual([]);
    for (const conv of convs) {
      const accepted = h.sim.sends
        .filter((s) => s.userId === conv.userId && s.outcome === "accepted")
        .map(
          (s) =>
            (s.body as { text?: { body: string }; message?: { text: string } }).message?.text ??
            (s.body as { text: { body: string } }).text.body,
        );
      expect({ user: conv.userId, accepted }).toEqual({
        user: conv.userId,
        accepted: Array.from({ length: REPLIES }, (_, n) => `reply ${n}`),
      });
    }
    const faults = h.sim.sends.filter((s) => s.outcome === "fault").length;
    expect(faults).toBeGreaterThan(0);
  }, 180_000);
});
