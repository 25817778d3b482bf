import type { MetaErrorInfo } from "./message";
import type { Platform } from "./platform";
import type { FailureCause, FailureReason } from "./reasons";
import type { WindowDocument } from "./window";

export interface SentenceInput {
  reason: FailureReason;
  platform: Platform;
  window: WindowDocument;
  meta?: MetaErrorInfo | undefined;
  /** What Meta's refusal was about, when the reason alone cannot say what to do. */
  cause?: FailureCause | undefined;
}

/**
 * The sentence an agent reads when a reply was not delivered: what happened, and what to do next.
 * Kept in one place so every refusal, ours or Meta's, speaks the same way.
 */
export function failureSentence(input: SentenceInput): string {
  const { window: w, platform } = input;
  const closed = w.standardWindowEndsAt ? ` (window closed ${trimMs(w.standardWindowEndsAt)})` : "";
  const humanClosed = w.humanAgentWindowEndsAt
    ? ` (human-agent window closed ${trimMs(w.humanAgentWindowEndsAt)})`
    : "";
  const templateHint = platform === "whatsapp" ? " or send an approved template" : "";
  if (input.cause) return causeSentence(input.cause, input.meta);
  switch (input.reason) {
    case "no_customer_message":
      return `Not delivered: this customer has never written to this channel, and Meta does not let a business start the conversation.${
        platform === "whatsapp"
          ? " Send an approved template to write first."
          : " Wait for the customer to write."
      }`;
    case "window_closed":
      return `Not delivered: the customer's last message is older than 24 hours${closed}. Wait for the customer to write again${templateHint}.`;
    case "automated_reply_outside_window":
      return `Not delivered: the customer's last message is older than 24 hours${closed}, and after 24 hours only a human agent may reply. Hand the conversation to an agent.`;
    case "human_agent_window_closed":
      return `Not delivered: the customer's last message is older than 7 days${humanClosed}, so even a human agent may no longer reply. Wait for the customer to write again.`;
    case "recipient_unavailable":
      return `Not delivered: Meta says this person cannot be reached right now (blocked the business, deleted the account, or is not on ${platformName(platform)}).`;
    case "channel_not_configured":
      return "Not delivered: no channel is connected for this page, account or number. Connect the channel and send again.";
    case "channel_auth_failed":
      return "Not delivered: the channel's access token is invalid or expired. Reconnect the channel with a fresh token and send again.";
    case "channel_restricted":
      return `Not delivered: Meta has restricted this ${channelNoun(platform)} from sending messages. Replies fail at once until Meta lifts the restriction; see its status in Meta Business Suite.`;
    case "rate_limited":
      return "Not delivered: Meta kept throttling this channel until the retry budget ran out. Send again in a few minutes.";
    case "invalid_message":
      return `Not delivered: Meta rejected the message content or parameters${metaSuffix(input.meta)}. Fix the message and send again.`;
    case "meta_error":
      return `Not delivered: Meta refused the message${metaSuffix(input.meta)}.`;
  }
}

function causeSentence(cause: FailureCause, meta: MetaErrorInfo | undefined): string {
  switch (cause) {
    case "utility_permission_missing":
      return `Not delivered: Meta refused the utility message because the page's token lacks the pages_utility_messaging permission${metaSuffix(meta)}. An operator must grant the app that permission for this page (App Review) and reconnect the channel, or turn off utilityMessages on it.`;
    case "template_rejected":
      return `Not delivered: Meta refused the template: it does not exist, is not approved for this channel, or its parameters do not match${metaSuffix(meta)}. Check the template's name, language and approval status, then send again.`;
  }
}

function channelNoun(platform: Platform): string {
  return { messenger: "page", instagram: "account", whatsapp: "number" }[platform];
}

function platformName(platform: Platform): string {
  return { messenger: "Messenger", instagram: "Instagram", whatsapp: "WhatsApp" }[platform];
}

function metaSuffix(meta: MetaErrorInfo | undefined): string {
  if (!meta) return "";
  const sub = meta.subcode === undefined ? "" : `/${meta.subcode}`;
  return ` (Meta error ${meta.code}${sub}: ${meta.message})`;
}

function trimMs(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, "Z");
}
