import {
  toIso,
  type CustomerAction,
  type CustomerDeletion,
  type CustomerEdit,
  type MessageReceivedData,
  type RelayEvent,
} from "@meta-relay/core";
import { deletedEventId, editedEventId, receivedEventId } from "@meta-relay/queues";

/** What a customer did, as the normaliser reports it: an action, an edit or a deletion. */
export type CustomerItem = CustomerAction | CustomerEdit | CustomerDeletion;

/**
 * The event of a customer's action, edit or deletion. Its id comes from Meta's ids alone, so a
 * redelivered webhook produces the same id (and the events queue refuses the duplicate). `nowMs`
 * is the arrival: a time Meta stamped later than that is reported as the arrival, as the window
 * records it.
 */
export function inboundEvent(item: CustomerItem, nowMs: number): RelayEvent {
  const timestamp = toIso(Math.min(item.timestampMs, nowMs));
  switch (item.type) {
    case "customer_action":
      return receivedEvent(item, timestamp);
    case "customer_edit":
      return {
        id: editedEventId(item),
        type: "message.edited",
        occurredAt: timestamp,
        data: withoutUndefined({
          platform: item.platform,
          channelId: item.channelId,
          userId: item.userId,
          metaMessageId: item.metaMessageId,
          text: item.text,
          attachments: item.attachments,
          timestamp,
          raw: item.raw,
        }),
      };
    case "customer_deletion":
      return {
        id: deletedEventId(item),
        type: "message.deleted",
        occurredAt: timestamp,
        data: {
          platform: item.platform,
          channelId: item.channelId,
          userId: item.userId,
          metaMessageId: item.metaMessageId,
          timestamp,
          raw: item.raw,
        },
      };
  }
}

function receivedEvent(action: CustomerAction, timestamp: string): RelayEvent<"message.received"> {
  const data: MessageReceivedData = withoutUndefined({
    platform: action.platform,
    channelId: action.channelId,
    userId: action.userId,
    userIds: action.platform === "whatsapp" ? action.userIds : undefined,
    metaMessageId: action.metaMessageId,
    kind: action.kind,
    opensWindow: action.opensWindow,
    text: action.text,
    payload: action.payload,
    attachments:
      action.attachments && action.attachments.length > 0 ? action.attachments : undefined,
    location: action.location,
    contacts: action.contacts,
    replyTo: action.replyTo,
    referral: action.referral,
    reaction: action.reaction,
    profile: action.profile,
    groupId: action.groupId,
    standby: action.standby ? true : undefined,
    timestamp,
    raw: action.raw,
  });
  return { id: receivedEventId(action), type: "message.received", occurredAt: timestamp, data };
}

/** The fields that are set: an event never carries `"field": undefined`. */
function withoutUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}
