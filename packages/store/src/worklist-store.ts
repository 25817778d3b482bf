import type { ChannelRef } from "@meta-relay/core";
import type { RedisClient } from "./connection";
import type { Keys } from "./keys";
import { WORKLIST_LUA } from "./lua/window-index-lua";
import { defineScript, runScript } from "./lua/run-script";

const PAGE = defineScript("worklist-page", WORKLIST_LUA);

/** Where a page starts: after this (standard window end, user id) in the index's order. */
export interface WorklistPosition {
  endsAt: number;
  /** Null: after every conversation whose window ends at `endsAt`. */
  userId: string | null;
}

export interface WorklistEntry {
  userId: string;
  standardWindowEndsAt: number;
  lastCustomerMessageAt: number;
  adWindowStartedAt: number | null;
}

export interface WorklistPage {
  entries: WorklistEntry[];
  /** Where the next page starts; null on the last page. */
  next: WorklistPosition | null;
}

/**
 * The unanswered conversations of a channel in the index's order: by the end of the standard
 * window, then by user id, so that the order is total and pages never repeat or skip an entry.
 */
export function createWorklistStore(redis: RedisClient, keys: Keys) {
  return {
    async page(channel: ChannelRef, after: WorklistPosition, limit: number): Promise<WorklistPage> {
      const flat = (await runScript(
        redis,
        PAGE,
        [keys.unanswered(channel)],
        [
          String(after.endsAt),
          after.userId ?? "",
          limit,
          keys.window({ ...channel, userId: "" }),
          keys.adWindow({ ...channel, userId: "" }),
        ],
      )) as unknown[];
      const entries: WorklistEntry[] = [];
      for (let i = 0; i + 3 < flat.length; i += 4) {
        const ad = String(flat[i + 3]);
        entries.push({
          userId: String(flat[i]),
          standardWindowEndsAt: Number(flat[i + 1]),
          lastCustomerMessageAt: Number(flat[i + 2]),
          adWindowStartedAt: ad === "" ? null : Number(ad),
        });
      }
      const page = entries.slice(0, limit);
      const last = page[page.length - 1];
      const next =
        entries.length > limit && last
          ? { endsAt: last.standardWindowEndsAt, userId: last.userId }
          : null;
      return { entries: page, next };
    },
  };
}

export type WorklistStore = ReturnType<typeof createWorklistStore>;
