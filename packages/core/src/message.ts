import type { FailureReason } from "./reasons";
import type { Platform } from "./platform";

export const SENDER_TYPES = ["agent", "bot"] as const;
/** `agent` is a person; `bot` is anything automated. Only people may use HUMAN_AGENT. */
export type SenderType = (typeof SENDER_TYPES)[number];

export interface Sender {
  type: SenderType;
  id?: string | undefined;
}

export const MESSAGE_STATUSES = ["queued", "sent", "delivered", "read", "failed"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * Statuses only move forward: sent → delivered → read; failed only from queued or sent.
 * Returns whether `next` may replace `current`.
 */
export function canAdvanceStatus(current: MessageStatus, next: MessageStatus): boolean {
  if (current === next) return false;
  if (current === "failed") return false;
  if (next === "failed") return current === "queued" || current === "sent";
  return STATUS_RANK[next] > STATUS_RANK[current];
}

const STATUS_RANK: Record<MessageStatus, number> = {
  queued: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
};

/** Meta's answer when it refused a message. */
export interface MetaErrorInfo {
  code: number;
  subcode?: number | undefined;
  message: string;
}

export interface MessageFailure {
  reason: FailureReason;
  message: string;
  meta?: MetaErrorInfo | undefined;
}

/** How a message went out on the wire; UTILITY is a Messenger utility template. */
export type MessagingType = "RESPONSE" | "MESSAGE_TAG" | "UTILITY" | "SERVICE" | "TEMPLATE";

export interface OutboundMessageSummary {
  platform: Platform;
  channelId: string;
  userId: string;
  sender: Sender;
}
