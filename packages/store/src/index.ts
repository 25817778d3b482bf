export {
  createPipelinedRedis,
  distinctConnections,
  createRedis,
  isRedisReachable,
  closeRedis,
  type RedisClient,
  type RedisSettings,
  type ConnectionMode,
  type CreateRedisOptions,
} from "./connection";
export { deleteIfHeld } from "./lua/delete-if-held";
export { createKeys, channelTag, type Keys } from "./keys";
export {
  createApiKeyStore,
  apiKeyDigest,
  API_KEY_ACCESS,
  API_KEY_PATTERN,
  MAX_API_KEYS,
  type ApiKeyStore,
  type ApiKeyRecord,
  type ApiKeyAccess,
  type NewApiKey,
} from "./api-key-store";
export { newMessageId, MESSAGE_ID_PATTERN } from "./ids";
export {
  createWindowStore,
  WINDOW_RECORD_TTL_MS,
  type WindowStore,
  type WindowAction,
} from "./window-store";
export { createTokenCipher, TokenUnreadableError, type TokenCipher } from "./token-cipher";
export { DEFAULT_PACING, effectivePacing, type Pacing } from "./pacing";
export {
  createChannelStore,
  type Channel,
  type ChannelInput,
  type ChannelStore,
  type StoredChannel,
  type PutResult,
} from "./channel-store";
export { readConversation, type ConversationSnapshot } from "./conversation-read";
export type { ChannelState, StoredRestriction } from "./channel-fields";
export {
  createChannelStateStore,
  type ChannelStateStore,
  type TransitionRequest,
  type TransitionResult,
} from "./channel-state-store";
export { type MessageRecord } from "./message-record";
export {
  createMessageStore,
  IDEMPOTENCY_TTL_MS,
  type MessageStore,
  type MessageStoreOptions,
  type NewMessage,
  type EnqueueOutcome,
} from "./message-store";
export {
  createDrainStore,
  type DrainStore,
  type DrainStoreOptions,
  type HeadResult,
  type BeginResult,
} from "./drain-store";
export { createStatusStore, type StatusStore, type WindowInputs } from "./status-store";
export {
  createReminderStore,
  type ReminderStore,
  type ReminderStoreOptions,
  type ReminderScan,
  type DueReminder,
} from "./reminder-store";
export {
  createWorklistStore,
  type WorklistStore,
  type WorklistEntry,
  type WorklistPage,
  type WorklistPosition,
} from "./worklist-store";
export { dropAdWindow } from "./ad-window-store";
