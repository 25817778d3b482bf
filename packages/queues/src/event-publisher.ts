import {
  DAY_MS,
  HOUR_MS,
  isInboundEventType,
  type EventDataByType,
  type RelayEvent,
} from "@meta-relay/core";
import type { JobsOptions, Queue } from "bullmq";
import { EVENT_JOB_OPTIONS } from "./catalog";

/**
 * Meta redelivers for up to 7 days; an event about a customer's action (received, edited,
 * deleted) has its id refused again for that long, plus a day.
 */
export const RECEIVED_DEDUPE_TTL_MS = 8 * DAY_MS;

/** Where published events go. */
export interface EventPublisherOptions {
  /**
   * False when EVENTS_WEBHOOK_URL is not set: events are not kept (product contract), so they are
   * dropped where they are made instead of costing a job that the events worker would only discard.
   */
  receiver: boolean;
  /** Called once per event dropped for want of a receiver (relay_events_total, outcome "dropped"). */
  onDropped?: (event: RelayEvent) => void;
}

/**
 * Puts events on the events queue. The job id is the event id, and the events of customers'
 * actions are also deduplicated for Meta's redelivery horizon, so a retried producer or a
 * redelivered webhook never yields a second event. Without a receiver, events are only counted.
 */
export class EventPublisher {
  constructor(
    private readonly queue: Queue,
    private readonly options: EventPublisherOptions = { receiver: true },
  ) {}

  /** False when events are only counted: nothing a caller does after publishing needs to wait for them. */
  get queuesEvents(): boolean {
    return this.options.receiver;
  }

  async publish(events: RelayEvent[]): Promise<void> {
    const [only] = events;
    if (!only) return;
    if (!this.options.receiver) {
      for (const event of events) this.options.onDropped?.(event);
      return;
    }
    // addBulk builds an ioredis pipeline, which copies every script defined on the connection;
    // one event (the usual case) is cheaper as a plain add.
    if (events.length === 1) {
      await this.queue.add(only.type, only, eventJobOptions(only));
      return;
    }
    await this.queue.addBulk(
      events.map((event) => ({ name: event.type, data: event, opts: eventJobOptions(event) })),
    );
  }
}

function eventJobOptions(event: RelayEvent): JobsOptions {
  const opts: JobsOptions = { ...EVENT_JOB_OPTIONS, jobId: event.id };
  if (isInboundEventType(event.type)) {
    opts.deduplication = { id: event.id, ttl: RECEIVED_DEDUPE_TTL_MS };
  }
  if (event.type === "conversation.window_expiring") {
    const { endsAt } = event.data as EventDataByType["conversation.window_expiring"];
    opts.deduplication = { id: event.id, ttl: reminderDedupeTtlMs(endsAt) };
  }
  return opts;
}

/**
 * A reminder is found again only while its window is open (a re-scan after a crash, a second
 * sweeper): refusing its id until an hour past the window's end keeps it to one event.
 */
function reminderDedupeTtlMs(endsAtIso: string): number {
  const endsAt = Date.parse(endsAtIso);
  const left = Number.isFinite(endsAt) ? endsAt - Date.now() : 0;
  return Math.max(0, left) + HOUR_MS;
}

/** The counter of events by type and outcome (relay_events_total), as far as the publisher uses it. */
interface EventCounter {
  inc(labels: { type: string; outcome: string }): void;
}

/**
 * A process's publisher options: events queued when EVENTS_WEBHOOK_URL is set (`webhookUrl`), else
 * each counted as dropped, in the process that made it.
 */
export function publisherOptions(
  events: { webhookUrl: string | null },
  counter: EventCounter,
): EventPublisherOptions {
  return {
    receiver: events.webhookUrl !== null,
    onDropped: (event) => counter.inc({ type: event.type, outcome: "dropped" }),
  };
}
