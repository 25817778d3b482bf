import { invalidParameter, reEngagement, unsupportedType, type GraphError } from "./graph-errors";
import { newWamid } from "./ids";
import type { SimChannel } from "./types";
import { isRecord, stringField, type SendFacts, type Verdict } from "./verdict";
import { STANDARD_WINDOW_MS, type WindowBook } from "./windows";

const MEDIA_TYPES = new Set(["image", "audio", "video", "document", "sticker"]);
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

export function whatsappFacts(body: unknown): SendFacts {
  return { userId: recipientOf(body)?.id ?? "", waType: stringField(body, "type") ?? "text" };
}

/** Meta's Cloud API rules: free-form only inside the 24 h window, templates always. */
export function judgeWhatsAppSend(
  channel: SimChannel,
  body: unknown,
  windows: WindowBook,
  nowMs: number,
  mode: WindowFailureMode,
): Verdict {
  const shapeError = bodyError(body);
  if (shapeError) return { kind: "refuse", error: shapeError };
  const recipient = recipientOf(body);
  const type = stringField(body, "type") ?? "text";
  if (!recipient)
    return { kind: "refuse", error: invalidParameter("The parameter to is required.") };
  const wamid = newWamid();
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

function bodyError(body: unknown): GraphError | undefined {
  if (!isRecord(body) || body.messaging_product === undefined) {
    return invalidParameter("The parameter messaging_product is required.");
  }
  if (body.messaging_product !== "whatsapp") {
    return invalidParameter("Param messaging_product must be whatsapp");
  }
  if (!recipientOf(body)) return invalidParameter("The parameter to is required.");
  const type = stringField(body, "type") ?? "text";
  if (!MEDIA_TYPES.has(type) && !OTHER_TYPES.has(type)) return unsupportedType(type);
  return contentError(type, body[type]);
}

function contentError(type: string, content: unknown): GraphError | undefined {
  if (!isRecord(content)) return invalidParameter(`The parameter ${type} is required.`);
  if (type === "text") {
    const text = content.body;
    if (typeof text !== "string" || text.length === 0 || text.length > 4096) {
      return invalidParameter("Param text['body'] must be a string of 1 to 4096 characters.");
    }
  }
  if (type === "template") {
    if (stringField(content, "name") === undefined) {
      return invalidParameter("The parameter template['name'] is required.");
    }
    if (stringField(content.language, "code") === undefined) {
      return invalidParameter("The parameter template['language']['code'] is required.");
    }
  }
  if (MEDIA_TYPES.has(type) && content.id === undefined && content.link === undefined) {
    return invalidParameter(`Param ${type} must have an id or a link.`);
  }
  return undefined;
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
