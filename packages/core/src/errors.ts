/**
 * Every error code meta-relay speaks, in HTTP error envelopes and on RelayError. Public interface
 * where a route answers with it: a code never changes meaning. `http` maps each one to its status.
 */
export const ERROR_CODES = [
  // --- refusals of a request (the client can fix them) ---
  "invalid_request",
  "invalid_json",
  "invalid_payload",
  "invalid_signature",
  "unauthorized",
  "forbidden",
  "not_found",
  "channel_not_found",
  "message_not_found",
  "key_not_found",
  "key_limit_reached",
  "media_not_found",
  "payload_too_large",
  "read_only",
  // --- Meta failed behind a request that needed it (the media route) ---
  "meta_error",
  "media_too_large",
  // --- Meta refused what the request brings (connecting a channel with a bad token) ---
  "channel_auth_failed",
  // --- our side cannot do it now (the client retries) ---
  "unavailable",
  "queue_metrics_timeout",
  "event_delivery_failed",
  "meta_unreachable",
  // --- our side is wrong: configuration, stored data, or a bug ---
  "internal_error",
  "config_invalid",
  "invalid_encryption_key",
  "token_unreadable",
  // --- the demo, which reports to the person running it ---
  "demo_usage",
  "demo_redis_unavailable",
  "demo_start_failed",
  "demo_api_refused",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The one base error of meta-relay. Every error a package throws on purpose extends it, so each
 * edge (express middleware, BullMQ processor) can map it by `code` and `retryable` alone.
 */
export type ErrorContext = Record<string, unknown>;

export interface RelayErrorOptions<C extends ErrorContext = ErrorContext> {
  /** Whether trying the same operation again later may succeed. */
  retryable?: boolean;
  /** Structured facts about the failure; never secrets or message bodies. */
  context?: C;
  cause?: unknown;
}

export class RelayError<
  Code extends ErrorCode = ErrorCode,
  C extends ErrorContext = ErrorContext,
> extends Error {
  readonly code: Code;
  readonly retryable: boolean;
  readonly context: C;

  constructor(code: Code, message: string, options: RelayErrorOptions<C> = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.context = options.context ?? ({} as C);
  }
}

/**
 * Redis (or whatever the operation needs) cannot take it now; the caller answers 503 and the
 * client, or Meta, tries again.
 */
export class UnavailableError extends RelayError<"unavailable"> {
  constructor(message: string, cause?: unknown) {
    super("unavailable", message, { retryable: true, cause });
  }
}

/** True for any error that came from our own code (as opposed to a library or a bug). */
export function isRelayError(error: unknown): error is RelayError {
  return error instanceof RelayError;
}
