import {
  DAY_MS,
  type ConversationRef,
  type MessagingType,
  type MessageFailure,
  type WindowDocument,
} from "@meta-relay/core";
import { dropAdWindow } from "./ad-window-store";
import { parseChannel, type StoredChannel } from "./channel-store";
import type { RedisClient } from "./connection";
import type { Keys } from "./keys";
import {
  BEGIN_LUA,
  HEAD_LUA,
  SETTLE_FAILED_LUA,
  SETTLE_RETRY_LUA,
  SETTLE_SENT_LUA,
} from "./lua/drain-lua";
import { deleteIfHeld } from "./lua/delete-if-held";
import { defineScript, runScript } from "./lua/run-script";
import { parseMessage, type MessageRecord } from "./message-record";
import { gcraArgs, type Pacing } from "./pacing";

const HEAD = defineScript("drain-head", HEAD_LUA);
const BEGIN = defineScript("drain-begin", BEGIN_LUA);
const SETTLE_SENT = defineScript("drain-settle-sent", SETTLE_SENT_LUA);
const SETTLE_FAILED = defineScript("drain-settle-failed", SETTLE_FAILED_LUA);
const SETTLE_RETRY = defineScript("drain-settle-retry", SETTLE_RETRY_LUA);

/** Meta reports statuses for days after a send; the id index outlives WhatsApp's 7-day retries. */
const META_INDEX_TTL_MS = 8 * DAY_MS;
/** Sent-not-read ids kept per conversation for Messenger read watermarks. */
const SENT_UNREAD_CAP = 200;
const SENT_UNREAD_TTL_MS = 8 * DAY_MS;

/** What one trip to Redis tells the drain loop about the conversation's next reply. */
export type HeadResult =
  | { kind: "empty"; now: number }
  | { kind: "busy"; now: number; retryInMs: number }
  | {
      kind: "head";
      now: number;
      message: MessageRecord;
      /** Null when the channel was deleted. */
      channel: StoredChannel | null;
      lastCustomerMessageAt: number | null;
      /** The ad-referral message that opened a 7-day window (channels with `adsWindow`), if any. */
      adWindowStartedAt: number | null;
    };

export type BeginResult =
  | { kind: "go"; now: number }
  | { kind: "wait"; now: number; waitMs: number; scope: "channel" | "recipient" }
  | { kind: "settled" }
  | { kind: "lost" };

export interface DrainStoreOptions {
  /** How long a drain lease lives without renewal (a dead worker's conversation resumes after it). */
  leaseMs: number;
}

/**
 * The per-conversation mailbox as the worker drains it: the lease, the head, pacing and the
 * recording of each outcome. The head is popped only after its outcome (and its event) are safely
 * recorded, by the next `head` call or, when no event follows, by the settle itself; so a crash at
 * any point never loses or reorders a reply.
 */
export function createDrainStore(redis: RedisClient, keys: Keys, options: DrainStoreOptions) {
  const messageKey = (c: ConversationRef, id: string) => keys.message(c, id);
  return {
    async head(
      conv: ConversationRef,
      leaseToken: string,
      popId: string | null,
    ): Promise<HeadResult> {
      const reply = (await runScript(
        redis,
        HEAD,
        [
          keys.mailbox(conv),
          keys.window(conv),
          keys.channel(conv),
          keys.drainLease(conv),
          keys.adWindow(conv),
        ],
        [messageKey(conv, ""), leaseToken, options.leaseMs, popId ?? ""],
      )) as unknown[];
      const now = Number(reply[1]);
      if (reply[0] === "busy")
        return { kind: "busy", now, retryInMs: Math.max(0, Number(reply[2])) };
      if (reply[0] !== "head") return { kind: "empty", now };
      const message = parseMessage(reply[3] as unknown[]);
      if (!message) return { kind: "empty", now };
      const window = typeof reply[5] === "string" ? reply[5] : "";
      const channel = parseChannel(reply[4] as unknown[]);
      const ad = typeof reply[6] === "string" && channel?.adsWindow ? reply[6] : "";
      return {
        kind: "head",
        now,
        message,
        channel,
        lastCustomerMessageAt: window === "" ? null : Number(window),
        adWindowStartedAt: ad === "" ? null : Number(ad),
      };
    },

    async begin(
      conv: ConversationRef,
      leaseToken: string,
      send: {
        id: string;
        attempt: number;
        messagingType: MessagingType;
        tag: string | null;
        pacing: Pacing;
      },
    ): Promise<BeginResult> {
      const reply = (await runScript(
        redis,
        BEGIN,
        [
          messageKey(conv, send.id),
          keys.channelPace(conv),
          keys.pairPace(conv),
          keys.drainLease(conv),
        ],
        [
          leaseToken,
          options.leaseMs,
          send.attempt,
          send.messagingType,
          send.tag ?? "",
          ...gcraArgs(send.pacing),
        ],
      )) as unknown[];
      const now = Number(reply[1]);
      if (reply[0] === "go") return { kind: "go", now };
      if (reply[0] === "wait") {
        const scope = reply[3] === "recipient" ? "recipient" : "channel";
        return { kind: "wait", now, waitMs: Number(reply[2]), scope };
      }
      return { kind: reply[0] === "lost" ? "lost" : "settled" };
    },

    /**
     * Records Meta's acceptance. `changed` is false when an echo had already confirmed it. With
     * `popLease` (the run's lease token; pass it only when no event must follow the outcome), the
     * message also leaves the head in the same trip: `popped` says whether the mailbox is now empty
     * (the lease is given up) or holds more, and is null when nothing was popped.
     */
    settleSent: (
      conv: ConversationRef,
      id: string,
      metaMessageId: string | null,
      popLease: string | null = null,
    ) =>
      settleSent(
        redis,
        keys,
        conv,
        id,
        metaMessageId,
        popLease === null ? null : { lease: popLease, leaseKey: keys.drainLease(conv) },
      ),

    async settleFailed(
      conv: ConversationRef,
      id: string,
      failure: MessageFailure,
      window: WindowDocument,
    ) {
      const reply = (await runScript(
        redis,
        SETTLE_FAILED,
        [messageKey(conv, id)],
        [JSON.stringify(failure), JSON.stringify(window)],
      )) as number[];
      return { changed: reply[0] === 1, now: Number(reply[1]) };
    },

    /** Keeps the message at the head for a later attempt due at `nextAt` (ms); `changed` false when it was settled meanwhile. */
    async settleRetry(
      conv: ConversationRef,
      id: string,
      retry: {
        delayMs: number;
        unknownOutcome: boolean;
        push: "channel" | "recipient" | null;
        pacing: Pacing;
      },
    ): Promise<{ changed: boolean; nextAt: number }> {
      const reply = (await runScript(
        redis,
        SETTLE_RETRY,
        [messageKey(conv, id), keys.channelPace(conv), keys.pairPace(conv)],
        [
          Math.max(0, Math.round(retry.delayMs)),
          retry.unknownOutcome ? 1 : 0,
          retry.push ?? "",
          ...gcraArgs(retry.pacing),
        ],
      )) as number[];
      return { changed: reply[0] === 1, nextAt: Number(reply[1]) };
    },

    /** Meta refused what the ad window allowed: the conversation falls back to 24 hours. */
    dropAdWindow(conv: ConversationRef): Promise<boolean> {
      return dropAdWindow(redis, keys, conv);
    },

    async release(conv: ConversationRef, leaseToken: string): Promise<void> {
      await deleteIfHeld(redis, keys.drainLease(conv), leaseToken);
    },
  };
}

export type DrainStore = ReturnType<typeof createDrainStore>;

/**
 * Records Meta's acceptance of a message (its answer to the send, or the echo that confirms it).
 * `changed` is false when the message was no longer queued (the other of the two came first).
 */
export async function settleSent(
  redis: RedisClient,
  keys: Keys,
  conv: ConversationRef,
  id: string,
  metaMessageId: string | null,
  pop: { lease: string; leaseKey: string } | null = null,
): Promise<SettleSentResult> {
  const messageKey = keys.message(conv, id);
  const keepUnread = conv.platform !== "whatsapp";
  const reply = (await runScript(
    redis,
    SETTLE_SENT,
    [
      messageKey,
      metaMessageId ? keys.metaMessage(conv, metaMessageId) : messageKey,
      keepUnread ? keys.sentUnread(conv) : messageKey,
      keys.window(conv),
      keys.unanswered(conv),
      keys.unansweredAds(conv),
      keys.channel(conv),
      ...(pop ? [keys.mailbox(conv), pop.leaseKey] : []),
    ],
    [
      metaMessageId ?? "",
      META_INDEX_TTL_MS,
      SENT_UNREAD_CAP,
      SENT_UNREAD_TTL_MS,
      keepUnread ? 1 : 0,
      conv.userId,
      ...(pop ? [pop.lease, id] : []),
    ],
  )) as unknown[];
  const popped = reply[2] === "empty" || reply[2] === "more" ? reply[2] : null;
  return { changed: reply[0] === 1, now: Number(reply[1]), popped };
}

export interface SettleSentResult {
  /** False when the message was no longer queued (an echo, or the send's answer, came first). */
  changed: boolean;
  now: number;
  /** After a pop: whether the mailbox is left empty (lease given up) or holds more; else null. */
  popped: "empty" | "more" | null;
}
