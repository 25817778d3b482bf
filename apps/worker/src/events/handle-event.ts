import { EVENT_TYPES, type EventType } from "@meta-relay/core";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import { discardWhenCompleted, EventDeliveryError, eventJobSchema } from "@meta-relay/queues";
import { UnrecoverableError, type Job } from "bullmq";
import type { DeliveryOutcome } from "./classify";
import { postEvent, type EventEnvelope, type EventTarget } from "./delivery";

/** The outcomes of relay_events_total. */
type EventOutcome = "delivered" | "retried" | "failed_permanent" | "failed_expired" | "dropped";

export interface EventHandlerDeps {
  /** Null when EVENTS_WEBHOOK_URL is not set: events are counted and dropped. */
  target: EventTarget | null;
  /** Age (from the event's creation) after which a failing event is given up. */
  maxAgeMs: number;
  log: Logger;
  metrics: RelayMetrics;
}

type Attempt = { job: Job; event: EventEnvelope; attempt: number };

/** The BullMQ processor function of the events queue: one delivery attempt per call. */
export function createEventHandler(deps: EventHandlerDeps) {
  return async (job: Job, signal?: AbortSignal): Promise<void> => {
    if (!deps.target) {
      // Job options keep completed events for an hour; a dropped one is not kept at all.
      discardWhenCompleted(job);
      count(deps, typeLabel(job), "dropped");
      deps.log.debug({ eventId: job.id, type: job.name }, "event dropped, no webhook url");
      return;
    }
    const event = parseEvent(job, deps);
    const current: Attempt = { job, event, attempt: job.attemptsMade + 1 };
    const result = await postEvent(deps.target, event, signal);
    settle(current, result, deps);
  };
}

function settle(
  { job, event, attempt }: Attempt,
  result: DeliveryOutcome,
  deps: EventHandlerDeps,
): void {
  const fields = { eventId: event.id, type: event.type, attempt, status: result.status };
  if (result.outcome === "delivered") {
    count(deps, event.type, "delivered");
    deps.metrics.eventDeliveryDuration.observe({ type: event.type }, ageMs(job) / 1000);
    deps.log.debug(fields, "event delivered");
    return;
  }
  if (result.outcome === "permanent") {
    count(deps, event.type, "failed_permanent");
    deps.log.warn({ ...fields, reason: result.reason }, "event refused by receiver, not retried");
    throw new UnrecoverableError(`receiver refused the event (${result.reason})`);
  }
  if (ageMs(job) >= deps.maxAgeMs) {
    count(deps, event.type, "failed_expired");
    deps.log.warn({ ...fields, reason: result.reason }, "event expired, not retried");
    throw new UnrecoverableError(`event undelivered at its max age (last: ${result.reason})`);
  }
  count(deps, event.type, "retried");
  // A receiver that is down fails every event many times: say so once per event, the rest is metrics.
  const level = attempt === 1 ? "info" : "debug";
  deps.log[level]({ ...fields, reason: result.reason }, "event delivery failed, will retry");
  throw new EventDeliveryError(
    {
      eventId: event.id,
      status: result.status,
      reason: result.reason,
      retryAfterMs: result.retryAfterMs,
    },
    true,
  );
}

function parseEvent(job: Job, deps: EventHandlerDeps): EventEnvelope {
  const parsed = eventJobSchema.safeParse(job.data);
  if (parsed.success) return parsed.data;
  count(deps, typeLabel(job), "failed_permanent");
  deps.log.warn({ eventId: job.id, type: job.name }, "event job malformed, not delivered");
  throw new UnrecoverableError("malformed event job");
}

function count(deps: EventHandlerDeps, type: string, outcome: EventOutcome): void {
  deps.metrics.events.inc({ type, outcome });
}

/** The event's age: BullMQ stamps the job when the producer adds it, i.e. at the event's creation. */
function ageMs(job: Job): number {
  return Math.max(0, Date.now() - job.timestamp);
}

function typeLabel(job: Job): EventType | "unknown" {
  // A label from a known list only, so a stray job cannot grow the metric's series.
  return (EVENT_TYPES as readonly string[]).includes(job.name)
    ? (job.name as EventType)
    : "unknown";
}
