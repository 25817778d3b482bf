// Lua of a channel's record and state. Every script touches one channel hash only.

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * KEYS: channel. ARGV: field/value pairs of the new record.
 * Replaces the record but keeps its creation time and what the relay learnt of the channel (last
 * webhook and send, subscription and token times, unless the new record sets them). A successful
 * PUT makes the channel active again. Returns {created (1/0), status before, now}.
 */
export const CHANNEL_PUT_LUA = `${NOW}
local old = redis.call('HMGET', KEYS[1], 'createdAt', 'status', 'statusSince', 'prevStatus',
  'lastWebhookAt', 'lastSentAt', 'subscription', 'tokenIssuedAt', 'tokenExpiresAt')
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'createdAt', old[1] or now, 'updatedAt', now, 'status', 'active', unpack(ARGV))
local before = old[2] or 'active'
if before ~= 'active' then
  redis.call('HSET', KEYS[1], 'statusSince', now, 'prevStatus', before)
else
  if old[3] then redis.call('HSET', KEYS[1], 'statusSince', old[3]) end
  if old[4] then redis.call('HSET', KEYS[1], 'prevStatus', old[4]) end
end
local keep = {'lastWebhookAt', 'lastSentAt', 'subscription', 'tokenIssuedAt', 'tokenExpiresAt'}
for i, name in ipairs(keep) do
  if old[i + 4] then redis.call('HSETNX', KEYS[1], name, old[i + 4]) end
end
if old[1] then return {0, before, now} end
return {1, before, now}`;

/**
 * KEYS: channel. ARGV: target status, restriction JSON ('' for none), required current status
 * ('' for any). Moves the channel to the target status. Returns {'missing'} for an unknown channel,
 * else {'changed' | 'unchanged', status now, statusSince, prevStatus}: unchanged when the channel
 * already had the target status or not the required one.
 */
export const CHANNEL_TRANSITION_LUA = `${NOW}
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
local s = redis.call('HMGET', KEYS[1], 'status', 'statusSince', 'prevStatus')
local status = s[1] or 'active'
if status == ARGV[1] or (ARGV[3] ~= '' and status ~= ARGV[3]) then
  return {'unchanged', status, s[2] or '', s[3] or ''}
end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'statusSince', now, 'prevStatus', status)
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[1], 'restriction', ARGV[2])
else
  redis.call('HDEL', KEYS[1], 'restriction')
end
return {'changed', ARGV[1], tostring(now), status}`;

/** KEYS: channel. ARGV: ms. Raises `lastWebhookAt` of a connected channel (never creates one). */
export const CHANNEL_TOUCH_LUA = `if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local old = tonumber(redis.call('HGET', KEYS[1], 'lastWebhookAt') or '0') or 0
if tonumber(ARGV[1]) <= old then return 0 end
redis.call('HSET', KEYS[1], 'lastWebhookAt', ARGV[1])
return 1`;

/** KEYS: channel. ARGV: field/value pairs. Sets fields of a connected channel only. */
export const CHANNEL_SET_LUA = `if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1`;

/**
 * KEYS: channel. ARGV: sealed token the caller refreshed, new sealed token, expiry ms ('' unknown).
 * Stores a refreshed token unless the channel was reconnected (its token replaced) meanwhile.
 */
export const CHANNEL_REPLACE_TOKEN_LUA = `${NOW}
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'token', ARGV[2], 'tokenIssuedAt', now)
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[1], 'tokenExpiresAt', ARGV[3])
else
  redis.call('HDEL', KEYS[1], 'tokenExpiresAt')
end
return 1`;
