import type { RelayConfig } from "@meta-relay/config";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import { openWorker, queuePrefix, type QueueName, type WorkerTuning } from "@meta-relay/queues";
import type { RedisClient } from "@meta-relay/store";
import type { Job } from "bullmq";
import { closeWorkerWithin } from "./close-worker";
import { createConsumptionWatch } from "./consumption-watch";

/** What every processor of the worker role is started with. */
export interface WorkerContext {
  config: RelayConfig;
  logger: Logger;
  metrics: RelayMetrics;
  /** A connection for BullMQ and the store (BullMQ duplicates it for its blocking reads). */
  redis: RedisClient;
}

/** A BullMQ processor the worker role runs (outbound delivery, event delivery). */
export interface RunningProcessor {
  name: string;
  /** False when the processor has stopped consuming (e.g. a wedged blocking connection). */
  isLive(): boolean;
  /** Stop taking jobs and let active ones finish, up to `timeoutMs`. */
  close(timeoutMs: number): Promise<void>;
}

/** What makes one processor different from the other: its queue, its work, its own resources. */
export interface ProcessorSpec<N extends QueueName> {
  queue: N;
  /** The processor's logger (its module already bound). */
  log: Logger;
  concurrency: number;
  tuning: WorkerTuning[N];
  /** One job's work; throwing hands the job back to BullMQ (retry, delay or failure). */
  handle(job: Job, token: string | undefined, signal?: AbortSignal): Promise<void>;
  /** Fields of the "processor started" line beyond the concurrency. */
  describe?: Record<string, unknown>;
  /** Called for a failed attempt (BullMQ's `failed` event). */
  onFailed?: (job: Job | undefined, error: Error) => void;
  /** A further condition of liveness (e.g. the connection's health). */
  isLive?: () => boolean;
  /** Called first on close, before the worker stops taking jobs. */
  onClosing?: () => void;
  /** Releases what the processor opened itself, after its worker closed. */
  release?: () => Promise<void>;
}

/**
 * Runs one queue's worker the way every processor must: it stamps its activity on each job and on
 * an empty queue, watches that it keeps consuming, is ready only once BullMQ is, and closes within
 * the shutdown deadline (aborting what is still in flight).
 */
export async function startProcessor<N extends QueueName>(
  context: WorkerContext,
  spec: ProcessorSpec<N>,
): Promise<RunningProcessor> {
  const { queue, log } = spec;
  const keyPrefix = context.config.redis.keyPrefix;
  const touch = () => context.metrics.workerLastActivity.set({ queue }, Date.now() / 1000);
  const consumption = createConsumptionWatch({
    queue,
    prefix: queuePrefix(keyPrefix, queue),
    connection: context.redis,
  });
  const worker = openWorker(
    queue,
    (job, token, signal) =>
      consumption.track(async () => {
        touch();
        try {
          await spec.handle(job, token, signal);
        } finally {
          touch();
        }
      }),
    {
      connection: context.redis,
      keyPrefix,
      concurrency: spec.concurrency,
      tuning: spec.tuning,
      onError: (err) => log.warn({ err, queue }, "worker error"),
    },
  );
  if (spec.onFailed) worker.on("failed", spec.onFailed);
  worker.on("drained", touch);
  consumption.attach(worker);
  await worker.waitUntilReady();
  touch();
  log.info({ ...spec.describe, concurrency: worker.concurrency }, "processor started");
  return {
    name: queue,
    isLive: () => worker.isRunning() && (spec.isLive?.() ?? true) && consumption.isLive(),
    async close(timeoutMs) {
      spec.onClosing?.();
      await closeWorkerWithin(worker, timeoutMs, log, queue);
      await consumption.stop();
      await spec.release?.();
    },
  };
}
