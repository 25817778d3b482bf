import type { ConversationRef } from "@meta-relay/core";
import type { RedisClient } from "./connection";
import type { Keys } from "./keys";
import { DROP_AD_WINDOW_LUA } from "./lua/window-index-lua";
import { defineScript, runScript } from "./lua/run-script";

const DROP = defineScript("ad-window-drop", DROP_AD_WINDOW_LUA);

/**
 * Meta's ad window "may" last 7 days: when Meta refuses a send the ad window allowed, the window is
 * void and the conversation falls back to 24 hours (its place in the worklist and its reminders too).
 * Resolves true when an ad window was dropped.
 */
export async function dropAdWindow(
  redis: RedisClient,
  keys: Keys,
  conv: ConversationRef,
): Promise<boolean> {
  const dropped = await runScript(
    redis,
    DROP,
    [keys.adWindow(conv), keys.window(conv), keys.unanswered(conv), keys.unansweredAds(conv)],
    [conv.userId],
  );
  return dropped === 1;
}
