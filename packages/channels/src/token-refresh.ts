import { DAY_MS, HOUR_MS } from "@meta-relay/core";
import type { ChannelClient } from "@meta-relay/meta";
import type { ChannelStateStore, ChannelStore, StoredChannel } from "@meta-relay/store";
import type { ChannelState } from "./channel-state";
import { failureText } from "./connect-channel";

/** When an Instagram Login token is refreshed (Meta: at least 24 h old; refresh with 10 days left). */
export interface RefreshPolicy {
  /** Meta refuses to refresh a younger token. */
  minAgeMs: number;
  /** Refresh once the token has less than this left. */
  beforeExpiryMs: number;
}

export const DEFAULT_REFRESH_POLICY: RefreshPolicy = {
  minAgeMs: 24 * HOUR_MS,
  beforeExpiryMs: 10 * DAY_MS,
};

/**
 * Whether an Instagram Login token is due. The relay learns a token's expiry only from a refresh,
 * so a token whose expiry is unknown is refreshed as soon as it is old enough: the safe side.
 */
export function refreshDue(channel: StoredChannel, policy: RefreshPolicy, nowMs: number): boolean {
  if (channel.platform !== "instagram" || channel.api !== "instagram_login") return false;
  if (channel.status === "auth_failed") return false;
  const issuedAt = channel.tokenIssuedAtMs ?? Date.parse(channel.updatedAt);
  if (nowMs - issuedAt < policy.minAgeMs) return false;
  if (channel.tokenExpiresAt === undefined) return true;
  return Date.parse(channel.tokenExpiresAt) - nowMs <= policy.beforeExpiryMs;
}

export interface RefreshDeps {
  channels: ChannelStore;
  stateStore: ChannelStateStore;
  state: ChannelState;
  client: ChannelClient;
}

export type RefreshOutcome = "refreshed" | "superseded" | "refused" | "unreachable";

/** Refreshes one token and stores the new one sealed; a refusal marks the channel auth_failed. */
export async function refreshToken(
  deps: RefreshDeps,
  channel: StoredChannel,
): Promise<RefreshOutcome> {
  const answer = await deps.client.refreshInstagramToken(deps.channels.token(channel));
  if (!answer.ok) {
    if (answer.failure.kind === "unreachable") return "unreachable";
    await deps.state.authFailed(channel, {
      source: "token_refresh",
      reason: failureText(answer.failure),
    });
    return "refused";
  }
  const { accessToken, expiresInSeconds } = answer.value;
  const expiresAt = expiresInSeconds === null ? null : Date.now() + expiresInSeconds * 1000;
  const stored = await deps.stateStore.replaceToken(
    channel,
    channel.sealedToken,
    deps.channels.seal(channel, accessToken),
    expiresAt,
  );
  // A PUT with another token came first: the operator's token wins, this one is dropped.
  return stored ? "refreshed" : "superseded";
}
