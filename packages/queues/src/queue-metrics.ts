import { RelayError } from "@meta-relay/core";
import type { Job, Queue } from "bullmq";

/** The job states `relay_queue_jobs` reports for each queue. */
export const QUEUE_METRIC_STATES = [
  "waiting",
  "active",
  "delayed",
  "prioritized",
  "failed",
  "completed",
] as const;

type Labels<L extends string> = Partial<Record<L, string | number>>;

/**
 * The part of a prom-client Gauge the collector uses. prom-client calls an instance's `collect`
 * before every read of the gauge, so setting it here refreshes the gauge on each scrape, whichever
 * port serves /metrics.
 */
export interface CollectableGauge<L extends string> {
  set(labels: Labels<L>, value: number): void;
  reset(): void;
  collect?: () => void | Promise<void>;
}

/** The two gauges of the metrics catalog the collector keeps current. */
export interface QueueGauges {
  queueJobs: CollectableGauge<"queue" | "state">;
  queueOldestWaiting: CollectableGauge<"queue">;
}

export interface QueueMetricsOptions {
  /** Called when a scrape cannot read the queues; that scrape then reports no queue gauges. */
  onError?: (error: unknown) => void;
  /** A queue read that takes longer is abandoned, so a scrape never hangs on an absent Redis. */
  timeoutMs?: number;
}

export interface QueueMetricsCollector {
  /** Stop reporting these queues (on shutdown, before the queues close). */
  stop(): void;
}

interface Source {
  queues: Queue[];
  options: QueueMetricsOptions;
}

interface Installed {
  sources: Set<Source>;
  inFlight: Promise<void> | null;
}

// One installation per catalog: the api and worker roles of one process share the gauges.
const installations = new WeakMap<QueueGauges["queueJobs"], Installed>();

/**
 * Makes `relay_queue_jobs{queue,state}` and `relay_queue_oldest_waiting_seconds{queue}` report these
 * queues, read from Redis at scrape time. Several roles of one process may register the same queue
 * names; each queue is read once per scrape.
 */
export function collectQueueMetrics(
  gauges: QueueGauges,
  queues: Queue[],
  options: QueueMetricsOptions = {},
): QueueMetricsCollector {
  const installed = install(gauges);
  const source: Source = { queues, options };
  installed.sources.add(source);
  return {
    stop() {
      installed.sources.delete(source);
    },
  };
}

function install(gauges: QueueGauges): Installed {
  const existing = installations.get(gauges.queueJobs);
  if (existing) return existing;
  const installed: Installed = { sources: new Set(), inFlight: null };
  // Both gauges are read in the same scrape: they share one refresh.
  const collect = () => {
    installed.inFlight ??= refresh(gauges, installed).finally(() => {
      installed.inFlight = null;
    });
    return installed.inFlight;
  };
  gauges.queueJobs.collect = collect;
  gauges.queueOldestWaiting.collect = collect;
  installations.set(gauges.queueJobs, installed);
  return installed;
}

async function refresh(gauges: QueueGauges, installed: Installed): Promise<void> {
  const byName = new Map<string, { queue: Queue; options: QueueMetricsOptions }>();
  for (const source of installed.sources) {
    for (const queue of source.queues) {
      if (!byName.has(queue.name)) byName.set(queue.name, { queue, options: source.options });
    }
  }
  gauges.queueJobs.reset();
  gauges.queueOldestWaiting.reset();
  await Promise.all(
    [...byName.values()].map(async ({ queue, options }) => {
      try {
        const reading = await withTimeout(readQueue(queue), options.timeoutMs ?? 2_000);
        for (const state of QUEUE_METRIC_STATES) {
          gauges.queueJobs.set({ queue: queue.name, state }, reading.counts[state] ?? 0);
        }
        gauges.queueOldestWaiting.set({ queue: queue.name }, reading.oldestWaitingSeconds);
      } catch (error) {
        options.onError?.(error);
      }
    }),
  );
}

interface QueueReading {
  counts: Record<string, number>;
  oldestWaitingSeconds: number;
}

async function readQueue(queue: Queue): Promise<QueueReading> {
  const [counts, oldest] = await Promise.all([
    queue.getJobCounts(...QUEUE_METRIC_STATES),
    // Ascending: the job at the consuming end of the wait list, i.e. the next one to be taken.
    queue.getJobs(["wait"], 0, 0, true),
  ]);
  const job = oldest[0];
  return { counts, oldestWaitingSeconds: job ? secondsWaiting(job, Date.now()) : 0 };
}

/**
 * Seconds since the job became due: its creation plus its delay, or the start of its last attempt
 * when it is waiting for a retry (so a job that failed once is not reported as hours old).
 */
export function secondsWaiting(
  job: Pick<Job, "timestamp" | "delay" | "processedOn">,
  nowMs: number,
): number {
  const due = Math.max(job.timestamp + (job.delay ?? 0), job.processedOn ?? 0);
  return Math.max(0, (nowMs - due) / 1000);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new RelayError("queue_metrics_timeout", `Reading the queue took longer than ${ms} ms.`, {
            retryable: true,
            context: { timeoutMs: ms },
          }),
        ),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
