import { randomUUID } from "node:crypto";
import type { Logger } from "@meta-relay/observability";
import type { RequestHandler, Response } from "express";

/** The header that names a request, in the answer and (optionally) in the request. */
export const REQUEST_ID_HEADER = "X-Request-Id";

/**
 * An incoming id is kept only when it is short and plain, so that what a client sends cannot
 * forge log fields, split headers or grow every log line.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const ids = new WeakMap<Response, string>();

/**
 * The first middleware of every app: gives each request an id (the client's sane X-Request-Id, or
 * a new one) and answers with it, so a support question can be traced through the logs.
 */
export function assignRequestId(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get(REQUEST_ID_HEADER);
    const id = incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ids.set(res, id);
    res.setHeader(REQUEST_ID_HEADER, id);
    next();
  };
}

/** The id of the request `res` answers; undefined outside an app of createHttpServer. */
export function requestIdOf(res: Response): string | undefined {
  return ids.get(res);
}

/**
 * `base` bound to the request's id: every line a route writes about a request goes through it, so
 * each carries `requestId`. Cheap enough to call per request (a pino child).
 */
export function requestLog(res: Response, base: Logger): Logger {
  const requestId = ids.get(res);
  return requestId === undefined ? base : base.child({ requestId });
}
