import type { Logger, RelayMetrics } from "@meta-relay/observability";
import { QUEUE_NAMES, collectQueueMetrics, queuePrefix } from "@meta-relay/queues";
import type { RedisClient } from "@meta-relay/store";
import { Queue } from "bullmq";

export interface QueueGaugesDeps {
  keyPrefix: string;
  /** The worker's connection; the Queues only read through it. */
  redis: RedisClient;
  metrics: RelayMetrics;
  logger: Logger;
}

/**
 * Reports every queue's job counts and oldest waiting job on the worker's /metrics, so a worker-only
 * deployment shows its backlog without scraping the API.
 */
export function startQueueGauges(deps: QueueGaugesDeps): { close(): Promise<void> } {
  const queues = QUEUE_NAMES.map(
    (name) =>
      new Queue(name, { connection: deps.redis, prefix: queuePrefix(deps.keyPrefix, name) }),
  );
  for (const queue of queues) {
    queue.on("error", (err) => deps.logger.warn({ err, queue: queue.name }, "queue error"));
  }
  const collector = collectQueueMetrics(deps.metrics, queues, {
    onError: (err) => deps.logger.warn({ err }, "queue metrics not read"),
  });
  return {
    async close() {
      collector.stop();
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}
