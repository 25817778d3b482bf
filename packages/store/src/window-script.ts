import { INDEX_CUSTOMER_ACTION, WINDOW_MS_LUA } from "./lua/window-index-lua";

/**
 * Raises one conversation's `lastCustomerMessageAt` to max(stored, Meta's event time), atomically,
 * so webhooks that arrive out of order or twice never move a window back, and keeps the channel's
 * unanswered index (and the ad window) in the same call.
 *
 * KEYS[1] the conversation's window key; KEYS[2] its latest customer message id; KEYS[3] the
 * channel's unanswered index; KEYS[4] the channel; KEYS[5] the ad window; KEYS[6] the unanswered
 * ads; KEYS[7] the reminder state; KEYS[8] the reminder outbox (all in the channel's slot).
 * ARGV[1] Meta's event time (ms); ARGV[2] when the record expires (ms since the epoch);
 * ARGV[3] Meta's id of that action ("" when it need not be kept); ARGV[4] the user id; ARGV[5] '1'
 * for a message carrying an ad referral; ARGV[6] '1' when the platform has a human-agent window;
 * ARGV[7] the index ttl (ms); ARGV[8] '1' when this id is the one replies go to (the unanswered
 * index names that one only).
 * Returns 1 when the window moved, 0 when the stored time was as new or newer.
 *
 * The id of the latest message (WhatsApp's read receipts and typing indicator name it) rides in the
 * same call, so the ingress pays no extra trip. An action as new as the stored one also leaves its
 * id: WhatsApp's times are in seconds, and two messages often share one.
 *
 * The expiry follows the event that set the value, never the arrival: a replayed old webhook that
 * loses the max leaves the expiry alone, and one older than the record's lifetime is not written.
 *
 * An event stamped later than Redis's clock (Meta's clock ahead, or a unit mistake such as
 * microseconds) is recorded at that clock instead, with its expiry moved back as far: no payload
 * can hold a window open beyond 24 hours (7 days) from now. The clamped time is the one the ad
 * window, the unanswered index and its reminders are computed from. Read in the same script, the
 * clock costs no round trip.
 */
export const RAISE_WINDOW_LUA = `${WINDOW_MS_LUA}
local at = tonumber(ARGV[1])
local expireAt = ARGV[2]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local value = ARGV[1]
if at > now then
  expireAt = string.format('%.0f', tonumber(ARGV[2]) - (at - now))
  at = now
  value = string.format('%.0f', now)
end
local stored = tonumber(redis.call('GET', KEYS[1]))
if ARGV[3] ~= '' and (stored == nil or stored <= at) then
  redis.call('SET', KEYS[2], ARGV[3])
  redis.call('PEXPIREAT', KEYS[2], expireAt)
end
local ad = tonumber(redis.call('GET', KEYS[5]) or '')
local opened = false
if ARGV[5] == '1' and (ad == nil or ad < at) and redis.call('HGET', KEYS[4], 'adsWindow') == '1' then
  ad = at
  opened = true
  redis.call('SET', KEYS[5], value, 'PXAT', at + WEEK)
end
local moved = stored == nil or stored < at
if not moved and not opened then return 0 end
local last = at
if moved then
  redis.call('SET', KEYS[1], value)
  redis.call('PEXPIREAT', KEYS[1], expireAt)
else
  last = stored
end
if ARGV[8] == '1' then
  local unansweredKey, channelKey, adsKey = KEYS[3], KEYS[4], KEYS[6]
  local stateKey, outboxKey = KEYS[7], KEYS[8]
  local user, haPlatform, indexTtl = ARGV[4], ARGV[6], ARGV[7]
${INDEX_CUSTOMER_ACTION}
end
if moved then return 1 end
return 0
`;
