import { authenticate } from "@meta-relay/access";
import { refuseOversized, sendError } from "@meta-relay/http";
import express, { Router, type Response } from "express";
import { actionsRouter } from "./actions-routes";
import { channelsRouter } from "./channels-routes";
import { conversationsRouter } from "./conversations-routes";
import { keysRouter } from "./keys-routes";
import { mediaRouter } from "./media-routes";
import { messagesRouter } from "./messages-routes";
import { redisUnavailable } from "./redis-unavailable";
import type { V1Deps } from "./v1-deps";
import { worklistRouter } from "./worklist-routes";

export interface V1Options {
  /** RELAY_API_KEYS: the admin keys. */
  apiKeys: readonly string[];
  /** Largest accepted request body (API_BODY_LIMIT_BYTES). */
  bodyLimitBytes: number;
}

/**
 * The agent API, mounted at /v1: authentication first (admin or scoped key), then the body, then
 * the routes, each of which applies the key's scope (@meta-relay/access guards).
 */
export function v1Router(deps: V1Deps, options: V1Options): Router {
  const router = Router();
  router.use(authenticate({ adminKeys: options.apiKeys, findKey: deps.keyLookup, log: deps.log }));
  // Past the limit the connection is closed at once, not read to its end before the 413.
  router.use(refuseOversized(options.bodyLimitBytes, tooLarge));
  router.use(express.json({ limit: options.bodyLimitBytes, strict: true }));
  router.use(channelsRouter(deps));
  router.use(messagesRouter(deps));
  router.use(conversationsRouter(deps));
  router.use(actionsRouter(deps));
  router.use(keysRouter(deps));
  router.use(worklistRouter(deps));
  router.use(mediaRouter(deps));
  router.use(redisUnavailable(deps.redis));
  return router;
}

function tooLarge(res: Response): void {
  sendError(
    res,
    413,
    "payload_too_large",
    "The request body is larger than this endpoint accepts.",
  );
}
