import { randomBytes } from "node:crypto";
import { HOUR_MS } from "@meta-relay/core";
import type { Logger } from "@meta-relay/observability";
import {
  CHANNELS_JOB_OPTIONS,
  CHANNELS_QUEUE,
  CHANNELS_WORKER_SETTINGS,
  queuePrefix,
} from "@meta-relay/queues";
import { deleteIfHeld, type RedisClient } from "@meta-relay/store";
import { Queue, Worker } from "bullmq";

/** The scheduler's id: every worker process upserts the same one, so there is one schedule. */
export const WATCHDOG_SCHEDULER_ID = "channel-watchdog";
export const WATCHDOG_JOB_NAME = "watchdog";

/** Without SUBSCRIPTION_CHECK_MINUTES the pass still runs this often, for the token refresh. */
export const REFRESH_ONLY_PERIOD_MS = HOUR_MS;

export interface ChannelsSchedulerOptions {
  /** A connection BullMQ may duplicate for its blocking reads (the worker's). */
  connection: RedisClient;
  keyPrefix: string;
  /** Time between two passes (ms). */
  periodMs: number;
  log: Logger;
  /** One pass of the watchdog. */
  run(): Promise<unknown>;
}

export interface RunningChannelsScheduler {
  isLive(): boolean;
  close(timeoutMs: number): Promise<void>;
}

/**
 * The watchdog as one BullMQ job scheduler: every worker process upserts the same scheduler and
 * runs a worker of concurrency 1 on its queue, so each period yields one job, taken by one
 * process. A lock in Redis keeps two passes from overlapping if one ever outlasts a period.
 */
export async function startChannelsScheduler(
  options: ChannelsSchedulerOptions,
): Promise<RunningChannelsScheduler> {
  const prefix = queuePrefix(options.keyPrefix, CHANNELS_QUEUE);
  const lockKey = `${prefix}:${CHANNELS_QUEUE}:pass-lock`;
  const queue = new Queue(CHANNELS_QUEUE, { connection: options.connection, prefix });
  queue.on("error", (err) => options.log.warn({ err }, "channels queue error"));
  await queue.upsertJobScheduler(
    WATCHDOG_SCHEDULER_ID,
    { every: options.periodMs },
    {
      name: WATCHDOG_JOB_NAME,
      data: {},
      opts: CHANNELS_JOB_OPTIONS,
    },
  );
  const worker = new Worker(
    CHANNELS_QUEUE,
    async (job) => {
      if (job.name !== WATCHDOG_JOB_NAME) return;
      await exclusively(options, lockKey, Math.max(options.periodMs, 60_000));
    },
    { ...CHANNELS_WORKER_SETTINGS, connection: options.connection, prefix },
  );
  worker.on("error", (err) => options.log.warn({ err }, "channels worker error"));
  worker.on("failed", (_job, err) => options.log.warn({ err }, "channel watchdog pass failed"));
  await worker.waitUntilReady();
  options.log.info({ periodMs: options.periodMs }, "channel watchdog scheduled");
  return {
    isLive: () => worker.isRunning(),
    async close(timeoutMs) {
      const closing = worker.close();
      const late = new Promise<"late">((resolve) =>
        setTimeout(() => resolve("late"), timeoutMs).unref(),
      );
      if ((await Promise.race([closing, late])) === "late") await worker.close(true);
      await queue.close();
    },
  };
}

/** Runs one pass unless another process's pass still holds the lock. */
async function exclusively(
  options: ChannelsSchedulerOptions,
  lockKey: string,
  leaseMs: number,
): Promise<void> {
  const token = randomBytes(8).toString("hex");
  const taken = await options.connection.set(lockKey, token, "PX", leaseMs, "NX");
  if (taken !== "OK") {
    options.log.info("channel watchdog pass skipped, another one is running");
    return;
  }
  try {
    await options.run();
  } finally {
    await deleteIfHeld(options.connection, lockKey, token).catch(() => undefined);
  }
}
