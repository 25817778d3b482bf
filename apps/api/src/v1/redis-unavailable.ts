import { isRelayError, RelayError } from "@meta-relay/core";
import type { RedisClient } from "@meta-relay/store";
import type { ErrorRequestHandler } from "express";

/** Redis did not take a request's reads or writes: 503, and the client retries (same idempotencyKey). */
export class RedisUnavailableError extends RelayError<"unavailable"> {
  constructor(cause: unknown) {
    super("unavailable", "Redis is not reachable right now; retry the request shortly.", {
      retryable: true,
      cause,
    });
  }
}

/** What ioredis reports while a connection is down, reconnecting or too slow to answer. */
const CONNECTION_TROUBLE =
  /MaxRetriesPerRequest|max retries per request|Connection is closed|Command timed out|isn't writeable|ECONNREFUSED|ECONNRESET/i;

/**
 * Turns Redis connection failures inside /v1 routes into 503 `unavailable` (as the API documents),
 * instead of a 500 that tells the client nothing. Client errors and our own errors pass untouched.
 */
export function redisUnavailable(redis: RedisClient): ErrorRequestHandler {
  return (err: unknown, _req, _res, next) => {
    if (isRelayError(err) || !(err instanceof Error) || hasHttpStatus(err)) {
      next(err);
      return;
    }
    const troubled =
      CONNECTION_TROUBLE.test(`${err.name} ${err.message}`) || redis.status !== "ready";
    next(troubled ? new RedisUnavailableError(err) : err);
  };
}

function hasHttpStatus(err: Error): boolean {
  const { status, statusCode, type } = err as {
    status?: unknown;
    statusCode?: unknown;
    type?: unknown;
  };
  return status !== undefined || statusCode !== undefined || type !== undefined;
}
