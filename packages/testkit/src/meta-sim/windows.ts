import type { SimPlatform } from "./types";

export const HOUR_MS = 3_600_000;
/** Meta's standard window (Messenger, Instagram) and WhatsApp's customer service window. */
export const STANDARD_WINDOW_MS = 24 * HOUR_MS;
/** Meta's HUMAN_AGENT window on Messenger and Instagram. */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;
/** Meta's standard window after the first message from a click-to-Messenger/Direct ad. */
const AD_WINDOW_MS = 7 * 24 * HOUR_MS;

/**
 * Meta's own record of each customer's latest window-opening action. It is kept apart from the
 * relay's Redis record on purpose: the two may disagree, and the simulator must catch it.
 */
export class WindowBook {
  readonly #lastAction = new Map<string, number>();
  /** Message ids in each channel (the customer's and the business's) and whose conversation. */
  readonly #messages = new Map<string, string>();
  readonly #adMessage = new Map<string, number>();

  /** Keeps the latest action: webhooks arrive out of order, Meta's clock does not. */
  record(platform: SimPlatform, channelId: string, userId: string, atMs: number): void {
    const key = windowKey(platform, channelId, userId);
    const previous = this.#lastAction.get(key);
    if (previous === undefined || atMs > previous) this.#lastAction.set(key, atMs);
  }

  /** A message of the conversation, written by either side: it can be replied to or reacted to. */
  recordMessage(platform: SimPlatform, channelId: string, userId: string, id: string): void {
    this.#messages.set(JSON.stringify([platform, channelId, id]), userId);
  }

  /** The customer whose conversation holds message `id`, if the channel knows it. */
  messageOwner(platform: SimPlatform, channelId: string, id: string): string | undefined {
    return this.#messages.get(JSON.stringify([platform, channelId, id]));
  }

  /** The customer's message from an ad (Messenger/Instagram): it may open a 7-day window. */
  recordAd(platform: SimPlatform, channelId: string, userId: string, atMs: number): void {
    const key = windowKey(platform, channelId, userId);
    const previous = this.#adMessage.get(key);
    if (previous === undefined || atMs > previous) this.#adMessage.set(key, atMs);
  }

  /** True while a message from an ad, at most 7 days before `nowMs`, holds the window open. */
  isAdWindowOpen(platform: SimPlatform, channelId: string, userId: string, nowMs: number): boolean {
    const at = this.#adMessage.get(windowKey(platform, channelId, userId));
    return at !== undefined && nowMs - at <= AD_WINDOW_MS;
  }

  lastAction(platform: SimPlatform, channelId: string, userId: string): number | undefined {
    return this.#lastAction.get(windowKey(platform, channelId, userId));
  }

  /** True when the customer acted at most `windowMs` before `nowMs`. */
  isOpen(
    platform: SimPlatform,
    channelId: string,
    userId: string,
    windowMs: number,
    nowMs: number,
  ): boolean {
    const last = this.lastAction(platform, channelId, userId);
    return last !== undefined && nowMs - last <= windowMs;
  }
}

function windowKey(platform: SimPlatform, channelId: string, userId: string): string {
  return JSON.stringify([platform, channelId, userId]);
}
