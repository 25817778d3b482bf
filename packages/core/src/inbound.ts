import type { MetaErrorInfo } from "./message";
import type { Platform } from "./platform";

/** The customer actions that open or renew the window, as `message.received` reports them. */
export type CustomerActionKind = "message" | "postback" | "reaction" | "referral";

export interface InboundAttachment {
  type: string;
  url?: string | undefined;
}

/** Where a customer came from: an m.me/ig.me link, or an ad (`source: "ADS"`). */
export interface InboundReferral {
  source: string;
  type?: string | undefined;
  ref?: string | undefined;
  adId?: string | undefined;
}

/** A window-opening action by the customer, normalised from any platform's webhook. */
export interface CustomerAction {
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
  text?: string | undefined;
  attachments?: InboundAttachment[] | undefined;
  /** Arrived under `standby` (another app holds the thread): still the customer's own action. */
  standby?: boolean | undefined;
  /** The referral the message carried (the first message after an ad click carries `source: "ADS"`). */
  referral?: InboundReferral | undefined;
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

/** An item that is acknowledged and counted but changes nothing (opt-ins, WhatsApp reactions, errors…). */
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

export type InboundItem = CustomerAction | StatusUpdate | Echo | IgnoredItem | ChannelNotice;
