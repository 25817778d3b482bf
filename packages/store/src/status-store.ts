import {
  canAdvanceStatus,
  describeWindow,
  failureSentence,
  isPlatform,
  type ChannelRef,
  type ConversationRef,
  type Echo,
  type FailureReason,
  type MessageFailure,
  type MessageStatus,
  type MetaErrorInfo,
  type StatusUpdate,
  type WindowDocument,
} from "@meta-relay/core";
import { MESSAGE_ID_PATTERN } from "./ids";
import type { RedisClient } from "./connection";
import { createDrainStore } from "./drain-store";
import type { Keys } from "./keys";
import { defineScript, runScript } from "./lua/run-script";
import { parseMessage, type MessageRecord } from "./message-record";

/** A message whose status moved because of what Meta reported; the caller emits its event. */
export type StatusChange =
  | { type: "sent"; message: MessageRecord }
  | { type: "delivered" | "read"; message: MessageRecord; timestampMs: number }
  | { type: "failed"; message: MessageRecord; failure: MessageFailure; window: WindowDocument };

export interface StatusStoreOptions {
  /** WINDOW_SAFETY_MARGIN_SECONDS in ms, for the window document of a failure. */
  marginMs: number;
  /** Meta's errors on a failed WhatsApp status → our reason (the Graph error table). */
  reasonFor: (errors: MetaErrorInfo[]) => FailureReason;
}

// Compare-and-set on the status, so that two webhooks racing never move a status backwards.
const ADVANCE = defineScript(
  "status-advance",
  `if redis.call('HGET', KEYS[1], 'status') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[2], unpack(ARGV, 3))
return 1`,
);

/**
 * Applies Meta's news about our messages (WhatsApp statuses, Messenger delivery and read receipts,
 * echoes carrying our id) to the message records. Statuses only move forward.
 */
export function createStatusStore(redis: RedisClient, keys: Keys, options: StatusStoreOptions) {
  const drain = createDrainStore(redis, keys, { leaseMs: 1 });

  async function advance(
    ref: ChannelRef,
    id: string,
    next: MessageStatus,
    fields: (string | number)[],
  ): Promise<MessageRecord | null> {
    const key = keys.message(ref, id);
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = parseMessage(await redis.hgetall(key));
      if (!current || !canAdvanceStatus(current.status, next)) return null;
      const done = await runScript(redis, ADVANCE, [key], [current.status, next, ...fields]);
      if (done === 1) return { ...current, status: next };
    }
    return null;
  }

  async function idsOf(update: StatusUpdate): Promise<string[]> {
    const ids = new Set<string>();
    const found = await Promise.all(
      update.metaMessageIds.map((mid) => redis.get(keys.metaMessage(update, mid))),
    );
    for (const id of found) if (id) ids.add(id);
    if (update.watermarkMs !== undefined && update.userId) {
      const conv: ConversationRef = { ...update, userId: update.userId };
      for (const id of await redis.zrangebyscore(
        keys.sentUnread(conv),
        "-inf",
        update.watermarkMs,
      )) {
        ids.add(id);
      }
    }
    return [...ids];
  }

  async function applyStatus(update: StatusUpdate): Promise<StatusChange[]> {
    if (update.status === "sent") return [];
    const changes: StatusChange[] = [];
    for (const id of await idsOf(update)) {
      const change = await applyOne(update, id);
      if (change) changes.push(change);
    }
    if (update.status === "read" && update.watermarkMs !== undefined && update.userId) {
      const conv: ConversationRef = { ...update, userId: update.userId };
      await redis.zremrangebyscore(keys.sentUnread(conv), "-inf", update.watermarkMs);
    }
    return changes;
  }

  async function applyOne(update: StatusUpdate, id: string): Promise<StatusChange | null> {
    if (update.status === "failed") return applyFailed(update, id);
    const next = update.status === "read" ? "read" : "delivered";
    const at = next === "read" ? "readAt" : "deliveredAt";
    const message = await advance(update, id, next, [at, update.timestampMs]);
    return message ? { type: next, message, timestampMs: update.timestampMs } : null;
  }

  async function applyFailed(update: StatusUpdate, id: string): Promise<StatusChange | null> {
    const errors = update.errors ?? [];
    const reason = options.reasonFor(errors);
    const record = parseMessage(await redis.hgetall(keys.message(update, id)));
    if (!record) return null;
    const window = await windowOf(record);
    const meta = errors[0];
    const failure: MessageFailure = {
      reason,
      message: failureSentence({ reason, platform: record.platform, window: window.doc, meta }),
      ...(meta ? { meta } : {}),
    };
    const message = await advance(update, id, "failed", [
      "failure",
      JSON.stringify(failure),
      "failureWindow",
      JSON.stringify(window.doc),
      "failedAt",
      update.timestampMs,
    ]);
    return message
      ? { type: "failed", message: { ...message, failure }, failure, window: window.doc }
      : null;
  }

  async function windowOf(record: MessageRecord) {
    const conv: ConversationRef = record;
    const [last, humanAgent, time] = await Promise.all([
      redis.get(keys.window(conv)),
      redis.hget(keys.channel(conv), "humanAgent"),
      redis.time(),
    ]);
    const now = Number(time[0]) * 1000 + Math.floor(Number(time[1]) / 1000);
    const doc = describeWindow({
      platform: record.platform,
      humanAgent: humanAgent === "1",
      lastCustomerMessageAt: last === null ? null : Number(last),
      now,
      marginMs: options.marginMs,
    });
    return { doc };
  }

  async function applyEcho(echo: Echo): Promise<StatusChange | null> {
    const id = echo.metadata;
    if (!id || !MESSAGE_ID_PATTERN.test(id) || !isPlatform(echo.platform)) return null;
    const conv: ConversationRef = echo;
    const settled = await drain.settleSent(conv, id, echo.metaMessageId);
    if (!settled.changed) return null;
    const message = parseMessage(await redis.hgetall(keys.message(conv, id)));
    return message ? { type: "sent", message } : null;
  }

  return {
    /** Applies status updates and echoes in order; returns the changes to announce. */
    async apply(items: (StatusUpdate | Echo)[]): Promise<StatusChange[]> {
      const changes: StatusChange[] = [];
      for (const item of items) {
        if (item.type === "echo") {
          const change = await applyEcho(item);
          if (change) changes.push(change);
        } else {
          changes.push(...(await applyStatus(item)));
        }
      }
      return changes;
    },
  };
}

export type StatusStore = ReturnType<typeof createStatusStore>;
