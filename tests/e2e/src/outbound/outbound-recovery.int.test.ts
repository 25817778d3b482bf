import { createLogger } from "@meta-relay/observability";
import { createDrainStore, DEFAULT_PACING } from "@meta-relay/store";
import { startOutboundProcessor } from "@meta-relay/worker";
import { startHarness, TEST_RETRY, type Harness } from "../testing/outbound-harness";

// The states a crash leaves behind, resumed by a fresh worker: an answer recorded but the reply not
// yet out of its mailbox (never sent again), and a call made with no answer recorded (sent again,
// and counted as a possible duplicate).

describe("resuming after a crash", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ noWorker: true });
    await h.channel({ platform: "messenger", channelId: "page-1", accessToken: "tok" });
  });
  afterAll(() => h.close());

  it("never calls Meta again for a recorded answer, and re-sends an unanswered call once", async () => {
    const conv = { platform: "messenger", channelId: "page-1", userId: "u-crash" } as const;
    await h.customerWrote(conv, Date.now());
    const send = (text: string) =>
      h.send({
        channel: { platform: "messenger", id: "page-1" },
        recipient: { id: conv.userId },
        sender: { type: "agent" },
        message: { text },
      });
    const answered = await send("answered before the crash");
    const unanswered = await send("in flight at the crash");
    const after = await send("queued behind");
    // What a worker killed at these two points leaves in Redis.
    const drain = createDrainStore(h.redis, h.keys, { leaseMs: 100 });
    const begin = {
      attempt: 1,
      messagingType: "RESPONSE" as const,
      tag: null,
      pacing: DEFAULT_PACING.messenger,
    };
    await drain.head(conv, "dead-worker", null);
    await drain.begin(conv, "dead-worker", { ...begin, id: answered });
    await drain.settleSent(conv, answered, "m_before_crash");
    await drain.release(conv, "dead-worker");
    await drain.head(conv, "dead-worker-2", answered);
    await drain.begin(conv, "dead-worker-2", { ...begin, id: unanswered });
    await drain.release(conv, "dead-worker-2");
    // The answered one is at the head again only if nothing popped it: put it back as a crash would.
    await h.redis.lpush(h.keys.mailbox(conv), answered);

    const worker = await startOutboundProcessor(
      {
        config: h.config,
        logger: createLogger({ level: "silent" }),
        metrics: h.metrics,
        redis: h.redis,
      },
      { retry: TEST_RETRY },
    );
    try {
      const finals = await Promise.all([answered, unanswered, after].map((id) => h.waitFinal(id)));
      expect(finals.map((m) => m.status)).toEqual(["sent", "sent", "sent"]);
      const texts = h.sim.sends.map((s) => (s.body as { message: { text: string } }).message.text);
      expect(texts).toEqual(["in flight at the crash", "queued behind"]);
      expect(finals[0]).toMatchObject({ metaMessageId: "m_before_crash", attempts: 1 });
      expect(finals[1]).toMatchObject({ attempts: 2 });
      expect(await h.redis.llen(h.keys.mailbox(conv))).toBe(0);
      expect(await h.event(answered, "message.sent")).not.toBeNull();
      const resends = await h.metrics.registry.getSingleMetricAsString(
        "relay_outbound_resends_total",
      );
      expect(resends).toContain('relay_outbound_resends_total{platform="messenger"} 1');
    } finally {
      await worker.close(2_000);
    }
  });
});
