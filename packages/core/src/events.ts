import type { ChannelSource, ChannelStatus } from "./channel-state";
import type {
  CustomerActionKind,
  CustomerProfile,
  InboundAttachment,
  InboundContent,
} from "./inbound";
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
  "message.edited",
  "message.deleted",
  "conversation.window_expiring",
  ...CHANNEL_EVENT_TYPES,
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * The events about what a customer did. The others are about a message the relay sent
 * (`OutboundEventType`) or about a conversation (`conversation.window_expiring`).
 */
export const INBOUND_EVENT_TYPES = [
  "message.received",
  "message.edited",
  "message.deleted",
] as const;
export type InboundEventType = (typeof INBOUND_EVENT_TYPES)[number];
/** The events about one of the relay's messages. */
export type OutboundEventType = Extract<
  EventType,
  "message.sent" | "message.delivered" | "message.read" | "message.failed"
>;

export function isInboundEventType(type: string): type is InboundEventType {
  return (INBOUND_EVENT_TYPES as readonly string[]).includes(type);
}

export interface MessageReceivedData extends InboundContent {
  platform: Platform;
  channelId: string;
  userId: string;
  metaMessageId: string;
  kind: CustomerActionKind;
  /** ISO-8601; Meta's time of the action, or the time it arrived when Meta's lies in the future. */
  timestamp: string;
  /** Whether this action opened or renewed the window. */
  opensWindow: boolean;
  /** WhatsApp: every id of the customer (phone number and BSUID). */
  userIds?: string[] | undefined;
  profile?: CustomerProfile | undefined;
  groupId?: string | undefined;
  standby?: true | undefined;
  /** Meta's item exactly as received. */
  raw: unknown;
}

export interface MessageEditedData {
  platform: Platform;
  channelId: string;
  userId: string;
  /** The message that was edited. */
  metaMessageId: string;
  text?: string | undefined;
  attachments?: InboundAttachment[] | undefined;
  timestamp: string;
  raw: unknown;
}

export interface MessageDeletedData {
  platform: Platform;
  channelId: string;
  userId: string;
  /** The message that was deleted. */
  metaMessageId: string;
  timestamp: string;
  raw: unknown;
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
  "message.edited": MessageEditedData;
  "message.deleted": MessageDeletedData;
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
