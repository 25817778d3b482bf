import type { CustomerAction, CustomerActionKind, InboundContent } from "@meta-relay/core";
import type { ItemCollector } from "./item-collector";
import { messageContent, postbackContent, reactionOf, referralOf } from "./messaging-content";
import { collectPolicyEnforcement } from "./normalise-channel-notices";
import { compact, idOf, listOf, objectOf, stringOf, timeOf, type JsonObject, rawOf } from "./read";
import { syntheticActionId } from "./synthetic-id";

/** Messenger's and Instagram's events of thread control (handover, conversation routing). */
const HANDOVER_FIELDS = [
  "pass_thread_control",
  "take_thread_control",
  "request_thread_control",
  "app_roles",
];

/** One `messaging` / `standby` item, its place, and the ids every item of its entry shares. */
interface Item {
  raw: JsonObject;
  path: string;
  entryId: string;
  standby: boolean;
  sender: JsonObject;
  recipient: JsonObject;
  timestampMs: number;
}

/** Every `messaging` and `standby` item of one Messenger or Instagram entry. */
export function normaliseMessagingEntry(
  collector: ItemCollector,
  rawEntry: unknown,
  path: string,
): void {
  const entry = collector.object(rawEntry, path);
  if (!entry) return;
  const entryId = idOf(entry["id"]);
  const messaging = optionalList(entry, "messaging");
  const standby = optionalList(entry, "standby");
  const changes = optionalList(entry, "changes");
  if (!entryId || !messaging || !standby || !changes) {
    return collector.skip(path, "id, messaging, standby or changes: not of Meta's shape");
  }
  if (!collector.addressable(entryId)) return;
  walk(collector, messaging, { entryId, path: `${path}.messaging`, standby: false });
  walk(collector, standby, { entryId, path: `${path}.standby`, standby: true });
  // Comments and feed changes open only a private reply, never the window: counted, not recorded.
  for (let i = 0; i < changes.length; i++) collector.ignore(entryId, "change");
}

/** The list under `key`, [] when absent, null when present but not a list. */
function optionalList(entry: JsonObject, key: string): unknown[] | null {
  const value = entry[key];
  return value === undefined ? [] : (listOf(value) ?? null);
}

function walk(
  collector: ItemCollector,
  list: unknown[],
  where: { entryId: string; path: string; standby: boolean },
): void {
  for (let i = 0; i < list.length; i++) {
    const path = `${where.path}[${i}]`;
    // Meta's news about the channel itself names no customer: read before the customer's items.
    if (collectPolicyEnforcement(collector, where.entryId, list[i], path)) continue;
    const raw = collector.object(list[i], path);
    if (!raw) continue;
    const sender = objectOf(raw["sender"]);
    const recipient = objectOf(raw["recipient"]);
    const timestampMs = timeOf(raw["timestamp"]);
    if (!sender || !recipient) {
      collector.skip(path, "sender, recipient: expected objects");
      continue;
    }
    if (timestampMs === undefined) {
      collector.skip(path, "timestamp: not a time");
      continue;
    }
    const item = { ...where, raw, path, sender, recipient, timestampMs };
    normaliseItem(collector, item);
  }
}

function normaliseItem(collector: ItemCollector, item: Item): void {
  const { raw } = item;
  const message = raw["message"];
  if (message !== undefined) return normaliseMessage(collector, item, message);
  const postback = raw["postback"];
  if (postback !== undefined) return normalisePostback(collector, item, postback);
  const reaction = raw["reaction"];
  if (reaction !== undefined) return normaliseReaction(collector, item, reaction);
  if (raw["referral"] !== undefined) {
    const referral = objectOf(raw["referral"]);
    if (!referral) return collector.skip(item.path, "referral: expected an object");
    return addAction(collector, item, "referral", referral, { referral: referralOf(referral) });
  }
  const edit = raw["message_edit"];
  if (edit !== undefined) return normaliseEdit(collector, item, edit);
  normaliseReceipt(collector, item);
}

function normaliseMessage(collector: ItemCollector, item: Item, value: unknown): void {
  const message = objectOf(value);
  const mid = idOf(message?.["mid"]);
  if (!message || !mid) return collector.skip(item.path, "message.mid: missing");
  if (message["is_echo"] === true) return normaliseEcho(collector, item, message, mid);
  if (message["is_deleted"] === true) {
    const who = customerOf(collector, item);
    if (!who) return;
    return collector.add({
      type: "customer_deletion",
      platform: collector.platform,
      ...who,
      metaMessageId: mid,
      timestampMs: item.timestampMs,
      raw: rawOf(item.raw),
    });
  }
  addAction(collector, item, "message", mid, messageContent(message));
}

function normalisePostback(collector: ItemCollector, item: Item, value: unknown): void {
  const postback = objectOf(value);
  if (!postback) return collector.skip(item.path, "postback: expected an object");
  addAction(
    collector,
    item,
    "postback",
    idOf(postback["mid"]) ?? postback,
    postbackContent(postback),
  );
}

function normaliseReaction(collector: ItemCollector, item: Item, value: unknown): void {
  const object = objectOf(value);
  if (!object || typeof object["action"] !== "string") {
    return collector.skip(item.path, "reaction.action: expected a string");
  }
  const reaction = reactionOf(object);
  if (!reaction) return collector.ignore(item.entryId, "reaction_other");
  const text = reaction.action === "react" ? reaction.emoji : undefined;
  // Taking a reaction back is relayed, but it is not a new customer action: no window.
  addAction(collector, item, "reaction", object, { text, reaction }, reaction.action === "react");
}

function normaliseEdit(collector: ItemCollector, item: Item, value: unknown): void {
  const edit = objectOf(value);
  const mid = idOf(edit?.["mid"]);
  if (!edit || !mid) return collector.skip(item.path, "message_edit.mid: missing");
  const who = customerOf(collector, item);
  if (!who) return;
  // num_edit counts the edits of one message: with the mid it names this edit.
  const count = idOf(edit["num_edit"]);
  const editId =
    count ??
    syntheticActionId({
      platform: collector.platform,
      ...who,
      kind: "edit",
      timestampMs: item.timestampMs,
      payload: edit,
    });
  const text = stringOf(edit["text"]);
  collector.add({
    type: "customer_edit",
    platform: collector.platform,
    ...who,
    metaMessageId: mid,
    editId: `${mid}#${editId}`,
    ...(text !== undefined && { text }),
    timestampMs: item.timestampMs,
    raw: rawOf(item.raw),
  });
}

/**
 * A customer's action. `id` is Meta's id of it, or the part of the item an id is derived from
 * (reactions, referrals and some postbacks carry no id of their own).
 */
function addAction(
  collector: ItemCollector,
  item: Item,
  kind: CustomerActionKind,
  id: string | JsonObject,
  content: InboundContent,
  opensWindow = true,
): void {
  const who = customerOf(collector, item);
  if (!who) return;
  const base = { platform: collector.platform, ...who, kind };
  const metaMessageId =
    typeof id === "string"
      ? id
      : syntheticActionId({ ...base, timestampMs: item.timestampMs, payload: id });
  const action: CustomerAction = {
    type: "customer_action",
    ...base,
    userIds: [who.userId],
    metaMessageId,
    timestampMs: item.timestampMs,
    opensWindow,
    ...compact(content),
    raw: rawOf(item.raw),
  };
  if (item.standby) action.standby = true;
  collector.add(action);
}

/** The channel and the customer of a customer's item, or null after counting why it is skipped. */
function customerOf(
  collector: ItemCollector,
  item: Item,
): { channelId: string; userId: string } | null {
  const userId = idOf(item.sender["id"]);
  if (!userId) {
    collector.skip(item.path, "sender.id: the customer is not named");
    return null;
  }
  const channelId = item.entryId;
  return collector.addressable(channelId, userId) ? { channelId, userId } : null;
}

/** An echo is the page's own message: the page is the sender and the customer the recipient. */
function normaliseEcho(
  collector: ItemCollector,
  item: Item,
  message: JsonObject,
  mid: string,
): void {
  const channelId = item.entryId;
  const userId = idOf(item.recipient["id"]);
  if (!userId) return collector.skip(item.path, "recipient.id: missing");
  if (!collector.addressable(channelId, userId)) return;
  collector.add({
    type: "echo",
    platform: collector.platform,
    channelId,
    userId,
    metaMessageId: mid,
    metadata: stringOf(message["metadata"]),
    timestampMs: item.timestampMs,
  });
}

/** Delivery and read receipts (Messenger watermarks, Instagram `messaging_seen`). */
function normaliseReceipt(collector: ItemCollector, item: Item): void {
  const { raw, entryId } = item;
  const delivery = raw["delivery"];
  const read = raw["read"];
  if (delivery === undefined && read === undefined) {
    return collector.ignore(entryId, otherKind(raw));
  }
  const receipt = objectOf(delivery ?? read);
  const watermarkMs = timeOf(receipt?.["watermark"]);
  if (!receipt || (delivery !== undefined && watermarkMs === undefined)) {
    return collector.skip(item.path, "delivery.watermark: not a time");
  }
  const userId = idOf(item.sender["id"]);
  if (userId !== undefined && !collector.addressable(userId)) return;
  const mids =
    delivery !== undefined
      ? (listOf(receipt["mids"]) ?? []).map(idOf).filter((mid): mid is string => !!mid)
      : [idOf(receipt["mid"])].filter((mid): mid is string => !!mid);
  collector.add({
    type: "status",
    platform: collector.platform,
    channelId: entryId,
    userId,
    status: delivery !== undefined ? "delivered" : "read",
    metaMessageIds: mids,
    watermarkMs,
    timestampMs: item.timestampMs,
  });
}

function otherKind(raw: JsonObject): string {
  if ("optin" in raw) return "optin";
  if ("policy_enforcement" in raw || "policy-enforcement" in raw) return "policy_enforcement";
  if (HANDOVER_FIELDS.some((field) => field in raw)) return "handover";
  return "other";
}
