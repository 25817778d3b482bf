export { authenticate, type AuthenticateOptions } from "./authenticate";
export { cachedKeyLookup, KEY_CACHE_MS, type KeyLookup } from "./key-cache";
export { principalOf, canUseChannel, type Principal } from "./principal";
export { assertChannelAccess, channelNotFound, requireAdmin, requireSend } from "./guards";
export { CHANNEL_SCOPE_PATTERN, channelInScope } from "./scope";
