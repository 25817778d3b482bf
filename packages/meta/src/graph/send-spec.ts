import type { InstagramApi, MessageContent, MessagingType, Platform } from "@meta-relay/core";

/** One outbound message, ready to be written as a Graph API send. */
export interface SendSpec {
  platform: Platform;
  /** Page id, Instagram account id or WhatsApp phone number id. */
  channelId: string;
  /** Instagram: the linked page id, used in the send path instead of the account id. */
  pageId: string | null;
  /** Instagram: `instagram_login` sends to the Instagram host as the account itself (no page). */
  api?: InstagramApi | null | undefined;
  /** PSID, IGSID, wa_id or WhatsApp business-scoped user id. */
  userId: string;
  /** Our message id: Messenger's `metadata` (the echo names it), WhatsApp's callback data. */
  messageId: string;
  /** The kind and, with `replyTo`, the message it answers. */
  content: MessageContent;
  messagingType: MessagingType;
  tag: "HUMAN_AGENT" | null;
}

/** Which Meta host a request goes to: graph.facebook.com, or the Instagram Login host. */
export type GraphHost = "graph" | "instagram";

/** A send request: the path below the host's base URL and the JSON body. */
export interface GraphRequest {
  path: string;
  body: Record<string, unknown>;
  /** Default "graph" (META_GRAPH_URL); "instagram" is META_INSTAGRAM_GRAPH_URL. */
  host?: GraphHost | undefined;
}

/** WhatsApp users without a phone number are named by a BSUID such as "US.1349…" (not all digits). */
export function isBusinessScopedUserId(userId: string): boolean {
  return !/^\+?\d+$/.test(userId);
}
