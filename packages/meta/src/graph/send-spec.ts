import type { MessageContent, MessagingType, Platform } from "@meta-relay/core";

/** One outbound message, ready to be written as a Graph API send. */
export interface SendSpec {
  platform: Platform;
  /** Page id, Instagram account id or WhatsApp phone number id. */
  channelId: string;
  /** Instagram: the linked page id, used in the send path instead of the account id. */
  pageId: string | null;
  /** PSID, IGSID, wa_id or WhatsApp business-scoped user id. */
  userId: string;
  /** Our message id: Messenger's `metadata` (the echo names it), WhatsApp's callback data. */
  messageId: string;
  /** The kind and, with `replyTo`, the message it answers. */
  content: MessageContent;
  messagingType: MessagingType;
  tag: "HUMAN_AGENT" | null;
}

/** A send request: the path below `{graphUrl}` and the JSON body. */
export interface GraphRequest {
  path: string;
  body: Record<string, unknown>;
}

/** WhatsApp users without a phone number are named by a BSUID such as "US.1349…" (not all digits). */
export function isBusinessScopedUserId(userId: string): boolean {
  return !/^\+?\d+$/.test(userId);
}
