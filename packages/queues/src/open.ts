import type { Cluster, Redis } from "ioredis";
import { Queue, Worker, type Processor } from "bullmq";
import { QUEUE_CATALOG, type WorkerTuning } from "./catalog";
import { queuePrefix, type QueueName } from "./names";

/** Where the queues live: one connection (BullMQ duplicates it for a worker's blocking reads). */
export interface QueueAt {
  connection: Redis | Cluster;
  /** RELAY_KEY_PREFIX. */
  keyPrefix: string;
  /** Connection errors of the handle; BullMQ would otherwise print them. */
  onError?: ((error: Error) => void) | undefined;
}

/** A handle on one of the product's queues, to add, read or watch jobs. */
export function openQueue(name: QueueName, at: QueueAt): Queue {
  const queue = new Queue(name, {
    connection: at.connection,
    prefix: queuePrefix(at.keyPrefix, name),
  });
  if (at.onError) queue.on("error", at.onError);
  return queue;
}

/** A worker of one of the product's queues, with the catalog's settings for it. */
export function openWorker<N extends QueueName>(
  name: N,
  processor: Processor,
  at: QueueAt & { concurrency: number; tuning: WorkerTuning[N] },
): Worker {
  const worker = new Worker(name, processor, {
    ...QUEUE_CATALOG[name].worker(at.tuning),
    connection: at.connection,
    prefix: queuePrefix(at.keyPrefix, name),
    concurrency: at.concurrency,
  });
  if (at.onError) worker.on("error", at.onError);
  return worker;
}
