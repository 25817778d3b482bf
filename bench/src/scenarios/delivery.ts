import { startMetaSimulator, type MetaSimulator } from "@meta-relay/testkit";
import { Queue } from "bullmq";
import type { BenchRedis } from "../bench-redis";
import { startChild, type ChildServer } from "../child";
import { CostRecorder, describeCpu, type CostProfile } from "../cost";
import { runLoad } from "../load";
import { runPaced } from "../paced";
import { productEnv, type BenchSettings } from "../settings";
import { median, percentile, round } from "../stats";
import { countDeliveryTrips, type TripCount } from "./delivery-trips";
import {
  prepareDeliveryWorld,
  replyRequest,
  SendTracker,
  type BenchConversation,
} from "./delivery-world";

export interface DeliveryFigures {
  /** Replies delivered to the Graph API per second, from the first POST to the last send. */
  messagesPerSec: number;
  /** Jobs per second of a no-op BullMQ worker with the same concurrency on the same Redis. */
  baselineJobsPerSec: number;
  ratio: number;
  /** POST /v1/messages answered 202 per second during the saturation rounds. */
  apiAcceptedPerSec: number;
  apiP99Ms: number;
  /** The fixed offered load of the latency rounds (replies/s). */
  offeredPerSec: number;
  /** Enqueue (POST sent) → Graph API request, at `offeredPerSec`. */
  p50Ms: number;
  p99Ms: number;
  /** Graph sends not accepted plus POSTs not answered 202, over every round (should be 0). */
  errors: number;
  conversations: number;
  /** Where the time went in the saturation rounds, per reply. */
  cost: CostProfile;
  /** The same for the no-op baseline, per job. */
  baselineCost: CostProfile;
  /** Redis round trips per reply, by process, counted with MONITOR at a gentle rate. */
  trips: TripCount;
}

type Log = (line: string) => void;

interface Context {
  settings: BenchSettings;
  log: Log;
  sim: MetaSimulator;
  tracker: SendTracker;
  apiUrl: string;
  baseline: ChildServer;
  noop: Queue;
  productCost: CostRecorder;
  baselineCost: CostRecorder;
  nextReply: () => { body: string; headers: Record<string, string> };
}

const NOOP_QUEUE = "bench-noop";

/**
 * Replies from POST /v1/messages through the worker to the fake Graph API, at saturation, against a
 * no-op BullMQ worker on the same Redis; then enqueue→send latency at a fixed offered load.
 */
export async function benchDelivery(
  settings: BenchSettings,
  redis: BenchRedis,
  log: Log,
): Promise<DeliveryFigures> {
  const sim = await startMetaSimulator();
  const tracker = new SendTracker(sim);
  const prefix = `{${settings.keyPrefix}:noop}`;
  const noop = new Queue(NOOP_QUEUE, { connection: redis.client, prefix });
  const children: ChildServer[] = [];
  const start = async (name: string, childSettings: Record<string, unknown>) => {
    const child = await startChild(name, childSettings);
    children.push(child);
    return child;
  };
  try {
    const env = productEnv(settings, {
      META_GRAPH_URL: sim.graphUrl,
      OUTBOUND_CONCURRENCY: String(settings.workerConcurrency),
    });
    const [api, worker, baseline] = await Promise.all([
      start("product-api", { env }),
      start("product-worker", { env }),
      start("baseline-worker", {
        redisUrl: settings.redisUrl,
        prefix,
        queue: NOOP_QUEUE,
        concurrency: settings.workerConcurrency,
      }),
    ]);
    const apiUrl = `http://127.0.0.1:${api.info.port as number}`;
    const conversations = await prepareDeliveryWorld(settings, sim, apiUrl);
    log(
      `delivery: ${conversations.length} conversations on ${settings.deliveryChannels} pages, windows open`,
    );
    const redisPid: Record<string, number> = redis.pid === null ? {} : { redis: redis.pid };
    const ctx: Context = {
      settings,
      log,
      sim,
      tracker,
      apiUrl,
      baseline,
      noop,
      productCost: new CostRecorder(redis.client, {
        api: api.pid,
        worker: worker.pid,
        bench: process.pid,
        ...redisPid,
      }),
      baselineCost: new CostRecorder(redis.client, { baseline: baseline.pid, ...redisPid }),
      nextReply: replySource(conversations),
    };
    const figures = await runRounds(ctx, conversations.length);
    const before = tracker.accepted;
    const trips = await countDeliveryTrips({
      redisUrl: settings.redisUrl,
      redis: redis.client,
      apiUrl,
      replies: settings.quick ? 200 : 500,
      nextReply: ctx.nextReply,
      settle: async (acknowledged) => {
        await waitForDeliveries(ctx, before, acknowledged);
      },
    });
    log(
      `delivery: round trips per reply ${JSON.stringify(trips.perReply)}, ${trips.insideScriptsPerReply} more commands inside scripts`,
    );
    return { ...figures, trips };
  } finally {
    tracker.close();
    await Promise.all(children.map((c) => c.stop()));
    await noop.obliterate({ force: true }).catch(() => undefined);
    await noop.close();
    await sim.close();
  }
}

async function runRounds(
  ctx: Context,
  conversations: number,
): Promise<Omit<DeliveryFigures, "trips">> {
  const { settings, log } = ctx;
  log(`delivery: warming up ${settings.warmupSeconds} s`);
  // The saturation warm-up also warms the path the latency rounds take.
  await saturationRound(ctx, settings.warmupSeconds, false);
  await baselineRound(ctx, Math.min(settings.baselineJobs, 2_000), false);
  const product: Saturation[] = [];
  const baseline: number[] = [];
  const latency: Latency[] = [];
  for (let i = 1; i <= settings.rounds; i++) {
    baseline.push(await baselineRound(ctx, settings.baselineJobs, true));
    product.push(await saturationRound(ctx, settings.roundSeconds, true));
    latency.push(await latencyRound(ctx, settings.latencySeconds));
    const [p, b, l] = [product[i - 1], baseline[i - 1], latency[i - 1]] as [
      Saturation,
      number,
      Latency,
    ];
    log(
      `delivery round ${i}/${settings.rounds}: product ${round(p.messagesPerSec, 0)} replies/s (API ${round(p.apiRps, 0)} req/s), no-op BullMQ ${round(b, 0)} jobs/s; at ${settings.latencyRate}/s p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms`,
    );
  }
  const messagesPerSec = median(product.map((p) => p.messagesPerSec));
  const baselineJobsPerSec = median(baseline);
  const cost = ctx.productCost.profile();
  const baselineCost = ctx.baselineCost.profile();
  log(`delivery: ${describeCpu(cost, "replies")}; baseline ${describeCpu(baselineCost, "jobs")}`);
  return {
    messagesPerSec: round(messagesPerSec, 0),
    baselineJobsPerSec: round(baselineJobsPerSec, 0),
    ratio: round(messagesPerSec / baselineJobsPerSec, 3),
    apiAcceptedPerSec: round(median(product.map((p) => p.apiRps)), 0),
    apiP99Ms: median(product.map((p) => p.apiP99Ms)),
    offeredPerSec: settings.latencyRate,
    p50Ms: median(latency.map((l) => l.p50Ms)),
    p99Ms: median(latency.map((l) => l.p99Ms)),
    errors:
      ctx.tracker.other +
      product.reduce((sum, p) => sum + p.rejected, 0) +
      latency.reduce((sum, l) => sum + l.failed, 0),
    conversations,
    cost,
    baselineCost,
  };
}

interface Saturation {
  messagesPerSec: number;
  apiRps: number;
  apiP99Ms: number;
  rejected: number;
}

/** autocannon at saturation on POST /v1/messages; the round ends when the last reply reached Meta. */
async function saturationRound(
  ctx: Context,
  seconds: number,
  measured: boolean,
): Promise<Saturation> {
  if (measured) await ctx.productCost.start();
  const before = ctx.tracker.accepted;
  const started = Date.now();
  const load = await runLoad({
    url: ctx.apiUrl,
    path: "/v1/messages",
    seconds,
    connections: ctx.settings.connections,
    nextRequest: ctx.nextReply,
  });
  const delivered = await waitForDeliveries(ctx, before, load.ok);
  const elapsedMs = Math.max(1, ctx.tracker.lastAcceptedAt - started);
  if (measured) await ctx.productCost.stop(delivered);
  ctx.sim.reset();
  return {
    messagesPerSec: (delivered / elapsedMs) * 1000,
    apiRps: load.rps,
    apiP99Ms: load.p99Ms,
    rejected: load.non2xx + load.errors,
  };
}

/** Queues `jobs` no-op jobs, then lets the baseline worker consume them; its own clock times it. */
async function baselineRound(ctx: Context, jobs: number, measured: boolean): Promise<number> {
  const chunk = 1_000;
  for (let added = 0; added < jobs; added += chunk) {
    const size = Math.min(chunk, jobs - added);
    await ctx.noop.addBulk(
      Array.from({ length: size }, (_, i) => ({
        name: "drain",
        data: { platform: "messenger", channelId: "104720000000000", userId: String(added + i) },
        opts: { removeOnComplete: true },
      })),
    );
  }
  if (measured) await ctx.baselineCost.start();
  ctx.baseline.send(`run ${jobs}`);
  const done = await ctx.baseline.next("DONE", 120_000);
  if (measured) await ctx.baselineCost.stop(jobs);
  return ((done.jobs as number) / (done.ms as number)) * 1000;
}

interface Latency {
  p50Ms: number;
  p99Ms: number;
  failed: number;
}

/** Replies at a steady `latencyRate`; each text carries its enqueue time, read when Meta gets it. */
async function latencyRound(ctx: Context, seconds: number): Promise<Latency> {
  const before = ctx.tracker.accepted;
  const latencies: number[] = [];
  ctx.tracker.latencies = latencies;
  const load = await runPaced({
    url: ctx.apiUrl,
    path: "/v1/messages",
    rate: ctx.settings.latencyRate,
    seconds,
    nextRequest: ctx.nextReply,
  });
  await waitForDeliveries(ctx, before, load.ok);
  ctx.tracker.latencies = null;
  ctx.sim.reset();
  return {
    p50Ms: round(percentile(latencies, 50), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    failed: load.failed,
  };
}

/**
 * Waits until Meta has accepted at least every reply the API acknowledged, and then no more arrive
 * for a moment (requests cut off when the load stopped may have been queued too).
 */
async function waitForDeliveries(
  ctx: Context,
  before: number,
  acknowledged: number,
): Promise<number> {
  const deadline = Date.now() + 180_000;
  let reported = Date.now();
  for (;;) {
    const delivered = ctx.tracker.accepted - before;
    if (delivered >= acknowledged && Date.now() - ctx.tracker.lastAcceptedAt > 500)
      return delivered;
    if (Date.now() > deadline) {
      throw new Error(
        `only ${delivered} of ${acknowledged} replies reached the Graph API in 180 s`,
      );
    }
    if (Date.now() - reported > 3_000) {
      ctx.log(`delivery: waiting for the backlog, ${delivered} of ${acknowledged} sent`);
      reported = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Replies in round-robin over the conversations: a burst spread over many customers and pages. */
function replySource(conversations: BenchConversation[]) {
  let sequence = 0;
  return () => {
    const conversation = conversations[sequence % conversations.length] as BenchConversation;
    sequence += 1;
    return replyRequest(conversation, sequence);
  };
}
