import {
  createOutboundDeps,
  drainConversation,
  type DrainControl,
  type OutboundDeps,
  type RetryBackoff,
} from "@meta-relay/outbound";
import {
  DRAIN_JOB_NAME,
  drainJobSchema,
  EVENTS_QUEUE,
  EventPublisher,
  publisherOptions,
  openQueue,
  OUTBOUND_QUEUE,
  type DrainJob,
} from "@meta-relay/queues";
import {
  closeRedis,
  createPipelinedRedis,
  distinctConnections,
  type RedisClient,
} from "@meta-relay/store";
import { DelayedError, type Job } from "bullmq";
import { startProcessor, type RunningProcessor, type WorkerContext } from "../processor";
import { channelNewsFor } from "../channels/channel-news";

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

/** Starts the outbound processor: drains conversations' mailboxes through the Graph API. */
export async function startOutboundProcessor(
  context: WorkerContext,
  options: OutboundOptions = {},
): Promise<RunningProcessor> {
  const { config, metrics, redis } = context;
  const log = context.logger.child({ module: OUTBOUND_QUEUE });
  const eventsQueue = openQueue(EVENTS_QUEUE, {
    connection: redis,
    keyPrefix: config.redis.keyPrefix,
    onError: (err) => log.warn({ err }, "events queue error"),
  });
  const events = new EventPublisher(eventsQueue, publisherOptions(config.events, metrics.events));
  const drainRedis = openDrainConnection(context, log);
  const deps = createOutboundDeps({
    redis: drainRedis,
    keyPrefix: config.redis.keyPrefix,
    encryptionKey: config.encryptionKey,
    graph: {
      url: config.meta.graphUrl,
      instagramUrl: config.meta.instagramGraphUrl,
      version: config.meta.graphVersion,
      timeoutMs: config.meta.graphTimeoutMs,
      maxAttempts: config.meta.graphMaxAttempts,
    },
    marginMs: config.windowMarginMs,
    events,
    channelNews: channelNewsFor(context, events, log),
    log,
    metrics,
    retry: options.retry,
    leaseMs: options.leaseMs,
    echoGraceMs: options.echoGraceMs,
  });
  let stopping = false;
  const control = { stopping: () => stopping };
  const connection = watchConnections(
    distinctConnections(redis, drainRedis),
    options.deadConnectionMs ?? 60_000,
  );
  return startProcessor(context, {
    queue: OUTBOUND_QUEUE,
    log,
    concurrency: options.concurrency ?? config.worker.outboundConcurrency,
    tuning: {
      lockDurationMs: options.lockDurationMs,
      stalledIntervalMs: options.stalledIntervalMs,
    },
    async handle(job: Job<DrainJob>, token, signal) {
      if (job.name !== DRAIN_JOB_NAME) throw new Error(`unknown outbound job ${job.name}`);
      await drain(deps, control, job, token, signal);
    },
    onFailed: (job, err) => log.warn({ err, jobId: job?.id }, "drain job failed, will retry"),
    isLive: connection.alive,
    onClosing: () => {
      stopping = true;
    },
    async release() {
      connection.stop();
      await eventsQueue.close();
      if (drainRedis !== redis) await closeRedis(drainRedis);
    },
  });
}

/** A little slack so a delayed job wakes after the wait, not a hair before it. */
const WAKE_SLACK_MS = 25;

/** Processes one `drain` job; a conversation that must wait hands the job back, delayed. */
async function drain(
  deps: OutboundDeps,
  control: DrainControl,
  job: Job<DrainJob>,
  token: string | undefined,
  signal?: AbortSignal,
): Promise<void> {
  const conv = drainJobSchema.parse(job.data);
  const outcome = await drainConversation(deps, control, { conv, runId: job.id ?? "job", signal });
  if (outcome.kind === "done") return;
  // DelayedError tells BullMQ the job moved itself: no attempt is counted, no backoff applies.
  await job.moveToDelayed(Date.now() + Math.max(0, outcome.delayMs) + WAKE_SLACK_MS, token);
  throw new DelayedError();
}

/**
 * The drain's own scripts (claim, settle, channel reads) go over a connection BullMQ never uses, so
 * on a single Redis it may auto-pipeline: the commands of concurrent drains issued in one turn of the
 * event loop leave in one socket write, and a write is a large share of a reply's CPU in the worker
 * and in Redis. On a Cluster the shared connection serves (see `autoPipelining`).
 */
function openDrainConnection(context: WorkerContext, log: WorkerContext["logger"]): RedisClient {
  return createPipelinedRedis(context.config.redis, context.redis, {
    mode: "blocking",
    name: "worker-drain",
    onError: (err) => log.warn({ err }, "redis connection error"),
  });
}

/** Tracks the connections: not live once one has been down longer than `deadAfterMs`. */
function watchConnections(connections: RedisClient[], deadAfterMs: number) {
  const watches = connections.map((redis) => watchConnection(redis, deadAfterMs));
  return {
    alive: () => watches.every((w) => w.alive()),
    stop: () => watches.forEach((w) => w.stop()),
  };
}

function watchConnection(redis: RedisClient, deadAfterMs: number) {
  let downSince: number | null = null;
  const onDown = () => {
    downSince ??= Date.now();
  };
  const onReady = () => {
    downSince = null;
  };
  redis.on("close", onDown);
  redis.on("end", onDown);
  redis.on("ready", onReady);
  return {
    alive: () => downSince === null || Date.now() - downSince < deadAfterMs,
    stop: () => {
      redis.off("close", onDown);
      redis.off("end", onDown);
      redis.off("ready", onReady);
    },
  };
}
