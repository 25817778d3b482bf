import { createGraphClient } from "@meta-relay/meta";
import { DRAIN_JOB_NAME, EventPublisher, queuePrefix, type DrainJob } from "@meta-relay/queues";
import {
  createChannelStore,
  createDrainStore,
  createKeys,
  createTokenCipher,
} from "@meta-relay/store";
import { Queue, Worker } from "bullmq";
import { closeWorkerWithin } from "../close-worker";
import { createConsumptionWatch } from "../consumption-watch";
import type { RunningProcessor } from "../processor";
import type { WorkerContext } from "../worker";
import { DEFAULT_RETRY_BACKOFF, type RetryBackoff } from "./backoff";
import { drainConversation } from "./drain-conversation";
import type { OutboundDeps } from "./outbound-deps";

/** Knobs tests and operators may turn; the defaults suit production. */
export interface OutboundOptions {
  /** Retry timing after throttling or transient failures. */
  retry?: RetryBackoff;
  /** BullMQ job lock (ms): a killed worker's conversations resume after about this plus the stalled check. */
  lockDurationMs?: number;
  /** How often BullMQ looks for jobs whose worker died (ms). */
  stalledIntervalMs?: number;
  /** Lifetime of a conversation's drain lease without renewal (ms); defaults to the Graph timeout + 10 s. */
  leaseMs?: number;
  /** Conversations drained at once by this process; defaults to OUTBOUND_CONCURRENCY. */
  concurrency?: number;
  /** Messenger/Instagram: least wait (ms) before re-sending after an unknown outcome, so the echo can confirm it. */
  echoGraceMs?: number;
  /** How long the Redis connection may stay down before the processor reports itself not live (ms). */
  deadConnectionMs?: number;
}

const QUEUE = "outbound" as const;

/**
 * A drain job may be found stalled any number of times: every step is idempotent, so a crash
 * must never fail a conversation's job (its replies would wait until the next one is posted).
 */
const MAX_STALLED_COUNT = 1_000_000;

/** Starts the outbound processor: drains conversations' mailboxes through the Graph API. */
export async function startOutboundProcessor(
  context: WorkerContext,
  options: OutboundOptions = {},
): Promise<RunningProcessor> {
  const { config, metrics, redis } = context;
  const log = context.logger.child({ module: "outbound" });
  const keys = createKeys(config.redis.keyPrefix);
  const eventsQueue = new Queue("events", {
    connection: redis,
    prefix: queuePrefix(config.redis.keyPrefix, "events"),
  });
  eventsQueue.on("error", (err) => log.warn({ err }, "events queue error"));
  const deps: OutboundDeps = {
    log,
    metrics,
    drain: createDrainStore(redis, keys, {
      leaseMs: options.leaseMs ?? config.meta.graphTimeoutMs + 10_000,
    }),
    channels: createChannelStore(redis, keys, createTokenCipher(config.encryptionKey)),
    graph: createGraphClient({
      graphUrl: config.meta.graphUrl,
      timeoutMs: config.meta.graphTimeoutMs,
    }),
    events: new EventPublisher(eventsQueue),
    graphVersion: config.meta.graphVersion,
    marginMs: config.windowMarginMs,
    maxAttempts: config.meta.graphMaxAttempts,
    retry: options.retry ?? DEFAULT_RETRY_BACKOFF,
    echoGraceMs: options.echoGraceMs ?? 5_000,
  };
  let stopping = false;
  const control = { stopping: () => stopping };
  const touch = () => metrics.workerLastActivity.set({ queue: QUEUE }, Date.now() / 1000);
  const consumption = createConsumptionWatch({
    queue: QUEUE,
    prefix: queuePrefix(config.redis.keyPrefix, QUEUE),
    connection: redis,
  });
  const worker = new Worker<DrainJob>(
    QUEUE,
    (job, token, signal) =>
      consumption.track(async () => {
        touch();
        try {
          if (job.name !== DRAIN_JOB_NAME) throw new Error(`unknown outbound job ${job.name}`);
          await drainConversation(deps, control, job, token, signal);
        } finally {
          touch();
        }
      }),
    {
      connection: redis,
      prefix: queuePrefix(config.redis.keyPrefix, QUEUE),
      concurrency: options.concurrency ?? config.worker.outboundConcurrency,
      maxStalledCount: MAX_STALLED_COUNT,
      lockDuration: options.lockDurationMs ?? 10_000,
      stalledInterval: options.stalledIntervalMs ?? 5_000,
      removeOnComplete: { age: 3_600, count: 1_000 },
      removeOnFail: { age: 7 * 24 * 3_600, count: 10_000 },
    },
  );
  worker.on("error", (err) => log.warn({ err }, "outbound worker error"));
  worker.on("failed", (job, err) =>
    log.warn({ err, jobId: job?.id }, "drain job failed, will retry"),
  );
  worker.on("drained", touch);
  consumption.attach(worker);
  const connection = watchConnection(context, options.deadConnectionMs ?? 60_000);
  await worker.waitUntilReady();
  touch();
  log.info({ concurrency: worker.concurrency }, "outbound processor started");
  return {
    name: QUEUE,
    isLive: () => worker.isRunning() && connection.alive() && consumption.isLive(),
    async close(timeoutMs) {
      stopping = true;
      await closeWorkerWithin(worker, timeoutMs, log, "outbound");
      connection.stop();
      await consumption.stop();
      await eventsQueue.close();
    },
  };
}

/** Tracks the shared connection: not live once it has been down longer than `deadAfterMs`. */
function watchConnection(context: WorkerContext, deadAfterMs: number) {
  let downSince: number | null = null;
  const onDown = () => {
    downSince ??= Date.now();
  };
  const onReady = () => {
    downSince = null;
  };
  context.redis.on("close", onDown);
  context.redis.on("end", onDown);
  context.redis.on("ready", onReady);
  return {
    alive: () => downSince === null || Date.now() - downSince < deadAfterMs,
    stop: () => {
      context.redis.off("close", onDown);
      context.redis.off("end", onDown);
      context.redis.off("ready", onReady);
    },
  };
}
