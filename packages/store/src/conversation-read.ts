import type { ConversationRef } from "@meta-relay/core";
import { parseChannel, type StoredChannel } from "./channel-store";
import type { RedisClient } from "./connection";
import type { Keys } from "./keys";
import { defineScript, runScript } from "./lua/run-script";

// The channel, the window, the latest customer message id and the clock, in one trip to the
// conversation's slot: what a sender action needs to be decided and sent at once.
const READ = defineScript(
  "conversation-read",
  `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return {now, redis.call('HGETALL', KEYS[1]), redis.call('GET', KEYS[2]) or '', redis.call('GET', KEYS[3]) or ''}`,
);

export interface ConversationSnapshot {
  /** Redis TIME (ms): the clock the worker decides with too. */
  now: number;
  /** Null when no channel is connected. */
  channel: StoredChannel | null;
  lastCustomerMessageAt: number | null;
  /** WhatsApp: Meta's id of the customer's latest message. */
  lastCustomerMetaMessageId: string | null;
}

export async function readConversation(
  redis: RedisClient,
  keys: Keys,
  conv: ConversationRef,
): Promise<ConversationSnapshot> {
  const reply = (await runScript(
    redis,
    READ,
    [keys.channel(conv), keys.window(conv), keys.lastCustomerMessage(conv)],
    [],
  )) as [number, unknown[], string, string];
  const [now, channel, window, lastId] = reply;
  const at = window === "" ? null : Number(window);
  return {
    now: Number(now),
    channel: parseChannel(channel),
    lastCustomerMessageAt: at !== null && Number.isFinite(at) ? at : null,
    lastCustomerMetaMessageId: lastId === "" ? null : lastId,
  };
}
