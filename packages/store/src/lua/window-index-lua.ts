// Lua of the unanswered index: which conversations of a channel still wait for a reply, by the end
// of their standard window. It is written by the ingress's window script and the sent marker, in the
// same trip as the write it follows, and read by the reminder scan and the worklist. Every key is
// under the channel's hash tag; window and ad keys are built inside a script from their prefix.

export const WINDOW_MS_LUA = `local DAY = 86400000
local WEEK = 7 * DAY
`;

/**
 * The index names a conversation by its user id, packed when it is all digits (PSIDs, IGSIDs and
 * wa_ids are): two digits a byte (0x80-0xE3; an odd first digit 0xF1-0xF9), so a 16-digit PSID
 * takes 8 bytes and fits Redis's smallest string allocation (16 bytes instead of 32) in each of the
 * sorted set's two structures. Any other id (a BSUID) is kept as it is: ids are printable ASCII.
 */
const MEMBER_CODEC_LUA = `local function memberOf(user)
  if #user < 6 or not string.find(user, '^[1-9]%d+$') then return user end
  local out = {}
  local i = 1
  if #user % 2 == 1 then
    out[1] = string.char(240 + tonumber(string.sub(user, 1, 1)))
    i = 2
  end
  while i <= #user do
    out[#out + 1] = string.char(128 + tonumber(string.sub(user, i, i + 1)))
    i = i + 2
  end
  return table.concat(out)
end
local function userOf(member)
  local first = string.byte(member, 1)
  if first == nil or first < 128 then return member end
  local out = {}
  for i = 1, #member do
    local b = string.byte(member, i)
    if b >= 240 then out[#out + 1] = tostring(b - 240) else out[#out + 1] = string.format('%02d', b - 128) end
  end
  return table.concat(out)
end
`;

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * A reminder entry: `userId|window|lead minutes|lastCustomerMessageAt|endsAt`, window `s`
 * (standard) or `h` (human agent). The whole entry names one reminder: its event id is derived
 * from it, so it is announced once whatever retries or re-scans happen.
 */
const QUEUE_REMINDER = `local function queueReminder(outbox, user, w, lead, last, endMs, now)
  local due = endMs - lead
  if due > now or due < last or endMs <= now then return 0 end
  redis.call('ZADD', outbox, due, user .. '|' .. w .. '|' .. math.floor(lead / 60000) .. '|' .. last .. '|' .. endMs)
  return 1
end
`;

/**
 * Included in the window script, after the window moved (or an ad opened). Expects `last` (the
 * customer's latest action, ms), `ad` (the ad message's ms, or nil) and the locals `unansweredKey`,
 * `channelKey`, `adsKey`, `stateKey`, `outboxKey`, `user`, `haPlatform` ('1' when the platform has a
 * human-agent window) and `indexTtl` (ms).
 *
 * Reminders fall due by the reminder scan, which moves a cursor forward; one whose due time the
 * cursor has already passed (a webhook Meta redelivered late) is put in the outbox here.
 */
export const INDEX_CUSTOMER_ACTION = `${MEMBER_CODEC_LUA}${QUEUE_REMINDER}
local member = memberOf(user)
local stdEnd = last + DAY
local adHeld = ad ~= nil and ad + WEEK > stdEnd
if adHeld then stdEnd = ad + WEEK end
redis.call('ZADD', unansweredKey, stdEnd, member)
redis.call('PEXPIRE', unansweredKey, indexTtl)
if adHeld then
  redis.call('ZADD', adsKey, last, member)
  redis.call('PEXPIRE', adsKey, indexTtl)
else
  redis.call('ZREM', adsKey, member)
end
local state = redis.call('HMGET', stateKey, 'c', 'l')
local cursor = tonumber(state[1] or '')
if cursor ~= nil and state[2] and state[2] ~= '' then
  ${NOW}
  local ha = haPlatform == '1' and redis.call('HGET', channelKey, 'humanAgent') == '1'
  local queued = 0
  for lead in string.gmatch(state[2], '%d+') do
    local L = tonumber(lead) * 60000
    if stdEnd - L <= cursor then queued = queued + queueReminder(outboxKey, user, 's', L, last, stdEnd, now) end
    if ha and last + WEEK - L <= cursor then
      queued = queued + queueReminder(outboxKey, user, 'h', L, last, last + WEEK, now)
    end
  end
  if queued > 0 then redis.call('PEXPIRE', outboxKey, indexTtl) end
end
`;

/**
 * Included in the sent marker's script once a reply is recorded as sent. Expects `started` (when
 * the send began, Redis time) and the locals `windowKey`, `unansweredKey`, `adsKey` and `user`.
 * The conversation is answered unless the customer wrote after the send began.
 */
export const INDEX_SENT = `${MEMBER_CODEC_LUA}
local lastAction = tonumber(redis.call('GET', windowKey) or '')
if lastAction == nil or lastAction <= started then
  redis.call('ZREM', unansweredKey, memberOf(user))
  redis.call('ZREM', adsKey, memberOf(user))
end
`;

/**
 * Meta refused a send the ad window allowed: the ad window is void and the conversation falls back
 * to 24 hours. KEYS: ad window, window, unanswered, unanswered ads. ARGV: user id.
 */
export const DROP_AD_WINDOW_LUA = `${WINDOW_MS_LUA}${MEMBER_CODEC_LUA}
if redis.call('DEL', KEYS[1]) == 0 then return 0 end
local member = memberOf(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[2]) or '')
if last ~= nil and redis.call('ZSCORE', KEYS[3], member) then
  redis.call('ZADD', KEYS[3], last + DAY, member)
end
redis.call('ZREM', KEYS[4], member)
return 1`;

/**
 * One step of the reminder scan of a channel. KEYS: unanswered, unanswered ads, reminder state,
 * reminder outbox, channel. ARGV: lead times (comma list of minutes), window key prefix (up to the
 * user id), '1' when the platform has a human-agent window, batch size, state ttl (ms).
 *
 * Moves every reminder that fell due since the cursor into the outbox, advances the cursor, drops
 * conversations whose every window is over, and returns {now, more (1/0), entries...}: the outbox
 * entries still true (the conversation is unanswered and its customer action is the same).
 */
export const REMINDER_SCAN_LUA = `${WINDOW_MS_LUA}${NOW}${MEMBER_CODEC_LUA}${QUEUE_REMINDER}
local SIX_DAYS = 6 * DAY
local limit = tonumber(ARGV[4])
local leads = {}
local maxLead = 0
for lead in string.gmatch(ARGV[1], '%d+') do
  local L = tonumber(lead) * 60000
  table.insert(leads, L)
  if L > maxLead then maxLead = L end
end
local state = redis.call('HMGET', KEYS[3], 'c', 'l')
local cursor = tonumber(state[1] or '')
-- First scan, or new lead times: look back far enough that no reminder of an open window is missed.
if cursor == nil or state[2] ~= ARGV[1] then
  cursor = math.min(cursor or now, now - maxLead)
end
if cursor > now then cursor = now end
local nextCursor = now
local ha = ARGV[3] == '1' and redis.call('HGET', KEYS[5], 'humanAgent') == '1'
local function lastOf(user) return tonumber(redis.call('GET', ARGV[2] .. user) or '') end
-- Members scored in (from, to], as (member, user id, score); returns the last score read when the
-- batch was full.
local function scan(key, from, to, each)
  local found = redis.call('ZRANGEBYSCORE', key, '(' .. from, to, 'WITHSCORES', 'LIMIT', 0, limit)
  for i = 1, #found, 2 do each(found[i], userOf(found[i]), tonumber(found[i + 1])) end
  if #found >= limit * 2 then return tonumber(found[#found]) end
  return nil
end
for _, L in ipairs(leads) do
  local cut = scan(KEYS[1], cursor + L, now + L, function(member, user, score)
    local last = lastOf(user)
    if last == nil then
      redis.call('ZREM', KEYS[1], member)
      redis.call('ZREM', KEYS[2], member)
    else
      queueReminder(KEYS[4], user, 's', L, last, score, now)
    end
  end)
  if cut then nextCursor = math.min(nextCursor, cut - L - 1) end
  if ha then
    -- Without an ad the score is last + 24 h, so the 7-day end is the score + 6 days.
    cut = scan(KEYS[1], cursor + L - SIX_DAYS, now + L - SIX_DAYS, function(member, user, score)
      if redis.call('ZSCORE', KEYS[2], member) then return end
      local last = lastOf(user)
      if last ~= nil and last + DAY == score then
        queueReminder(KEYS[4], user, 'h', L, last, last + WEEK, now)
      end
    end)
    if cut then nextCursor = math.min(nextCursor, cut + SIX_DAYS - L - 1) end
    cut = scan(KEYS[2], cursor + L - WEEK, now + L - WEEK, function(member, user, last)
      if redis.call('ZSCORE', KEYS[1], member) then
        queueReminder(KEYS[4], user, 'h', L, last, last + WEEK, now)
      else
        redis.call('ZREM', KEYS[2], member)
      end
    end)
    if cut then nextCursor = math.min(nextCursor, cut + WEEK - L - 1) end
  end
end
local more = 0
if nextCursor < now then more = 1 end
-- More members share one millisecond than a batch holds: step past it rather than loop on it.
if nextCursor <= cursor then nextCursor = cursor + 1 end
redis.call('HSET', KEYS[3], 'c', nextCursor, 'l', ARGV[1])
redis.call('PEXPIRE', KEYS[3], ARGV[5])
-- Every window of these conversations is over (the 7-day one ends at most 6 days after the score).
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - SIX_DAYS))
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. (now - WEEK))
local reply = {now, more}
for _, entry in ipairs(redis.call('ZRANGE', KEYS[4], 0, limit - 1)) do
  local user, last = string.match(entry, '^(.*)|%a|%d+|(%d+)|%d+$')
  if user and redis.call('GET', ARGV[2] .. user) == last and redis.call('ZSCORE', KEYS[1], memberOf(user)) then
    table.insert(reply, entry)
  else
    -- Answered, or the customer wrote again (a new reminder replaces it): not announced.
    redis.call('ZREM', KEYS[4], entry)
  end
end
return reply`;

/**
 * A page of the worklist. KEYS: unanswered. ARGV: after-score, after-user ('' = after every member
 * of that score), limit, window key prefix, ad key prefix. Returns flat {user, score, last, ad}
 * tuples in the index's order (score, then member), up to limit + 1 (the extra one says there is a
 * next page). A member whose window record expired is left out.
 */
export const WORKLIST_LUA = `${MEMBER_CODEC_LUA}
-- The sorted set's own order of equal scores: bytewise, then the shorter first.
local function isAfter(a, b)
  for i = 1, math.min(#a, #b) do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x > y end
  end
  return #a > #b
end
local afterScore = ARGV[1]
local afterMember = memberOf(ARGV[2])
local want = tonumber(ARGV[3]) + 1
local out = {}
local n = 0
local function take(member, score)
  local user = userOf(member)
  local last = redis.call('GET', ARGV[4] .. user)
  if not last then return end
  table.insert(out, user)
  table.insert(out, score)
  table.insert(out, last)
  table.insert(out, redis.call('GET', ARGV[5] .. user) or '')
  n = n + 1
end
if afterMember ~= '' then
  local offset = 0
  while n < want do
    local ties = redis.call('ZRANGEBYSCORE', KEYS[1], afterScore, afterScore, 'LIMIT', offset, 200)
    for _, member in ipairs(ties) do
      if n < want and isAfter(member, afterMember) then take(member, afterScore) end
    end
    if #ties < 200 then break end
    offset = offset + 200
  end
end
local offset = 0
while n < want do
  local batch = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. afterScore, '+inf', 'WITHSCORES', 'LIMIT', offset, want)
  for i = 1, #batch, 2 do
    if n < want then take(batch[i], batch[i + 1]) end
  end
  if #batch < want * 2 then break end
  offset = offset + want
end
return out`;
