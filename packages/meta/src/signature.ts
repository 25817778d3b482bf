import { createHmac, timingSafeEqual } from "node:crypto";

/** The header Meta signs every webhook with: `sha256=<hex HMAC-SHA256(app secret, raw body)>`. */
export const SIGNATURE_HEADER = "x-hub-signature-256";

const PREFIX = "sha256=";
const HEX_DIGEST = /^[0-9a-fA-F]{64}$/;

/** Why a signature was refused; a label of the signature-failure metric. */
export type SignatureFailure = "missing" | "malformed" | "mismatch" | "no_secret";

export type SignatureCheck = { valid: true } | { valid: false; reason: SignatureFailure };

/**
 * Checks `X-Hub-Signature-256` against the raw request bytes under every app secret (a rotated
 * secret and its successor are both accepted). The comparison is constant-time on the 32-byte
 * digests, and every secret is tried, so timing reveals neither the digest nor which secret matched.
 */
export function verifyMetaSignature(
  rawBody: Buffer,
  header: string | undefined,
  secrets: readonly string[],
): SignatureCheck {
  if (header === undefined || header.trim() === "") return { valid: false, reason: "missing" };
  const value = header.trim();
  if (!value.startsWith(PREFIX)) return { valid: false, reason: "malformed" };
  const hex = value.slice(PREFIX.length);
  if (!HEX_DIGEST.test(hex)) return { valid: false, reason: "malformed" };
  if (secrets.length === 0) return { valid: false, reason: "no_secret" };
  const given = Buffer.from(hex, "hex");
  let matched = false;
  for (const secret of secrets) {
    if (timingSafeEqual(given, digest(rawBody, secret))) matched = true;
  }
  return matched ? { valid: true } : { valid: false, reason: "mismatch" };
}

/** The header value Meta would send for `rawBody` under `secret` (for tests and the simulator). */
export function metaSignature(rawBody: Buffer | string, secret: string): string {
  const bytes = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody;
  return `${PREFIX}${digest(bytes, secret).toString("hex")}`;
}

function digest(rawBody: Buffer, secret: string): Buffer {
  return createHmac("sha256", secret).update(rawBody).digest();
}
