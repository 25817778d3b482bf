import type { Queue } from "bullmq";
import type { ChildServer } from "../child";
import type { CostRecorder } from "../cost";
import { runLoad } from "../load";
import { runPaced } from "../paced";
import type { BenchSettings } from "../settings";
import { percentile, round } from "../stats";
import type { FakeGraph } from "./delivery-world";

type Log = (line: string) => void;

/** What every round of the delivery scenario works with. */
export interface DeliveryContext {
  settings: BenchSettings;
  log: Log;
  graph: FakeGraph;
  apiUrl: string;
  baseline: ChildServer;
  noop: Queue;
  productCost: CostRecorder;
  baselineCost: CostRecorder;
  nextReply: () => { body: string; headers: Record<string, string> };
}

export interface Saturation {
  messagesPerSec: number;
  apiRps: number;
  apiP99Ms: number;
  rejected: number;
}

/** autocannon at saturation on POST /v1/messages; the round ends when the last reply reached Meta. */
export async function saturationRound(
  ctx: DeliveryContext,
  seconds: number,
  measured: boolean,
): Promise<Saturation> {
  if (measured) await ctx.productCost.start();
  const before = (await ctx.graph.counts()).accepted;
  const started = Date.now();
  const load = await runLoad({
    url: ctx.apiUrl,
    path: "/v1/messages",
    seconds,
    connections: ctx.settings.connections,
    nextRequest: ctx.nextReply,
  });
  const { delivered, lastAcceptedAt } = await waitForDeliveries(ctx, before, load.ok);
  const elapsedMs = Math.max(1, lastAcceptedAt - started);
  if (measured) await ctx.productCost.stop(delivered);
  await ctx.graph.reset();
  return {
    messagesPerSec: (delivered / elapsedMs) * 1000,
    apiRps: load.rps,
    apiP99Ms: load.p99Ms,
    rejected: load.non2xx + load.errors,
  };
}

/** Queues `jobs` no-op jobs, then lets the baseline worker consume them; its own clock times it. */
export async function baselineRound(
  ctx: DeliveryContext,
  jobs: number,
  measured: boolean,
): Promise<number> {
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

export interface Latency {
  p50Ms: number;
  p99Ms: number;
  failed: number;
}

/** Replies at a steady `latencyRate`; each text carries its enqueue time, read when Meta gets it. */
export async function latencyRound(ctx: DeliveryContext, seconds: number): Promise<Latency> {
  const before = (await ctx.graph.counts()).accepted;
  await ctx.graph.recordLatencies();
  const load = await runPaced({
    url: ctx.apiUrl,
    path: "/v1/messages",
    rate: ctx.settings.latencyRate,
    seconds,
    nextRequest: ctx.nextReply,
  });
  await waitForDeliveries(ctx, before, load.ok);
  const latencies = await ctx.graph.latencies();
  await ctx.graph.reset();
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
export async function waitForDeliveries(
  ctx: DeliveryContext,
  before: number,
  acknowledged: number,
): Promise<{ delivered: number; lastAcceptedAt: number }> {
  const deadline = Date.now() + 180_000;
  let reported = Date.now();
  for (;;) {
    const counts = await ctx.graph.counts();
    const delivered = counts.accepted - before;
    if (delivered >= acknowledged && Date.now() - counts.lastAcceptedAt > 500)
      return { delivered, lastAcceptedAt: counts.lastAcceptedAt };
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
