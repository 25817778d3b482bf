export { createClient, type ClientOptions, type RelayClient } from "./client";
export type { ApiError, EventData, EventType, RelayEvent } from "./events";
export {
  verifyEvent,
  EventVerificationError,
  type EventHeaders,
  type VerificationFailure,
  type VerifyOptions,
} from "./verify-event";
export type { components, operations, paths, webhooks } from "./generated/openapi";
