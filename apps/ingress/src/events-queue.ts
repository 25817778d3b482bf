import { UnavailableError } from "@meta-relay/core";
import type { Logger } from "@meta-relay/observability";
import {
  EVENTS_QUEUE,
  EventPublisher,
  openQueue,
  type EventPublisherOptions,
} from "@meta-relay/queues";
import type { RedisClient } from "@meta-relay/store";
import type { Queue } from "bullmq";

/**
 * The events queue on the ingress's fail-fast connection, created only once that connection is
 * up. A BullMQ Queue built while Redis is away waits for it, and one whose start-up check is cut
 * off by an outage stays broken; so the queue is built on demand, and built again if its start-up
 * fails. Every call rejects at once while Redis is away, so the webhook gets its 503 in time.
 */
export class EventsQueue {
  private pending: Promise<EventPublisher> | null = null;
  private queue: Queue | null = null;

  constructor(
    private readonly redis: RedisClient,
    /** RELAY_KEY_PREFIX. */
    private readonly keyPrefix: string,
    private readonly log: Logger,
    /** Whether events are queued or counted and dropped (no EVENTS_WEBHOOK_URL). */
    private readonly options?: EventPublisherOptions,
  ) {}

  /** The publisher of the ready queue; UnavailableError while Redis is away. */
  publisher(): Promise<EventPublisher> {
    if (this.pending) return this.pending;
    if (!isLive(this.redis)) {
      return Promise.reject(new UnavailableError("Redis is not connected."));
    }
    const queue = openQueue(EVENTS_QUEUE, {
      connection: this.redis,
      keyPrefix: this.keyPrefix,
      onError: (err) => this.log.warn({ err }, "events queue error"),
    });
    this.queue = queue;
    const pending = queue.waitUntilReady().then(
      () => new EventPublisher(queue, this.options),
      async (error: unknown) => {
        // Forget the broken queue so the next webhook builds a fresh one.
        if (this.pending === pending) this.pending = null;
        if (this.queue === queue) this.queue = null;
        await queue.close().catch(() => undefined);
        throw new UnavailableError("The events queue could not start.", error);
      },
    );
    this.pending = pending;
    return pending;
  }

  /** Whether a queue is built and ready (for tests and diagnostics). */
  get started(): boolean {
    return this.queue !== null;
  }

  async close(): Promise<void> {
    const queue = this.queue;
    this.queue = null;
    this.pending = null;
    // The connection is shared: closing the queue leaves it to its owner.
    await queue?.close().catch(() => undefined);
  }
}

function isLive(redis: RedisClient): boolean {
  return redis.status === "ready" || (redis.isCluster && redis.status === "connect");
}
