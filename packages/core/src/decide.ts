import { isFreeForm, type MessageKind } from "./content";
import type { MessagingType, SenderType } from "./message";
import type { Platform } from "./platform";
import type { WindowRefusal } from "./reasons";
import { AD_WINDOW_MS, HUMAN_AGENT_WINDOW_MS, STANDARD_WINDOW_MS } from "./time";

export interface DecisionInput {
  platform: Platform;
  kind: MessageKind;
  sender: SenderType;
  /** Whether the channel is approved for Meta's 7-day HUMAN_AGENT window. */
  humanAgent: boolean;
  /** Meta's timestamp (ms) of the customer's latest window-opening action; null if none. */
  lastCustomerMessageAt: number | null;
  /** The current time (ms), from the one shared clock. */
  now: number;
  /** The window is treated as closing this much early (WINDOW_SAFETY_MARGIN_SECONDS). */
  marginMs: number;
  /**
   * Meta's timestamp (ms) of the customer's message from an ad that opened a 7-day standard window
   * (channels with `adsWindow` only); null or absent when none holds.
   */
  adWindowStartedAt?: number | null | undefined;
}

export type Decision =
  | { outcome: "send"; messagingType: MessagingType; tag?: "HUMAN_AGENT" }
  | { outcome: "refuse"; reason: WindowRefusal };

/** Where the customer's latest action sits relative to the windows, margin included. */
export type AgeBand = "never" | "standard" | "human_agent" | "expired";

export function ageBand(
  lastCustomerMessageAt: number | null,
  now: number,
  marginMs: number,
  adWindowStartedAt: number | null = null,
): AgeBand {
  if (lastCustomerMessageAt === null) return "never";
  // An event stamped slightly in the future (clock skew) counts as just now.
  const age = Math.max(0, now - lastCustomerMessageAt);
  if (age <= STANDARD_WINDOW_MS - marginMs) return "standard";
  if (adWindowStartedAt !== null && now - adWindowStartedAt <= AD_WINDOW_MS - marginMs) {
    return "standard";
  }
  if (age <= HUMAN_AGENT_WINDOW_MS - marginMs) return "human_agent";
  return "expired";
}

/**
 * The window policy, exactly as the product's decision table states it. Pure: the worker calls it on
 * every delivery attempt with fresh inputs, so a reply that waited never leaves after its window closed.
 */
export function decide(input: DecisionInput): Decision {
  // A template is the one sanctioned way a business may write first, at any age: on WhatsApp, and on
  // Messenger as a utility template (only channels with utilityMessages carry one; see channelCarries).
  if (!isFreeForm(input.kind)) {
    return {
      outcome: "send",
      messagingType: input.platform === "whatsapp" ? "TEMPLATE" : "UTILITY",
    };
  }
  if (input.platform === "whatsapp") {
    // Meta's ad window is a Messenger/Instagram rule; WhatsApp keeps its 24-hour service window.
    return decideWhatsApp(ageBand(input.lastCustomerMessageAt, input.now, input.marginMs));
  }
  const band = ageBand(
    input.lastCustomerMessageAt,
    input.now,
    input.marginMs,
    input.adWindowStartedAt ?? null,
  );
  return decideMessengerOrInstagram(input.sender, input.humanAgent, band);
}

function decideWhatsApp(band: AgeBand): Decision {
  switch (band) {
    case "never":
      return refuse("no_customer_message");
    case "standard":
      return { outcome: "send", messagingType: "SERVICE" };
    case "human_agent":
    case "expired":
      return refuse("window_closed");
  }
}

function decideMessengerOrInstagram(
  sender: SenderType,
  humanAgent: boolean,
  band: AgeBand,
): Decision {
  switch (band) {
    case "never":
      return refuse("no_customer_message");
    case "standard":
      return { outcome: "send", messagingType: "RESPONSE" };
    case "human_agent":
      if (!humanAgent) return refuse("window_closed");
      if (sender === "bot") return refuse("automated_reply_outside_window");
      return { outcome: "send", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" };
    case "expired":
      if (humanAgent && sender === "agent") return refuse("human_agent_window_closed");
      return refuse("window_closed");
  }
}

function refuse(reason: WindowRefusal): Decision {
  return { outcome: "refuse", reason };
}

/**
 * Sender actions (typing, seen) go out only inside the standard window: Meta documents no tag for
 * them, so the 7-day human-agent extension is not assumed to cover them (the safe side).
 */
export function decideSenderAction(
  input: Pick<DecisionInput, "lastCustomerMessageAt" | "now" | "marginMs" | "adWindowStartedAt">,
): { outcome: "send" } | { outcome: "refuse"; reason: WindowRefusal } {
  const band = ageBand(
    input.lastCustomerMessageAt,
    input.now,
    input.marginMs,
    input.adWindowStartedAt ?? null,
  );
  if (band === "standard") return { outcome: "send" };
  return { outcome: "refuse", reason: band === "never" ? "no_customer_message" : "window_closed" };
}
