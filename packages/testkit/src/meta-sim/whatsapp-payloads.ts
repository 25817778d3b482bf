import { randomBytes } from "node:crypto";
import { SimulatorError } from "./errors";
import { newWamid } from "./ids";
import type {
  ResolvedEvent,
  SimReferral,
  SimStatusError,
  SimWhatsAppMedia,
} from "./webhook-events";

// WhatsApp's webhook values, in the shapes of Meta's `messages` webhook references.

type Of<K extends ResolvedEvent["kind"]> = Extract<ResolvedEvent, { kind: K }>;

// WhatsApp groups a batch by phone number: one change per number, with its messages and statuses.
export function whatsappEntries(events: ResolvedEvent[]): object[] {
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
    const { name, username } = event.who;
    const profile = { name: name ?? "Sim Customer", ...(username !== undefined && { username }) };
    contacts.set(event.who.userId, { profile, ...customerIds(event) });
  }
  return [...contacts.values()];
}

function whatsappMessage(event: ResolvedEvent): object {
  const { wa_id: from, user_id: fromUserId } = customerIds(event);
  const named = !event.who.contactsOnly;
  const head = {
    ...(named && from && { from }),
    ...(named && fromUserId && { from_user_id: fromUserId }),
    ...(event.kind === "message" && event.groupId !== undefined && { group_id: event.groupId }),
    id: event.metaId,
    timestamp: String(Math.floor(event.atMs / 1000)),
  };
  return { ...head, ...whatsappContent(event) };
}

function whatsappContent(event: ResolvedEvent): object {
  switch (event.kind) {
    case "postback": {
      const reply = { id: event.payload, title: event.title ?? event.payload };
      return { type: "interactive", interactive: { type: "button_reply", button_reply: reply } };
    }
    case "reaction": {
      const emoji = event.action === "unreact" ? "" : (event.emoji ?? "❤️");
      return { type: "reaction", reaction: { message_id: event.to, emoji } };
    }
    case "edit":
      return {
        type: "edit",
        edit: {
          original_message_id: event.to,
          message: { type: "text", text: { body: event.text } },
        },
      };
    case "delete":
      return { type: "revoke", revoke: { original_message_id: event.to } };
    case "message":
      return messageContent(event);
    default:
      throw new SimulatorError("unsupported_event", `no WhatsApp message for ${event.kind}`);
  }
}

function messageContent(event: Of<"message">): object {
  const context = event.replyTo !== undefined && {
    context: { from: event.who.channelId.replace(/\D/g, "") || "15550000000", id: event.replyTo },
  };
  const referral = event.referral && { referral: whatsappReferral(event.referral) };
  return { ...context, ...referral, ...typedContent(event) };
}

function typedContent(event: Of<"message">): object {
  if (event.unsupported) {
    return {
      type: "unsupported",
      errors: [{ code: 131051, title: "Message type unknown", message: "Message type unknown" }],
    };
  }
  if (event.location) return { type: "location", location: event.location };
  if (event.contacts) return { type: "contacts", contacts: event.contacts };
  if (event.button) return { type: "button", button: event.button };
  if (event.listReply) {
    return {
      type: "interactive",
      interactive: { type: "list_reply", list_reply: event.listReply },
    };
  }
  const media = event.media ?? attachmentMedia(event);
  if (!media) return { type: "text", text: { body: event.text ?? "" } };
  const { type, id, mimeType, sha256, filename, caption } = media;
  return {
    type,
    [type]: {
      ...(caption !== undefined && { caption }),
      mime_type: mimeType ?? mimeTypeOf(type),
      sha256: sha256 ?? randomBytes(32).toString("base64"),
      id,
      ...(filename !== undefined && { filename }),
    },
  };
}

/** The first Messenger-style attachment, as a WhatsApp media message with a fresh media id. */
function attachmentMedia(event: Of<"message">): SimWhatsAppMedia | undefined {
  const attachment = event.attachments?.[0];
  if (!attachment) return undefined;
  const type = attachment.type === "file" ? "document" : attachment.type;
  if (!["image", "video", "audio", "document", "sticker"].includes(type)) return undefined;
  return {
    type: type as SimWhatsAppMedia["type"],
    id: String(BigInt(`0x${randomBytes(7).toString("hex")}`)),
    ...(event.text !== undefined && { caption: event.text }),
  };
}

function whatsappReferral(referral: SimReferral): object {
  return {
    source_url: referral.sourceUrl ?? "https://fb.me/sim-ad",
    source_id: referral.adId ?? "120200000000000",
    source_type: referral.source ?? "ad",
    ...(referral.headline !== undefined && { headline: referral.headline }),
    ...(referral.body !== undefined && { body: referral.body }),
    media_type: "image",
    image_url: "https://scontent.example/ad.jpg",
    ctwa_clid: referral.ctwaClid ?? newWamid().slice(6, 30),
  };
}

function mimeTypeOf(type: string): string {
  const types: Record<string, string> = {
    image: "image/jpeg",
    video: "video/mp4",
    audio: "audio/ogg",
    sticker: "image/webp",
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
