import { createHash, timingSafeEqual } from "node:crypto";
import { requestLog, sendError } from "@meta-relay/http";
import type { Logger } from "@meta-relay/observability";
import type { ApiKeyRecord } from "@meta-relay/store";
import type { RequestHandler } from "express";
import { setPrincipal } from "./principal";

export interface AuthenticateOptions {
  /** RELAY_API_KEYS: admin keys, checked in memory. */
  adminKeys: readonly string[];
  /** Looks a scoped key up (see cachedKeyLookup); omitted, only admin keys are accepted. */
  findKey?: (key: string) => Promise<ApiKeyRecord | null>;
  log?: Logger;
}

/**
 * Bearer authentication of /v1. Admin keys are compared as SHA-256 digests with timingSafeEqual
 * (equal lengths whatever was sent), every one of them, so the time taken says nothing about
 * which key nearly matched. Any other token is looked up by its digest: finding a stored digest
 * from timing would take a SHA-256 preimage. Redis trouble during the lookup goes to the error
 * handlers (503), never through as an accepted key.
 */
export function authenticate(options: AuthenticateOptions): RequestHandler {
  const digests = options.adminKeys.map(digest);
  return async (req, res, next) => {
    const presented = bearerToken(req.get("authorization"));
    if (presented === null) return refuse(res);
    const candidate = digest(presented);
    let admin = false;
    for (const known of digests) admin = timingSafeEqual(candidate, known) || admin;
    if (admin) {
      setPrincipal(res, { kind: "admin" });
      return next();
    }
    const key = options.findKey ? await options.findKey(presented) : null;
    if (!key) return refuse(res);
    setPrincipal(res, { kind: "scoped", key });
    if (options.log) requestLog(res, options.log).debug({ keyId: key.id }, "scoped key accepted");
    next();
  };
}

function refuse(res: Parameters<RequestHandler>[1]): void {
  res.set("WWW-Authenticate", 'Bearer realm="meta-relay"');
  sendError(res, 401, "unauthorized", "A valid API key is required: Authorization: Bearer <key>.");
}

function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
