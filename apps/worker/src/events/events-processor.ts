import type { RelayConfig } from "@meta-relay/config";
import { RelayError } from "@meta-relay/core";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import { EVENTS_QUEUE, openWorker, queuePrefix } from "@meta-relay/queues";
import type { RedisClient } from "@meta-relay/store";
import { closeWorkerWithin } from "../close-worker";
import { createConsumptionWatch } from "../consumption-watch";
import type { RunningProcessor } from "../processor";
import type { EventTarget } from "./delivery";
import { createEventHandler } from "./handle-event";

const QUEUE = EVENTS_QUEUE;

export interface EventsProcessorDeps {
  config: RelayConfig;
  logger: Logger;
  metrics: RelayMetrics;
  /** A connection with `maxRetriesPerRequest: null`; BullMQ duplicates it for blocking reads. */
  redis: RedisClient;
}

/** Delivers the events queue to EVENTS_WEBHOOK_URL (or counts and drops events without one). */
export async function startEventsProcessor(deps: EventsProcessorDeps): Promise<RunningProcessor> {
  const { config, metrics } = deps;
  const log = deps.logger.child({ module: "events" });
  const touch = () => metrics.workerLastActivity.set({ queue: QUEUE }, Date.now() / 1000);
  const handle = createEventHandler({
    target: eventTarget(config),
    maxAgeMs: config.events.maxAgeMs,
    log,
    metrics,
  });
  const consumption = createConsumptionWatch({
    queue: QUEUE,
    prefix: queuePrefix(config.redis.keyPrefix, QUEUE),
    connection: deps.redis,
  });
  const worker = openWorker(
    QUEUE,
    (job, _token, signal) =>
      consumption.track(async () => {
        touch();
        try {
          await handle(job, signal);
        } finally {
          touch();
        }
      }),
    {
      connection: deps.redis,
      keyPrefix: config.redis.keyPrefix,
      concurrency: config.worker.eventsConcurrency,
      tuning: { maxAgeMs: config.events.maxAgeMs },
      onError: (err) => log.warn({ err }, "events worker error"),
    },
  );
  worker.on("drained", touch);
  consumption.attach(worker);
  await worker.waitUntilReady();
  touch();
  log.info(
    { delivering: config.events.webhookUrl !== null, concurrency: config.worker.eventsConcurrency },
    "events processor started",
  );
  return {
    name: QUEUE,
    isLive: () => worker.isRunning() && consumption.isLive(),
    async close(timeoutMs) {
      await closeWorkerWithin(worker, timeoutMs, log, QUEUE);
      await consumption.stop();
    },
  };
}

function eventTarget(config: RelayConfig): EventTarget | null {
  const { webhookUrl, webhookSecret, timeoutMs } = config.events;
  if (webhookUrl === null) return null;
  // loadConfig already refuses this; checked again so that no config can send unsigned events.
  if (webhookSecret === null) {
    throw new RelayError(
      "config_invalid",
      "EVENTS_WEBHOOK_SECRET is required with EVENTS_WEBHOOK_URL",
    );
  }
  return { url: webhookUrl, secret: webhookSecret, timeoutMs };
}
