import { createHmac, timingSafeEqual } from "node:crypto";

/** The header that carries an event's signature (HTTP headers are case-insensitive). */
export const EVENT_SIGNATURE_HEADER = "X-Relay-Signature";

const SCHEME = "sha256=";
const HEX_DIGEST = /^[0-9a-fA-F]{64}$/;

/** The value of X-Relay-Signature for these exact body bytes: `sha256=<hex HMAC-SHA256>`. */
export function signEventBody(rawBody: Buffer | string, secret: string): string {
  return SCHEME + createHmac("sha256", secret).update(rawBody).digest("hex");
}

/**
 * True when `header` signs the raw body bytes under the secret, or under any of the secrets (so a
 * receiver can accept the old and the new secret while it is rotated). Compares in constant time.
 */
export function verifyEventSignature(
  rawBody: Buffer | string,
  header: string | null | undefined,
  secrets: string | readonly string[],
): boolean {
  if (!header?.startsWith(SCHEME)) return false;
  const hex = header.slice(SCHEME.length);
  if (!HEX_DIGEST.test(hex)) return false;
  const given = Buffer.from(hex, "hex");
  const candidates = typeof secrets === "string" ? [secrets] : secrets;
  // Check every secret, without stopping at the first match, so timing says nothing about which one.
  let valid = false;
  for (const secret of candidates) {
    const expected = createHmac("sha256", secret).update(rawBody).digest();
    if (timingSafeEqual(given, expected)) valid = true;
  }
  return valid;
}
