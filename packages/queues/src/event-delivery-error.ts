import { RelayError } from "@meta-relay/core";

/** Facts about a failed delivery attempt; never the event body or the secret. */
export interface EventDeliveryContext extends Record<string, unknown> {
  eventId: string;
  /** The receiver's HTTP status, or null when no answer came (timeout, refused connection). */
  status: number | null;
  /** A short machine reason: `http_503`, `timeout`, `econnrefused`… */
  reason: string;
  /** The wait the receiver asked for in `Retry-After`, if any. */
  retryAfterMs: number | null;
}

/**
 * A delivery attempt the receiver did not accept. Retryable ones go back to BullMQ, whose backoff
 * strategy reads `retryAfterMs`; permanent ones are turned into BullMQ's UnrecoverableError.
 */
export class EventDeliveryError extends RelayError<"event_delivery_failed", EventDeliveryContext> {
  constructor(context: EventDeliveryContext, retryable: boolean) {
    super("event_delivery_failed", `event delivery failed: ${context.reason}`, {
      retryable,
      context,
    });
  }
}

export function isEventDeliveryError(error: unknown): error is EventDeliveryError {
  return error instanceof EventDeliveryError;
}
