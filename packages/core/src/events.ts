import type { CustomerActionKind, InboundAttachment } from "./inbound";
import type { MessagingType, MetaErrorInfo, Sender } from "./message";
import type { Platform } from "./platform";
import type { FailureReason } from "./reasons";
import type { WindowDocument } from "./window";

/** Event types delivered to the agent platform. Public interface: the names never change. */
export const EVENT_TYPES = [
  "message.received",
  "message.sent",
  "message.delivered",
  "message.read",
  "message.failed",
  "conversation.window_expiring",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface MessageReceivedData {
  platform: Platform;
  channelId: string;
  userId: string;
  metaMessageId: string;
  kind: CustomerActionKind;
  text?: string | undefined;
  attachments?: InboundAttachment[] | undefined;
  timestamp: string;
}

export interface MessageSentData {
  id: string;
  platform: Platform;
  channelId: string;
  userId: string;
  metaMessageId: string | null;
  messagingType: MessagingType;
  tag?: "HUMAN_AGENT" | undefined;
}

export interface MessageStatusData {
  id: string;
  metaMessageId: string;
  timestamp: string;
}

export interface MessageFailedData {
  id: string;
  platform: Platform;
  channelId: string;
  userId: string;
  sender: Sender;
  reason: FailureReason;
  /** The human sentence an agent reads. */
  message: string;
  window: WindowDocument;
  meta?: MetaErrorInfo | undefined;
}

/** Which of Meta's windows a reminder is about. */
export type ReminderWindow = "standard" | "human_agent";

/** A window of an unanswered conversation closes in `minutesLeft` minutes. */
export interface WindowExpiringData {
  platform: Platform;
  channelId: string;
  userId: string;
  window: ReminderWindow;
  /** When that window ends (Meta's deadline, without the safety margin). */
  endsAt: string;
  lastCustomerMessageAt: string;
  minutesLeft: number;
}

export interface EventDataByType {
  "message.received": MessageReceivedData;
  "message.sent": MessageSentData;
  "message.delivered": MessageStatusData;
  "message.read": MessageStatusData;
  "message.failed": MessageFailedData;
  "conversation.window_expiring": WindowExpiringData;
}

/** The envelope POSTed to EVENTS_WEBHOOK_URL. `id` is stable across retries: the receiver's dedupe key. */
export interface RelayEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  occurredAt: string;
  data: EventDataByType[T];
}
