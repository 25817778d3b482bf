export {
  ERROR_CODES,
  RelayError,
  UnavailableError,
  isRelayError,
  type ErrorCode,
  type ErrorContext,
  type RelayErrorOptions,
} from "./errors";
export { PLATFORMS, isPlatform, supportsHumanAgentTag, type Platform } from "./platform";
export {
  SECOND_MS,
  MINUTE_MS,
  HOUR_MS,
  DAY_MS,
  STANDARD_WINDOW_MS,
  HUMAN_AGENT_WINDOW_MS,
  AD_WINDOW_MS,
  toIso,
} from "./time";
export type { ConversationRef, ChannelRef } from "./conversation";
export {
  FAILURE_REASONS,
  FAILURE_CAUSES,
  type FailureReason,
  type FailureCause,
  type WindowRefusal,
} from "./reasons";
export {
  ATTACHMENT_TYPES,
  MESSAGE_KINDS,
  messageKind,
  isFreeForm,
  type AttachmentType,
  type QuickReply,
  type TextContent,
  type AttachmentContent,
  type Button,
  type ButtonsContent,
  type ListRow,
  type ListContent,
  type ReactionContent,
  type LocationContent,
  type TemplateContent,
  type TemplateMessageContent,
  type RawContent,
  type ReplyTo,
  type MessageContent,
  type MessageKind,
} from "./content";
export {
  MESSENGER_LIMITS,
  INSTAGRAM_LIMITS,
  WHATSAPP_LIMITS,
  KINDS_BY_PLATFORM,
  channelCarries,
  type KindChannel,
} from "./content-limits";
export { contentProblems, type ContentProblem } from "./content-rules";
export {
  SENDER_TYPES,
  MESSAGE_STATUSES,
  canAdvanceStatus,
  type SenderType,
  type Sender,
  type MessageStatus,
  type MetaErrorInfo,
  type MessageFailure,
  type MessagingType,
  type OutboundMessageSummary,
} from "./message";
export {
  decide,
  decideSenderAction,
  ageBand,
  type Decision,
  type DecisionInput,
  type AgeBand,
} from "./decide";
export { describeWindow, standardWindowEnd, type WindowDocument, type WindowInput } from "./window";
export { failureSentence, type SentenceInput } from "./sentences";
export type {
  CustomerActionKind,
  InboundAttachment,
  InboundReferral,
  CustomerAction,
  StatusUpdate,
  Echo,
  IgnoredItem,
  ChannelNotice,
  InboundItem,
} from "./inbound";
export {
  CHANNEL_STATUSES,
  INSTAGRAM_APIS,
  CHANNEL_SOURCES,
  channelRefusal,
  type ChannelStatus,
  type InstagramApi,
  type ChannelSource,
  type ChannelRestriction,
  type ChannelSubscription,
} from "./channel-state";
export {
  EVENT_TYPES,
  CHANNEL_EVENT_TYPES,
  type ChannelEventType,
  type ChannelEventData,
  type EventType,
  type RelayEvent,
  type EventDataByType,
  type MessageReceivedData,
  type MessageSentData,
  type MessageStatusData,
  type MessageFailedData,
  type ReminderWindow,
  type WindowExpiringData,
} from "./events";
