import { randomBytes } from "node:crypto";
import { SimulatorError } from "./errors";
import type { SimPlatform } from "./types";
import type { ResolvedEvent, SimStatusError } from "./webhook-events";

/** The app id Meta puts on echoes of messages this app sent. */
export const SIM_APP_ID = "1000000000000001";

const OBJECTS: Record<SimPlatform, string> = {
  messenger: "page",
  instagram: "instagram",
  whatsapp: "whatsapp_business_account",
};

/** One webhook body, in Meta's shape for the platform of the events (they must share one). */
export function buildWebhookPayload(events: ResolvedEvent[]): object {
  const platform = events[0]?.who.platform;
  if (!platform) throw new SimulatorError("empty_batch", "a webhook needs at least one event");
  if (events.some((event) => event.who.platform !== platform)) {
    throw new SimulatorError("mixed_batch", "one webhook carries events of one platform only");
  }
  const entry = platform === "whatsapp" ? whatsappEntries(events) : pageEntries(events);
  return { object: OBJECTS[platform], entry };
}

// Messenger puts exactly one event in each entry's `messaging`; a batch is several entries.
function pageEntries(events: ResolvedEvent[]): object[] {
  return events.map((event) => {
    const item = pageItem(event);
    const list = event.kind === "message" && event.standby ? "standby" : "messaging";
    return { id: event.who.channelId, time: Date.now(), [list]: [item] };
  });
}

function pageItem(event: ResolvedEvent): object {
  const { who, atMs } = event;
  const fromCustomer = { sender: { id: who.userId }, recipient: { id: who.channelId } };
  if (event.kind === "echo") {
    const message = { mid: event.id, is_echo: true, app_id: SIM_APP_ID, ...optional(event) };
    return {
      sender: { id: who.channelId },
      recipient: { id: who.userId },
      timestamp: atMs,
      message,
    };
  }
  return { ...fromCustomer, timestamp: atMs, ...pageBody(event) };
}

function optional(event: { text?: string; metadata?: string }): object {
  return {
    ...(event.metadata !== undefined && { metadata: event.metadata }),
    ...(event.text !== undefined && { text: event.text }),
  };
}

function pageBody(event: ResolvedEvent): object {
  switch (event.kind) {
    case "message":
      return { message: pageMessage(event) };
    case "postback":
      return {
        postback: {
          mid: event.metaId,
          title: event.title ?? event.payload,
          payload: event.payload,
        },
      };
    case "reaction":
      return { reaction: reactionBody(event) };
    case "referral":
      return {
        referral: {
          ref: event.ref ?? "sim",
          source: event.source ?? "SHORTLINK",
          type: "OPEN_THREAD",
        },
      };
    case "delivered":
      return { delivery: { mids: event.ids, watermark: event.watermarkMs ?? event.atMs } };
    case "read":
      // Instagram's `messaging_seen` names the message seen; Messenger's `read` gives a watermark.
      return event.who.platform === "instagram"
        ? { read: { mid: event.ids[event.ids.length - 1] } }
        : { read: { watermark: event.watermarkMs ?? event.atMs } };
    default:
      throw new SimulatorError("unsupported_event", `no page webhook for ${event.kind}`);
  }
}

function pageMessage(event: ResolvedEvent & { kind: "message" }): object {
  const attachments = event.attachments?.map(({ type, url }) => ({ type, payload: { url } }));
  return {
    mid: event.metaId,
    ...(event.text !== undefined && { text: event.text }),
    ...(attachments && { attachments }),
    ...(event.quickReply !== undefined && { quick_reply: { payload: event.quickReply } }),
    ...(event.referral && { referral: messageReferral(event.referral) }),
  };
}

/** Meta's `message.referral` on the first message after a click-to-Messenger/Direct ad. */
function messageReferral(referral: NonNullable<(ResolvedEvent & { kind: "message" })["referral"]>) {
  return {
    source: referral.source,
    type: "OPEN_THREAD",
    ...(referral.ref !== undefined && { ref: referral.ref }),
    ...(referral.adId !== undefined && {
      ad_id: referral.adId,
      ads_context_data: { ad_title: "Ad", post_id: `${referral.adId}_post` },
    }),
  };
}

const REACTION_NAMES: Record<string, string> = { "❤️": "love", "❤": "love", "👍": "like" };

function reactionBody(event: ResolvedEvent & { kind: "reaction" }): object {
  const action = event.action ?? "react";
  if (action === "unreact") return { mid: event.to, action };
  const emoji = event.emoji ?? "❤️";
  return { mid: event.to, action, emoji, reaction: REACTION_NAMES[emoji] ?? "other" };
}

// WhatsApp groups a batch by phone number: one change per number, with its messages and statuses.
function whatsappEntries(events: ResolvedEvent[]): object[] {
  const byPhone = new Map<string, ResolvedEvent[]>();
  for (const event of events) {
    byPhone.set(event.who.channelId, [...(byPhone.get(event.who.channelId) ?? []), event]);
  }
  return [...byPhone].map(([phoneNumberId, group]) => ({
    id: `waba-${phoneNumberId}`,
    changes: [{ field: "messages", value: whatsappValue(phoneNumberId, group) }],
  }));
}

function whatsappValue(phoneNumberId: string, events: ResolvedEvent[]): object {
  const statuses = events.flatMap(whatsappStatuses);
  const incoming = events.filter((event) => !isStatusKind(event.kind));
  const value: Record<string, unknown> = {
    messaging_product: "whatsapp",
    metadata: {
      display_phone_number: phoneNumberId.replace(/\D/g, "") || "15550000000",
      phone_number_id: phoneNumberId,
    },
  };
  if (incoming.length > 0) {
    value.contacts = uniqueContacts(incoming);
    value.messages = incoming.map(whatsappMessage);
  }
  if (statuses.length > 0) value.statuses = statuses;
  return value;
}

function isStatusKind(kind: ResolvedEvent["kind"]): boolean {
  return kind === "status" || kind === "delivered" || kind === "read";
}

const isPhone = (id: string): boolean => /^\d+$/.test(id);

function customerIds(event: ResolvedEvent): { wa_id?: string; user_id?: string } {
  const { userId, bsuid } = event.who;
  if (!isPhone(userId)) return { user_id: userId };
  return { wa_id: userId, ...(bsuid && { user_id: bsuid }) };
}

function uniqueContacts(events: ResolvedEvent[]): object[] {
  const contacts = new Map<string, object>();
  for (const event of events) {
    const profile = { name: event.who.name ?? "Sim Customer" };
    contacts.set(event.who.userId, { profile, ...customerIds(event) });
  }
  return [...contacts.values()];
}

function whatsappMessage(event: ResolvedEvent): object {
  const { wa_id: from, user_id: fromUserId } = customerIds(event);
  const head = {
    ...(from && { from }),
    ...(fromUserId && { from_user_id: fromUserId }),
    id: event.metaId,
    timestamp: String(Math.floor(event.atMs / 1000)),
  };
  return { ...head, ...whatsappContent(event) };
}

function whatsappContent(event: ResolvedEvent): object {
  if (event.kind === "postback") {
    const reply = { id: event.payload, title: event.title ?? event.payload };
    return { type: "interactive", interactive: { type: "button_reply", button_reply: reply } };
  }
  if (event.kind === "reaction") {
    const emoji = event.action === "unreact" ? "" : (event.emoji ?? "❤️");
    return { type: "reaction", reaction: { message_id: event.to, emoji } };
  }
  if (event.kind !== "message") {
    throw new SimulatorError("unsupported_event", `no WhatsApp message for ${event.kind}`);
  }
  const attachment = event.attachments?.[0];
  if (!attachment) return { type: "text", text: { body: event.text ?? "" } };
  const type = attachment.type === "file" ? "document" : attachment.type;
  const media = { id: randomBytes(8).toString("hex"), mime_type: mimeType(type) };
  return { type, [type]: { ...media, ...(event.text !== undefined && { caption: event.text }) } };
}

function mimeType(type: string): string {
  const types: Record<string, string> = {
    image: "image/jpeg",
    video: "video/mp4",
    audio: "audio/ogg",
  };
  return types[type] ?? "application/pdf";
}

function whatsappStatuses(event: ResolvedEvent): object[] {
  if (event.kind === "status") return [statusItem(event, event.id, event.status, event.errors)];
  if (event.kind === "delivered" || event.kind === "read") {
    return event.ids.map((id) => statusItem(event, id, event.kind));
  }
  return [];
}

function statusItem(
  event: ResolvedEvent,
  id: string,
  status: string,
  errors?: SimStatusError[],
): object {
  const { wa_id: recipientId, user_id: recipientUserId } = customerIds(event);
  const item: Record<string, unknown> = {
    id,
    status,
    timestamp: String(Math.floor(event.atMs / 1000)),
    ...(recipientId && { recipient_id: recipientId }),
    ...(recipientUserId && { recipient_user_id: recipientUserId }),
  };
  if (status === "failed") {
    item.errors = (errors ?? []).map(({ code, title, message, details }) => ({
      code,
      title: title ?? message ?? `Error ${code}`,
      message: message ?? title ?? `Error ${code}`,
      error_data: { details: details ?? message ?? title ?? `Error ${code}` },
    }));
  } else {
    item.pricing = {
      billable: false,
      pricing_model: "PMP",
      type: "free_customer_service",
      category: "service",
    };
  }
  return item;
}
