import {
  CHANNEL_SOURCES,
  CHANNEL_STATUSES,
  toIso,
  type ChannelRestriction,
  type ChannelSource,
  type ChannelStatus,
  type ChannelSubscription,
} from "@meta-relay/core";

/** The state the relay keeps of a channel (product.md 4.3): read-only through the API. */
export interface ChannelState {
  status: ChannelStatus;
  restriction?: ChannelRestriction | undefined;
  subscription?: ChannelSubscription | undefined;
  /** ISO-8601: the latest webhook Meta posted for the channel. */
  lastWebhookAt?: string | undefined;
  /** ISO-8601, Instagram Login: when the token expires, once Meta has said. */
  tokenExpiresAt?: string | undefined;
}

/** A restriction as the channel hash keeps it; `since` is the time of the status change. */
export interface StoredRestriction {
  reason: string;
  source: ChannelSource;
  untilMs?: number | undefined;
}

/** The state fields of a channel hash, typed; anything unreadable counts as absent. */
export function parseChannelState(hash: Record<string, string>): ChannelState {
  const status = (CHANNEL_STATUSES as readonly string[]).includes(hash["status"] ?? "")
    ? (hash["status"] as ChannelStatus)
    : "active";
  const state: ChannelState = { status };
  const restriction = status === "restricted" ? restrictionOf(hash) : undefined;
  if (restriction) state.restriction = restriction;
  const subscription = subscriptionOf(hash["subscription"]);
  if (subscription) state.subscription = subscription;
  const lastWebhookAt = isoOf(hash["lastWebhookAt"]);
  if (lastWebhookAt) state.lastWebhookAt = lastWebhookAt;
  const tokenExpiresAt = isoOf(hash["tokenExpiresAt"]);
  if (tokenExpiresAt) state.tokenExpiresAt = tokenExpiresAt;
  return state;
}

function restrictionOf(hash: Record<string, string>): ChannelRestriction | undefined {
  const stored = jsonOf(hash["restriction"]) as Partial<StoredRestriction> | null;
  const since = isoOf(hash["statusSince"]) ?? toIso(Number(hash["updatedAt"]));
  const source = (CHANNEL_SOURCES as readonly string[]).includes(stored?.source ?? "")
    ? (stored?.source as ChannelSource)
    : "graph_error";
  const restriction: ChannelRestriction = {
    since,
    reason: typeof stored?.reason === "string" ? stored.reason : "",
    source,
  };
  if (typeof stored?.untilMs === "number") restriction.until = toIso(stored.untilMs);
  return restriction;
}

function subscriptionOf(raw: string | undefined): ChannelSubscription | undefined {
  const value = jsonOf(raw) as Partial<ChannelSubscription> | null;
  if (!value || typeof value.checkedAt !== "string" || typeof value.subscribed !== "boolean") {
    return undefined;
  }
  const subscription: ChannelSubscription = {
    checkedAt: value.checkedAt,
    subscribed: value.subscribed,
  };
  if (Array.isArray(value.fields)) subscription.fields = value.fields.map(String);
  if (typeof value.error === "string") subscription.error = value.error;
  return subscription;
}

function isoOf(raw: string | undefined): string | undefined {
  const ms = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(ms) && ms > 0 ? toIso(ms) : undefined;
}

function jsonOf(raw: string | undefined): unknown {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}
