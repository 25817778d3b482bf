// Lua of the drain loop. Every key a script touches carries the channel's hash tag, including the
// message keys built inside a script from a prefix: they are in the same slot by construction.
import { INDEX_SENT } from "./window-index-lua";

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * GCRA (generic cell rate algorithm): one stored number per scope, the theoretical arrival time.
 * Returns the wait in ms (0 when allowed now) and the new value to store when it is allowed.
 */
const GCRA = `local function gcra(key, now, interval, burst)
  local tat = tonumber(redis.call('GET', key) or '0') or 0
  if tat < now then tat = now end
  local allowAt = tat - interval * (burst - 1)
  if now < allowAt then return math.ceil(allowAt - now), tat end
  return 0, tat + interval
end
local function storeTat(key, now, tat)
  redis.call('SET', key, string.format('%.3f', tat), 'PX', math.ceil(tat - now) + 1000)
end
local function pushTat(key, now, until_, interval, burst)
  local floor = until_ + interval * (burst - 1)
  local tat = tonumber(redis.call('GET', key) or '0') or 0
  if tat < floor then storeTat(key, now, floor) end
end
`;

/**
 * KEYS: mailbox, window, channel, lease, ad window. ARGV: message key prefix, lease token, lease ms,
 * id to pop.
 * Takes or renews the lease, pops the finished head, skips ids whose record expired, and returns
 * everything the decision needs in one trip: the clock, the head record, the channel, the window.
 */
export const HEAD_LUA = `${NOW}
local holder = redis.call('GET', KEYS[4])
if holder and holder ~= ARGV[2] then return {'busy', now, redis.call('PTTL', KEYS[4])} end
redis.call('SET', KEYS[4], ARGV[2], 'PX', ARGV[3])
if ARGV[4] ~= '' and redis.call('LINDEX', KEYS[1], 0) == ARGV[4] then
  redis.call('LPOP', KEYS[1])
end
for _ = 1, 100 do
  local id = redis.call('LINDEX', KEYS[1], 0)
  if not id then
    redis.call('DEL', KEYS[4])
    return {'empty', now}
  end
  local record = redis.call('HGETALL', ARGV[1] .. id)
  if #record > 0 then
    return {'head', now, id, record, redis.call('HGETALL', KEYS[3]), redis.call('GET', KEYS[2]) or '',
      redis.call('GET', KEYS[5]) or ''}
  end
  redis.call('LPOP', KEYS[1])
end
return {'skipped', now}`;

/**
 * KEYS: message, channel pace, recipient pace, lease. ARGV: lease token, lease ms, attempt,
 * messagingType, tag, channel interval, channel burst, recipient interval (0 = none), recipient burst.
 * Reserves the channel's (and the recipient's) pacing slot and writes the "sending" marker (this
 * attempt's outcome is unknown until an answer is recorded), or says how long to wait. Nothing is reserved unless every scope allows the send.
 */
export const BEGIN_LUA = `${NOW}${GCRA}
if redis.call('GET', KEYS[4]) ~= ARGV[1] then return {'lost', now} end
if redis.call('HGET', KEYS[1], 'status') ~= 'queued' then return {'settled', now} end
local waitC, tatC = gcra(KEYS[2], now, tonumber(ARGV[6]), tonumber(ARGV[7]))
local waitR, tatR = 0, 0
local pair = tonumber(ARGV[8])
if pair > 0 then waitR, tatR = gcra(KEYS[3], now, pair, tonumber(ARGV[9])) end
if waitC > 0 or waitR > 0 then
  if waitR > waitC then return {'wait', now, waitR, 'recipient'} end
  return {'wait', now, waitC, 'channel'}
end
storeTat(KEYS[2], now, tatC)
if pair > 0 then storeTat(KEYS[3], now, tatR) end
redis.call('PEXPIRE', KEYS[4], ARGV[2])
redis.call('HSET', KEYS[1], 'sending', ARGV[3] .. ':' .. now, 'attempts', ARGV[3],
  'messagingType', ARGV[4], 'tag', ARGV[5])
redis.call('HDEL', KEYS[1], 'unknownOutcome')
return {'go', now}`;

/**
 * KEYS: message, meta id index, sent-unread set (or the message key again when not kept), window,
 * unanswered index, unanswered ads, channel, and for a pop: mailbox, lease.
 * ARGV: Meta's message id, index ttl ms, unread cap, unread ttl ms, keep unread (1/0), user id,
 * and for a pop: lease token, message id.
 * Records Meta's acceptance (and the channel's latest accepted send, which tells a silent channel
 * from an idle one); a message an echo already confirmed keeps its status. The first acceptance
 * also takes the conversation off the unanswered index (no reminder for it any more).
 * With a lease token (no event follows the outcome), it also pops the message off the head, and
 * gives the lease up when the mailbox is left empty: the drain's next head read is not needed.
 * The third value says 'empty', 'more', or '' when nothing was popped.
 */
export const SETTLE_SENT_LUA = `${NOW}
local function popHead()
  if (ARGV[7] or '') == '' or redis.call('GET', KEYS[9]) ~= ARGV[7] then return '' end
  if redis.call('LINDEX', KEYS[8], 0) ~= ARGV[8] then return '' end
  redis.call('LPOP', KEYS[8])
  if redis.call('LLEN', KEYS[8]) > 0 then return 'more' end
  redis.call('DEL', KEYS[9])
  return 'empty'
end
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return {0, now, ''} end
local id = redis.call('HGET', KEYS[1], 'id')
local sending = redis.call('HGET', KEYS[1], 'sending') or ''
local started = tonumber(string.match(sending, ':(%d+)$') or now)
redis.call('HDEL', KEYS[1], 'sending', 'nextAttemptAt')
if ARGV[1] ~= '' then
  redis.call('SET', KEYS[2], id, 'PX', ARGV[2])
  redis.call('HSETNX', KEYS[1], 'metaMessageId', ARGV[1])
end
if redis.call('EXISTS', KEYS[7]) == 1 then redis.call('HSET', KEYS[7], 'lastSentAt', now) end
if status ~= 'queued' then return {0, now, popHead()} end
redis.call('HSET', KEYS[1], 'status', 'sent', 'sentAt', now)
do
  local windowKey, unansweredKey, adsKey, user = KEYS[4], KEYS[5], KEYS[6], ARGV[6]
${INDEX_SENT}
end
if ARGV[5] == '1' then
  redis.call('ZADD', KEYS[3], started, id)
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -tonumber(ARGV[3]) - 1)
  redis.call('PEXPIRE', KEYS[3], ARGV[4])
end
return {1, now, popHead()}`;

/** KEYS: message. ARGV: failure JSON, window JSON. Fails a queued message. */
export const SETTLE_FAILED_LUA = `${NOW}
if redis.call('HGET', KEYS[1], 'status') ~= 'queued' then return {0, now} end
redis.call('HSET', KEYS[1], 'status', 'failed', 'failure', ARGV[1], 'failureWindow', ARGV[2], 'failedAt', now)
redis.call('HDEL', KEYS[1], 'sending', 'nextAttemptAt')
return {1, now}`;

/**
 * KEYS: message, channel pace, recipient pace. ARGV: delay ms, outcome unknown (1/0), push scope
 * ('channel', 'recipient' or ''), channel interval, channel burst, recipient interval, recipient burst.
 * Keeps the message at the head for another attempt after \`delay\`; when Meta throttled, pushes the
 * pacing state of the throttled scope forward so the rest of that scope waits too.
 */
export const SETTLE_RETRY_LUA = `${NOW}${GCRA}
if redis.call('HGET', KEYS[1], 'status') ~= 'queued' then return {0, now} end
local nextAt = now + tonumber(ARGV[1])
redis.call('HSET', KEYS[1], 'nextAttemptAt', nextAt)
redis.call('HDEL', KEYS[1], 'sending')
if ARGV[2] == '1' then redis.call('HSET', KEYS[1], 'unknownOutcome', '1') end
if ARGV[3] == 'channel' then pushTat(KEYS[2], now, nextAt, tonumber(ARGV[4]), tonumber(ARGV[5])) end
if ARGV[3] == 'recipient' and tonumber(ARGV[6]) > 0 then
  pushTat(KEYS[3], now, nextAt, tonumber(ARGV[6]), tonumber(ARGV[7]))
end
return {1, nextAt}`;
