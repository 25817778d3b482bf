import type { ChannelRef, ChannelStatus, ChannelSubscription } from "@meta-relay/core";
import type { StoredRestriction } from "./channel-fields";
import type { RedisClient } from "./connection";
import type { Keys } from "./keys";
import {
  CHANNEL_REPLACE_TOKEN_LUA,
  CHANNEL_SET_LUA,
  CHANNEL_TOUCH_LUA,
  CHANNEL_TRANSITION_LUA,
} from "./lua/channel-lua";
import { defineScript, runScript } from "./lua/run-script";

const TRANSITION = defineScript("channel-transition", CHANNEL_TRANSITION_LUA);
const TOUCH = defineScript("channel-touch", CHANNEL_TOUCH_LUA);
const SET = defineScript("channel-set", CHANNEL_SET_LUA);
const REPLACE_TOKEN = defineScript("channel-replace-token", CHANNEL_REPLACE_TOKEN_LUA);

/** The outcome of asking a channel to move to a status. */
export type TransitionResult =
  | { kind: "missing" }
  | {
      kind: "changed" | "unchanged";
      /** The status now. */
      status: ChannelStatus;
      /** ms of the latest status change: the same for every report of one change. */
      sinceMs: number | null;
      /** The status before the latest change. */
      previous: string | null;
    };

export interface TransitionRequest {
  to: ChannelStatus;
  /** Kept with a move to `restricted`. */
  restriction?: StoredRestriction | undefined;
  /** Move only from this status (e.g. lift only a restriction, not an auth failure). */
  onlyFrom?: ChannelStatus | undefined;
}

/**
 * The state of channels as Meta's news changes it: restricted, auth failed, active again; the
 * latest webhook; the webhook subscription; a refreshed token. Each call is one script on the
 * channel's hash, atomic against a concurrent PUT.
 */
export function createChannelStateStore(redis: RedisClient, keys: Keys) {
  return {
    async transition(ref: ChannelRef, request: TransitionRequest): Promise<TransitionResult> {
      const reply = (await runScript(
        redis,
        TRANSITION,
        [keys.channel(ref)],
        [
          request.to,
          request.restriction ? JSON.stringify(request.restriction) : "",
          request.onlyFrom ?? "",
        ],
      )) as string[];
      if (reply[0] === "missing") return { kind: "missing" };
      const since = Number(reply[2]);
      return {
        kind: reply[0] === "changed" ? "changed" : "unchanged",
        status: reply[1] as ChannelStatus,
        sinceMs: reply[2] && Number.isFinite(since) ? since : null,
        previous: reply[3] || null,
      };
    },

    /**
     * Raises `lastWebhookAt` of every named channel that is connected. Not awaited by the ingress:
     * a lost write only makes a channel look a little quieter than it was.
     */
    async touchWebhooks(refs: readonly ChannelRef[], atMs: number): Promise<void> {
      await Promise.all(
        refs.map((ref) => runScript(redis, TOUCH, [keys.channel(ref)], [Math.round(atMs)])),
      );
    },

    async recordSubscription(ref: ChannelRef, subscription: ChannelSubscription): Promise<void> {
      await runScript(
        redis,
        SET,
        [keys.channel(ref)],
        ["subscription", JSON.stringify(subscription)],
      );
    },

    /**
     * Stores a refreshed token (sealed), unless the channel's token changed since `previousSealed`
     * was read (a PUT wins over a refresh). Returns whether it was stored.
     */
    async replaceToken(
      ref: ChannelRef,
      previousSealed: string,
      nextSealed: string,
      expiresAtMs: number | null,
    ): Promise<boolean> {
      const stored = await runScript(
        redis,
        REPLACE_TOKEN,
        [keys.channel(ref)],
        [previousSealed, nextSealed, expiresAtMs === null ? "" : Math.round(expiresAtMs)],
      );
      return stored === 1;
    },
  };
}

export type ChannelStateStore = ReturnType<typeof createChannelStateStore>;
