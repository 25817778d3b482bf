import type { RelayConfig } from "@meta-relay/config";
import { createHttpServer } from "@meta-relay/http";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import { closeRedis, createRedis, isRedisReachable } from "@meta-relay/store";
import { startChannelsProcessor } from "./channels/channels-processor";
import { startEventsProcessor } from "./events/events-processor";
import { startOutboundProcessor } from "./outbound/outbound-processor";
import type { RunningProcessor, WorkerContext } from "./processor";
import { startReminderSweep } from "./reminder-sweep";
import { startQueueGauges } from "./queue-gauges";

export interface RoleDeps {
  config: RelayConfig;
  logger: Logger;
  metrics: RelayMetrics;
}

export interface RunningWorker {
  port: number;
  processors: RunningProcessor[];
  close(timeoutMs: number): Promise<void>;
}

type ProcessorFactory = (context: WorkerContext) => Promise<RunningProcessor>;

/** The processors every worker runs. */
const PROCESSORS: ProcessorFactory[] = [
  startEventsProcessor,
  (ctx) => startOutboundProcessor(ctx),
  (ctx) => startReminderSweep(ctx),
  (ctx) => startChannelsProcessor(ctx),
];

/** Starts the worker role: BullMQ processors, plus /healthz and /metrics on WORKER_PORT. */
export async function startWorker(deps: RoleDeps): Promise<RunningWorker> {
  const log = deps.logger.child({ role: "worker" });
  const redis = createRedis(deps.config.redis, {
    mode: "blocking",
    name: "worker",
    onError: (err) => log.warn({ err }, "redis connection error"),
  });
  const context: WorkerContext = { ...deps, logger: log, redis };
  const processors = await Promise.all(PROCESSORS.map((start) => start(context)));
  const gauges = startQueueGauges({
    keyPrefix: deps.config.redis.keyPrefix,
    redis,
    metrics: deps.metrics,
    logger: log,
  });
  const http = createHttpServer({
    role: "worker",
    logger: log,
    metrics: deps.metrics,
    ready: () => isRedisReachable(redis),
    live: () => processors.every((p) => p.isLive()),
  });
  const port = await http.listen(deps.config.ports.worker);
  log.info({ port, processors: processors.map((p) => p.name) }, "worker started");
  return {
    port,
    processors,
    async close(timeoutMs) {
      await Promise.all(processors.map((p) => p.close(timeoutMs)));
      await http.close(1_000);
      await gauges.close();
      await closeRedis(redis);
    },
  };
}
