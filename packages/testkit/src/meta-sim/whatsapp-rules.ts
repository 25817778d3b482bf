import {
  invalidParameter,
  invalidValue,
  missingParameter,
  reEngagement,
  unsupportedType,
  type GraphError,
} from "./graph-errors";
import { newWamid } from "./ids";
import type { SimChannel } from "./types";
import { isRecord, stringField, type SendFacts, type Verdict } from "./verdict";
import { isMediaType, whatsappContentError } from "./whatsapp-message-rules";
import { STANDARD_WINDOW_MS, type WindowBook } from "./windows";

const OTHER_TYPES = new Set([
  "text",
  "template",
  "location",
  "contacts",
  "interactive",
  "reaction",
]);

/** How WhatsApp refuses free-form sends outside the window: at once, or later by webhook. */
export type WindowFailureMode = "sync" | "async";

export function whatsappFacts(
  body: unknown,
  owner?: (messageId: string) => string | undefined,
): SendFacts {
  if (isStatusRequest(body)) {
    const messageId = stringField(body, "message_id") ?? "";
    const senderAction = isRecord(body.typing_indicator) ? "typing_on" : "mark_seen";
    return { userId: owner?.(messageId) ?? "", senderAction };
  }
  return { userId: recipientOf(body)?.id ?? "", waType: stringField(body, "type") ?? "text" };
}

/** A read receipt (`status: read`), with or without a typing indicator: not a message. */
function isStatusRequest(body: unknown): body is Record<string, unknown> {
  return (
    isRecord(body) &&
    body.status !== undefined &&
    body.to === undefined &&
    body.recipient === undefined
  );
}

/** Meta's Cloud API rules: free-form only inside the 24 h window, templates always. */
export function judgeWhatsAppSend(
  channel: SimChannel,
  body: unknown,
  windows: WindowBook,
  nowMs: number,
  mode: WindowFailureMode,
): Verdict {
  if (isStatusRequest(body)) return judgeStatusRequest(channel, body, windows);
  const shapeError = bodyError(channel, body) ?? referenceError(channel, body, windows);
  if (shapeError) return { kind: "refuse", error: shapeError };
  const recipient = recipientOf(body);
  const type = stringField(body, "type") ?? "text";
  if (!recipient)
    return { kind: "refuse", error: invalidParameter("The parameter to is required.") };
  const wamid = newWamid();
  windows.recordMessage("whatsapp", channel.channelId, recipient.id, wamid);
  const response = {
    messaging_product: "whatsapp",
    contacts: [recipient.contact],
    messages: [{ id: wamid, message_status: "accepted" }],
  };
  const open = windows.isOpen(
    "whatsapp",
    channel.channelId,
    recipient.id,
    STANDARD_WINDOW_MS,
    nowMs,
  );
  if (type === "template" || open) return { kind: "accept", metaMessageId: wamid, response };
  if (mode === "async") {
    return { kind: "accept-then-fail", metaMessageId: wamid, response, error: reEngagement() };
  }
  return { kind: "refuse", error: reEngagement() };
}

/** Marks a customer's message read (and shows the typing indicator): it must be theirs, on this number. */
function judgeStatusRequest(
  channel: SimChannel,
  body: Record<string, unknown>,
  windows: WindowBook,
): Verdict {
  const refuse = (error: GraphError): Verdict => ({ kind: "refuse", error });
  if (body.messaging_product !== "whatsapp") {
    return refuse(invalidParameter("Param messaging_product must be whatsapp"));
  }
  if (body.status !== "read") return refuse(invalidValue("status must be read"));
  const messageId = stringField(body, "message_id");
  if (messageId === undefined || messageId === "") {
    return refuse(missingParameter("The parameter message_id is required."));
  }
  if (windows.messageOwner("whatsapp", channel.channelId, messageId) === undefined) {
    return refuse(invalidValue(`message_id ${messageId} is not a message this number received`));
  }
  const typing = body.typing_indicator;
  if (typing !== undefined && stringField(typing, "type") !== "text") {
    return refuse(invalidValue("typing_indicator['type'] must be text"));
  }
  return { kind: "accept", metaMessageId: undefined, response: { success: true } };
}

/** Replies (`context`) and reactions name a message, which must be of this conversation. */
function referenceError(
  channel: SimChannel,
  body: unknown,
  windows: WindowBook,
): GraphError | undefined {
  if (!isRecord(body)) return undefined;
  const userId = recipientOf(body)?.id;
  if (body.context !== undefined && !stringField(body.context, "message_id")) {
    return missingParameter("The parameter context['message_id'] is required.");
  }
  if (stringField(body, "type") !== "reaction") return undefined;
  const target = stringField(body.reaction, "message_id");
  if (target === undefined)
    return missingParameter("The parameter reaction['message_id'] is required.");
  if (typeof (isRecord(body.reaction) ? body.reaction.emoji : undefined) !== "string") {
    return missingParameter("The parameter reaction['emoji'] is required.");
  }
  return windows.messageOwner("whatsapp", channel.channelId, target) === userId
    ? undefined
    : invalidValue(`reaction['message_id'] ${target} is not a message of this conversation`);
}

function bodyError(channel: SimChannel, body: unknown): GraphError | undefined {
  if (!isRecord(body) || body.messaging_product === undefined) {
    return invalidParameter("The parameter messaging_product is required.");
  }
  if (body.messaging_product !== "whatsapp") {
    return invalidParameter("Param messaging_product must be whatsapp");
  }
  if (!recipientOf(body)) return invalidParameter("The parameter to is required.");
  const type = stringField(body, "type") ?? "text";
  if (!isMediaType(type) && !OTHER_TYPES.has(type)) return unsupportedType(type);
  return whatsappContentError(channel, type, body[type]);
}

interface Recipient {
  id: string;
  contact: { input: string; wa_id?: string; user_id?: string };
}

/** `to` (a phone number) wins over `recipient` (a business-scoped user id) when both are given. */
function recipientOf(body: unknown): Recipient | undefined {
  const to = stringField(body, "to");
  if (to !== undefined && to !== "") {
    const waId = /^[+\d\s().-]+$/.test(to) ? to.replace(/\D/g, "") : to;
    return { id: waId, contact: { input: to, wa_id: waId } };
  }
  const bsuid = stringField(body, "recipient");
  if (bsuid !== undefined && bsuid !== "") {
    return { id: bsuid, contact: { input: bsuid, user_id: bsuid } };
  }
  return undefined;
}
