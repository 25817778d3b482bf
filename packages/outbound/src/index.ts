// Public API of @meta-relay/outbound: the lifecycle of one reply, from POST /v1/messages to the
// events that announce what became of it.

// --- enqueue: record the reply, put it in its mailbox, queue the conversation's drain ---
export {
  createOutbox,
  type Outbox,
  type OutboxDeps,
  type ReplyRequest,
  type EnqueueResult,
} from "./enqueue";

// --- drain: one conversation, one attempt at a time (decide, pace, call, classify, settle) ---
export {
  drainConversation,
  type DrainControl,
  type DrainOutcome,
  type DrainRequest,
} from "./drain-conversation";
export {
  createOutboundDeps,
  type OutboundDeps,
  type DeliverySettings,
  type ChannelNews,
} from "./outbound-deps";
export { DEFAULT_RETRY_BACKOFF, retryDelayMs, type RetryBackoff } from "./retry-backoff";

// --- Meta's status news: statuses, receipts and echoes of messages we sent ---
export { createStatusNews, type StatusNews, type StatusNewsDeps } from "./status-news";

// --- the one builder of each outbound event type ---
export { sentEvent, failedEvent, deliveredEvent, readEvent } from "./outbound-events";
