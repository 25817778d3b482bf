/**
 * What one delivery attempt came to:
 * - `delivered`: the receiver answered 2xx;
 * - `retry`: 5xx, 408, 429, any non-2xx that is not a 4xx (a redirect is not followed: the
 *   signature belongs to this URL), a timeout or a connection error;
 * - `permanent`: any other 4xx, the receiver's deliberate refusal. That includes `410 Gone`, which
 *   Standard Webhooks senders take as "disable the endpoint": here it fails this event only, as the
 *   product specifies, and the next event is tried again.
 */
export type DeliveryOutcome =
  | { outcome: "delivered"; status: number }
  | { outcome: "retry"; status: number | null; reason: string; retryAfterMs: number | null }
  | { outcome: "permanent"; status: number; reason: string };

const RETRYABLE_4XX = new Set([408, 429]);
const HTTP_DATE_START = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /i;

/** Classifies the receiver's HTTP answer. `retryAfter` is the raw header, if any. */
export function classifyResponse(
  status: number,
  retryAfter: string | null,
  nowMs: number,
): DeliveryOutcome {
  if (status >= 200 && status < 300) return { outcome: "delivered", status };
  const reason = `http_${status}`;
  if (status >= 400 && status < 500 && !RETRYABLE_4XX.has(status)) {
    return { outcome: "permanent", status, reason };
  }
  return { outcome: "retry", status, reason, retryAfterMs: parseRetryAfter(retryAfter, nowMs) };
}

/** Classifies an attempt that got no answer; always retried. */
export function classifyNetworkError(error: unknown): DeliveryOutcome {
  return { outcome: "retry", status: null, reason: networkReason(error), retryAfterMs: null };
}

function networkReason(error: unknown): string {
  // Abort errors are DOMExceptions, which are not always `instanceof Error` (another realm).
  const name = property(error, "name");
  if (name === "TimeoutError") return "timeout";
  if (name === "AbortError") return "aborted";
  const code = errorCode(property(error, "cause")) ?? errorCode(error);
  return code ? code.toLowerCase() : "network_error";
}

function property(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function errorCode(value: unknown): string | null {
  const code = property(value, "code");
  return typeof code === "string" && /^[A-Z0-9_]{1,40}$/i.test(code) ? code : null;
}

/**
 * `Retry-After` in milliseconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Null when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Date.parse is lenient ("1.5" is a date to it): take only what starts like an HTTP date.
  if (!HTTP_DATE_START.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}
