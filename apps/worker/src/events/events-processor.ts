import type { RelayConfig } from "@meta-relay/config";
import { RelayError } from "@meta-relay/core";
import { EVENTS_QUEUE } from "@meta-relay/queues";
import { startProcessor, type RunningProcessor, type WorkerContext } from "../processor";
import type { EventTarget } from "./delivery";
import { createEventHandler } from "./handle-event";

/** Delivers the events queue to EVENTS_WEBHOOK_URL (or counts and drops events without one). */
export async function startEventsProcessor(context: WorkerContext): Promise<RunningProcessor> {
  const { config, metrics } = context;
  const log = context.logger.child({ module: EVENTS_QUEUE });
  const handle = createEventHandler({
    target: eventTarget(config),
    maxAgeMs: config.events.maxAgeMs,
    log,
    metrics,
  });
  return startProcessor(context, {
    queue: EVENTS_QUEUE,
    log,
    concurrency: config.worker.eventsConcurrency,
    tuning: { maxAgeMs: config.events.maxAgeMs },
    handle: (job, _token, signal) => handle(job, signal),
    describe: { delivering: config.events.webhookUrl !== null },
  });
}

function eventTarget(config: RelayConfig): EventTarget | null {
  const { webhookUrl, webhookSecrets, timeoutMs } = config.events;
  if (webhookUrl === null) return null;
  const [first, ...others] = webhookSecrets;
  // loadConfig already refuses this; checked again so that no config can send unsigned events.
  if (first === undefined) {
    throw new RelayError(
      "config_invalid",
      "EVENTS_WEBHOOK_SECRET is required with EVENTS_WEBHOOK_URL",
    );
  }
  return { url: new URL(webhookUrl), secrets: [first, ...others], timeoutMs };
}
