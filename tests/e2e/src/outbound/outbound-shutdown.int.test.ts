import { createLogger } from "@meta-relay/observability";
import { startOutboundProcessor } from "@meta-relay/worker";
import { startHarness, TEST_RETRY, waitFor, type Harness } from "../testing/outbound-harness";

describe("outbound processor shutdown", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ noWorker: true });
    await h.channel({ platform: "messenger", channelId: "page-1", accessToken: "tok" });
  });
  afterAll(() => h.close());

  it("stops between messages, hands the conversation back, and the next worker finishes it", async () => {
    const context = {
      config: h.config,
      logger: createLogger({ level: "silent" }),
      metrics: h.metrics,
      redis: h.redis,
    };
    const conv = { platform: "messenger", channelId: "page-1", userId: "u-shutdown" } as const;
    await h.customerWrote(conv, Date.now());
    h.sim.chaos({ minDelayMs: 100, maxDelayMs: 150 });
    const ids: string[] = [];
    for (let n = 0; n < 15; n++) {
      ids.push(
        await h.send({
          channel: { platform: "messenger", id: "page-1" },
          recipient: { id: conv.userId },
          sender: { type: "agent" },
          message: { text: `reply ${n}` },
        }),
      );
    }
    const first = await startOutboundProcessor(context, { retry: TEST_RETRY });
    expect(first.isLive()).toBe(true);
    await waitFor(() => h.sim.sends.length >= 3, 20_000, "three sends");
    await first.close(10_000);
    expect(first.isLive()).toBe(false);
    const sentByFirst = h.sim.sends.length;
    expect(sentByFirst).toBeLessThan(15);
    const records = await Promise.all(ids.map((id) => h.api("GET", `/v1/messages/${id}`)));
    expect(records.filter((r) => r.body.status === "sent")).toHaveLength(sentByFirst);

    const second = await startOutboundProcessor(context, { retry: TEST_RETRY });
    try {
      const finals = await Promise.all(ids.map((id) => h.waitFinal(id, 30_000)));
      expect(finals.every((m) => m.status === "sent")).toBe(true);
      const texts = h.sim.sends.map((s) => (s.body as { message: { text: string } }).message.text);
      expect(texts).toEqual(Array.from({ length: 15 }, (_, n) => `reply ${n}`));
    } finally {
      await second.close(5_000);
    }
  }, 60_000);
});
