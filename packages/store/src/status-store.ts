import type { ChannelRef, ConversationRef, MessageStatus } from "@meta-relay/core";
import type { RedisClient } from "./connection";
import { settleSent } from "./drain-store";
import type { Keys } from "./keys";
import { defineScript, runScript } from "./lua/run-script";
import { parseMessage, type MessageRecord } from "./message-record";

// Compare-and-set on the status, so that two webhooks racing never move a status backwards.
const ADVANCE = defineScript(
  "status-advance",
  `if redis.call('HGET', KEYS[1], 'status') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[2], unpack(ARGV, 3))
return 1`,
);

/** What a window document is made of, read at Redis's clock. */
export interface WindowInputs {
  lastCustomerMessageAt: number | null;
  humanAgent: boolean;
  now: number;
}

/**
 * The Redis side of Meta's news about our messages: finding the records a status names, moving a
 * status with compare-and-set, and confirming a send from its echo. Which move is allowed, and what
 * a failure says, is decided by the caller.
 */
export function createStatusStore(redis: RedisClient, keys: Keys) {
  return {
    /** Our ids of the messages Meta knows by these ids (unknown ones are skipped). */
    async idsByMetaMessageIds(ref: ChannelRef, metaMessageIds: readonly string[]) {
      const found = await Promise.all(
        metaMessageIds.map((mid) => redis.get(keys.metaMessage(ref, mid))),
      );
      return found.filter((id): id is string => id !== null && id !== "");
    },

    /** Our sent, not yet read messages of a conversation, sent at or before `watermarkMs`. */
    sentUnreadUpTo(conv: ConversationRef, watermarkMs: number): Promise<string[]> {
      return redis.zrangebyscore(keys.sentUnread(conv), "-inf", watermarkMs);
    },

    /** Forgets the sent-not-read messages up to a read watermark. */
    async forgetReadUpTo(conv: ConversationRef, watermarkMs: number): Promise<void> {
      await redis.zremrangebyscore(keys.sentUnread(conv), "-inf", watermarkMs);
    },

    async read(ref: ChannelRef, id: string): Promise<MessageRecord | null> {
      return parseMessage(await redis.hgetall(keys.message(ref, id)));
    },

    /** Sets `to` (and `fields`) only while the status is still `from`; false when it was not. */
    async advance(
      ref: ChannelRef,
      id: string,
      from: MessageStatus,
      to: MessageStatus,
      fields: (string | number)[],
    ): Promise<boolean> {
      return (
        (await runScript(redis, ADVANCE, [keys.message(ref, id)], [from, to, ...fields])) === 1
      );
    },

    /** Records an echo's confirmation of a send, exactly as the drain records Meta's answer. */
    confirmSent(conv: ConversationRef, id: string, metaMessageId: string | null) {
      return settleSent(redis, keys, conv, id, metaMessageId);
    },

    async windowInputs(conv: ConversationRef): Promise<WindowInputs> {
      const [last, humanAgent, time] = await Promise.all([
        redis.get(keys.window(conv)),
        redis.hget(keys.channel(conv), "humanAgent"),
        redis.time(),
      ]);
      return {
        lastCustomerMessageAt: last === null ? null : Number(last),
        humanAgent: humanAgent === "1",
        now: Number(time[0]) * 1000 + Math.floor(Number(time[1]) / 1000),
      };
    },
  };
}

export type StatusStore = ReturnType<typeof createStatusStore>;
