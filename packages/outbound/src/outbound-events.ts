import {
  toIso,
  type EventDataByType,
  type OutboundEventType,
  type MessageFailure,
  type RelayEvent,
  type WindowDocument,
} from "@meta-relay/core";
import { outboundEventId } from "@meta-relay/queues";
import type { MessageRecord } from "@meta-relay/store";

// The one builder of each outbound event type. The worker (Meta's answer to a send) and the ingress
// (Meta's status news) announce the same facts, so they build them here, identically.

function event<T extends OutboundEventType>(
  type: T,
  data: EventDataByType[T],
  atMs: number,
): RelayEvent<T> {
  // One id per message and type: a re-run that publishes again is refused by the events queue.
  return { id: outboundEventId(data.id, type), type, occurredAt: toIso(atMs), data };
}

/** `message.sent` for a message Meta accepted. */
export function sentEvent(message: MessageRecord, atMs: number): RelayEvent<"message.sent"> {
  return event(
    "message.sent",
    {
      id: message.id,
      platform: message.platform,
      channelId: message.channelId,
      userId: message.userId,
      metaMessageId: message.metaMessageId,
      messagingType: message.messagingType ?? "RESPONSE",
      ...(message.tag ? { tag: message.tag } : {}),
    },
    atMs,
  );
}

/** `message.failed`: the reason, the sentence an agent reads, and the window at the decision. */
export function failedEvent(
  message: MessageRecord,
  failure: MessageFailure,
  window: WindowDocument,
  atMs: number,
): RelayEvent<"message.failed"> {
  return event(
    "message.failed",
    {
      id: message.id,
      platform: message.platform,
      channelId: message.channelId,
      userId: message.userId,
      sender: message.sender,
      reason: failure.reason,
      message: failure.message,
      window,
      ...(failure.meta ? { meta: failure.meta } : {}),
    },
    atMs,
  );
}

/** `message.delivered`: Meta says the message reached the customer at `timestampMs`. */
export function deliveredEvent(
  message: MessageRecord,
  timestampMs: number,
  atMs: number,
): RelayEvent<"message.delivered"> {
  return event("message.delivered", statusData(message, timestampMs), atMs);
}

/** `message.read`: Meta says the customer read the message at `timestampMs`. */
export function readEvent(
  message: MessageRecord,
  timestampMs: number,
  atMs: number,
): RelayEvent<"message.read"> {
  return event("message.read", statusData(message, timestampMs), atMs);
}

function statusData(message: MessageRecord, timestampMs: number) {
  return {
    id: message.id,
    metaMessageId: message.metaMessageId ?? "",
    timestamp: toIso(timestampMs),
  };
}

/**
 * The event of a message already settled (a re-run after a crash between recording the outcome and
 * leaving the mailbox): published again, harmlessly, under the same id.
 */
export function settledEvent(message: MessageRecord, atMs: number): RelayEvent | null {
  if (message.status === "failed") {
    if (!message.failure || !message.failureWindow) return null;
    return failedEvent(message, message.failure, message.failureWindow, atMs);
  }
  if (message.status === "queued") return null;
  return sentEvent(message, message.sentAt ?? atMs);
}
