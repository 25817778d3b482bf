import { createHmac } from "node:crypto";

/**
 * The JSON text Meta posts: it escapes every non-ASCII character (`\u00e9`), so a receiver that
 * hashes a re-serialised body instead of the raw bytes computes a different signature.
 */
export function metaJson(payload: unknown): string {
  return JSON.stringify(payload).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** The `X-Hub-Signature-256` value for a raw body: `sha256=<hex HMAC-SHA256>`. */
export function signWebhookBody(rawBody: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;
}
