import { isRelayError, type ErrorCode, type FailureReason } from "@meta-relay/core";
import type { Logger } from "@meta-relay/observability";
import type { ErrorRequestHandler, Response } from "express";
import { requestIdOf, requestLog } from "./request-id";

/**
 * A code is an ErrorCode, or a failure reason where a route reports why Meta's rules refused it
 * (a sender action outside the window answers 409 with the same reason a reply would fail with).
 */
export type EnvelopeCode = ErrorCode | FailureReason;

/**
 * The one error envelope of every HTTP route: `{ error: { code, message, details?, requestId } }`
 * (`requestId` is the request's X-Request-Id).
 */
export interface ErrorEnvelope {
  error: { code: EnvelopeCode; message: string; details?: unknown; requestId?: string };
}

export function sendError(
  res: Response,
  status: number,
  code: EnvelopeCode,
  message: string,
  details?: unknown,
): void {
  const body: ErrorEnvelope = { error: { code, message } };
  if (details !== undefined) body.error.details = details;
  const requestId = requestIdOf(res);
  if (requestId !== undefined) body.error.requestId = requestId;
  res.status(status).json(body);
}

/**
 * The HTTP status of every error code, and the only place that decides it. Codes that no route
 * answers with (a worker's, the demo's) are mapped too, so that adding a code without its status
 * does not compile.
 */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_payload: 400,
  invalid_signature: 401,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  channel_not_found: 404,
  message_not_found: 404,
  media_not_found: 404,
  read_only: 405,
  key_not_found: 404,
  key_limit_reached: 409,
  meta_error: 502,
  media_too_large: 502,
  payload_too_large: 413,
  unavailable: 503,
  queue_metrics_timeout: 503,
  event_delivery_failed: 503,
  internal_error: 500,
  config_invalid: 500,
  invalid_encryption_key: 500,
  token_unreadable: 500,
  demo_usage: 500,
  demo_redis_unavailable: 500,
  demo_start_failed: 500,
  demo_api_refused: 500,
  channel_auth_failed: 422,
  meta_unreachable: 502,
};

interface BodyParserError {
  type?: string;
  status?: number;
}

/** The last middleware of every app: one place where errors become HTTP answers. */
export function errorMapper(base: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    const logger = requestLog(res, base);
    if (res.headersSent) {
      next(err);
      return;
    }
    const parserError = err as BodyParserError;
    if (parserError.type === "entity.too.large") {
      sendError(
        res,
        413,
        "payload_too_large",
        "The request body is larger than this endpoint accepts.",
      );
      return;
    }
    if (parserError.type === "entity.parse.failed") {
      sendError(res, 400, "invalid_json", "The request body is not valid JSON.");
      return;
    }
    const clientStatus = clientErrorStatus(err);
    if (clientStatus !== null) {
      // E.g. a path parameter that is not valid percent-encoding: the client's mistake, not ours.
      // The message is fixed: the offending text is not echoed back.
      sendError(res, clientStatus, "invalid_request", "The request could not be read.");
      return;
    }
    if (isRelayError(err)) {
      const status = HTTP_STATUS[err.code];
      if (status >= 500) logger.warn({ err, code: err.code }, "request failed");
      sendError(res, status, err.code, err.message, err.context["details"]);
      return;
    }
    logger.error({ err }, "unhandled request error");
    sendError(
      res,
      500,
      "internal_error",
      "Something went wrong on our side; the request can be retried.",
    );
  };
}

/**
 * The 4xx status a foreign error carries (express's router marks undecodable path parameters 400,
 * body parsers mark what they refuse), or null when it is not a client error.
 */
function clientErrorStatus(err: unknown): number | null {
  if (isRelayError(err)) return null;
  const { status, statusCode } = err as { status?: unknown; statusCode?: unknown };
  const value = typeof status === "number" ? status : statusCode;
  return typeof value === "number" && value >= 400 && value < 500 ? value : null;
}
