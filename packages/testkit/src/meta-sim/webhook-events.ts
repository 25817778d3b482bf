import { SimulatorError } from "./errors";
import { newMid, newWamid } from "./ids";
import type { SimPlatform } from "./types";

/** Who an event is about: a customer of one channel. */
export interface SimCustomerRef {
  platform: SimPlatform;
  /** Page id, Instagram account id, or WhatsApp phone number id. */
  channelId: string;
  /** PSID, IGSID, WhatsApp phone number (wa_id), or a BSUID for a WhatsApp user without one. */
  userId: string;
  /** WhatsApp: the business-scoped user id sent alongside the phone number (`from_user_id`). */
  bsuid?: string;
  /** WhatsApp: the profile name in `contacts` (default "Sim Customer"). */
  name?: string;
  /** WhatsApp: the username in `contacts[].profile`. */
  username?: string;
  /** WhatsApp: the message names no `from` / `from_user_id`; only `contacts[]` says who wrote. */
  contactsOnly?: boolean;
}

/** A file on WhatsApp: Meta sends its id (fetched through the media API), never its bytes. */
export interface SimWhatsAppMedia {
  type: "image" | "video" | "audio" | "document" | "sticker";
  /** Meta's media id (register the bytes with `addMedia` to serve them). */
  id: string;
  mimeType?: string;
  sha256?: string;
  filename?: string;
  caption?: string;
}

/** The ad or link a message came from: Messenger/Instagram `referral`, WhatsApp click-to-chat. */
export interface SimReferral {
  /** Messenger/Instagram `source` (default "ADS"); WhatsApp `source_type` (default "ad"). */
  source?: string;
  ref?: string;
  adId?: string;
  headline?: string;
  /** WhatsApp only. */
  body?: string;
  sourceUrl?: string;
  ctwaClid?: string;
}

/** A WhatsApp error on a failed status, as Meta reports it. */
export interface SimStatusError {
  code: number;
  title?: string;
  message?: string;
  details?: string;
}

interface Timed {
  who: SimCustomerRef;
  /** Meta's event time in ms (default now): choose it to make a conversation any age. */
  atMs?: number;
}

/** Messenger and Instagram attachment types as Meta names them. */
export type SimAttachmentType =
  | "image"
  | "video"
  | "audio"
  | "file"
  | "sticker"
  | "fallback"
  | "share"
  | "story_mention"
  | "reel"
  | "ig_reel";

/** What only WhatsApp messages carry. */
export interface SimWhatsAppContent {
  media?: SimWhatsAppMedia;
  location?: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
  /** Contact cards, in Meta's own shape. */
  contacts?: object[];
  /** A template's quick-reply button. */
  button?: { payload: string; text: string };
  /** An interactive list reply. */
  listReply?: { id: string; title: string; description?: string };
  /** Written in a WhatsApp group: never opens the one-to-one window. */
  groupId?: string;
}

/** One thing Meta reports by webhook. `id` fields default to fresh Meta ids. */
export type SimWebhookEvent = Timed &
  (
    | ({
        kind: "message";
        text?: string;
        /**
         * Messenger/Instagram attachments by Meta's type (a `fallback` carries a title); on
         * WhatsApp the first becomes a media message with a fresh media id.
         */
        attachments?: { type: SimAttachmentType; url: string; title?: string }[];
        /** Messenger/Instagram quick-reply payload. */
        quickReply?: string;
        /** Messenger/Instagram: delivered under `standby` (another app holds the thread). */
        standby?: boolean;
        /** A reply to an earlier message (Messenger/Instagram `reply_to.mid`, WhatsApp `context`). */
        replyTo?: string;
        /** Instagram: a reply to a story. */
        storyReply?: { id: string; url: string };
        /** The ad the customer came from (the first message after a click). */
        referral?: SimReferral;
        /** Messenger/Instagram `is_unsupported`; WhatsApp `type: "unsupported"`. */
        unsupported?: boolean;
        id?: string;
      } & SimWhatsAppContent)
    /** Messenger/Instagram postback; a WhatsApp interactive button reply. */
    | { kind: "postback"; payload: string; title?: string; id?: string; referral?: SimReferral }
    /** A reaction to message `to`. Opens the window on Messenger/Instagram only. */
    | { kind: "reaction"; to: string; emoji?: string; action?: "react" | "unreact"; id?: string }
    /** An m.me / ig.me referral into the thread (Messenger/Instagram). */
    | { kind: "referral"; ref?: string; source?: string; adId?: string }
    /** The customer edits message `to` (its text). Never opens a window. */
    | { kind: "edit"; to: string; text: string; id?: string; count?: number }
    /** The customer unsends (deletes) message `to`. Never opens a window. */
    | { kind: "delete"; to: string; id?: string }
    /** Delivery receipt: Messenger `delivery`, WhatsApp `delivered` statuses. */
    | { kind: "delivered"; ids: string[]; watermarkMs?: number }
    /** Read receipt: Messenger `read`, Instagram `messaging_seen`, WhatsApp `read` statuses. */
    | { kind: "read"; ids: string[]; watermarkMs?: number }
    /** Messenger/Instagram echo of a page's message (`metadata` carries the sender's own id). */
    | { kind: "echo"; id: string; text?: string; metadata?: string }
    /** A WhatsApp status of message `id`. */
    | {
        kind: "status";
        id: string;
        status: "sent" | "delivered" | "read" | "failed";
        errors?: SimStatusError[];
      }
  );

/** An event with its time and Meta id fixed, ready to be built and posted. */
export type ResolvedEvent = SimWebhookEvent & { atMs: number; metaId: string };

/** Fills in the time and the Meta id, so the payload, the window record and the result agree. */
export function resolveEvent(event: SimWebhookEvent, nowMs: number): ResolvedEvent {
  checkPlatform(event);
  const atMs = event.atMs ?? nowMs;
  const fresh = event.who.platform === "whatsapp" ? newWamid() : newMid();
  // A referral carries no message id of its own in Meta's payload.
  if (event.kind === "referral") return { ...event, atMs, metaId: "" };
  // Messenger and Instagram name an edit or a deletion by the message it changes.
  const page = event.who.platform !== "whatsapp";
  if ((event.kind === "edit" || event.kind === "delete") && page) {
    return { ...event, atMs, metaId: event.to };
  }
  const metaId =
    "id" in event && event.id ? event.id : "ids" in event ? (event.ids[0] ?? "") : fresh;
  return { ...event, atMs, metaId };
}

/**
 * The customers whose window this event opens or renews, by Meta's rules: messages, postbacks,
 * reactions (not on WhatsApp) and referrals; never receipts, echoes or statuses.
 */
export function windowOpeners(event: SimWebhookEvent): string[] {
  const { who } = event;
  const ids = [who.userId, ...(who.bsuid ? [who.bsuid] : [])];
  switch (event.kind) {
    case "message":
      // A group message is not a one-to-one conversation.
      return event.groupId === undefined ? ids : [];
    case "postback":
    case "referral":
      return ids;
    case "reaction":
      return who.platform !== "whatsapp" && event.action !== "unreact" ? ids : [];
    default:
      return [];
  }
}

const SUPPORTED: Record<SimWebhookEvent["kind"], SimPlatform[]> = {
  message: ["messenger", "instagram", "whatsapp"],
  postback: ["messenger", "instagram", "whatsapp"],
  reaction: ["messenger", "instagram", "whatsapp"],
  referral: ["messenger", "instagram"],
  delivered: ["messenger", "whatsapp"],
  read: ["messenger", "instagram", "whatsapp"],
  echo: ["messenger", "instagram"],
  status: ["whatsapp"],
  edit: ["messenger", "instagram", "whatsapp"],
  delete: ["instagram", "whatsapp"],
};

function checkPlatform(event: SimWebhookEvent): void {
  if (!SUPPORTED[event.kind].includes(event.who.platform)) {
    throw new SimulatorError(
      "unsupported_event",
      `Meta sends no ${event.kind} webhook on ${event.who.platform}`,
    );
  }
  if ((event.kind === "delivered" || event.kind === "read") && event.ids.length === 0) {
    if (event.who.platform !== "messenger") {
      throw new SimulatorError("unsupported_event", `a ${event.kind} event needs message ids`);
    }
  }
}
