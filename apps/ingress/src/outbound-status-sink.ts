import { toIso, type RelayEvent } from "@meta-relay/core";
import { isWindowRefusal, reasonForStatusErrors } from "@meta-relay/meta";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import { outboundEventId } from "@meta-relay/queues";
import {
  createStatusStore,
  type Keys,
  type RedisClient,
  type StatusChange,
} from "@meta-relay/store";
import type { StatusSink } from "./status-sink";

export interface OutboundStatusSinkDeps {
  redis: RedisClient;
  keys: Keys;
  /** WINDOW_SAFETY_MARGIN_SECONDS in ms (for the window document of a failure). */
  marginMs: number;
  /** Puts events on the events queue; rejects when Redis did not take them. */
  publish: (events: RelayEvent[]) => Promise<void>;
  metrics: RelayMetrics;
  log: Logger;
}

/**
 * The status sink that updates our message records from Meta's news: WhatsApp statuses by wamid,
 * Messenger delivery mids and watermarks, read watermarks, and echoes carrying our id (which
 * confirm a send whose answer was lost). Statuses only move forward; each change is announced once
 * (`message.sent`, `message.delivered`, `message.read`, `message.failed`).
 */
export function createOutboundStatusSink(deps: OutboundStatusSinkDeps): StatusSink {
  const store = createStatusStore(deps.redis, deps.keys, {
    marginMs: deps.marginMs,
    reasonFor: reasonForStatusErrors,
  });
  return {
    async apply(items) {
      if (items.length === 0) return;
      const changes = await store.apply(items);
      if (changes.length === 0) return;
      for (const change of changes) observe(deps, change);
      await deps.publish(changes.map(eventOf));
    },
  };
}

function observe(deps: OutboundStatusSinkDeps, change: StatusChange): void {
  const { message } = change;
  if (change.type === "failed") {
    // WhatsApp accepted, then refused as outside the window: Meta disagreed with our record.
    if (
      message.platform === "whatsapp" &&
      isWindowRefusal(change.failure.meta ? [change.failure.meta] : [])
    ) {
      deps.metrics.metaDisagreements.inc({ platform: message.platform });
    }
    deps.log.info(
      { messageId: message.id, reason: change.failure.reason },
      "message failed after acceptance",
    );
  }
  if (change.type === "sent") deps.log.info({ messageId: message.id }, "echo confirmed a send");
}

function eventOf(change: StatusChange): RelayEvent {
  const { message } = change;
  const at = Date.now();
  switch (change.type) {
    case "sent":
      return {
        id: outboundEventId(message.id, "message.sent"),
        type: "message.sent",
        occurredAt: toIso(message.sentAt ?? at),
        data: {
          id: message.id,
          platform: message.platform,
          channelId: message.channelId,
          userId: message.userId,
          metaMessageId: message.metaMessageId,
          messagingType: message.messagingType ?? "RESPONSE",
          ...(message.tag ? { tag: message.tag } : {}),
        },
      };
    case "delivered":
    case "read": {
      const type = change.type === "read" ? "message.read" : "message.delivered";
      return {
        id: outboundEventId(message.id, type),
        type,
        occurredAt: toIso(at),
        data: {
          id: message.id,
          metaMessageId: message.metaMessageId ?? "",
          timestamp: toIso(change.timestampMs),
        },
      };
    }
    case "failed":
      return {
        id: outboundEventId(message.id, "message.failed"),
        type: "message.failed",
        occurredAt: toIso(at),
        data: {
          id: message.id,
          platform: message.platform,
          channelId: message.channelId,
          userId: message.userId,
          sender: message.sender,
          reason: change.failure.reason,
          message: change.failure.message,
          window: change.window,
          ...(change.failure.meta ? { meta: change.failure.meta } : {}),
        },
      };
  }
}
