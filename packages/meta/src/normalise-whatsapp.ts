import type {
  CustomerAction,
  InboundAttachment,
  MetaErrorInfo,
  StatusUpdate,
} from "@meta-relay/core";
import type { ItemCollector } from "./item-collector";
import { collectAccountUpdate } from "./normalise-channel-notices";
import {
  whatsappChangeSchema,
  whatsappContactSchema,
  whatsappEntrySchema,
  whatsappMessageSchema,
  whatsappStatusSchema,
  whatsappValueSchema,
  type WhatsAppError,
  type WhatsAppMessage,
  type WhatsAppStatus,
} from "./webhook-schemas";

/**
 * Message types that are not the customer writing: a reaction (Meta does not document it as opening
 * the customer service window, so the product stays on the safe side) and system notices.
 */
const NOT_WINDOW_OPENING: Record<string, string> = { reaction: "reaction", system: "system" };

const MEDIA_TYPES = new Set(["image", "audio", "video", "document", "sticker"]);
const STATUSES = new Set<StatusUpdate["status"]>(["sent", "delivered", "read", "failed"]);

/** Every `changes[].value.messages`, `statuses` and `errors` item of one WhatsApp entry. */
export function normaliseWhatsAppEntry(
  collector: ItemCollector,
  rawEntry: unknown,
  path: string,
): void {
  const entry = collector.parse(whatsappEntrySchema, rawEntry, path);
  if (!entry) return;
  (entry.changes ?? []).forEach((rawChange, i) => {
    normaliseChange(collector, rawChange, `${path}.changes[${i}]`, entry.id);
  });
}

function normaliseChange(
  collector: ItemCollector,
  rawChange: unknown,
  path: string,
  wabaId: string,
): void {
  const change = collector.parse(whatsappChangeSchema, rawChange, path);
  if (!change) return;
  if (change.field === "account_update") {
    return collectAccountUpdate(collector, wabaId, change.value, path);
  }
  // Template, quality and account notices carry no conversation: acknowledged, not recorded.
  if (change.field !== "messages") return collector.ignore("", "other_field");
  const value = collector.parse(whatsappValueSchema, change.value, `${path}.value`);
  if (!value) return;
  const channelId = value.metadata.phone_number_id;
  const bsuidByPhone = bsuidsOf(value.contacts ?? []);
  (value.messages ?? []).forEach((raw, i) => {
    const message = collector.parse(whatsappMessageSchema, raw, `${path}.value.messages[${i}]`);
    if (message)
      normaliseMessage(collector, channelId, message, bsuidByPhone, `${path}.value.messages[${i}]`);
  });
  (value.statuses ?? []).forEach((raw, i) => {
    const status = collector.parse(whatsappStatusSchema, raw, `${path}.value.statuses[${i}]`);
    if (status) normaliseStatus(collector, channelId, status);
  });
  // Errors of the number or the app: never window-opening, counted so ops see them.
  for (let i = 0; i < (value.errors?.length ?? 0); i++) collector.ignore(channelId, "error");
}

/** Phone number → BSUID, from `contacts[]`, for messages that name only the phone number. */
function bsuidsOf(contacts: unknown[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const raw of contacts) {
    const contact = whatsappContactSchema.safeParse(raw);
    if (contact.success && contact.data.wa_id && contact.data.user_id) {
      map.set(contact.data.wa_id, contact.data.user_id);
    }
  }
  return map;
}

function normaliseMessage(
  collector: ItemCollector,
  channelId: string,
  message: WhatsAppMessage,
  bsuidByPhone: Map<string, string>,
  path: string,
): void {
  const ignoredAs = NOT_WINDOW_OPENING[message.type];
  if (ignoredAs) return collector.ignore(channelId, ignoredAs);
  const phone = nonEmpty(message.from);
  const bsuid = nonEmpty(message.from_user_id) ?? (phone ? bsuidByPhone.get(phone) : undefined);
  // The reply goes to the phone number when there is one; a username user has only the BSUID.
  const userId = phone ?? bsuid;
  if (!userId) return collector.skip(path, "from: the customer is not named");
  const action: CustomerAction = {
    type: "customer_action",
    platform: "whatsapp",
    channelId,
    userId,
    userIds: [phone, bsuid].filter((id): id is string => id !== undefined),
    metaMessageId: message.id,
    kind: "message",
    timestampMs: message.timestamp,
  };
  const text = textOf(message);
  if (text !== undefined) action.text = text;
  const attachment = attachmentOf(message);
  if (attachment) action.attachments = [attachment];
  collector.add(action);
}

function textOf(message: WhatsAppMessage): string | undefined {
  if (message.text) return message.text.body;
  const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
  if (reply?.title !== undefined) return reply.title;
  return message.button?.text;
}

function attachmentOf(message: WhatsAppMessage): InboundAttachment | undefined {
  // WhatsApp sends a media id, not a URL: the type alone tells the agent what arrived.
  return MEDIA_TYPES.has(message.type) ? { type: message.type } : undefined;
}

function normaliseStatus(
  collector: ItemCollector,
  channelId: string,
  status: WhatsAppStatus,
): void {
  const kind = status.status as StatusUpdate["status"];
  if (!STATUSES.has(kind)) return collector.ignore(channelId, "status_other");
  const update: StatusUpdate = {
    type: "status",
    platform: "whatsapp",
    channelId,
    userId: nonEmpty(status.recipient_id) ?? nonEmpty(status.recipient_user_id),
    status: kind,
    metaMessageIds: [status.id],
    timestampMs: status.timestamp,
  };
  if (status.errors && status.errors.length > 0) update.errors = status.errors.map(toErrorInfo);
  collector.add(update);
}

function toErrorInfo(error: WhatsAppError): MetaErrorInfo {
  return {
    code: error.code,
    message: error.message ?? error.error_data?.details ?? error.title ?? "",
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
