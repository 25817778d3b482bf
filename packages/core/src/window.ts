import { decide } from "./decide";
import type { Platform } from "./platform";
import { HUMAN_AGENT_WINDOW_MS, STANDARD_WINDOW_MS, toIso } from "./time";

/** What an agent's screen shows for one conversation: Meta's deadlines and what may be sent now. */
export interface WindowDocument {
  lastCustomerMessageAt: string | null;
  /** Meta's own deadline: last customer action + 24 h. */
  standardWindowEndsAt: string | null;
  /** Last customer action + 7 days; null unless the channel has humanAgent. */
  humanAgentWindowEndsAt: string | null;
  /** What the worker would decide now, safety margin included. */
  canSend: { bot: boolean; agent: boolean; template: boolean };
}

export interface WindowInput {
  platform: Platform;
  humanAgent: boolean;
  lastCustomerMessageAt: number | null;
  now: number;
  marginMs: number;
}

export function describeWindow(input: WindowInput): WindowDocument {
  const last = input.lastCustomerMessageAt;
  const base = { ...input, lastCustomerMessageAt: last };
  const can = (sender: "bot" | "agent", kind: "text" | "template") =>
    decide({ ...base, sender, kind }).outcome === "send";
  return {
    lastCustomerMessageAt: last === null ? null : toIso(last),
    standardWindowEndsAt: last === null ? null : toIso(last + STANDARD_WINDOW_MS),
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
}
