import { Queue } from "bullmq";
import type { BenchRedis } from "../bench-redis";
import { startChild, type ChildServer } from "../child";
import { CostRecorder, describeCpu, type CostProfile } from "../cost";
import { productEnv, type BenchSettings } from "../settings";
import { median, round } from "../stats";
import {
  baselineRound,
  latencyRound,
  saturationRound,
  waitForDeliveries,
  type DeliveryContext,
  type Latency,
  type Saturation,
} from "./delivery-rounds";
import { countDeliveryTrips, type TripCount } from "./delivery-trips";
import {
  FakeGraph,
  prepareDeliveryWorld,
  replyRequest,
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
  /** `p99Ms` under its name with the load it was measured at (the latency rounds run at 200/s). */
  p99At200Ms: number;
  /** CPU ms one reply costs across the API, the worker and Redis (saturation rounds). */
  cpuMsPerReply: number;
  /** Redis round trips the worker makes per reply at 100 replies/s. */
  workerTripsPerReply: number;
  /** Every Redis command a reply costs at 100 replies/s: sent by any product process, or run by a script. */
  redisCommandsPerReply: number;
}

type Log = (line: string) => void;

/** What the timed rounds measure; the per-reply figures are derived from it and the MONITOR count. */
type RoundFigures = Omit<
  DeliveryFigures,
  "trips" | "p99At200Ms" | "cpuMsPerReply" | "workerTripsPerReply" | "redisCommandsPerReply"
>;

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
  const graph = await FakeGraph.start();
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
      META_GRAPH_URL: graph.graphUrl,
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
    const conversations = await prepareDeliveryWorld(settings, graph, apiUrl);
    log(
      `delivery: ${conversations.length} conversations on ${settings.deliveryChannels} pages, windows open`,
    );
    const redisPid: Record<string, number> = redis.pid === null ? {} : { redis: redis.pid };
    const ctx: DeliveryContext = {
      settings,
      log,
      graph,
      apiUrl,
      baseline,
      noop,
      productCost: new CostRecorder(redis.client, {
        api: api.pid,
        worker: worker.pid,
        bench: process.pid,
        graph: graph.pid,
        ...redisPid,
      }),
      baselineCost: new CostRecorder(redis.client, { baseline: baseline.pid, ...redisPid }),
      nextReply: replySource(conversations),
    };
    const figures = await runRounds(ctx, conversations.length);
    const before = (await graph.counts()).accepted;
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
    return { ...figures, trips, ...perReplyFigures(figures, trips) };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await noop.obliterate({ force: true }).catch(() => undefined);
    await noop.close();
    await graph.stop();
  }
}

async function runRounds(ctx: DeliveryContext, conversations: number): Promise<RoundFigures> {
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
      (await ctx.graph.counts()).other +
      product.reduce((sum, p) => sum + p.rejected, 0) +
      latency.reduce((sum, l) => sum + l.failed, 0),
    conversations,
    cost,
    baselineCost,
  };
}

/** The per-reply figures the targets are set on, derived from the rounds and the MONITOR count. */
function perReplyFigures(figures: RoundFigures, trips: TripCount) {
  const cpu = figures.cost.cpuMsPer1000;
  const processes = [cpu.api, cpu.worker, cpu.redis];
  const cpuMsPerReply = processes.every((ms) => typeof ms === "number")
    ? round(processes.reduce<number>((sum, ms) => sum + (ms ?? 0), 0) / 1000, 2)
    : Number.NaN;
  const sent = Object.values(trips.perReply).reduce((sum, n) => sum + n, 0);
  return {
    p99At200Ms: figures.p99Ms,
    cpuMsPerReply,
    workerTripsPerReply: workerTrips(trips),
    redisCommandsPerReply: round(sent + trips.insideScriptsPerReply, 1),
  };
}

/**
 * The worker's connections that send commands: the one BullMQ and the processors share, and the
 * drain's own (single Redis). BullMQ's blocking connection, listed under the queue's name, waits in
 * BZPOPMIN and is shown apart.
 */
const WORKER_CONNECTIONS = ["worker", "worker-drain"];

function workerTrips(trips: TripCount): number {
  const counted = WORKER_CONNECTIONS.map((name) => trips.perReply[name]);
  if (counted[0] === undefined) return Number.NaN;
  return round(
    counted.reduce<number>((sum, n) => sum + (n ?? 0), 0),
    2,
  );
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
