import { createHash } from "node:crypto";
import type { ConversationRef, CustomerAction } from "@meta-relay/core";

/**
 * The id of a `message.received` event, derived from Meta's own ids so that a redelivered webhook
 * produces the same id (and BullMQ refuses the duplicate).
 */
export function receivedEventId(
  action: Pick<CustomerAction, "platform" | "channelId" | "metaMessageId" | "kind">,
): string {
  const digest = createHash("sha256")
    .update(`${action.platform}\n${action.channelId}\n${action.kind}\n${action.metaMessageId}`)
    .digest("base64url")
    .slice(0, 32);
  return `evt_${digest}`;
}

const SUFFIX = {
  "message.sent": "sent",
  "message.delivered": "delivered",
  "message.read": "read",
  "message.failed": "failed",
} as const;

/** The event types about one of our outbound messages. */
export type OutboundEventType = keyof typeof SUFFIX;

/** The id of an event about one of our messages: one per message and type, stable across retries. */
export function outboundEventId(messageId: string, type: OutboundEventType): string {
  return `evt_${messageId}.${SUFFIX[type]}`;
}

/**
 * The id of a `conversation.window_expiring` event: one per conversation, window, lead time and
 * customer action (`reminder` names all but the conversation), whichever process emits it.
 */
export function reminderEventId(conversation: ConversationRef, reminder: string): string {
  const digest = createHash("sha256")
    .update(`${conversation.platform}\n${conversation.channelId}\n${reminder}`)
    .digest("base64url")
    .slice(0, 32);
  return `evt_rem_${digest}`;
}
