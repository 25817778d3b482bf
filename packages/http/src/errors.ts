import { isRelayError } from "@meta-relay/core";
import type { Logger } from "@meta-relay/observability";
import type { ErrorRequestHandler, Response } from "express";

/** The one error envelope of every HTTP route: `{ error: { code, message, details? } }`. */
export interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown };
}

export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  details?: unknown,
): void {
  const body: ErrorEnvelope = { error: { code, message } };
  if (details !== undefined) body.error.details = details;
  res.status(status).json(body);
}

/** Maps a RelayError code to an HTTP status; unknown codes of ours are 400, foreign errors 500. */
const STATUS_BY_CODE: Record<string, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  channel_not_found: 404,
  message_not_found: 404,
  invalid_request: 400,
  payload_too_large: 413,
  unavailable: 503,
};

interface BodyParserError {
  type?: string;
  status?: number;
}

/** The last middleware of every app: one place where errors become HTTP answers. */
export function errorMapper(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
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
    if (isRelayError(err)) {
      const status = STATUS_BY_CODE[err.code] ?? (err.retryable ? 503 : 400);
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
