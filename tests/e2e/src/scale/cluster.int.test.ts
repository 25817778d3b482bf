import type { ConversationRef } from "@meta-relay/core";
import {
  scanKeys,
  startRedisCluster,
  type RedisCluster,
  type SimWebhookEvent,
} from "@meta-relay/testkit";
import type { Cluster } from "ioredis";
import { startHarness, type Harness } from "../testing/outbound-harness";
import {
  buildRelay,
  crossSlotErrors,
  killAll,
  sentCounts,
  startEventsReceiver,
  startWorkerProcess,
  waitFor,
  type EventsReceiver,
  type WorkerProcess,
} from "../testing/worker-processes";

// The whole product on a real 3-master Redis Cluster: the ingress and the API in this process, two
// worker processes started from the build, the fake Meta as Graph API. REDIS_URL points at a port
// where nothing listens, so every role can only have worked through REDIS_CLUSTER_NODES.

const HOUR = 3_600_000;
const EVENTS_SECRET = "events-secret-cluster-0123";
const CONVERSATIONS = 40;
const REPLIES = 5;
const MESSENGER_PAGES = ["page-o0", "page-o1", "page-o2", "page-o3"];
const WHATSAPP_NUMBERS = ["pn-o0", "pn-o1", "pn-o2", "pn-o3"];

type Agent = "agent" | "bot";

/** The text of an accepted send, whichever platform's body it was. */
function textOf(body: unknown): string {
  const b = body as { message?: { text?: string }; text?: { body?: string } };
  return b.message?.text ?? b.text?.body ?? "";
}

describe("meta-relay on a Redis Cluster with two worker processes", () => {
  let cluster: RedisCluster;
  let h: Harness;
  let receiver: EventsReceiver;
  const workers: WorkerProcess[] = [];

  const reply = (conv: ConversationRef, sender: Agent, message: Record<string, unknown>) =>
    h.send({
      channel: { platform: conv.platform, id: conv.channelId },
      recipient: { id: conv.userId },
      sender: { type: sender, id: `${sender}-1` },
      message,
    });
  const customers = () => {
    if (!h.customers) throw new Error("the harness runs no ingress");
    return h.customers;
  };
  const windowOf = async (conv: ConversationRef) => {
    const path = `/v1/conversations/${conv.platform}/${conv.channelId}/${conv.userId}`;
    const res = await h.api("GET", path);
    expect(res.status).toBe(200);
    return (res.body as { lastCustomerMessageAt: string | null }).lastCustomerMessageAt;
  };

  beforeAll(async () => {
    buildRelay();
    cluster = await startRedisCluster(3);
    receiver = await startEventsReceiver(EVENTS_SECRET);
    h = await startHarness({
      noWorker: true,
      ingress: true,
      env: {
        REDIS_URL: "redis://127.0.0.1:1",
        REDIS_CLUSTER_NODES: cluster.seeds,
        EVENTS_WEBHOOK_URL: receiver.url,
        EVENTS_WEBHOOK_SECRET: EVENTS_SECRET,
      },
    });
    const workerEnv = { ...h.env, GRAPH_TIMEOUT_MS: "5000", SHUTDOWN_TIMEOUT_SECONDS: "10" };
    for (const name of ["worker-a", "worker-b"]) {
      workers.push(await startWorkerProcess(name, workerEnv));
    }
    await h.channel({ platform: "messenger", channelId: "page-plain", accessToken: "tok-plain" });
    await h.channel({
      platform: "messenger",
      channelId: "page-ha",
      accessToken: "tok-ha",
      humanAgent: true,
    });
    await h.channel({ platform: "whatsapp", channelId: "pn-1", accessToken: "tok-pn-1" });
    for (const channelId of MESSENGER_PAGES) {
      await h.channel({ platform: "messenger", channelId, accessToken: `tok-${channelId}` });
    }
    for (const channelId of WHATSAPP_NUMBERS) {
      await h.channel({ platform: "whatsapp", channelId, accessToken: `tok-${channelId}` });
    }
  }, 360_000);

  afterAll(async () => {
    await killAll(workers);
    await receiver?.close();
    await h?.close();
    await cluster?.stop();
  });

  it("records windows from signed webhooks, a batch spanning channels in several slots included", async () => {
    // Whole seconds: WhatsApp's timestamps have no milliseconds.
    const at = Math.floor(Date.now() / 1000) * 1000 - 2 * HOUR;
    const messenger = MESSENGER_PAGES.map(
      (channelId, i) => ({ platform: "messenger", channelId, userId: `w${i}` }) as const,
    );
    const whatsapp = WHATSAPP_NUMBERS.map(
      (channelId, i) => ({ platform: "whatsapp", channelId, userId: `1555200000${i}` }) as const,
    );
    // One webhook per platform, each with one entry (or change) per channel, as Meta batches them.
    for (const group of [messenger, whatsapp]) {
      const batch: SimWebhookEvent[] = group.map((who, i) => ({
        kind: "message",
        who,
        text: "hello",
        atMs: at + i * 1_000,
      }));
      expect((await customers().batch(batch)).status).toBe(200);
    }
    for (const [i, conv] of [...messenger, ...whatsapp].entries()) {
      expect(await windowOf(conv)).toBe(new Date(at + (i % 4) * 1_000).toISOString());
    }
    // The windows really are spread over the cluster: more than one master holds some of them.
    const masters = (h.redis as Cluster).nodes("master");
    const pattern = `${h.config.redis.keyPrefix}:w:*`;
    const perMaster = await Promise.all(
      masters.map(async (node) => (await scanKeys(node, pattern)).length),
    );
    expect(perMaster.reduce((sum, n) => sum + n, 0)).toBe(8);
    expect(perMaster.filter((n) => n > 0).length).toBeGreaterThan(1);
  });

  it("applies the decision table: 23 h agent reply sent, 30 h bot reply refused, template sent", async () => {
    const now = Date.now();
    const recent = { platform: "messenger", channelId: "page-plain", userId: "u-23h" } as const;
    const stale = { platform: "messenger", channelId: "page-ha", userId: "u-30h" } as const;
    const stranger = { platform: "whatsapp", channelId: "pn-1", userId: "15550009999" } as const;
    expect((await customers().message(recent, { atMs: now - 23 * HOUR })).status).toBe(200);
    expect((await customers().message(stale, { atMs: now - 30 * HOUR })).status).toBe(200);

    const agentId = await reply(recent, "agent", { text: "Your parcel left this morning." });
    const botId = await reply(stale, "bot", { text: "Anything else?" });
    const templateId = await reply(stranger, "bot", {
      template: { name: "order_update", language: "en_US" },
    });

    expect(["sent", "delivered"]).toContain((await h.waitFinal(agentId, 60_000)).status);
    expect(await h.waitFinal(botId, 60_000)).toMatchObject({
      status: "failed",
      failure: { reason: "automated_reply_outside_window" },
    });
    expect(["sent", "delivered"]).toContain((await h.waitFinal(templateId, 60_000)).status);

    const sendsTo = (userId: string) => h.sim.sends.filter((s) => s.userId === userId);
    expect(sendsTo(recent.userId)).toMatchObject([
      { outcome: "accepted", messagingType: "RESPONSE" },
    ]);
    expect(sendsTo(stale.userId)).toEqual([]);
    expect(sendsTo(stranger.userId)).toMatchObject([{ outcome: "accepted", waType: "template" }]);
    expect(h.sim.refusals()).toBe(0);
    // The workers' events processors delivered the events, signed, from their queue's own slot.
    const delivered = (id: string, type: string) =>
      receiver.events.find((e) => e.type === type && (e.data as { id?: string }).id === id);
    await waitFor(
      () =>
        [
          delivered(agentId, "message.sent"),
          delivered(botId, "message.failed"),
          delivered(templateId, "message.sent"),
        ].every(Boolean),
      30_000,
      "the outbound events to reach the agent platform",
    );
    expect(delivered(botId, "message.failed")?.data).toMatchObject({
      reason: "automated_reply_outside_window",
    });
    expect(receiver.events.filter((e) => e.type === "message.received").length).toBeGreaterThan(0);
    expect(receiver.unsigned).toBe(0);
  }, 120_000);

  it("keeps each conversation's order over 40 conversations × 5 replies, shared by both workers", async () => {
    const convs: ConversationRef[] = Array.from({ length: CONVERSATIONS }, (_, i) => {
      const messenger = i % 2 === 0;
      const channels = messenger ? MESSENGER_PAGES : WHATSAPP_NUMBERS;
      return {
        platform: messenger ? "messenger" : "whatsapp",
        channelId: channels[Math.floor(i / 2) % channels.length] ?? "",
        userId: messenger ? `psid-${i}` : `15551000${String(i).padStart(3, "0")}`,
      };
    });
    const opened = await Promise.all(
      convs.map((conv) => customers().message(conv, { text: "hi", atMs: Date.now() - HOUR })),
    );
    expect(opened.map((post) => post.status)).toEqual(convs.map(() => 200));
    // Meta throttles a few sends (retried after a backoff) and answers slowly at random.
    h.sim.inject({ kind: "error", count: 3 });
    h.sim.chaos({ minDelayMs: 0, maxDelayMs: 30 });
    const acceptedBefore = h.sim.sends.filter((s) => s.outcome === "accepted").length;

    await Promise.all(
      convs.map(async (conv) => {
        for (let n = 0; n < REPLIES; n++) await reply(conv, "agent", { text: `r${n}` });
      }),
    );
    const accepted = () => h.sim.sends.filter((s) => s.outcome === "accepted");
    await waitFor(
      () => accepted().length >= acceptedBefore + CONVERSATIONS * REPLIES,
      120_000,
      "every reply to be accepted by Meta",
    );
    h.sim.chaos(null);

    for (const conv of convs) {
      const texts = accepted()
        .filter((s) => s.userId === conv.userId)
        .map((s) => textOf(s.body));
      expect({ user: conv.userId, texts }).toEqual({
        user: conv.userId,
        texts: Array.from({ length: REPLIES }, (_, n) => `r${n}`),
      });
    }
    expect(h.sim.sends.filter((s) => s.outcome === "fault")).toHaveLength(3);
    expect(h.sim.refusals()).toBe(0);
    // Both processes delivered a share, and together exactly what Meta accepted.
    const perWorker = await sentCounts(workers, accepted().length);
    expect(perWorker.every((n) => n > 0)).toBe(true);
    expect(perWorker.reduce((sum, n) => sum + n, 0)).toBe(accepted().length);
    process.stdout.write(`cluster test: sends per worker process ${perWorker.join(" + ")}\n`);
  }, 180_000);

  it("logs no cross-slot error in any process, and the workers stop cleanly", async () => {
    const codes = await Promise.all(workers.map((w) => w.stop()));
    expect(codes).toEqual([0, 0]);
    for (const worker of workers) {
      expect(worker.output.join("")).toContain("worker started");
      expect({ worker: worker.name, errors: crossSlotErrors(worker.output) }).toEqual({
        worker: worker.name,
        errors: [],
      });
    }
    expect(h.logLines.join("")).toContain("ingress listening");
    expect(crossSlotErrors(h.logLines)).toEqual([]);
  }, 60_000);
});
