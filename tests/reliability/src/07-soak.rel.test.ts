import { EVENTS_QUEUE } from "@meta-relay/queues";
import {
  createSimCustomers,
  startMetaSimulator,
  type MetaSimulator,
  type SimCustomerRef,
  type SimCustomers,
} from "@meta-relay/testkit";
import { createApiClient, type ApiClient } from "./support/api-client";
import { createDeployment, type Deployment } from "./support/deployment";
import { startEventsReceiver, type EventsReceiver } from "./support/events-receiver";
import { mib, percent, report } from "./support/figures";
import { memoryGrowth, sampleMemory } from "./support/memory-sampler";
import { deliverUntilAccepted } from "./support/meta-delivery";
import { metricSamples, metricValue } from "./support/metrics";
import { startPaced } from "./support/paced";
import { startPrivateRedis, type PrivateRedis } from "./support/private-redis";
import { measureFootprint, type Footprint } from "./support/redis-footprint";
import { startRelayFor, type RelayProcess } from "./support/relay-process";
import { runSettings } from "./support/run-settings";
import { mapLimit, sleep, waitFor } from "./support/wait";

// A steady 300 webhooks/s and 100 replies/s against the relay (an ingress+api process and a worker
// process), for `--minutes N` (default 5): zero errors, and after the warm-up each process's memory
// and Redis's working set stay flat (growth under 10 %). Each is judged by its floor, as a leak lifts
// it: a process by its live heap (its old generation) and by its memory outside the V8 heap (its RSS
// also rises while V8 reserves more heap before a major GC, and is reported), Redis by the bytes of
// its working set (jobs waiting for a moment, a backlog the worker catches up on, raise single
// readings, not the floor).

const WEBHOOKS_PER_S = 300;
const REPLIES_PER_S = 100;
const CHANNELS = [
  { platform: "messenger", channelId: "soak-page-1" },
  { platform: "messenger", channelId: "soak-page-2" },
  { platform: "messenger", channelId: "soak-page-3" },
  { platform: "instagram", channelId: "soak-ig", pageId: "soak-page-1" },
] as const;
const PER_CHANNEL = 500;
// The load itself, the first messages of 2 000 customers, and the drain waits (180 s + 120 s): a run
// that falls behind then ends in its report and its assertions, not in jest's default timeout.
const TEST_TIMEOUT_MS = runSettings().soakMinutes * 60_000 + 8 * 60_000;

interface Sample {
  atS: number;
  webhooks: number;
  replies: number;
  frontRss: number;
  workerRss: number;
  frontLagMs: number;
  workerLagMs: number;
  redis: number;
  /** Events waiting for delivery: a backlog that grows means the relay falls behind. */
  eventsWaiting: number;
  /** Bytes of Redis's working set (queues, jobs, streams, mailboxes), read after the warm-up. */
  working: number | null;
}

describe("soak", () => {
  let redis: PrivateRedis;
  let sim: MetaSimulator;
  let receiver: EventsReceiver;
  let d: Deployment;
  let front: RelayProcess;
  let worker: RelayProcess;
  let api: ApiClient;
  let customers: SimCustomers;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    sim = await startMetaSimulator();
    receiver = await startEventsReceiver();
    d = createDeployment({
      redisUrl: redis.server.url,
      graphUrl: sim.graphUrl,
      events: { url: receiver.url, secret: receiver.secret },
      // A production deployment's level: at debug the worker writes a line per event delivered,
      // which costs the worker a tenth of a core here. The other tests' debug lines keep the log
      // audit covering every line the relay can write.
      extra: { LOG_LEVEL: "info" },
    });
    // Two processes of the same build, as a deployment scales them: the Meta- and agent-facing
    // roles, and the worker (one Node process uses one core; this machine has two).
    front = await startRelayFor(d, "soak-front", ["ingress", "api"]);
    worker = await startRelayFor(d, "soak-worker", ["worker"]);
    api = createApiClient(front.url("api"), d.apiKey);
    customers = createSimCustomers({
      ingressUrl: front.url("ingress"),
      appSecret: d.appSecret,
      simulator: sim,
      timeoutMs: 20_000,
    });
    for (const channel of CHANNELS) {
      const accessToken = d.newAccessToken();
      sim.addChannel({ ...channel, accessToken });
      await api.putChannel(channel.platform, channel.channelId, {
        accessToken,
        ...("pageId" in channel ? { pageId: channel.pageId } : {}),
      });
    }
  });
  afterAll(async () => {
    await customers?.close();
    await worker?.dispose();
    await front?.dispose();
    await receiver?.close();
    await sim?.close();
    await redis?.stop();
  });

  it(
    "runs with zero errors and flat memory",
    async () => {
      const minutes = runSettings().soakMinutes;
      const durationMs = minutes * 60_000;
      const warmUpMs = Math.min(60_000, durationMs / 5);
      const pool: SimCustomerRef[] = CHANNELS.flatMap((c) =>
        Array.from({ length: PER_CHANNEL }, (_, i) => ({
          platform: c.platform,
          channelId: c.channelId,
          userId: `${c.channelId}-u${i}`,
        })),
      );
      // Every customer writes once first, so that every reply has an open window.
      await mapLimit(pool, 32, (to) =>
        deliverUntilAccepted(customers, () =>
          customers.message(to, { text: `${d.textMarker} hello` }),
        ),
      );

      const errors = { webhooks: new Map<string, number>(), replies: new Map<string, number>() };
      const count = (into: Map<string, number>, what: string) =>
        into.set(what, (into.get(what) ?? 0) + 1);
      // Meta ids of customer messages; postbacks and reactions get ids derived by the relay.
      const messages: string[] = [];
      let otherActions = 0;
      const replyIds: string[] = [];
      const pick = (n: number) => pool[(n * 7919) % pool.length] as SimCustomerRef;
      const webhooks = startPaced(WEBHOOKS_PER_S, async (n) => {
        const to = pick(n);
        const kind = to.platform === "messenger" ? n % 20 : 3 + (n % 17);
        try {
          const post =
            kind === 0
              ? await customers.read(to, { ids: [] })
              : kind === 1
                ? await customers.postback(to, {
                    payload: `p${n}`,
                    title: `${d.textMarker} button`,
                  })
                : kind === 2
                  ? await customers.react(to, { to: `m_soak_${n}`, emoji: "👍" })
                  : await customers.message(to, { text: `${d.textMarker} soak ${n}` });
          if (post.status !== 200) count(errors.webhooks, `HTTP ${post.status}`);
          else if (kind >= 3) messages.push(post.id);
          else if (kind !== 0) otherActions += 1;
        } catch (err) {
          count(errors.webhooks, String((err as Error).cause ?? err));
        }
      });
      const replies = startPaced(REPLIES_PER_S, async (n) => {
        const to = pick(n * 13 + 1);
        try {
          const res = await api.call("POST", "/v1/messages", {
            channel: { platform: to.platform, id: to.channelId },
            recipient: { id: to.userId },
            sender: { type: n % 2 === 0 ? "agent" : "bot" },
            message: { text: `${d.textMarker} reply ${n}` },
          });
          if (res.status === 202) replyIds.push((res.json as { id: string }).id);
          else count(errors.replies, `HTTP ${res.status}`);
        } catch (err) {
          count(errors.replies, String((err as Error).cause ?? err));
        }
      });

      const started = Date.now();
      const samples: Sample[] = [];
      const progress = () => webhooks.launched();
      const memory = {
        front: sampleMemory(front, "api", progress, 2_000),
        worker: sampleMemory(worker, "worker", progress, 2_000),
      };
      let warm: Footprint | null = null;
      let last: Footprint | null = null;
      while (Date.now() - started < durationMs) {
        await sleep(Math.min(10_000, durationMs - (Date.now() - started)));
        const [f, w] = await Promise.all([front.metrics("api"), worker.metrics("worker")]);
        const warmedUp = Date.now() - started >= warmUpMs;
        const working = warmedUp
          ? (await measureFootprint(redis.client, d.prefix, { sizeRetained: false })).working.bytes
          : null;
        samples.push({
          working,
          atS: Math.round((Date.now() - started) / 1000),
          webhooks: webhooks.launched(),
          replies: replies.launched(),
          frontRss: metricValue(f, "relay_process_resident_memory_bytes"),
          workerRss: metricValue(w, "relay_process_resident_memory_bytes"),
          frontLagMs: metricValue(f, "relay_nodejs_eventloop_lag_p99_seconds") * 1000,
          workerLagMs: metricValue(w, "relay_nodejs_eventloop_lag_p99_seconds") * 1000,
          redis: await redis.usedMemory(),
          eventsWaiting: metricValue(f, "relay_queue_jobs", {
            queue: EVENTS_QUEUE,
            state: "waiting",
          }),
        });
        if (!warm && warmedUp) warm = await measureFootprint(redis.client, d.prefix);
        if (durationMs - (Date.now() - started) < 10_000 && !last)
          last = await measureFootprint(redis.client, d.prefix);
      }
      last ??= await measureFootprint(redis.client, d.prefix);
      memory.front.stop();
      memory.worker.stop();
      const loadSeconds = (Date.now() - started) / 1000;
      await Promise.all([webhooks.stop(), replies.stop()]);

      // Drain: every reply sent, every customer action delivered to the agent platform.
      await waitFor(
        () => replyIds.every((id) => receiver.outcome(id) !== null),
        180_000,
        "an outcome event for every reply",
      ).catch(() => undefined);
      const notSent = replyIds.filter((id) => receiver.outcome(id)?.type !== "message.sent");
      const receivedEvents = () =>
        [...receiver.events.values()].filter((e) => e.type === "message.received").length;
      const expectedReceived = pool.length + messages.length + otherActions;
      await waitFor(
        () => receivedEvents() >= expectedReceived,
        120_000,
        "every message.received",
      ).catch(() => undefined);
      const undelivered = messages.filter((id) => receiver.receivedIds(id) !== 1);
      const metrics = await worker.metrics("worker");
      const http5xx = metricSamples(await front.metrics("api"), "relay_http_requests_total")
        .filter((s) => (s.labels.status ?? "").startsWith("5"))
        .reduce((sum, s) => sum + s.value, 0);
      const eventsFailed = metricSamples(metrics, "relay_events_total")
        .filter((s) => s.labels.outcome?.startsWith("failed"))
        .reduce((sum, s) => sum + s.value, 0);
      const eventsRetried = metricValue(metrics, "relay_events_total", { outcome: "retried" });

      const after = samples.filter((s) => s.atS * 1000 >= warmUpMs);
      // The first and the last third after the warm-up.
      const third = Math.max(1, Math.floor(after.length / 3));
      const head = after.slice(0, third);
      const tail = after.slice(-third);
      const frontMemory = memoryGrowth(memory.front.samples);
      const workerMemory = memoryGrowth(memory.worker.samples);
      const floor = (xs: Sample[]) =>
        Math.min(...xs.map((x) => x.working ?? Number.POSITIVE_INFINITY));
      const working = { from: floor(head), to: floor(tail) };
      const workingGrowth = working.to / working.from - 1;
      const errorCount = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
      report({
        section: `07 soak: ${WEBHOOKS_PER_S} webhooks/s + ${REPLIES_PER_S} replies/s for ${minutes} min`,
        figures: {
          "offered load": `${webhooks.launched()} webhooks (${(webhooks.launched() / loadSeconds).toFixed(0)}/s), ${replies.launched()} replies (${(replies.launched() / loadSeconds).toFixed(0)}/s) in ${loadSeconds.toFixed(0)} s`,
          "most requests in flight": `webhooks ${webhooks.maxInFlight()}, replies ${replies.maxInFlight()}`,
          "webhook errors": `${errorCount(errors.webhooks)} ${[...errors.webhooks].map(([w, n]) => `${w} ×${n}`).join("; ")}`,
          "reply errors (not 202)": `${errorCount(errors.replies)} ${[...errors.replies].map(([w, n]) => `${w} ×${n}`).join("; ")}`,
          "replies not sent": notSent.length,
          "customer messages without their event": undelivered.length,
          "message.received events / customer actions": `${receivedEvents()} / ${expectedReceived}`,
          "relay 5xx answers": http5xx,
          "events given up / retried": `${eventsFailed} / ${eventsRetried}`,
          "Meta refusals (rules broken)": sim.refusals(),
          "relay crashes": front.crashes.length + worker.crashes.length,
          "warm-up": `${warmUpMs / 1000} s`,
          ...memoryFigures("ingress+api", frontMemory),
          ...memoryFigures("worker", workerMemory),
          "Redis used_memory after warm-up → end": `${mib(warm?.usedMemory ?? 0)} → ${mib(last.usedMemory)}`,
          "Redis working set floor, first → last third after warm-up": `${mib(working.from)} → ${mib(working.to)} (${percent(working.to - working.from, working.from)})`,
          "Redis working set (queues, jobs, streams, mailboxes)": `${warm?.working.keys ?? 0} keys ${mib(warm?.working.bytes ?? 0)} → ${last.working.keys} keys ${mib(last.working.bytes)} (${percent(last.working.bytes - (warm?.working.bytes ?? 0), warm?.working.bytes ?? 1)})`,
          "Redis retained records (TTL 7-8 days, by design)": `${warm?.retained.keys ?? 0} keys ${mib(warm?.retained.bytes ?? 0)} → ${last.retained.keys} keys ${mib(last.retained.bytes)}`,
          ...Object.fromEntries(
            Object.entries(last.working.byShape)
              .sort(([, a], [, b]) => b.bytes - a.bytes)
              .slice(0, 6)
              .map(([shape, v]) => [
                `  ${shape}`,
                `${v.keys} keys ${mib(v.bytes)} (after warm-up: ${warm?.working.byShape[shape]?.keys ?? 0} keys ${mib(warm?.working.byShape[shape]?.bytes ?? 0)})`,
              ]),
          ),
          ...Object.fromEntries(
            Object.entries(last.retained.byClass).map(([k, v]) => [
              `  ${k}`,
              `${v.keys} keys, ${(v.bytes / Math.max(1, v.keys)).toFixed(0)} B each`,
            ]),
          ),
        },
        table: {
          header: [
            "s",
            "webhooks",
            "replies",
            "ingress+api RSS MiB",
            "worker RSS MiB",
            "loop lag p99 ms (i+a / w)",
            "Redis MiB",
            "working set MiB",
            "events waiting",
          ],
          rows: samples.map((s) => [
            s.atS,
            s.webhooks,
            s.replies,
            (s.frontRss / 2 ** 20).toFixed(1),
            (s.workerRss / 2 ** 20).toFixed(1),
            `${s.frontLagMs.toFixed(0)} / ${s.workerLagMs.toFixed(0)}`,
            (s.redis / 2 ** 20).toFixed(1),
            s.working === null ? "" : (s.working / 2 ** 20).toFixed(2),
            s.eventsWaiting,
          ]),
        },
      });
      expect(errorCount(errors.webhooks)).toBe(0);
      expect(errorCount(errors.replies)).toBe(0);
      expect(notSent.slice(0, 5)).toEqual([]);
      expect(undelivered.slice(0, 5)).toEqual([]);
      expect(receivedEvents()).toBe(expectedReceived);
      expect(http5xx).toBe(0);
      expect(eventsFailed).toBe(0);
      expect([...front.crashes, ...worker.crashes]).toEqual([]);
      for (const m of [frontMemory, workerMemory]) {
        expect(m.heap.to / m.heap.from - 1).toBeLessThan(0.1);
        expect(m.outsideHeap.to / m.outsideHeap.from - 1).toBeLessThan(0.1);
      }
      expect(workingGrowth).toBeLessThan(0.1);
    },
    TEST_TIMEOUT_MS,
  );
});

/** The report's lines of one process's memory: each floor after the warm-up → in the second half. */
function memoryFigures(name: string, m: ReturnType<typeof memoryGrowth>): Record<string, string> {
  const line = (g: { from: number; to: number }) =>
    `${mib(g.from)} → ${mib(g.to)} (${percent(g.to - g.from, g.from)})`;
  return {
    [`${name}: live heap (old generation) floor, after warm-up → second half`]: line(m.heap),
    [`${name}: outside the V8 heap, floor`]: line(m.outsideHeap),
    [`${name}: RSS floor (reported only)`]: line(m.rss),
  };
}
