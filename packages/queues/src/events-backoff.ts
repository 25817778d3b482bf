import { HOUR_MS, MINUTE_MS, SECOND_MS } from "@meta-relay/core";
import type { BackoffStrategy } from "bullmq";
import { isEventDeliveryError } from "./event-delivery-error";

/** The backoff type EVENT_JOB_OPTIONS names; the events worker registers the strategy under it. */
export const EVENTS_BACKOFF_TYPE = "relay-events";

/** The longest possible first wait; each later wait doubles it, up to the caps below. */
const EVENT_RETRY_BASE_MS = SECOND_MS;
/** Longest wait while an event is younger than EVENT_RETRY_EARLY_PHASE_MS. */
export const EVENT_RETRY_EARLY_CAP_MS = MINUTE_MS;
/** Longest wait after that, until the event's max age. */
export const EVENT_RETRY_LATE_CAP_MS = 5 * MINUTE_MS;
/** How long after its creation an event is retried at least once a minute. */
const EVENT_RETRY_EARLY_PHASE_MS = HOUR_MS;
/** Shortest wait, also when a receiver says `Retry-After: 0`, so a busy receiver is not hammered. */
export const EVENT_RETRY_MIN_MS = 500;

export interface RetryDelayInput {
  /** 1 for the wait before the second attempt, 2 before the third, and so on. */
  retry: number;
  /** Time since the event was created. */
  ageMs: number;
  /** The age after which the event is given up. */
  maxAgeMs: number;
  /** What the receiver asked for in `Retry-After`, if anything. */
  retryAfterMs?: number | null | undefined;
  /** A number in [0, 1); tests pin it. */
  random?: () => number;
}

/**
 * The wait before the next attempt: exponential with equal jitter (half fixed, half random, so
 * events that failed together spread out but none waits much less than its step), capped by the
 * event's age, never past its max age. A receiver's `Retry-After` replaces the computed step but
 * still obeys the caps.
 */
export function eventRetryDelay(input: RetryDelayInput): number {
  const cap =
    input.ageMs < EVENT_RETRY_EARLY_PHASE_MS ? EVENT_RETRY_EARLY_CAP_MS : EVENT_RETRY_LATE_CAP_MS;
  const delay =
    input.retryAfterMs === null || input.retryAfterMs === undefined
      ? jittered(exponentialStep(input.retry, cap), input.random ?? Math.random)
      : Math.min(Math.max(input.retryAfterMs, EVENT_RETRY_MIN_MS), cap);
  const remaining = input.maxAgeMs - input.ageMs;
  // The last attempt lands on the deadline; the processor then gives the event up if it fails.
  return Math.max(0, Math.floor(Math.min(delay, remaining)));
}

function exponentialStep(retry: number, cap: number): number {
  // The exponent is bounded so that a very long retry series cannot overflow to Infinity.
  const exponent = Math.min(Math.max(retry, 1) - 1, 30);
  return Math.min(EVENT_RETRY_BASE_MS * 2 ** exponent, cap);
}

function jittered(step: number, random: () => number): number {
  const half = step / 2;
  return Math.max(EVENT_RETRY_MIN_MS, half + random() * half);
}

/**
 * The BullMQ backoff strategy of the events queue. BullMQ calls it after a failed attempt with the
 * error the processor threw (which carries the receiver's Retry-After) and the job (whose
 * timestamp is the event's creation).
 */
export function eventsBackoffStrategy(maxAgeMs: number): BackoffStrategy {
  return (attemptsMade, _type, err, job) => {
    const createdAt = job?.timestamp ?? Date.now();
    return eventRetryDelay({
      retry: attemptsMade,
      ageMs: Math.max(0, Date.now() - createdAt),
      maxAgeMs,
      retryAfterMs: isEventDeliveryError(err) ? err.context.retryAfterMs : null,
    });
  };
}
