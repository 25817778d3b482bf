import type { Button, MessageContent, QuickReply } from "@meta-relay/core";
import type { SendSpec } from "./send-spec";

/**
 * The Send API body (Messenger, Instagram through the Messenger Platform) for one message of any
 * kind. `messaging_type` is on every body, sender actions included: Meta marks it required on every
 * Send API call, and it carries the HUMAN_AGENT tag of an agent's reaction after 24 hours
 * (UNCONFIRMED whether Meta reads it on a reaction; sending it is the safe side).
 */
export function pageBody(spec: SendSpec): Record<string, unknown> {
  const { content } = spec;
  const body: Record<string, unknown> = {
    recipient: { id: spec.userId },
    messaging_type: spec.messagingType,
  };
  if (spec.messagingType === "MESSAGE_TAG" && spec.tag) body.tag = spec.tag;
  if ("reaction" in content) {
    const { metaMessageId, emoji } = content.reaction;
    // An empty emoji takes the reaction back: `unreact` names the message only.
    body.sender_action = emoji === "" ? "unreact" : "react";
    body.payload =
      emoji === "" ? { message_id: metaMessageId } : { message_id: metaMessageId, reaction: emoji };
    return body;
  }
  // Our id comes back in the echo's metadata, which confirms a send whose answer was lost.
  body.message = { ...pageMessage(content), metadata: spec.messageId };
  if (content.replyTo) body.reply_to = { mid: content.replyTo.metaMessageId };
  return body;
}

function pageMessage(content: MessageContent): Record<string, unknown> {
  if ("text" in content) {
    const message: Record<string, unknown> = { text: content.text };
    if (content.quickReplies) message.quick_replies = content.quickReplies.map(quickReply);
    return message;
  }
  if ("attachment" in content) {
    const { type, url } = content.attachment;
    return { attachment: { type, payload: { url } } };
  }
  if ("buttons" in content) {
    const { text, buttons } = content.buttons;
    return {
      attachment: {
        type: "template",
        payload: { template_type: "button", text, buttons: buttons.map(pageButton) },
      },
    };
  }
  if ("template" in content) {
    // A Meta-approved utility template; the body goes with `messaging_type: UTILITY`.
    const { name, language, components } = content.template;
    return {
      template: { name, language: { code: language }, ...(components ? { components } : {}) },
    };
  }
  if ("raw" in content) return { ...content.raw };
  // The API refuses the kinds pages cannot carry; reaching here is a bug upstream.
  throw new Error("this message kind is not carried by Messenger or Instagram");
}

function quickReply(reply: QuickReply): Record<string, unknown> {
  return { content_type: "text", title: reply.title, payload: reply.payload };
}

function pageButton(button: Button): Record<string, unknown> {
  return button.type === "url"
    ? { type: "web_url", url: button.url, title: button.title }
    : { type: "postback", title: button.title, payload: button.payload };
}
