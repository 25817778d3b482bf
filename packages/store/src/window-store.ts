import {
  DAY_MS,
  UnavailableError,
  supportsHumanAgentTag,
  type ConversationRef,
  type CustomerAction,
} from "@meta-relay/core";
import type { ChainableCommander } from "ioredis";
import type { RedisClient } from "./connection";
import { channelTag, type Keys } from "./keys";
import { RAISE_WINDOW_LUA } from "./window-script";

/**
 * How long a window record lives after the event that set it: Meta's 7-day human-agent window
 * plus a day, so a record is never gone while any reply to it could still be allowed.
 */
export const WINDOW_RECORD_TTL_MS = 8 * DAY_MS;

const RAISE_COMMAND = "relayRaiseWindow";

type RaiseWindow = (...keysThenArgs: string[]) => unknown;

/** Redis did not acknowledge a window write; the caller answers 503 so Meta redelivers. */
function windowWriteError(cause: unknown): UnavailableError {
  return new UnavailableError("Redis did not acknowledge the window updates.", cause);
}

/**
 * What a window write needs of a customer action; `kind` and `referral` tell a message from a
 * click-to-Messenger/Direct ad (the ad window).
 */
export type WindowAction = Pick<
  CustomerAction,
  "platform" | "channelId" | "userId" | "userIds" | "timestampMs" | "opensWindow" | "metaMessageId"
> &
  Partial<Pick<CustomerAction, "kind" | "referral">>;

export interface WindowStore {
  /**
   * Raises `lastCustomerMessageAt` to max(stored, Meta's event time) for every conversation the
   * window-opening actions name (each of an action's `userIds`); an action with `opensWindow:
   * false` writes nothing. A time later than Redis's clock is recorded at that clock. One round
   * trip per Redis node; resolves only after Redis acknowledged every write. Returns how many
   * windows moved forward.
   */
  recordCustomerActions(actions: readonly WindowAction[]): Promise<number>;
  /** Meta's time (ms) of the customer's latest window-opening action, or null if none is kept. */
  lastCustomerMessageAt(conversation: ConversationRef): Promise<number | null>;
  /** WhatsApp: Meta's id of the customer's latest message, or null if none is kept. */
  lastCustomerMessageId(conversation: ConversationRef): Promise<string | null>;
}

interface Raise {
  key: string;
  /** Where the latest customer message id goes (kept for WhatsApp only). */
  lastMessageKey: string;
  metaMessageId: string;
  /** The channel's hash tag: keys sharing it share a Redis Cluster slot. */
  tag: string;
  atMs: number;
  conv: ConversationRef;
  /** The message came from a click-to-Messenger/Direct ad (`referral.source` "ADS"). */
  fromAd: boolean;
  /** This id is the one replies go to: it is the one the unanswered index names. */
  indexed: boolean;
}

export function createWindowStore(redis: RedisClient, keys: Keys): WindowStore {
  defineRaiseCommand(redis);
  return {
    async recordCustomerActions(actions) {
      const raises = coalesce(actions, keys);
      if (raises.length === 0) return 0;
      // A pipeline may not span slots on a Cluster; a single Redis takes the batch in one trip.
      const groups = redis.isCluster ? groupByTag(raises) : [raises];
      const moved = await Promise.all(groups.map((group) => runRaises(redis, keys, group)));
      return moved.reduce((sum, n) => sum + n, 0);
    },
    async lastCustomerMessageAt(conversation) {
      const value = await redis.get(keys.window(conversation));
      if (value === null) return null;
      const ms = Number(value);
      return Number.isFinite(ms) ? ms : null;
    },
    lastCustomerMessageId: (conversation) => redis.get(keys.lastCustomerMessage(conversation)),
  };
}

function defineRaiseCommand(redis: RedisClient): void {
  if (RAISE_COMMAND in redis) return;
  redis.defineCommand(RAISE_COMMAND, { numberOfKeys: 8, lua: RAISE_WINDOW_LUA });
}

/** One raise per conversation key, at the newest event time the batch holds for it. */
function coalesce(actions: readonly WindowAction[], keys: Keys): Raise[] {
  const byKey = new Map<string, Raise>();
  for (const action of actions) {
    if (!action.opensWindow) continue;
    const tag = channelTag(action);
    const userIds = action.userIds.length > 0 ? action.userIds : [action.userId];
    const fromAd = action.kind === "message" && action.referral?.source === "ADS";
    for (const userId of new Set(userIds)) {
      const conv = { platform: action.platform, channelId: action.channelId, userId };
      const key = keys.window(conv);
      const known = byKey.get(key);
      const indexed = userId === action.userId || (known?.indexed ?? false);
      if (!known || known.atMs <= action.timestampMs) {
        byKey.set(key, {
          key,
          lastMessageKey: keys.lastCustomerMessage(conv),
          // Only WhatsApp's read receipts and typing indicator need it; elsewhere it costs memory.
          metaMessageId: action.platform === "whatsapp" ? action.metaMessageId : "",
          tag,
          atMs: action.timestampMs,
          conv,
          // An ad message followed by a later one in the same batch opens no ad window: the safe side.
          fromAd: fromAd || (known?.atMs === action.timestampMs && known.fromAd),
          indexed,
        });
      } else if (indexed) {
        known.indexed = true;
      }
    }
  }
  return [...byKey.values()];
}

function groupByTag(raises: Raise[]): Raise[][] {
  const groups = new Map<string, Raise[]>();
  for (const raise of raises) {
    const group = groups.get(raise.tag);
    if (group) group.push(raise);
    else groups.set(raise.tag, [raise]);
  }
  return [...groups.values()];
}

async function runRaises(redis: RedisClient, keys: Keys, raises: Raise[]): Promise<number> {
  // A pipeline copies every script defined on its connection (BullMQ defines dozens on the
  // ingress's), which costs more than the write itself for the usual one-message webhook.
  const [only] = raises;
  if (raises.length === 1 && only) return runOneRaise(redis, keys, only);
  const pipeline = redis.pipeline();
  const raise = (pipeline as ChainableCommander & Record<string, RaiseWindow | undefined>)[
    RAISE_COMMAND
  ];
  if (!raise) throw new Error(`${RAISE_COMMAND} is not defined on this Redis client`);
  for (const r of raises) {
    raise.call(pipeline, ...raiseArgs(keys, r));
  }
  let results: [Error | null, unknown][] | null;
  try {
    results = await pipeline.exec();
  } catch (error) {
    throw windowWriteError(error);
  }
  if (!results || results.length !== raises.length) {
    throw windowWriteError(new Error("the pipeline returned no results"));
  }
  let moved = 0;
  for (const [error, value] of results) {
    if (error) throw windowWriteError(error);
    if (value === 1) moved += 1;
  }
  return moved;
}

async function runOneRaise(redis: RedisClient, keys: Keys, r: Raise): Promise<number> {
  const raise = (redis as RedisClient & Record<string, RaiseWindow | undefined>)[RAISE_COMMAND];
  if (!raise) throw new Error(`${RAISE_COMMAND} is not defined on this Redis client`);
  try {
    const value = await raise.call(redis, ...raiseArgs(keys, r));
    return value === 1 ? 1 : 0;
  } catch (error) {
    throw windowWriteError(error);
  }
}

/** The window script's keys and arguments (window-script.ts): the window and its unanswered index. */
function raiseArgs(keys: Keys, r: Raise): string[] {
  const { conv } = r;
  const expireAt = String(r.atMs + WINDOW_RECORD_TTL_MS);
  return [
    r.key,
    r.lastMessageKey,
    keys.unanswered(conv),
    keys.channel(conv),
    keys.adWindow(conv),
    keys.unansweredAds(conv),
    keys.reminderState(conv),
    keys.reminderOutbox(conv),
    String(r.atMs),
    expireAt,
    r.metaMessageId,
    conv.userId,
    r.fromAd ? "1" : "0",
    supportsHumanAgentTag(conv.platform) ? "1" : "0",
    String(WINDOW_RECORD_TTL_MS),
    r.indexed ? "1" : "0",
  ];
}
