import { toIso, type CustomerAction, type RelayEvent } from "@meta-relay/core";
import { receivedEventId } from "@meta-relay/queues";

/**
 * The `message.received` event of a customer action. Built only from Meta's data, so a
 * redelivered webhook produces the identical event (same id, same body).
 */
export function receivedEvent(action: CustomerAction): RelayEvent<"message.received"> {
  const timestamp = toIso(action.timestampMs);
  const data: RelayEvent<"message.received">["data"] = {
    platform: action.platform,
    channelId: action.channelId,
    userId: action.userId,
    metaMessageId: action.metaMessageId,
    kind: action.kind,
    timestamp,
  };
  if (action.text !== undefined) data.text = action.text;
  if (action.attachments && action.attachments.length > 0) data.attachments = action.attachments;
  return { id: receivedEventId(action), type: "message.received", occurredAt: timestamp, data };
}
