import type { RelayConfig } from "@meta-relay/config";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import { collectQueueMetrics, EVENTS_QUEUE, openQueue } from "@meta-relay/queues";
import type { RedisClient } from "@meta-relay/store";
import type { Queue } from "bullmq";
import type { Express } from "express";
import { mountDashboard } from "./dashboard";

export interface OperationsDeps {
  config: RelayConfig;
  logger: Logger;
  metrics: RelayMetrics;
  /** The API's connection; the events queue shares it (a Queue opens no connection of its own). */
  redis: RedisClient;
  /** The outbound queue the /v1 routes produce to. */
  outboundQueue: Queue;
}

export interface RunningOperations {
  /** Stop reporting queue metrics and close the queues this module opened. */
  close(): Promise<void>;
}

/**
 * What the API serves to ops: the queue dashboard over both queues, and the queue gauges of
 * /metrics. The events queue is opened here once for the process's API role.
 */
export function mountOperations(app: Express, deps: OperationsDeps): RunningOperations {
  const log = deps.logger.child({ module: "operations" });
  const eventsQueue = openQueue(EVENTS_QUEUE, {
    connection: deps.redis,
    keyPrefix: deps.config.redis.keyPrefix,
    onError: (err) => log.warn({ err }, "events queue error"),
  });
  const queues = [deps.outboundQueue, eventsQueue];
  mountDashboard(app, {
    credentials: {
      username: deps.config.dashboard.username,
      password: deps.config.dashboard.password,
    },
    allowRetries: deps.config.dashboard.allowRetries,
    queues,
    logger: log,
  });
  const collector = collectQueueMetrics(deps.metrics, queues, {
    onError: (err) => log.warn({ err }, "queue metrics not read"),
  });
  return {
    async close() {
      collector.stop();
      await eventsQueue.close();
    },
  };
}
