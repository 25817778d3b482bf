import type { Logger, RelayMetrics } from "@meta-relay/observability";
import { QUEUE_NAMES, collectQueueMetrics, openQueue } from "@meta-relay/queues";
import type { RedisClient } from "@meta-relay/store";

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
  const queues = QUEUE_NAMES.map((name) =>
    openQueue(name, {
      connection: deps.redis,
      keyPrefix: deps.keyPrefix,
      onError: (err) => deps.logger.warn({ err, queue: name }, "queue error"),
    }),
  );
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
