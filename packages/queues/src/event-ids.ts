import { createHash } from "node:crypto";
import type {
  ConversationRef,
  CustomerAction,
  CustomerDeletion,
  CustomerEdit,
  OutboundEventType,
} from "@meta-relay/core";

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

/** The id of a `message.edited` event: one per edit of a message, the same on every redelivery. */
export function editedEventId(
  edit: Pick<CustomerEdit, "platform" | "channelId" | "editId">,
): string {
  return digestId(`${edit.platform}\n${edit.channelId}\nedited\n${edit.editId}`);
}

/** The id of a `message.deleted` event: a message is deleted once, whoever redelivers it. */
export function deletedEventId(
  deletion: Pick<CustomerDeletion, "platform" | "channelId" | "metaMessageId">,
): string {
  return digestId(
    `${deletion.platform}\n${deletion.channelId}\ndeleted\n${deletion.metaMessageId}`,
  );
}

function digestId(source: string): string {
  return `evt_${createHash("sha256").update(source).digest("base64url").slice(0, 32)}`;
}

const SUFFIX: Record<OutboundEventType, string> = {
  "message.sent": "sent",
  "message.delivered": "delivered",
  "message.read": "read",
  "message.failed": "failed",
};

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
