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
 */
export const RAISE_WINDOW_LUA = `
local stored = tonumber(redis.call('GET', KEYS[1]))
local at = tonumber(ARGV[1])
if ARGV[3] ~= '' and (stored == nil or stored <= at) then
  redis.call('SET', KEYS[2], ARGV[3])
  redis.call('PEXPIREAT', KEYS[2], ARGV[2])
end
if stored ~= nil and stored >= at then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return 1
`;
