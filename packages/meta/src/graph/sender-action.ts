import type { InstagramApi, Platform } from "@meta-relay/core";
import type { GraphRequest } from "./send-spec";

export const SENDER_ACTIONS = ["typing_on", "typing_off", "mark_seen"] as const;
/** What an agent shows the customer while answering. Public interface (product.md §4.2). */
export type SenderAction = (typeof SENDER_ACTIONS)[number];

export interface SenderActionSpec {
  platform: Platform;
  channelId: string;
  /** Instagram: the linked page id, used in the send path. */
  pageId: string | null;
  /** Instagram: `instagram_login` accounts act on the Instagram host, as themselves. */
  api?: InstagramApi | null | undefined;
  userId: string;
  action: SenderAction;
  /** WhatsApp: the customer's latest message, which is marked read (and typed under). */
  lastCustomerMetaMessageId: string | null;
}

/**
 * WhatsApp has no typing_off: its indicator ends with the next message or after 25 seconds
 * (Cloud API "Typing indicators"), and a read receipt and a typing indicator both name a message.
 */
export function senderActionCarried(platform: Platform, action: SenderAction): boolean {
  return platform !== "whatsapp" || action !== "typing_off";
}

/** The request for one sender action; null when it cannot be written (see senderActionCarried). */
export function buildSenderActionRequest(
  spec: SenderActionSpec,
  version: string,
): GraphRequest | null {
  if (spec.platform === "instagram" && spec.api === "instagram_login") {
    return {
      path: `/${version}/${spec.channelId}/messages`,
      body: { recipient: { id: spec.userId }, sender_action: spec.action },
      host: "instagram",
    };
  }
  if (spec.platform !== "whatsapp") {
    const sender = spec.platform === "instagram" ? (spec.pageId ?? spec.channelId) : spec.channelId;
    return {
      path: `/${version}/${sender}/messages`,
      body: { recipient: { id: spec.userId }, sender_action: spec.action },
    };
  }
  if (!senderActionCarried(spec.platform, spec.action) || !spec.lastCustomerMetaMessageId) {
    return null;
  }
  const body: Record<string, unknown> = {
    messaging_product: "whatsapp",
    status: "read",
    message_id: spec.lastCustomerMetaMessageId,
  };
  if (spec.action === "typing_on") body.typing_indicator = { type: "text" };
  return { path: `/${version}/${spec.channelId}/messages`, body };
}
