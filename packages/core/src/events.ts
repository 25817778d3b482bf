import type { ChannelSource, ChannelStatus } from "./channel-state";
import type { CustomerActionKind, InboundAttachment } from "./inbound";
import type { MessagingType, MetaErrorInfo, Sender } from "./message";
import type { Platform } from "./platform";
import type { FailureReason } from "./reasons";
import type { WindowDocument } from "./window";

/** Events about a channel's state (product.md section 4.3). */
export const CHANNEL_EVENT_TYPES = [
  "channel.restricted",
  "channel.unrestricted",
  "channel.warning",
  "channel.auth_failed",
  "channel.resubscribed",
] as const;
export type ChannelEventType = (typeof CHANNEL_EVENT_TYPES)[number];

/** Event types delivered to the agent platform. Public interface: the names never change. */
export const EVENT_TYPES = [
  "message.received",
  "message.sent",
  "message.delivered",
  "message.read",
  "message.failed",
  "conversation.window_expiring",
  ...CHANNEL_EVENT_TYPES,
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

/** `data` of every `channel.*` event. */
export interface ChannelEventData {
  platform: Platform;
  channelId: string;
  /** The channel's status after the change. */
  status: ChannelStatus;
  /** Meta's words or error, when there are any. */
  reason?: string | undefined;
  source: ChannelSource;
  /** The webhook item that caused it, exactly as Meta sent it. */
  raw?: unknown;
}

export interface EventDataByType {
  "message.received": MessageReceivedData;
  "message.sent": MessageSentData;
  "message.delivered": MessageStatusData;
  "message.read": MessageStatusData;
  "message.failed": MessageFailedData;
  "conversation.window_expiring": WindowExpiringData;
  "channel.restricted": ChannelEventData;
  "channel.unrestricted": ChannelEventData;
  "channel.warning": ChannelEventData;
  "channel.auth_failed": ChannelEventData;
  "channel.resubscribed": ChannelEventData;
}

/** The envelope POSTed to EVENTS_WEBHOOK_URL. `id` is stable across retries: the receiver's dedupe key. */
export interface RelayEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  occurredAt: string;
  data: EventDataByType[T];
}
