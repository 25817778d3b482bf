import { assertChannelAccess } from "@meta-relay/access";
import { describeWindow, DAY_MS, supportsHumanAgentTag, type ChannelRef } from "@meta-relay/core";
import { createWorklistStore, type WorklistPosition } from "@meta-relay/store";
import { Router } from "express";
import { channelNotFound } from "./channels-routes";
import { channelParamsSchema, ID_PATTERN } from "./schemas";
import { InvalidRequestError, parseOrThrow } from "./validate";
import type { V1Deps } from "./v1-deps";
import { worklistQuerySchema } from "./worklist-schemas";

/**
 * GET /v1/channels/{platform}/{channelId}/conversations?state=unanswered: the unanswered
 * conversations, the soonest-closing standard window first: what an agent must answer in time.
 */
export function worklistRouter(deps: V1Deps): Router {
  const router = Router();
  const store = createWorklistStore(deps.redis, deps.keys);
  router.get("/channels/:platform/:channelId/conversations", async (req, res) => {
    const ref = parseOrThrow(channelParamsSchema, req.params, "");
    assertChannelAccess(res, ref);
    const query = parseOrThrow(worklistQuerySchema, req.query, "");
    const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
    const [channel, time] = await Promise.all([deps.channels.get(ref), deps.redis.time()]);
    if (!channel) throw channelNotFound(ref.platform, ref.channelId);
    const now = Number(time[0]) * 1000 + Math.floor(Number(time[1]) / 1000);
    const page = await store.page(ref, startAfter(after, openFrom(channel, now)), query.limit);
    res.json({
      conversations: page.entries.map((entry) => {
        const window = describeWindow({
          platform: ref.platform,
          humanAgent: channel.humanAgent,
          lastCustomerMessageAt: entry.lastCustomerMessageAt,
          adWindowStartedAt: channel.adsWindow ? entry.adWindowStartedAt : null,
          now,
          marginMs: deps.marginMs,
        });
        return { userId: entry.userId, ...window };
      }),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    });
  });
  return router;
}

/**
 * Conversations an agent can still answer: the standard window is open, or, on a humanAgent
 * channel, the 7-day one (its standard window ended at most 6 days ago).
 */
function openFrom(channel: ChannelRef & { humanAgent: boolean }, now: number): number {
  return channel.humanAgent && supportsHumanAgentTag(channel.platform) ? now - 6 * DAY_MS : now;
}

function startAfter(cursor: WorklistPosition | null, floor: number): WorklistPosition {
  if (!cursor || cursor.endsAt < floor) return { endsAt: floor, userId: null };
  return cursor;
}

/** Opaque to clients: the (standard window end, user id) of the last entry served. */
function encodeCursor(position: WorklistPosition): string {
  return Buffer.from(`${position.endsAt}.${position.userId ?? ""}`, "utf8").toString("base64url");
}

function decodeCursor(cursor: string): WorklistPosition {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^(\d{1,16})\.(.+)$/.exec(text);
  if (!match?.[1] || !match[2] || !ID_PATTERN.test(match[2])) {
    throw new InvalidRequestError([
      { path: "cursor", message: "is not a cursor this API returned" },
    ]);
  }
  return { endsAt: Number(match[1]), userId: match[2] };
}
