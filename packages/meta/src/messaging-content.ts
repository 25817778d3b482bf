import type {
  InboundAttachment,
  InboundContent,
  InboundReaction,
  InboundReferral,
  InboundReplyTo,
} from "@meta-relay/core";
import { compact, idOf, listOf, objectOf, stringOf, type JsonObject } from "./read";

// What a Messenger or Instagram item says, field by field, in the content model of `core`.

/** The content of a `message`: text, quick-reply payload, attachments, reply-to, ad referral. */
export function messageContent(message: JsonObject): InboundContent {
  const quickReply = objectOf(message["quick_reply"]);
  const attachments = attachmentsOf(message["attachments"]);
  return compact({
    text: stringOf(message["text"]),
    payload: stringOf(quickReply?.["payload"]),
    attachments: attachments.length > 0 ? attachments : undefined,
    replyTo: replyToOf(message["reply_to"]),
    referral: referralOf(message["referral"]),
  });
}

/** The content of a `postback`: its title, the bot's payload, and a referral it may carry. */
export function postbackContent(postback: JsonObject): InboundContent {
  return compact({
    text: stringOf(postback["title"]),
    payload: stringOf(postback["payload"]),
    referral: referralOf(postback["referral"]),
  });
}

/** A `reaction` item's reaction, or undefined when its action is neither react nor unreact. */
export function reactionOf(reaction: JsonObject): InboundReaction | undefined {
  const action = reaction["action"];
  if (action !== "react" && action !== "unreact") return undefined;
  return compact<InboundReaction>({
    emoji: stringOf(reaction["emoji"]),
    action,
    targetMetaMessageId: idOf(reaction["mid"]),
  });
}

/** Attachments with a type; anything else in the list is left to `raw`. */
function attachmentsOf(value: unknown): InboundAttachment[] {
  const out: InboundAttachment[] = [];
  for (const item of listOf(value) ?? []) {
    const attachment = objectOf(item);
    const type = stringOf(attachment?.["type"]);
    if (!attachment || !type) continue;
    const payload = objectOf(attachment["payload"]);
    // A `fallback` (a shared link) carries its url and title on the attachment itself.
    out.push(
      compact({
        type,
        url: stringOf(payload?.["url"]) ?? stringOf(attachment["url"]),
        title: stringOf(payload?.["title"]) ?? stringOf(attachment["title"]),
      }),
    );
  }
  return out;
}

/** `reply_to.mid` (a reply to a message) or `reply_to.story` (an Instagram story reply). */
function replyToOf(value: unknown): InboundReplyTo | undefined {
  const replyTo = objectOf(value);
  if (!replyTo) return undefined;
  const mid = idOf(replyTo["mid"]);
  if (mid) return { metaMessageId: mid };
  const story = objectOf(replyTo["story"]);
  if (!story) return undefined;
  return { story: compact({ id: idOf(story["id"]), url: stringOf(story["url"]) }) };
}

/**
 * An m.me / ig.me referral, or the ad (`source: "ADS"`, `ads_context_data`) a message came from.
 * Meta names a referral by its source; one without a source is no referral (`raw` still has it).
 */
export function referralOf(value: unknown): InboundReferral | undefined {
  const referral = objectOf(value);
  const source = stringOf(referral?.["source"]);
  if (!referral || source === undefined) return undefined;
  const ads = objectOf(referral["ads_context_data"]);
  return compact({
    source,
    type: stringOf(referral["type"]),
    ref: stringOf(referral["ref"]),
    adId: idOf(referral["ad_id"]),
    sourceUrl: stringOf(referral["referer_uri"]),
    headline: stringOf(ads?.["ad_title"]),
  });
}
