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
  /** Our message id: Messenger's `metadata`, so the echo names it. */
  messageId: string;
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

/** Builds the Send API (Messenger, Instagram) or Cloud API (WhatsApp) request for one message. */
export function buildSendRequest(spec: SendSpec, version: string): GraphRequest {
  if (spec.platform === "whatsapp") {
    return { path: `/${version}/${spec.channelId}/messages`, body: whatsappBody(spec) };
  }
  const sender = spec.platform === "instagram" ? (spec.pageId ?? spec.channelId) : spec.channelId;
  return { path: `/${version}/${sender}/messages`, body: pageBody(spec) };
}

function pageBody(spec: SendSpec): Record<string, unknown> {
  const body: Record<string, unknown> = {
    recipient: { id: spec.userId },
    messaging_type: spec.messagingType,
  };
  if (spec.messagingType === "MESSAGE_TAG" && spec.tag) body.tag = spec.tag;
  body.message = { ...pageMessage(spec.content), metadata: spec.messageId };
  return body;
}

function pageMessage(content: MessageContent): Record<string, unknown> {
  if ("text" in content) return { text: content.text };
  if ("attachment" in content) {
    return {
      attachment: { type: content.attachment.type, payload: { url: content.attachment.url } },
    };
  }
  // The API refuses templates on Messenger and Instagram; reaching here is a bug upstream.
  throw new Error("templates are a WhatsApp-only message kind");
}

const WHATSAPP_MEDIA = {
  image: "image",
  video: "video",
  audio: "audio",
  file: "document",
} as const;

function whatsappBody(spec: SendSpec): Record<string, unknown> {
  const body: Record<string, unknown> = {
    messaging_product: "whatsapp",
    recipient_type: "individual",
  };
  if (isBusinessScopedUserId(spec.userId)) body.recipient = spec.userId;
  else body.to = spec.userId;
  const { content } = spec;
  if ("text" in content) {
    Object.assign(body, { type: "text", text: { body: content.text } });
  } else if ("attachment" in content) {
    const type = WHATSAPP_MEDIA[content.attachment.type];
    Object.assign(body, { type, [type]: { link: content.attachment.url } });
  } else {
    const template: Record<string, unknown> = {
      name: content.template.name,
      language: { code: content.template.language },
    };
    if (content.template.components) template.components = content.template.components;
    Object.assign(body, { type: "template", template });
  }
  // Returned on every status webhook of this message: our id, for reconciliation.
  body.biz_opaque_callback_data = spec.messageId;
  return body;
}
