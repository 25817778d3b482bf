import { secondsWaiting } from "@meta-relay/queues";
import type { RedisClient } from "@meta-relay/store";
import { Queue, type Worker } from "bullmq";

export interface ConsumptionWatchOptions {
  /** The queue the processor consumes, with its BullMQ prefix. */
  queue: string;
  prefix: string;
  /** A non-blocking use of the processor's connection (a Queue opens none of its own). */
  connection: RedisClient;
  /**
   * The processor is stuck when a job has waited this long while it had a free slot and took
   * nothing. Well above BullMQ's longest blocking wait (10 s) and a rate-limit pause (30 s).
   */
  stuckAfterMs?: number;
  /** How often the queue is looked at. */
  probeEveryMs?: number;
}

export interface ConsumptionWatch {
  /** Runs one job's work, counting it as in flight; wrap the whole processor function with it. */
  track<T>(work: () => Promise<T>): Promise<T>;
  /** Starts watching; call once the worker exists. */
  attach(worker: Worker): void;
  /** False once the worker stopped running, or jobs wait while it idles (see `stuckAfterMs`). */
  isLive(): boolean;
  stop(): Promise<void>;
}

/**
 * Liveness of a BullMQ processor that tells "idle" from "stopped consuming". A worker whose
 * blocking connection never recovers from a Redis failover or restart looks alive (its process
 * runs, its other connection answers) but takes no job again; the only outside sign is work that
 * waits while the worker has room for it. Other replicas taking the jobs keep it live: then the
 * queue does not age.
 */
export function createConsumptionWatch(options: ConsumptionWatchOptions): ConsumptionWatch {
  const stuckAfterMs = options.stuckAfterMs ?? 120_000;
  const queue = new Queue(options.queue, {
    connection: options.connection,
    prefix: options.prefix,
  });
  queue.on("error", () => undefined); // reported by the processor's own connection handling
  let worker: Worker | null = null;
  let inFlight = 0;
  let lastTakenAt = Date.now();
  let stuck = false;
  let timer: NodeJS.Timeout | null = null;

  const probe = async () => {
    if (!worker || inFlight >= worker.concurrency || Date.now() - lastTakenAt < stuckAfterMs) {
      stuck = false;
      return;
    }
    const [paused, oldest] = await Promise.all([
      queue.isPaused(),
      queue.getJobs(["wait"], 0, 0, true),
    ]);
    const job = oldest[0];
    stuck = !paused && job !== undefined && secondsWaiting(job, Date.now()) * 1000 >= stuckAfterMs;
  };

  return {
    async track(work) {
      inFlight += 1;
      lastTakenAt = Date.now();
      try {
        return await work();
      } finally {
        inFlight -= 1;
      }
    },
    attach(running) {
      worker = running;
      lastTakenAt = Date.now();
      // A failed probe (Redis away) keeps the last verdict: readiness reports Redis itself.
      timer = setInterval(
        () => void probe().catch(() => undefined),
        options.probeEveryMs ?? 15_000,
      );
      timer.unref();
    },
    isLive: () => worker !== null && worker.isRunning() && !stuck,
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await queue.close();
    },
  };
}
