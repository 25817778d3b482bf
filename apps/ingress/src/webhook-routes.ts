import { createHash, timingSafeEqual } from "node:crypto";
import { UnavailableError } from "@meta-relay/core";
import { refuseOversized, requestLog, sendError } from "@meta-relay/http";
import {
  InvalidWebhookError,
  SIGNATURE_HEADER,
  WEBHOOK_OBJECTS,
  acceptsObject,
  verifyWebhookSignature,
} from "@meta-relay/meta";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import express, {
  type ErrorRequestHandler,
  type Express,
  type Request,
  type RequestHandler,
  type Response,
} from "express";
import type { WebhookResult } from "./webhook-handler";

/** The one path Meta calls, for the handshake (GET) and the webhooks (POST). */
export const WEBHOOK_PATH = "/webhooks/meta";

/** Largest webhook accepted; Meta's payloads are at most 3 MB. */
export const MAX_WEBHOOK_BYTES = 3 * 1024 * 1024;

export interface WebhookRouteDeps {
  verifyToken: string;
  appSecrets: readonly string[];
  /** META_INSTAGRAM_APP_SECRET: accepted on `object: "instagram"` webhooks only. */
  instagramAppSecrets?: readonly string[] | undefined;
  /**
   * `requestLog` gives the request's logger, so the handler's lines carry the request id; it is
   * made on first use, since most webhooks log nothing.
   */
  handle: (payload: unknown, requestLog: () => Logger) => Promise<WebhookResult>;
  metrics: RelayMetrics;
  log: Logger;
}

type Outcome =
  | "accepted"
  | "ignored"
  | "unauthorized"
  | "invalid_json"
  | "invalid_payload"
  | "too_large"
  | "unavailable";

export function mountWebhookRoutes(app: Express, deps: WebhookRouteDeps): void {
  app.get(WEBHOOK_PATH, handshake(deps));
  // Raw bytes: the signature is over the body exactly as sent, so nothing parses it first.
  const rawBody = express.raw({ type: () => true, limit: MAX_WEBHOOK_BYTES, inflate: false });
  // Past the limit the connection is closed at once, not read to its end before the 413.
  const tooLarge = refuseOversized(MAX_WEBHOOK_BYTES, (res) => refuseTooLarge(deps, res));
  app.post(WEBHOOK_PATH, tooLarge, rawBody, receive(deps), bodyErrors(deps));
}

function handshake(deps: WebhookRouteDeps): RequestHandler {
  return (req, res) => {
    const mode = req.query["hub.mode"];
    const token = req.query["hub.verify_token"];
    const challenge = req.query["hub.challenge"];
    if (mode !== "subscribe" || typeof token !== "string" || !sameSecret(token, deps.verifyToken)) {
      requestLog(res, deps.log).warn({ modeOk: mode === "subscribe" }, "webhook handshake refused");
      sendError(res, 403, "forbidden", "The verify token or mode does not match.");
      return;
    }
    if (typeof challenge !== "string" || challenge === "") {
      sendError(res, 400, "invalid_request", "hub.challenge is missing.");
      return;
    }
    res.set("X-Content-Type-Options", "nosniff");
    res.status(200).type("text/plain").send(challenge);
  };
}

function receive(deps: WebhookRouteDeps): RequestHandler {
  return async (req, res) => {
    const started = process.hrtime.bigint();
    const done = (object: string, outcome: Outcome) => {
      deps.metrics.webhooks.inc({ object: objectLabel(object), outcome });
      deps.metrics.webhookDuration.observe(
        { outcome },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    };
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const check = verifyWebhookSignature(raw, req.get(SIGNATURE_HEADER), {
      appSecrets: deps.appSecrets,
      instagramAppSecrets: deps.instagramAppSecrets ?? [],
    });
    if (!check.valid) {
      deps.metrics.signatureFailures.inc({ reason: check.reason });
      requestLog(res, deps.log).warn(
        { reason: check.reason, bytes: raw.length },
        "webhook signature refused",
      );
      sendError(res, 401, "invalid_signature", "X-Hub-Signature-256 is missing or wrong.");
      return done("unknown", "unauthorized");
    }
    const payload = parseJson(raw);
    if (payload === INVALID) {
      sendError(res, 400, "invalid_json", "The request body is not valid JSON.");
      return done("unknown", "invalid_json");
    }
    // The Instagram app's secret vouches for Instagram webhooks only.
    if (!acceptsObject(check, objectOf(payload))) {
      deps.metrics.signatureFailures.inc({ reason: "mismatch" });
      requestLog(res, deps.log).warn({ bytes: raw.length }, "webhook signature refused");
      sendError(res, 401, "invalid_signature", "X-Hub-Signature-256 is missing or wrong.");
      return done("unknown", "unauthorized");
    }
    await processPayload(deps, payload, res, done);
  };
}

async function processPayload(
  deps: WebhookRouteDeps,
  payload: unknown,
  res: Response,
  done: (object: string, outcome: Outcome) => void,
): Promise<void> {
  const object = objectOf(payload);
  let log: Logger | null = null;
  const lazyLog = () => (log ??= requestLog(res, deps.log));
  try {
    const result = await deps.handle(payload, lazyLog);
    res.status(200).json({ status: "received" });
    done(object, result.normalised.platform ? "accepted" : "ignored");
  } catch (error) {
    if (error instanceof InvalidWebhookError) {
      sendError(res, 400, error.code, error.message);
      return done(object, "invalid_payload");
    }
    const unavailable =
      error instanceof UnavailableError
        ? error
        : new UnavailableError("The webhook could not be recorded.", error);
    lazyLog().warn({ err: unavailable.cause ?? unavailable, object }, "webhook not recorded");
    sendError(res, 503, unavailable.code, "The webhook could not be recorded; deliver it again.");
    done(object, "unavailable");
  }
}

/** Body errors of this route: too large (checked before the signature) or an unsupported encoding. */
function bodyErrors(deps: WebhookRouteDeps): ErrorRequestHandler {
  return (err: unknown, _req: Request, res: Response, next) => {
    const type = (err as { type?: string }).type;
    if (type === "entity.too.large") {
      refuseTooLarge(deps, res);
      return;
    }
    next(err);
  };
}

function refuseTooLarge(deps: WebhookRouteDeps, res: Response): void {
  deps.metrics.webhooks.inc({ object: "unknown", outcome: "too_large" });
  sendError(res, 413, "payload_too_large", "The webhook is larger than 3 MiB.");
}

const INVALID = Symbol("invalid");

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString("utf8")) as unknown;
  } catch {
    return INVALID;
  }
}

function objectOf(payload: unknown): string {
  const object = (payload as { object?: unknown } | null)?.object;
  return typeof object === "string" ? object : "unknown";
}

/** Meta's object as a metric label; anything else is one label, so the label set stays small. */
function objectLabel(object: string): string {
  if (object === "unknown") return object;
  return (WEBHOOK_OBJECTS as readonly string[]).includes(object) ? object : "other";
}

/** Constant-time equality of two secrets of any length (their digests are compared). */
function sameSecret(given: string, expected: string): boolean {
  if (expected === "") return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
