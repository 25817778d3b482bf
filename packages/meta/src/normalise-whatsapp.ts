import type {
  CustomerAction,
  CustomerProfile,
  InboundContent,
  MetaErrorInfo,
  StatusUpdate,
} from "@meta-relay/core";
import type { ItemCollector } from "./item-collector";
import { collectAccountUpdate } from "./normalise-channel-notices";
import { compact, idOf, listOf, objectOf, stringOf, timeOf, type JsonObject, rawOf } from "./read";
import { whatsappContent, whatsappReaction } from "./whatsapp-content";

const STATUSES = new Set<StatusUpdate["status"]>(["sent", "delivered", "read", "failed"]);

/** A WhatsApp customer as one message names them, with their profile from `contacts[]`. */
interface Customer {
  userId: string;
  userIds: string[];
  profile?: CustomerProfile | undefined;
}

/** One message, where it is, and the common fields every message kind has. */
interface Message {
  raw: JsonObject;
  path: string;
  channelId: string;
  id: string;
  type: string;
  timestampMs: number;
  customer: Customer;
}

/** Every `changes[].value.messages`, `statuses` and `errors` item of one WhatsApp entry. */
export function normaliseWhatsAppEntry(
  collector: ItemCollector,
  rawEntry: unknown,
  path: string,
): void {
  const entry = collector.object(rawEntry, path);
  if (!entry) return;
  const wabaId = idOf(entry["id"]);
  const changes = entry["changes"] === undefined ? [] : listOf(entry["changes"]);
  if (!changes) return collector.skip(path, "changes: expected a list");
  changes.forEach((rawChange, i) => {
    normaliseChange(collector, rawChange, `${path}.changes[${i}]`, wabaId);
  });
}

function normaliseChange(
  collector: ItemCollector,
  rawChange: unknown,
  path: string,
  wabaId: string | undefined,
): void {
  const change = collector.object(rawChange, path);
  if (!change) return;
  if (typeof change["field"] !== "string") return collector.skip(path, "field: expected a string");
  if (change["field"] === "account_update") {
    // The notice names the business account by the entry's id: without one it names nobody.
    if (!wabaId) return collector.skip(path, "id: the business account is not named");
    return collectAccountUpdate(collector, wabaId, change["value"], path);
  }
  // Template, quality and account notices carry no conversation: acknowledged, not recorded.
  if (change["field"] !== "messages") return collector.ignore("", "other_field");
  const value = collector.object(change["value"], `${path}.value`);
  if (!value) return;
  const channelId = idOf(objectOf(value["metadata"])?.["phone_number_id"]);
  const lists = ["contacts", "messages", "statuses", "errors"].map((key) =>
    value[key] === undefined ? [] : listOf(value[key]),
  );
  const [contacts, messages, statuses, errors] = lists;
  if (!channelId || !contacts || !messages || !statuses || !errors) {
    return collector.skip(`${path}.value`, "metadata.phone_number_id or a list: not Meta's shape");
  }
  if (!collector.addressable(channelId)) return;
  const book = new ContactBook(contacts);
  messages.forEach((raw, i) => {
    const where = `${path}.value.messages[${i}]`;
    const message = readMessage(collector, raw, where, channelId, book);
    if (message) normaliseMessage(collector, message);
  });
  statuses.forEach((raw, i) => {
    const status = collector.object(raw, `${path}.value.statuses[${i}]`);
    if (status) normaliseStatus(collector, channelId, status, `${path}.value.statuses[${i}]`);
  });
  // Errors of the number or the app: never window-opening, counted so ops see them.
  for (let i = 0; i < errors.length; i++) collector.ignore(channelId, "error");
}

function readMessage(
  collector: ItemCollector,
  value: unknown,
  path: string,
  channelId: string,
  book: ContactBook,
): Message | null {
  const raw = collector.object(value, path);
  if (!raw) return null;
  const id = idOf(raw["id"]);
  const timestampMs = timeOf(raw["timestamp"]);
  const type = raw["type"];
  if (!id || timestampMs === undefined || typeof type !== "string") {
    collector.skip(path, "id, timestamp or type: missing or not of Meta's shape");
    return null;
  }
  const phone = idOf(raw["from"]);
  const bsuid = idOf(raw["from_user_id"]);
  // An id that is there but is no id is a broken message, not a customer named elsewhere.
  if (
    (phone === undefined && !absent(raw["from"])) ||
    (bsuid === undefined && !absent(raw["from_user_id"]))
  ) {
    collector.skip(path, "from, from_user_id: not ids");
    return null;
  }
  const customer = book.customerOf(phone, bsuid);
  if (!customer) {
    collector.skip(path, "from: the customer is not named");
    return null;
  }
  if (!collector.addressable(...customer.userIds)) return null;
  return { raw, path, channelId, id, type, timestampMs, customer };
}

function normaliseMessage(collector: ItemCollector, message: Message): void {
  switch (message.type) {
    case "system":
      // Number and id changes: about the customer, not from them.
      return collector.ignore(message.channelId, "system");
    case "edit":
      return normaliseEdit(collector, message);
    case "revoke":
      return normaliseRevoke(collector, message);
    case "reaction":
      return normaliseReaction(collector, message);
    default:
      return addAction(collector, message, whatsappContent(message.raw, message.type));
  }
}

function normaliseReaction(collector: ItemCollector, message: Message): void {
  const reaction = whatsappReaction(message.raw);
  if (!reaction) return collector.skip(message.path, "reaction: expected an object");
  const text = reaction.action === "react" ? reaction.emoji : undefined;
  // Meta does not document reactions as opening the customer service window: the safe side.
  addAction(collector, message, compact({ text, reaction }), "reaction", false);
}

function normaliseEdit(collector: ItemCollector, message: Message): void {
  const edit = objectOf(message.raw["edit"]);
  const original = idOf(edit?.["original_message_id"]);
  if (!edit || !original) return collector.skip(message.path, "edit.original_message_id: missing");
  const edited = objectOf(edit["message"]) ?? {};
  const type = stringOf(edited["type"]) ?? "";
  const { text, attachments } = whatsappContent(edited, type);
  collector.add(
    compact({
      type: "customer_edit" as const,
      platform: "whatsapp" as const,
      channelId: message.channelId,
      userId: message.customer.userId,
      metaMessageId: original,
      // Every edit arrives as a message of its own, with its own id.
      editId: message.id,
      text,
      attachments,
      timestampMs: message.timestampMs,
      raw: rawOf(message.raw),
    }),
  );
}

function normaliseRevoke(collector: ItemCollector, message: Message): void {
  const original = idOf(objectOf(message.raw["revoke"])?.["original_message_id"]);
  if (!original) return collector.skip(message.path, "revoke.original_message_id: missing");
  collector.add({
    type: "customer_deletion",
    platform: "whatsapp",
    channelId: message.channelId,
    userId: message.customer.userId,
    metaMessageId: original,
    timestampMs: message.timestampMs,
    raw: rawOf(message.raw),
  });
}

function addAction(
  collector: ItemCollector,
  message: Message,
  content: InboundContent,
  kind: CustomerAction["kind"] = "message",
  opensWindow = true,
): void {
  const groupId = idOf(message.raw["group_id"]);
  const { customer } = message;
  collector.add({
    type: "customer_action",
    platform: "whatsapp",
    channelId: message.channelId,
    userId: customer.userId,
    userIds: customer.userIds,
    metaMessageId: message.id,
    kind,
    timestampMs: message.timestampMs,
    // A group message is not the one-to-one conversation a reply goes to: it opens no window.
    opensWindow: opensWindow && groupId === undefined,
    ...content,
    ...(customer.profile && { profile: customer.profile }),
    ...(groupId !== undefined && { groupId }),
    raw: rawOf(message.raw),
  });
}

/** The batch's `contacts[]`: a message's other id and profile, or its customer when it names none. */
class ContactBook {
  readonly #byId = new Map<string, JsonObject>();
  readonly #only: JsonObject | undefined;

  constructor(contacts: unknown[]) {
    const entries = contacts.map(objectOf).filter((c): c is JsonObject => c !== undefined);
    for (const contact of entries) {
      for (const key of ["wa_id", "user_id"]) {
        const id = idOf(contact[key]);
        if (id && !this.#byId.has(id)) this.#byId.set(id, contact);
      }
    }
    this.#only = entries.length === 1 ? entries[0] : undefined;
  }

  /**
   * The customer of a message from `phone` and/or `bsuid`. A message naming neither (a username
   * user in some payloads) is the batch's only contact's, when there is exactly one.
   */
  customerOf(phone: string | undefined, bsuid: string | undefined): Customer | null {
    let contact: JsonObject | undefined;
    if (phone || bsuid) {
      contact = (phone && this.#byId.get(phone)) || (bsuid && this.#byId.get(bsuid)) || undefined;
    } else {
      contact = this.#only;
      if (!contact) return null;
      phone = idOf(contact["wa_id"]);
      bsuid = idOf(contact["user_id"]);
    }
    bsuid ??= phone && contact ? idOf(contact["user_id"]) : undefined;
    // The reply goes to the phone number when there is one; a username user has only the BSUID.
    const userId = phone ?? bsuid;
    if (!userId) return null;
    const userIds = [phone, bsuid].filter((id): id is string => id !== undefined);
    const profile = profileOf(contact);
    return { userId, userIds: [...new Set(userIds)], ...(profile && { profile }) };
  }
}

/** A sender field Meta left out (or sent empty, as for a user who shares no phone number). */
function absent(value: unknown): boolean {
  return value === undefined || value === "";
}

function profileOf(contact: JsonObject | undefined): CustomerProfile | undefined {
  const profile = objectOf(contact?.["profile"]);
  if (!profile) return undefined;
  const found = compact({
    name: stringOf(profile["name"]),
    username: stringOf(profile["username"]),
  });
  return Object.keys(found).length > 0 ? found : undefined;
}

function normaliseStatus(
  collector: ItemCollector,
  channelId: string,
  status: JsonObject,
  path: string,
): void {
  const id = idOf(status["id"]);
  const timestampMs = timeOf(status["timestamp"]);
  const kind = status["status"];
  if (!id || timestampMs === undefined || typeof kind !== "string") {
    return collector.skip(path, "id, status or timestamp: missing or not of Meta's shape");
  }
  if (!STATUSES.has(kind as StatusUpdate["status"])) {
    return collector.ignore(channelId, "status_other");
  }
  const update: StatusUpdate = {
    type: "status",
    platform: "whatsapp",
    channelId,
    userId: idOf(status["recipient_id"]) ?? idOf(status["recipient_user_id"]),
    status: kind as StatusUpdate["status"],
    metaMessageIds: [id],
    timestampMs,
  };
  const errors = (listOf(status["errors"]) ?? []).map(errorInfo).filter((e) => e !== undefined);
  if (errors.length > 0) update.errors = errors;
  collector.add(update);
}

function errorInfo(value: unknown): MetaErrorInfo | undefined {
  const error = objectOf(value);
  const code = error?.["code"];
  if (!error || typeof code !== "number" || !Number.isInteger(code)) return undefined;
  const details = stringOf(objectOf(error["error_data"])?.["details"]);
  return {
    code,
    message: stringOf(error["message"]) ?? details ?? stringOf(error["title"]) ?? "",
  };
}
