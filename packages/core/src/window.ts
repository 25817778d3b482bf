import { decide } from "./decide";
import type { Platform } from "./platform";
import { AD_WINDOW_MS, HUMAN_AGENT_WINDOW_MS, STANDARD_WINDOW_MS, toIso } from "./time";

/** What an agent's screen shows for one conversation: Meta's deadlines and what may be sent now. */
export interface WindowDocument {
  lastCustomerMessageAt: string | null;
  /** Meta's own deadline: last customer action + 24 h (or the ad window's end, when later). */
  standardWindowEndsAt: string | null;
  /** Last customer action + 7 days; null unless the channel has humanAgent. */
  humanAgentWindowEndsAt: string | null;
  /** What the worker would decide now, safety margin included. */
  canSend: { bot: boolean; agent: boolean; template: boolean };
  /** Present (true) while a click-to-Messenger/Direct ad holds the standard window open past 24 h. */
  adWindow?: true;
}

export interface WindowInput {
  platform: Platform;
  humanAgent: boolean;
  lastCustomerMessageAt: number | null;
  now: number;
  marginMs: number;
  /** Meta's time of the ad-referral message that opened a 7-day standard window, if one did. */
  adWindowStartedAt?: number | null | undefined;
}

/**
 * The end (ms) of the standard window: 24 h after the customer's latest action, or 7 days after the
 * ad message that opened an ad window when that is later (a later message never shortens it).
 */
export function standardWindowEnd(
  lastCustomerMessageAt: number,
  adWindowStartedAt: number | null | undefined,
): number {
  const plain = lastCustomerMessageAt + STANDARD_WINDOW_MS;
  if (adWindowStartedAt === null || adWindowStartedAt === undefined) return plain;
  return Math.max(plain, adWindowStartedAt + AD_WINDOW_MS);
}

export function describeWindow(input: WindowInput): WindowDocument {
  const last = input.lastCustomerMessageAt;
  const ad = input.platform === "whatsapp" ? null : (input.adWindowStartedAt ?? null);
  const base = { ...input, lastCustomerMessageAt: last, adWindowStartedAt: ad };
  const can = (sender: "bot" | "agent", kind: "text" | "template") =>
    decide({ ...base, sender, kind }).outcome === "send";
  const standardEnd = last === null ? null : standardWindowEnd(last, ad);
  const doc: WindowDocument = {
    lastCustomerMessageAt: last === null ? null : toIso(last),
    standardWindowEndsAt: standardEnd === null ? null : toIso(standardEnd),
    humanAgentWindowEndsAt:
      last === null || !input.humanAgent || input.platform === "whatsapp"
        ? null
        : toIso(last + HUMAN_AGENT_WINDOW_MS),
    canSend: {
      bot: can("bot", "text"),
      agent: can("agent", "text"),
      template: input.platform === "whatsapp" && can("agent", "template"),
    },
  };
  if (last !== null && standardEnd !== null && standardEnd > last + STANDARD_WINDOW_MS) {
    doc.adWindow = true;
  }
  return doc;
}
