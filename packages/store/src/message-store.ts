import { createHash } from "node:crypto";
import {
  DAY_MS,
  isPlatform,
  type ChannelRef,
  type MessageContent,
  type Platform,
  type Sender,
} from "@meta-relay/core";
import type { RedisClient } from "./connection";
import type { Keys } from "./keys";
import { deleteIfHeld } from "./lua/delete-if-held";
import { defineScript, runScript } from "./lua/run-script";
import { newMessageFields, parseMessage, type MessageRecord } from "./message-record";

/** How long an idempotency key returns the first message's id. */
export const IDEMPOTENCY_TTL_MS = DAY_MS;

export interface NewMessage {
  id: string;
  platform: Platform;
  channelId: string;
  userId: string;
  sender: Sender;
  content: MessageContent;
}

/** `created`: recorded and queued now; `exists`: an earlier call did it; `channel_missing`: no such channel. */
export type EnqueueOutcome = "created" | "exists" | "channel_missing";

// The record and its place in the conversation's mailbox are written together, in the channel's
// slot, and only while the channel exists: a message is never queued for a channel being deleted.
const ENQUEUE = defineScript(
  "message-enqueue",
  `if redis.call('EXISTS', KEYS[2]) == 1 then return 2 end
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('HSET', KEYS[2], 'createdAt', now, unpack(ARGV, 3))
redis.call('PEXPIRE', KEYS[2], ARGV[1])
redis.call('RPUSH', KEYS[3], ARGV[2])
redis.call('PEXPIRE', KEYS[3], ARGV[1])
return 1`,
);

const OUTCOMES: Record<number, EnqueueOutcome> = {
  0: "channel_missing",
  1: "created",
  2: "exists",
};

export interface MessageStoreOptions {
  /** How long a message record stays readable (MESSAGE_RETENTION_DAYS). */
  retentionMs: number;
}

/** Outbound message records: created by the API, read by the API and the worker. */
export function createMessageStore(redis: RedisClient, keys: Keys, options: MessageStoreOptions) {
  const idempotencyKey = (key: string) =>
    keys.idempotency(createHash("sha256").update(key).digest("base64url"));
  const ownerValue = (message: ChannelRef & { id: string }) =>
    `${message.id} ${message.platform} ${message.channelId}`;
  return {
    /**
     * Claims an idempotency key for a message (atomic SET NX). Returns null when claimed now, or
     * the message the key already belongs to.
     */
    async claimIdempotencyKey(key: string, message: ChannelRef & { id: string }) {
      const redisKey = idempotencyKey(key);
      const set = await redis.set(redisKey, ownerValue(message), "PX", IDEMPOTENCY_TTL_MS, "NX");
      if (set === "OK") return null;
      const existing = await redis.get(redisKey);
      return existing ? parseOwner(existing) : null;
    },

    /**
     * Gives back a key claimed by a message that was not recorded (its channel does not exist), so
     * that a retry, to this channel once it exists or to another, is not answered with that id.
     */
    async releaseIdempotencyKey(key: string, message: ChannelRef & { id: string }) {
      await deleteIfHeld(redis, idempotencyKey(key), ownerValue(message));
    },

    /** Records the message and appends it to its conversation's mailbox, once. */
    async enqueue(message: NewMessage): Promise<EnqueueOutcome> {
      // The index first: a record must never exist that GET /v1/messages/{id} cannot find.
      await redis.set(
        keys.messageIndex(message.id),
        `${message.platform} ${message.channelId}`,
        "PX",
        options.retentionMs,
      );
      const result = await runScript(
        redis,
        ENQUEUE,
        [keys.channel(message), keys.message(message, message.id), keys.mailbox(message)],
        [options.retentionMs, message.id, ...newMessageFields(message)],
      );
      return OUTCOMES[Number(result)] ?? "channel_missing";
    },

    async get(id: string): Promise<MessageRecord | null> {
      const owner = await redis.get(keys.messageIndex(id));
      if (!owner) return null;
      const [platform, channelId] = owner.split(" ");
      if (!isPlatform(platform) || !channelId) return null;
      return parseMessage(await redis.hgetall(keys.message({ platform, channelId }, id)));
    },
  };
}

export type MessageStore = ReturnType<typeof createMessageStore>;

function parseOwner(value: string): (ChannelRef & { id: string }) | null {
  const [id, platform, channelId] = value.split(" ");
  if (!id || !isPlatform(platform) || !channelId) return null;
  return { id, platform, channelId };
}
