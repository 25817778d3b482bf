/**
 * Raises one conversation's `lastCustomerMessageAt` to max(stored, Meta's event time), atomically,
 * so webhooks that arrive out of order or twice never move a window back.
 *
 * KEYS[1] the conversation's window key; KEYS[2] its latest customer message id (same slot).
 * ARGV[1] Meta's event time (ms); ARGV[2] when the record expires (ms since the epoch);
 * ARGV[3] Meta's id of that action ("" when it need not be kept).
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
 * can hold a window open beyond 24 hours (7 days) from now. Read in the same script, the clock
 * costs no round trip.
 */
export const RAISE_WINDOW_LUA = `
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
if stored ~= nil and stored >= at then
  return 0
end
redis.call('SET', KEYS[1], value)
redis.call('PEXPIREAT', KEYS[1], expireAt)
return 1
`;
