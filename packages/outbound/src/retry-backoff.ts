/** Retry timing after a throttled or transient Graph API failure. */
export interface RetryBackoff {
  /** Delay before the first retry (ms); doubles with every further attempt. */
  baseMs: number;
  /** No retry waits longer than this (ms). */
  maxMs: number;
}

/** The first retry within about a second, then 2 s, 4 s, … up to a minute. */
export const DEFAULT_RETRY_BACKOFF: RetryBackoff = { baseMs: 1_000, maxMs: 60_000 };

/**
 * Capped exponential backoff with jitter: the delay after failed attempt `attempt` (1-based) is drawn
 * from [½, 1] × min(max, base × 2^(attempt−1)), so conversations throttled together do not retry
 * together, and the first retry still comes within `baseMs`.
 */
export function retryDelayMs(
  attempt: number,
  backoff: RetryBackoff,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(0, attempt - 1), 30);
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** exponent);
  return Math.round(ceiling * (0.5 + random() / 2));
}
