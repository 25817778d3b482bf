import type { Button, MessageContent } from "@meta-relay/core";
import { isBusinessScopedUserId, type SendSpec } from "./send-spec";

const WHATSAPP_MEDIA = {
  image: "image",
  video: "video",
  audio: "audio",
  file: "document",
} as const;

/** The Cloud API body for one message of any kind. */
export function whatsappBody(spec: SendSpec): Record<string, unknown> {
  const { content } = spec;
  // A raw message is Meta's own object; the relay writes only the routing and its id around it.
  const body: Record<string, unknown> =
    "raw" in content
      ? { recipient_type: "individual", ...content.raw, messaging_product: "whatsapp" }
      : { messaging_product: "whatsapp", recipient_type: "individual" };
  if (isBusinessScopedUserId(spec.userId)) body.recipient = spec.userId;
  else body.to = spec.userId;
  if (!("raw" in content)) Object.assign(body, whatsappMessage(content));
  if (content.replyTo) body.context = { message_id: content.replyTo.metaMessageId };
  // Returned on every status webhook of this message: our id, for reconciliation.
  body.biz_opaque_callback_data = spec.messageId;
  return body;
}

function whatsappMessage(content: MessageContent): Record<string, unknown> {
  if ("text" in content) {
    if (!content.quickReplies) return { type: "text", text: { body: content.text } };
    const buttons = content.quickReplies.map(({ title, payload }) => replyButton(title, payload));
    return interactive({ type: "button", body: { text: content.text }, action: { buttons } });
  }
  if ("attachment" in content) {
    const { type, url, caption, filename } = content.attachment;
    const waType = WHATSAPP_MEDIA[type];
    const media: Record<string, unknown> = { link: url };
    if (caption !== undefined) media.caption = caption;
    if (filename !== undefined) media.filename = filename;
    return { type: waType, [waType]: media };
  }
  if ("buttons" in content) return buttonsMessage(content.buttons.text, content.buttons.buttons);
  if ("list" in content) {
    const { text, button, sections } = content.list;
    return interactive({ type: "list", body: { text }, action: { button, sections } });
  }
  if ("reaction" in content) {
    const { metaMessageId, emoji } = content.reaction;
    return { type: "reaction", reaction: { message_id: metaMessageId, emoji } };
  }
  if ("location" in content) return { type: "location", location: { ...content.location } };
  if ("template" in content) {
    const { name, language, components } = content.template;
    const template: Record<string, unknown> = { name, language: { code: language } };
    if (components) template.components = components;
    return { type: "template", template };
  }
  throw new Error("a raw WhatsApp message is written by whatsappBody");
}

/** Postback buttons become reply buttons; exactly one URL button becomes a `cta_url` message. */
function buttonsMessage(text: string, buttons: Button[]): Record<string, unknown> {
  const [first] = buttons;
  if (first?.type === "url") {
    return interactive({
      type: "cta_url",
      body: { text },
      action: { name: "cta_url", parameters: { display_text: first.title, url: first.url } },
    });
  }
  const replies = buttons.flatMap((b) =>
    b.type === "postback" ? [replyButton(b.title, b.payload)] : [],
  );
  return interactive({ type: "button", body: { text }, action: { buttons: replies } });
}

function replyButton(title: string, id: string): Record<string, unknown> {
  return { type: "reply", reply: { id, title } };
}

function interactive(value: Record<string, unknown>): Record<string, unknown> {
  return { type: "interactive", interactive: value };
}
