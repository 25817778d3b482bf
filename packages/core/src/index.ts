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
  toIso,
} from "./time";
export type { ConversationRef, ChannelRef } from "./conversation";
export { FAILURE_REASONS, type FailureReason, type WindowRefusal } from "./reasons";
export {
  SENDER_TYPES,
  ATTACHMENT_TYPES,
  MESSAGE_STATUSES,
  messageKind,
  canAdvanceStatus,
  type SenderType,
  type Sender,
  type AttachmentType,
  type TemplateContent,
  type MessageContent,
  type MessageKind,
  type MessageStatus,
  type MetaErrorInfo,
  type MessageFailure,
  type MessagingType,
  type OutboundMessageSummary,
} from "./message";
export { decide, ageBand, type Decision, type DecisionInput, type AgeBand } from "./decide";
export { describeWindow, type WindowDocument, type WindowInput } from "./window";
export { failureSentence, type SentenceInput } from "./sentences";
export type {
  CustomerActionKind,
  InboundAttachment,
  CustomerAction,
  StatusUpdate,
  Echo,
  IgnoredItem,
  InboundItem,
} from "./inbound";
export {
  EVENT_TYPES,
  type EventType,
  type RelayEvent,
  type EventDataByType,
  type MessageReceivedData,
  type MessageSentData,
  type MessageStatusData,
  type MessageFailedData,
} from "./events";
