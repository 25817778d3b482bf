import { DAY_MS, HOUR_MS } from "@meta-relay/core";
import type { JobsOptions, WorkerOptions } from "bullmq";
import { EVENTS_BACKOFF_TYPE, eventsBackoffStrategy } from "./events-backoff";
import { EVENTS_QUEUE, OUTBOUND_QUEUE, type QueueName } from "./names";

// The job catalog: per queue what its producers put on it and how its workers take it. Apps open
// queues and workers through `openQueue` / `openWorker` and never spell any of this themselves.

/**
 * A drain job per conversation: at most one running and one waiting (keepLastIfActive), so replies to
 * one customer are never sent in parallel. A failing drain (Redis trouble) is retried every few seconds.
 */
export const DRAIN_JOB_OPTIONS: JobsOptions = {
  attempts: 1_000_000,
  backoff: { type: "fixed", delay: 5_000, jitter: 0.5 },
  removeOnComplete: { age: HOUR_MS / 1000, count: 1_000 },
  removeOnFail: { age: (7 * 24 * HOUR_MS) / 1000, count: 10_000 },
};

/** Job options of every event: retried by the events processor's own backoff until its max age. */
export const EVENT_JOB_OPTIONS: JobsOptions = {
  attempts: 100_000,
  backoff: { type: EVENTS_BACKOFF_TYPE },
  removeOnComplete: { age: HOUR_MS / 1000, count: 1_000 },
  removeOnFail: { age: (7 * DAY_MS) / 1000, count: 10_000 },
};

/**
 * The channel watchdog's scheduled job (CHANNELS_QUEUE): one attempt, since the next period is its
 * retry, and the last 50 passes kept for the dashboard.
 */
export const CHANNELS_JOB_OPTIONS: JobsOptions = {
  attempts: 1,
  removeOnComplete: { count: 50 },
  removeOnFail: { count: 50 },
};

/** Worker settings of CHANNELS_QUEUE: one pass at a time per process, the same retention. */
export const CHANNELS_WORKER_SETTINGS = {
  concurrency: 1,
  removeOnComplete: { count: 50 },
  removeOnFail: { count: 50 },
} as const satisfies Omit<WorkerOptions, "connection" | "prefix">;

/** What an operator may tune of each queue's workers, beyond their concurrency. */
export interface WorkerTuning {
  [OUTBOUND_QUEUE]: {
    /** BullMQ job lock (ms): a killed worker's conversations resume after about this plus the stalled check. */
    lockDurationMs?: number | undefined;
    /** How often BullMQ looks for jobs whose worker died (ms). */
    stalledIntervalMs?: number | undefined;
  };
  [EVENTS_QUEUE]: {
    /** EVENTS_MAX_AGE: age (from the event's creation) after which a failing event is given up. */
    maxAgeMs: number;
  };
}

type WorkerSettings = Omit<WorkerOptions, "connection" | "prefix" | "concurrency">;

interface QueueEntry<N extends QueueName> {
  /** What the queue dashboard says of it. */
  description: string;
  /** The options every job of the queue is added with. */
  jobOptions: JobsOptions;
  /** BullMQ settings of the queue's workers: stalled-job handling, retention, backoff strategies. */
  worker: (tuning: WorkerTuning[N]) => WorkerSettings;
}

export const QUEUE_CATALOG: { [N in QueueName]: QueueEntry<N> } = {
  [OUTBOUND_QUEUE]: {
    description: "Replies to customers: one drain job per conversation with replies waiting",
    jobOptions: DRAIN_JOB_OPTIONS,
    worker: (tuning) => ({
      // A drain job may be found stalled any number of times: every step is idempotent, so a crash
      // must never fail a conversation's job (its replies would wait until the next one is posted).
      maxStalledCount: 1_000_000,
      lockDuration: tuning.lockDurationMs ?? 10_000,
      stalledInterval: tuning.stalledIntervalMs ?? 5_000,
      removeOnComplete: { age: 3_600, count: 1_000 },
      removeOnFail: { age: 7 * 24 * 3_600, count: 10_000 },
    }),
  },
  [EVENTS_QUEUE]: {
    description: "Events for the agent platform, POSTed to EVENTS_WEBHOOK_URL",
    jobOptions: EVENT_JOB_OPTIONS,
    worker: (tuning) => ({
      // Above BullMQ's default of 1: a re-run only means one more POST of the same id, which
      // receivers dedupe.
      maxStalledCount: 5,
      settings: { backoffStrategy: eventsBackoffStrategy(tuning.maxAgeMs) },
    }),
  },
};

/** What the queue dashboard says of a queue ("" for one not in the catalog). */
export function queueDescription(name: string): string {
  return name in QUEUE_CATALOG ? QUEUE_CATALOG[name as QueueName].description : "";
}
