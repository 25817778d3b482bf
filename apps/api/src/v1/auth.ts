import { createHash, timingSafeEqual } from "node:crypto";
import { sendError } from "@meta-relay/http";
import type { RequestHandler } from "express";

/**
 * Bearer authentication against RELAY_API_KEYS. Keys are compared as SHA-256 digests with
 * timingSafeEqual (equal lengths whatever was sent), and every key is checked, so the time taken
 * says nothing about which key nearly matched.
 */
export function bearerAuth(keys: readonly string[]): RequestHandler {
  const digests = keys.map(digest);
  return (req, res, next) => {
    const presented = bearerToken(req.get("authorization"));
    let ok = false;
    if (presented !== null) {
      const candidate = digest(presented);
      for (const known of digests) ok = timingSafeEqual(candidate, known) || ok;
    }
    if (ok) {
      next();
      return;
    }
    res.set("WWW-Authenticate", 'Bearer realm="meta-relay"');
    sendError(
      res,
      401,
      "unauthorized",
      "A valid API key is required: Authorization: Bearer <key>.",
    );
  };
}

function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
