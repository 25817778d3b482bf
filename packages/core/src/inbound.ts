import type { MetaErrorInfo } from "./message";
import type { Platform } from "./platform";

/** The customer actions `message.received` reports. */
export const CUSTOMER_ACTION_KINDS = ["message", "postback", "reaction", "referral"] as const;
export type CustomerActionKind = (typeof CUSTOMER_ACTION_KINDS)[number];

/**
 * A file, sticker, share or story the customer sent. WhatsApp media carry `mediaId` (the bytes come
 * through the relay's media route); Messenger and Instagram carry Meta's `url`.
 */
export interface InboundAttachment {
  /** Meta's own type word: image, video, audio, file, document, sticker, share, story_mention… */
  type: string;
  url?: string | undefined;
  mediaId?: string | undefined;
  mimeType?: string | undefined;
  sha256?: string | undefined;
  filename?: string | undefined;
  caption?: string | undefined;
  title?: string | undefined;
}

/** A WhatsApp `location` message. */
export interface InboundLocation {
  latitude: number;
  longitude: number;
  name?: string | undefined;
  address?: string | undefined;
  url?: string | undefined;
}

/** What the customer answered to: an earlier message, or a story (Instagram). */
export type InboundReplyTo =
  { metaMessageId: string } | { story: { id?: string | undefined; url?: string | undefined } };

/** An m.me / ig.me / ad referral, or the ad a message came from (click-to-Messenger/-WhatsApp). */
export interface InboundReferral {
  /** Meta's source: `ADS`, `SHORTLINK`… on Messenger/Instagram, `ad` or `post` on WhatsApp. */
  source: string;
  type?: string | undefined;
  ref?: string | undefined;
  adId?: string | undefined;
  sourceUrl?: string | undefined;
  headline?: string | undefined;
  body?: string | undefined;
  /** WhatsApp's click-to-WhatsApp click id. */
  ctwaClid?: string | undefined;
}

export interface InboundReaction {
  /** Absent (or empty on WhatsApp) when the reaction is taken back. */
  emoji?: string | undefined;
  action: "react" | "unreact";
  /** The message reacted to (Meta names it on every reaction it documents). */
  targetMetaMessageId?: string | undefined;
}

/** The customer's profile, when Meta gives it (WhatsApp `contacts[].profile`). */
export interface CustomerProfile {
  name?: string | undefined;
  username?: string | undefined;
}

/** What a customer's message or action said: every field Meta sent that the relay understands. */
export interface InboundContent {
  /** The text, a WhatsApp media caption, a postback or reply title, a reaction's emoji. */
  text?: string | undefined;
  /** The developer payload or reply id a bot set (postback, quick reply, button, list reply). */
  payload?: string | undefined;
  attachments?: InboundAttachment[] | undefined;
  location?: InboundLocation | undefined;
  /** WhatsApp contact cards, exactly as Meta sent them. */
  contacts?: unknown[] | undefined;
  replyTo?: InboundReplyTo | undefined;
  referral?: InboundReferral | undefined;
  reaction?: InboundReaction | undefined;
}

/** A customer's action, normalised from any platform's webhook: becomes `message.received`. */
export interface CustomerAction extends InboundContent {
  type: "customer_action";
  platform: Platform;
  channelId: string;
  /** The id replies go to (PSID, IGSID, wa_id, or the BSUID when no phone number is given). */
  userId: string;
  /** Every id that identifies this customer (WhatsApp may give a phone number and a BSUID). */
  userIds: string[];
  /** Meta's id of the message or action; the dedupe key. */
  metaMessageId: string;
  kind: CustomerActionKind;
  /** Meta's event time in ms (never the arrival time). */
  timestampMs: number;
  /**
   * Whether the action opens or renews the window. False for WhatsApp reactions and their removal,
   * reactions taken back, and WhatsApp group messages.
   */
  opensWindow: boolean;
  profile?: CustomerProfile | undefined;
  /** WhatsApp: the group the message was written in. */
  groupId?: string | undefined;
  /** Arrived under `standby` (another app holds the thread): still the customer's own action. */
  standby?: boolean | undefined;
  /** Meta's item exactly as received (the `messaging`/`standby` item, or the WhatsApp message). */
  raw: unknown;
}

/** A customer changed an earlier message (Messenger/Instagram `message_edit`, WhatsApp `edit`). */
export interface CustomerEdit {
  type: "customer_edit";
  platform: Platform;
  channelId: string;
  userId: string;
  /** The message that was edited. */
  metaMessageId: string;
  /** Names this edit among the message's edits (Meta's id of it, or one derived from it). */
  editId: string;
  text?: string | undefined;
  attachments?: InboundAttachment[] | undefined;
  timestampMs: number;
  raw: unknown;
}

/** A customer unsent or deleted a message (`is_deleted`, WhatsApp `revoke`). */
export interface CustomerDeletion {
  type: "customer_deletion";
  platform: Platform;
  channelId: string;
  userId: string;
  /** The message that was deleted. */
  metaMessageId: string;
  timestampMs: number;
  raw: unknown;
}

/** Meta's news about a message we sent. */
export interface StatusUpdate {
  type: "status";
  platform: Platform;
  channelId: string;
  userId?: string | undefined;
  status: "sent" | "delivered" | "read" | "failed";
  /** The messages this update names (WhatsApp wamid, Messenger delivery mids). */
  metaMessageIds: string[];
  /** Messenger/Instagram watermark: every message sent before it is delivered or read. */
  watermarkMs?: number | undefined;
  timestampMs: number;
  /** WhatsApp's errors on a failed status. */
  errors?: MetaErrorInfo[] | undefined;
}

/** Meta's copy of a message the page sent (Messenger/Instagram `is_echo`). */
export interface Echo {
  type: "echo";
  platform: Platform;
  channelId: string;
  userId: string;
  metaMessageId: string;
  /** What we put in `message.metadata`: our message id, when the message was ours. */
  metadata?: string | undefined;
  timestampMs: number;
}

/** An item that is acknowledged and counted but changes nothing (opt-ins, system notices, errors…). */
export interface IgnoredItem {
  type: "ignored";
  platform: Platform;
  channelId: string;
  kind: string;
}

/**
 * Meta's news about a channel itself: a `messaging_policy_enforcement` item (Messenger, Instagram)
 * or a WhatsApp `account_update` ban or restriction.
 */
export interface ChannelNotice {
  type: "channel_notice";
  platform: Platform;
  /** The page or Instagram account; "" for a WhatsApp notice, which names the account (`wabaId`). */
  channelId: string;
  /** WhatsApp: the WhatsApp Business Account the notice is about. */
  wabaId?: string | undefined;
  action: "block" | "unblock" | "warning";
  source: "policy_enforcement" | "account_update";
  /** Meta's words, when it gave any. */
  reason?: string | undefined;
  /** When Meta said the restriction ends (ms), if it did. */
  untilMs?: number | undefined;
  timestampMs: number;
  /** The item exactly as Meta sent it. */
  raw: unknown;
}

export type InboundItem =
  | CustomerAction
  | CustomerEdit
  | CustomerDeletion
  | StatusUpdate
  | Echo
  | IgnoredItem
  | ChannelNotice;

/**
 * Whether an id can be addressed through the API and kept in a key: 1–128 letters, digits, `.`,
 * `_`, `+` or `-`. Meta's ids (page ids, PSIDs, IGSIDs, phone numbers, BSUIDs) all are.
 */
export function isAddressableId(id: string): boolean {
  return ADDRESSABLE.test(id);
}

const ADDRESSABLE = /^[A-Za-z0-9._+-]{1,128}$/;
