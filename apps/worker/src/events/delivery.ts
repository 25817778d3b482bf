import type { EventType } from "@meta-relay/core";
import { EVENT_SIGNATURE_HEADER, signEventBody, standardWebhookHeaders } from "@meta-relay/queues";
import { classifyNetworkError, classifyResponse, type DeliveryOutcome } from "./classify";
import { postOnce } from "./http-post";

/** What is POSTed: a RelayEvent, as the job carries it (its `data` checked by its producer). */
export interface EventEnvelope {
  id: string;
  type: EventType;
  occurredAt: string;
  data: unknown;
}

/** Where and how events are POSTed. */
export interface EventTarget {
  /** EVENTS_WEBHOOK_URL, parsed once. */
  url: URL;
  /**
   * EVENTS_WEBHOOK_SECRET, never empty: each signs a Standard Webhooks signature; the first also
   * keys X-Relay-Signature, exactly as in release 1.
   */
  secrets: readonly [string, ...string[]];
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
 * One signed POST of an event (X-Relay-Signature and the Standard Webhooks headers), without retries
 * of its own (BullMQ retries). `signal` aborts the attempt early, e.g. when the worker shuts down.
 */
export async function postEvent(
  target: EventTarget,
  event: EventEnvelope,
  signal?: AbortSignal,
): Promise<DeliveryOutcome> {
  const body = encodeEvent(event);
  try {
    const answer = await postOnce(target.url, body, {
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "meta-relay",
        [EVENT_SIGNATURE_HEADER]: signEventBody(body, target.secrets[0]),
        // The timestamp is this attempt's: a retry is signed afresh, so it is never "too old".
        ...standardWebhookHeaders({
          id: event.id,
          timestamp: Math.floor(Date.now() / 1000),
          body,
          secrets: target.secrets,
        }),
      },
      timeoutMs: target.timeoutMs,
      signal,
    });
    return classifyResponse(answer.status, answer.retryAfter, Date.now());
  } catch (error) {
    return classifyNetworkError(error);
  }
}
