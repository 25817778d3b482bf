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

/** One thing Meta reports by webhook. `id` fields default to fresh Meta ids. */
export type SimWebhookEvent = Timed &
  (
    | {
        kind: "message";
        text?: string;
        attachments?: { type: "image" | "video" | "audio" | "file"; url: string }[];
        /** Messenger/Instagram quick-reply payload. */
        quickReply?: string;
        /** Messenger/Instagram: delivered under `standby` (another app holds the thread). */
        standby?: boolean;
        /** Messenger/Instagram: the first message after an ad click carries `source: "ADS"`. */
        referral?: { source: "ADS" | "SHORTLINK"; adId?: string; ref?: string };
        id?: string;
      }
    /** Messenger/Instagram postback; a WhatsApp interactive button reply. */
    | { kind: "postback"; payload: string; title?: string; id?: string }
    /** A reaction to message `to`. Opens the window on Messenger/Instagram only. */
    | { kind: "reaction"; to: string; emoji?: string; action?: "react" | "unreact"; id?: string }
    /** An m.me / ig.me referral into the thread (Messenger/Instagram). */
    | { kind: "referral"; ref?: string; source?: string }
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
