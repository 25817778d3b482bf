import {
  isPlatform,
  supportsHumanAgentTag,
  type ChannelRef,
  type ReminderWindow,
} from "@meta-relay/core";
import type { RedisClient } from "./connection";
import type { Keys } from "./keys";
import { REMINDER_SCAN_LUA } from "./lua/window-index-lua";
import { deleteIfHeld } from "./lua/delete-if-held";
import { defineScript, runScript } from "./lua/run-script";
import { WINDOW_RECORD_TTL_MS } from "./window-store";

const SCAN = defineScript("reminder-scan", REMINDER_SCAN_LUA);

// Renews the lease when it is ours (1), takes it when it is free (2); 0 while another holds it.
const LEASE = defineScript(
  "reminder-lease",
  `local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 2`,
);

/** Reminders one scan step reads, at most; the scan repeats at once while there are more. */
const DEFAULT_BATCH = 1_000;

/** A reminder that fell due: the conversation is still unanswered and its customer action the same. */
export interface DueReminder {
  /** The outbox entry: acknowledge it once its event is on the events queue. */
  entry: string;
  userId: string;
  window: ReminderWindow;
  leadMinutes: number;
  lastCustomerMessageAt: number;
  endsAt: number;
}

export interface ReminderScan {
  /** Redis time of the scan (ms). */
  now: number;
  /** The scan stopped at its batch size: scan again. */
  more: boolean;
  due: DueReminder[];
}

export interface ReminderStoreOptions {
  batch?: number;
}

/**
 * The reminder side of the unanswered index: each scan step moves what fell due into the channel's
 * outbox and returns the outbox, which keeps each reminder until its event is safely queued.
 */
export function createReminderStore(
  redis: RedisClient,
  keys: Keys,
  options: ReminderStoreOptions = {},
) {
  const batch = options.batch ?? DEFAULT_BATCH;
  return {
    async scan(channel: ChannelRef, leadMinutes: readonly number[]): Promise<ReminderScan> {
      const windowPrefix = keys.window({ ...channel, userId: "" });
      const reply = (await runScript(
        redis,
        SCAN,
        [
          keys.unanswered(channel),
          keys.unansweredAds(channel),
          keys.reminderState(channel),
          keys.reminderOutbox(channel),
          keys.channel(channel),
        ],
        [
          leadMinutes.join(","),
          windowPrefix,
          supportsHumanAgentTag(channel.platform) ? "1" : "0",
          batch,
          WINDOW_RECORD_TTL_MS,
        ],
      )) as unknown[];
      const due: DueReminder[] = [];
      for (const raw of reply.slice(2)) {
        const parsed = parseEntry(String(raw));
        if (parsed) due.push(parsed);
      }
      return { now: Number(reply[0]), more: Number(reply[1]) === 1, due };
    },

    /** Every connected channel (the scan goes channel by channel, never over all conversations). */
    async channels(): Promise<ChannelRef[]> {
      const refs: ChannelRef[] = [];
      for (const entry of await redis.smembers(keys.channelIndex())) {
        const [platform, channelId] = entry.split(" ");
        if (isPlatform(platform) && channelId) refs.push({ platform, channelId });
      }
      return refs;
    },

    /** Forgets reminders whose events are on the events queue. */
    async acknowledge(channel: ChannelRef, entries: readonly string[]): Promise<void> {
      if (entries.length === 0) return;
      await redis.zrem(keys.reminderOutbox(channel), ...entries);
    },

    /** Takes or renews the one lease of the reminder sweep; null while another token holds it. */
    async holdLease(token: string, ttlMs: number): Promise<"taken" | "renewed" | null> {
      const held = await runScript(redis, LEASE, [keys.reminderLease()], [token, ttlMs]);
      return held === 2 ? "taken" : held === 1 ? "renewed" : null;
    },

    async releaseLease(token: string): Promise<void> {
      await deleteIfHeld(redis, keys.reminderLease(), token);
    },
  };
}

export type ReminderStore = ReturnType<typeof createReminderStore>;

const ENTRY = /^(.*)\|([sh])\|(\d+)\|(\d+)\|(\d+)$/;

function parseEntry(entry: string): DueReminder | null {
  const match = ENTRY.exec(entry);
  if (!match) return null;
  const [, userId, window, lead, last, ends] = match;
  if (!userId) return null;
  return {
    entry,
    userId,
    window: window === "h" ? "human_agent" : "standard",
    leadMinutes: Number(lead),
    lastCustomerMessageAt: Number(last),
    endsAt: Number(ends),
  };
}
