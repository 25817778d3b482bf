import { createHmac, timingSafeEqual } from "node:crypto";
import type { RelayEvent } from "./events";

/** Request headers as fetch (`Headers`) or node:http (`req.headers`) gives them. */
export type EventHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** How far `webhook-timestamp` may be from now (default 300 s: Standard Webhooks' 5 minutes). */
  toleranceSeconds?: number;
  /** The receiver's clock, in ms (default Date.now()). */
  now?: number;
}

export type VerificationFailure =
  "missing_headers" | "timestamp_out_of_tolerance" | "invalid_signature" | "invalid_body";

/** The event was not proven to come from the relay (or is a replay): answer 4xx, do not use it. */
export class EventVerificationError extends Error {
  constructor(readonly reason: VerificationFailure) {
    super(`event refused: ${reason}`);
    this.name = "EventVerificationError";
  }
}

const DEFAULT_TOLERANCE_SECONDS = 300;
const SIGNATURE = /^v1,([A-Za-z0-9+/]+={0,2})$/;
const HMAC_BYTES = 32;

/**
 * Verifies a Standard Webhooks event request and returns the event: `webhook-signature` must hold a
 * `v1,` HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>` under one of the secrets, and the
 * timestamp must be within the tolerance. `body` is the raw body, exactly as received (not parsed and
 * re-serialised). Secrets are `whsec_<base64>` (or, without the prefix, used as their UTF-8 bytes);
 * pass several while one is rotated. Throws EventVerificationError.
 */
export function verifyEvent(
  headers: EventHeaders,
  body: string | Uint8Array,
  secret: string | readonly string[],
  options: VerifyOptions = {},
): RelayEvent {
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id || !timestamp || !signatures) throw new EventVerificationError("missing_headers");
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > tolerance) {
    throw new EventVerificationError("timestamp_out_of_tolerance");
  }
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
  const expected = keys(secret).map((key) =>
    createHmac("sha256", key).update(`${id}.${timestamp}.`).update(bytes).digest(),
  );
  if (!anySignatureMatches(signatures, expected)) {
    throw new EventVerificationError("invalid_signature");
  }
  return parse(bytes, id);
}

/** Compares every given signature with every expected one, without stopping at a match. */
function anySignatureMatches(header: string, expected: Buffer[]): boolean {
  let valid = false;
  for (const part of header.split(" ")) {
    const base64 = SIGNATURE.exec(part)?.[1];
    if (base64 === undefined) continue;
    const given = Buffer.from(base64, "base64");
    if (given.length !== HMAC_BYTES) continue;
    for (const digest of expected) valid = timingSafeEqual(given, digest) || valid;
  }
  return valid;
}

function keys(secret: string | readonly string[]): Buffer[] {
  const secrets = typeof secret === "string" ? [secret] : secret;
  const decoded = secrets.map((s) =>
    s.startsWith("whsec_") ? Buffer.from(s.slice("whsec_".length), "base64") : Buffer.from(s),
  );
  if (decoded.length === 0 || decoded.some((key) => key.length === 0)) {
    throw new TypeError("verifyEvent needs at least one non-empty secret");
  }
  return decoded;
}

function header(headers: EventHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") {
    return (headers as Headers).get(name) ?? undefined;
  }
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(" ") : value;
}

function parse(bytes: Buffer, id: string): RelayEvent {
  let event: unknown;
  try {
    event = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new EventVerificationError("invalid_body");
  }
  // The signed id and the body's id are one: a body that says otherwise is not this event.
  if (typeof event !== "object" || event === null || (event as { id?: unknown }).id !== id) {
    throw new EventVerificationError("invalid_body");
  }
  return event as RelayEvent;
}
