export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Meta's standard messaging window and customer service window. */
export const STANDARD_WINDOW_MS = 24 * HOUR_MS;
/** Meta's human-agent window (HUMAN_AGENT tag) on Messenger and Instagram. */
export const HUMAN_AGENT_WINDOW_MS = 7 * DAY_MS;
/** Meta's standard window after a customer's first message from a click-to-Messenger/Direct ad ("may last up to 7 days"). */
export const AD_WINDOW_MS = 7 * DAY_MS;

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
