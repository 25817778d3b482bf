import { createHmac, timingSafeEqual } from "node:crypto";
import { RelayError } from "@meta-relay/core";

// The Standard Webhooks signature (standard-webhooks spec v1.0.0), sent beside X-Relay-Signature:
// the signed content binds the event id and the attempt's time to the body, so a receiver can
// refuse a replay once the timestamp is older than its tolerance.

export const WEBHOOK_ID_HEADER = "webhook-id";
export const WEBHOOK_TIMESTAMP_HEADER = "webhook-timestamp";
export const WEBHOOK_SIGNATURE_HEADER = "webhook-signature";

/** The prefix of a Standard Webhooks secret; the rest is the key in base64. */
export const WEBHOOK_SECRET_PREFIX = "whsec_";

/** How far a timestamp may be from the receiver's clock, both ways: the libraries' default. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The HMAC key of a secret: the bytes base64-encoded after `whsec_`, or, for a secret without the
 * prefix (a release-1 secret reused), its UTF-8 bytes.
 */
export function webhookSecretKey(secret: string): Buffer {
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) return Buffer.from(secret, "utf8");
  const encoded = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  // Buffer.from(…, "base64") skips what it cannot read; a mistyped secret must not sign silently.
  if (encoded === "" || !STRICT_BASE64.test(encoded)) {
    throw new RelayError("config_invalid", "a whsec_ secret must be base64 after its prefix");
  }
  return Buffer.from(encoded, "base64");
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` under one key. */
function signatureUnder(key: Buffer, id: string, timestamp: number, body: Buffer | string): string {
  const mac = createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest();
  return `v1,${mac.toString("base64")}`;
}

export interface StandardWebhookInput {
  /** The event id: stable across retries, the receiver's dedupe key. */
  id: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
  /** The exact bytes POSTed. */
  body: Buffer | string;
  /** EVENTS_WEBHOOK_SECRET: one signature per secret (several during a rotation). */
  secrets: readonly string[];
}

/** The three headers of one attempt; the signatures are space-separated, one per secret. */
export function standardWebhookHeaders(input: StandardWebhookInput): Record<string, string> {
  const signatures = input.secrets.map((secret) =>
    signatureUnder(webhookSecretKey(secret), input.id, input.timestamp, input.body),
  );
  return {
    [WEBHOOK_ID_HEADER]: input.id,
    [WEBHOOK_TIMESTAMP_HEADER]: String(input.timestamp),
    [WEBHOOK_SIGNATURE_HEADER]: signatures.join(" "),
  };
}

export interface VerifyStandardWebhookOptions {
  /** The receiver's clock, in ms; defaults to now. */
  nowMs?: number;
  toleranceSeconds?: number;
}

/**
 * The receiver's check (header names in any case): the headers are present, the timestamp within the tolerance, and one `v1`
 * signature matches under one of the secrets. Every candidate is compared in constant time, and
 * none is skipped, so the time taken says nothing about which nearly matched.
 */
export function verifyStandardWebhook(
  rawBody: Buffer | string,
  headers: Record<string, string | string[] | undefined>,
  secrets: string | readonly string[],
  options: VerifyStandardWebhookOptions = {},
): boolean {
  const header = (name: string) =>
    single(Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1]);
  const id = header(WEBHOOK_ID_HEADER);
  const stamp = header(WEBHOOK_TIMESTAMP_HEADER);
  const given = header(WEBHOOK_SIGNATURE_HEADER);
  if (!id || !stamp || !given || !/^\d{1,12}$/.test(stamp)) return false;
  const timestamp = Number(stamp);
  const now = Math.floor((options.nowMs ?? Date.now()) / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS)) {
    return false;
  }
  const presented = given
    .split(" ")
    .filter((s) => s.startsWith("v1,"))
    .map((s) => Buffer.from(s.slice(3), "utf8"));
  let valid = false;
  for (const secret of typeof secrets === "string" ? [secrets] : secrets) {
    const expected = Buffer.from(
      signatureUnder(webhookSecretKey(secret), id, timestamp, rawBody).slice(3),
      "utf8",
    );
    for (const candidate of presented) {
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) {
        valid = true;
      }
    }
  }
  return valid;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
