import type { FailureReason } from "./reasons";

/** Whether a channel may send. Public interface: the names never change. */
export const CHANNEL_STATUSES = ["active", "restricted", "auth_failed"] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

/** How an Instagram account is reached: through its linked page, or with Instagram Login. */
export const INSTAGRAM_APIS = ["messenger", "instagram_login"] as const;
export type InstagramApi = (typeof INSTAGRAM_APIS)[number];

/** Where the relay learnt of a change of a channel's state. */
export const CHANNEL_SOURCES = [
  "policy_enforcement",
  "account_update",
  "graph_error",
  "token_refresh",
  "watchdog",
  "api",
] as const;
export type ChannelSource = (typeof CHANNEL_SOURCES)[number];

/** Meta's restriction of a page, account or number, as the channel document shows it. */
export interface ChannelRestriction {
  /** ISO-8601: when the relay learnt of it. */
  since: string;
  /** Meta's words, or the error that revealed it. */
  reason: string;
  source: ChannelSource;
  /** ISO-8601: when Meta said it ends, if it did. */
  until?: string | undefined;
}

/** What the relay last saw of the app's webhook subscription for the channel. */
export interface ChannelSubscription {
  checkedAt: string;
  subscribed: boolean;
  /** The fields Meta reports (or the relay asked for) on the subscription. */
  fields?: string[] | undefined;
  /** Why the relay could not subscribe or check (Meta's message, or what is missing). */
  error?: string | undefined;
}

/**
 * The reason a reply fails at once on a channel in this state, or null when the channel may send.
 * A restriction whose end Meta announced stops blocking at that time.
 */
export function channelRefusal(
  status: ChannelStatus,
  restriction: ChannelRestriction | null,
  nowMs: number,
): Extract<FailureReason, "channel_restricted" | "channel_auth_failed"> | null {
  if (status === "auth_failed") return "channel_auth_failed";
  if (status !== "restricted") return null;
  if (restriction?.until !== undefined && Date.parse(restriction.until) <= nowMs) return null;
  return "channel_restricted";
}
