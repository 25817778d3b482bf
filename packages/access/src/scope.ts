import { PLATFORMS, type ChannelRef } from "@meta-relay/core";

/**
 * One channel scope of a key: `<platform>/<channelId>` (one channel) or `<platform>/*` (every
 * channel of the platform, present and future). Ids as the channel routes accept them.
 */
export const CHANNEL_SCOPE_PATTERN = new RegExp(
  `^(${PLATFORMS.join("|")})/(\\*|[A-Za-z0-9._+-]{1,128})$`,
);

/** True when one of `scopes` covers the channel. */
export function channelInScope(scopes: readonly string[], channel: ChannelRef): boolean {
  return scopes.some((scope) => {
    const match = CHANNEL_SCOPE_PATTERN.exec(scope);
    if (!match || match[1] !== channel.platform) return false;
    return match[2] === "*" || match[2] === channel.channelId;
  });
}
