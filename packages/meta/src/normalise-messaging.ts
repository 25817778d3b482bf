import type {
  CustomerAction,
  CustomerActionKind,
  InboundAttachment,
  InboundReferral,
} from "@meta-relay/core";
import type { ItemCollector } from "./item-collector";
import { collectPolicyEnforcement } from "./normalise-channel-notices";
import { syntheticActionId } from "./synthetic-id";
import { messagingEntrySchema, messagingEventSchema, type MessagingEvent } from "./webhook-schemas";

/** Messenger's and Instagram's events of thread control (handover, conversation routing). */
const HANDOVER_FIELDS = [
  "pass_thread_control",
  "take_thread_control",
  "request_thread_control",
  "app_roles",
];

/** Every `messaging` and `standby` item of one Messenger or Instagram entry. */
export function normaliseMessagingEntry(
  collector: ItemCollector,
  rawEntry: unknown,
  path: string,
): void {
  const entry = collector.parse(messagingEntrySchema, rawEntry, path);
  if (!entry) return;
  const lists = [
    { items: entry.messaging ?? [], name: "messaging", standby: false },
    { items: entry.standby ?? [], name: "standby", standby: true },
  ];
  for (const list of lists) {
    list.items.forEach((raw, i) => {
      if (collectPolicyEnforcement(collector, entry.id, raw, `${path}.${list.name}[${i}]`)) return;
      const event = collector.parse(messagingEventSchema, raw, `${path}.${list.name}[${i}]`);
      if (event)
        normaliseEvent(collector, entry.id, event, list.standby, `${path}.${list.name}[${i}]`);
    });
  }
  // Comments and feed changes open only a private reply, never the window: counted, not recorded.
  for (let i = 0; i < (entry.changes?.length ?? 0); i++) collector.ignore(entry.id, "change");
}

function normaliseEvent(
  collector: ItemCollector,
  entryId: string,
  event: MessagingEvent,
  standby: boolean,
  path: string,
): void {
  const { message } = event;
  if (message?.is_echo) {
    normaliseEcho(collector, entryId, event, path);
    return;
  }
  const channelId = entryId || event.recipient.id || "";
  if (message) {
    if (message.is_deleted) return collector.ignore(channelId, "message_deleted");
    return addAction(collector, channelId, event, standby, path, {
      kind: "message",
      metaMessageId: message.mid,
      text: message.text,
      attachments: attachmentsOf(event),
      referral: referralOf(message.referral),
    });
  }
  if (event.postback) {
    return addAction(collector, channelId, event, standby, path, {
      kind: "postback",
      metaMessageId: event.postback.mid,
      payload: event.postback,
      text: event.postback.title,
    });
  }
  if (event.reaction) {
    // Taking a reaction back is not a new customer action.
    if (event.reaction.action !== "react") return collector.ignore(channelId, "unreact");
    return addAction(collector, channelId, event, standby, path, {
      kind: "reaction",
      payload: event.reaction,
      text: event.reaction.emoji,
    });
  }
  if (event.referral) {
    return addAction(collector, channelId, event, standby, path, {
      kind: "referral",
      payload: event.referral,
    });
  }
  normaliseReceipt(collector, channelId, event);
}

interface ActionFields {
  kind: CustomerActionKind;
  /** Meta's own id of the action; when absent an id is derived from `payload`. */
  metaMessageId?: string | undefined;
  payload?: unknown;
  text?: string | undefined;
  attachments?: InboundAttachment[] | undefined;
  referral?: InboundReferral | undefined;
}

function addAction(
  collector: ItemCollector,
  channelId: string,
  event: MessagingEvent,
  standby: boolean,
  path: string,
  fields: ActionFields,
): void {
  const userId = event.sender.id;
  if (!userId || !channelId) return collector.skip(path, "sender.id: the customer is not named");
  const base = { platform: collector.platform, channelId, userId, kind: fields.kind };
  const action: CustomerAction = {
    type: "customer_action",
    ...base,
    userIds: [userId],
    metaMessageId:
      fields.metaMessageId ??
      syntheticActionId({ ...base, timestampMs: event.timestamp, payload: fields.payload }),
    timestampMs: event.timestamp,
  };
  if (fields.text !== undefined) action.text = fields.text;
  if (fields.attachments && fields.attachments.length > 0) action.attachments = fields.attachments;
  if (standby) action.standby = true;
  if (fields.referral) action.referral = fields.referral;
  collector.add(action);
}

function referralOf(raw: MessagingEvent["referral"]): InboundReferral | undefined {
  if (!raw?.source) return undefined;
  const referral: InboundReferral = { source: raw.source };
  if (raw.type !== undefined) referral.type = raw.type;
  if (raw.ref !== undefined) referral.ref = raw.ref;
  if (raw.ad_id !== undefined) referral.adId = String(raw.ad_id);
  return referral;
}

function attachmentsOf(event: MessagingEvent): InboundAttachment[] {
  return (event.message?.attachments ?? []).map((a) => {
    const attachment: InboundAttachment = { type: a.type };
    if (a.payload?.url) attachment.url = a.payload.url;
    return attachment;
  });
}

/** An echo is the page's own message: the page is the sender and the customer the recipient. */
function normaliseEcho(
  collector: ItemCollector,
  entryId: string,
  event: MessagingEvent,
  path: string,
): void {
  const channelId = entryId || event.sender.id;
  const userId = event.recipient.id;
  const message = event.message;
  if (!channelId || !userId || !message) return collector.skip(path, "recipient.id: missing");
  collector.add({
    type: "echo",
    platform: collector.platform,
    channelId,
    userId,
    metaMessageId: message.mid,
    metadata: message.metadata,
    timestampMs: event.timestamp,
  });
}

/** Delivery and read receipts (Messenger watermarks, Instagram `messaging_seen`). */
function normaliseReceipt(
  collector: ItemCollector,
  channelId: string,
  event: MessagingEvent,
): void {
  const { delivery, read } = event;
  const userId = event.sender.id;
  if (delivery) {
    collector.add({
      type: "status",
      platform: collector.platform,
      channelId,
      userId,
      status: "delivered",
      metaMessageIds: delivery.mids ?? [],
      watermarkMs: delivery.watermark,
      timestampMs: event.timestamp,
    });
    return;
  }
  if (read) {
    collector.add({
      type: "status",
      platform: collector.platform,
      channelId,
      userId,
      status: "read",
      metaMessageIds: read.mid ? [read.mid] : [],
      watermarkMs: read.watermark,
      timestampMs: event.timestamp,
    });
    return;
  }
  collector.ignore(channelId, otherKind(event));
}

function otherKind(event: MessagingEvent): string {
  if ("optin" in event) return "optin";
  if ("message_edit" in event) return "message_edit";
  if ("policy_enforcement" in event) return "policy_enforcement";
  if (HANDOVER_FIELDS.some((field) => field in event)) return "handover";
  return "other";
}
