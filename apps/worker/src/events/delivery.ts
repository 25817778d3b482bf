import type { EventType } from "@meta-relay/core";
import { EVENT_SIGNATURE_HEADER, signEventBody } from "@meta-relay/queues";
import { classifyNetworkError, classifyResponse, type DeliveryOutcome } from "./classify";

/** What is POSTed: a RelayEvent, as the job carries it (its `data` checked by its producer). */
export interface EventEnvelope {
  id: string;
  type: EventType;
  occurredAt: string;
  data: unknown;
}

/** Where and how events are POSTed. */
export interface EventTarget {
  url: string;
  /** HMAC key of X-Relay-Signature. */
  secret: string;
  /** Milliseconds an attempt may take, answer headers included, before it counts as a timeout. */
  timeoutMs: number;
}

/** The exact bytes POSTed (and signed): the envelope's four fields, in a fixed order. */
function encodeEvent(event: EventEnvelope): Buffer {
  const envelope = {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    data: event.data,
  };
  return Buffer.from(JSON.stringify(envelope), "utf8");
}

/**
 * One signed POST of an event, without retries of its own (BullMQ retries). `signal` aborts the
 * attempt early, e.g. when the worker shuts down.
 */
export async function postEvent(
  target: EventTarget,
  event: EventEnvelope,
  signal?: AbortSignal,
): Promise<DeliveryOutcome> {
  const body = encodeEvent(event);
  const timeout = AbortSignal.timeout(target.timeoutMs);
  try {
    const response = await fetch(target.url, {
      method: "POST",
      body,
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "meta-relay",
        [EVENT_SIGNATURE_HEADER]: signEventBody(body, target.secret),
      },
      // A redirect would re-send the body elsewhere, or turn the POST into a GET: treat it as a failure.
      redirect: "manual",
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
    });
    // The answer's body is never read: only the status matters, and a receiver could send gigabytes.
    await response.body?.cancel().catch(() => undefined);
    return classifyResponse(response.status, response.headers.get("retry-after"), Date.now());
  } catch (error) {
    return classifyNetworkError(error);
  }
}
