import type {
  InboundAttachment,
  InboundContent,
  InboundLocation,
  InboundReaction,
  InboundReferral,
} from "@meta-relay/core";
import {
  compact,
  idOf,
  listOf,
  numberOf,
  objectOf,
  rawOf,
  stringOf,
  type JsonObject,
} from "./read";

// What a WhatsApp message says, by its `type`, in the content model of `core`.

const MEDIA_TYPES = new Set(["image", "audio", "video", "document", "sticker"]);

/** Text, media, location, contacts, button and interactive replies of a message (or an edit). */
export function whatsappContent(message: JsonObject, type: string): InboundContent {
  const body = objectOf(message[type]);
  const content = typeContent(type, body, message);
  const replyTo = idOf(objectOf(message["context"])?.["id"]);
  return compact({
    ...content,
    replyTo: replyTo ? { metaMessageId: replyTo } : undefined,
    referral: whatsappReferral(message["referral"]),
  });
}

function typeContent(
  type: string,
  body: JsonObject | undefined,
  message: JsonObject,
): InboundContent {
  if (type === "text") return { text: stringOf(body?.["body"]) };
  if (MEDIA_TYPES.has(type)) {
    const attachment = body ? mediaAttachment(type, body) : undefined;
    return {
      text: stringOf(body?.["caption"]),
      attachments: attachment ? [attachment] : undefined,
    };
  }
  switch (type) {
    case "location":
      return { location: body ? locationOf(body) : undefined };
    case "contacts":
      // The cards as sent: their shape is Meta's (names, phones, emails, addresses…).
      return { contacts: boundedList(message["contacts"]) };
    case "button":
      return { text: stringOf(body?.["text"]), payload: stringOf(body?.["payload"]) };
    case "interactive":
      return body ? interactiveReply(body) : {};
    default:
      // Orders, unsupported and future types: nothing to map, `raw` carries them.
      return {};
  }
}

/** A list as sent, its nesting cut where `raw`'s is (Meta's cards are a few levels deep). */
function boundedList(value: unknown): unknown[] | undefined {
  const list = listOf(value);
  return list ? (rawOf({ list })["list"] as unknown[]) : undefined;
}

function mediaAttachment(type: string, media: JsonObject): InboundAttachment | undefined {
  const mediaId = idOf(media["id"]);
  if (!mediaId) return undefined;
  return compact({
    type,
    mediaId,
    mimeType: stringOf(media["mime_type"]),
    sha256: stringOf(media["sha256"]),
    filename: stringOf(media["filename"]),
    caption: stringOf(media["caption"]),
  });
}

function locationOf(location: JsonObject): InboundLocation | undefined {
  const latitude = numberOf(location["latitude"]);
  const longitude = numberOf(location["longitude"]);
  if (latitude === undefined || longitude === undefined) return undefined;
  return compact({
    latitude,
    longitude,
    name: stringOf(location["name"]),
    address: stringOf(location["address"]),
    url: stringOf(location["url"]),
  });
}

/** A button or list reply (its id is the payload the bot set), or a Flow's response. */
function interactiveReply(interactive: JsonObject): InboundContent {
  const reply =
    objectOf(interactive["button_reply"]) ?? objectOf(interactive["list_reply"]) ?? undefined;
  if (reply) return { text: stringOf(reply["title"]), payload: idOf(reply["id"]) };
  const flow = objectOf(interactive["nfm_reply"]);
  if (flow) return { text: stringOf(flow["body"]), payload: stringOf(flow["response_json"]) };
  return {};
}

/** The click-to-WhatsApp ad or post a message came from. */
function whatsappReferral(value: unknown): InboundReferral | undefined {
  const referral = objectOf(value);
  if (!referral) return undefined;
  return compact({
    source: stringOf(referral["source_type"]) ?? "",
    adId: idOf(referral["source_id"]),
    sourceUrl: stringOf(referral["source_url"]),
    headline: stringOf(referral["headline"]),
    body: stringOf(referral["body"]),
    ctwaClid: stringOf(referral["ctwa_clid"]),
  });
}

/** A `reaction` message: an empty (or missing) emoji takes the reaction back. */
export function whatsappReaction(message: JsonObject): InboundReaction | undefined {
  const reaction = objectOf(message["reaction"]);
  if (!reaction) return undefined;
  const emoji = stringOf(reaction["emoji"]);
  return compact<InboundReaction>({
    emoji,
    action: emoji ? "react" : "unreact",
    targetMetaMessageId: idOf(reaction["message_id"]),
  });
}
