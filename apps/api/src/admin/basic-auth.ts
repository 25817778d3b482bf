import { createHash, timingSafeEqual } from "node:crypto";
import { sendError } from "@meta-relay/http";
import type { RequestHandler } from "express";

/** The realm browsers show in their login prompt. */
const DASHBOARD_REALM = "meta-relay";

export interface BasicCredentials {
  username: string;
  password: string;
}

/**
 * HTTP basic authentication against one username and password. Both parts are compared as SHA-256
 * digests with timingSafeEqual (equal lengths whatever was sent), and both are always compared, so
 * the time taken says nothing about which part was wrong. Without configured credentials, nobody
 * gets in.
 */
export function basicAuth(expected: BasicCredentials): RequestHandler {
  const configured = expected.username !== "" && expected.password !== "";
  const user = digest(expected.username);
  const pass = digest(expected.password);
  return (req, res, next) => {
    const presented = parseBasic(req.get("authorization"));
    const userOk = timingSafeEqual(digest(presented?.username ?? ""), user);
    const passOk = timingSafeEqual(digest(presented?.password ?? ""), pass);
    if (configured && presented !== null && userOk && passOk) {
      next();
      return;
    }
    res.set("WWW-Authenticate", `Basic realm="${DASHBOARD_REALM}", charset="UTF-8"`);
    res.set("Cache-Control", "no-store");
    sendError(res, 401, "unauthorized", "The queue dashboard needs its username and password.");
  };
}

/** `Basic base64(user:password)` → its parts; null when absent or malformed. */
export function parseBasic(header: string | undefined): BasicCredentials | null {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
