import { isRelayError, UnavailableError } from "@meta-relay/core";
import type { RedisClient } from "@meta-relay/store";
import type { ErrorRequestHandler } from "express";

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
    // Redis did not take the request's reads or writes: the client retries (same idempotencyKey).
    next(
      troubled
        ? new UnavailableError("Redis is not reachable right now; retry the request shortly.", err)
        : err,
    );
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
