import type { Platform } from "@meta-relay/core";

/** How fast one channel may send; Meta freezes or throttles a channel that goes faster. */
export interface Pacing {
  /** Messages per second the channel sends, sustained. */
  perSecond: number;
  /** Messages that may leave back to back before `perSecond` applies. */
  burst: number;
  /** WhatsApp pair limit: ms between two messages to the same recipient, sustained; null = none. */
  perRecipientIntervalMs: number | null;
  /** Messages to one recipient that may leave back to back before the pair interval applies. */
  perRecipientBurst: number;
}

/**
 * Defaults from Meta's published limits: Messenger freezes a page inbox above ~40 msg/s, Instagram
 * allows 100/s, WhatsApp 80 msg/s per number and about one message per 6 s to one recipient.
 */
export const DEFAULT_PACING: Record<Platform, Pacing> = {
  messenger: { perSecond: 40, burst: 40, perRecipientIntervalMs: null, perRecipientBurst: 1 },
  instagram: { perSecond: 100, burst: 100, perRecipientIntervalMs: null, perRecipientBurst: 1 },
  whatsapp: { perSecond: 80, burst: 80, perRecipientIntervalMs: 6_000, perRecipientBurst: 10 },
};

/** A channel's overrides on top of its platform's defaults. */
export function effectivePacing(platform: Platform, overrides: Partial<Pacing> | null): Pacing {
  const merged = { ...DEFAULT_PACING[platform] };
  if (!overrides) return merged;
  for (const [key, value] of Object.entries(overrides) as [keyof Pacing, number | null][]) {
    if (value !== undefined) (merged as Record<keyof Pacing, number | null>)[key] = value;
  }
  return merged;
}

/** The GCRA parameters the pacing Lua takes: emission interval (ms) and burst, per scope. */
export function gcraArgs(pacing: Pacing): [number, number, number, number] {
  return [
    1000 / pacing.perSecond,
    Math.max(1, Math.floor(pacing.burst)),
    pacing.perRecipientIntervalMs ?? 0,
    Math.max(1, Math.floor(pacing.perRecipientBurst)),
  ];
}
