import { assertChannelAccess } from "@meta-relay/access";
import { describeWindow } from "@meta-relay/core";
import { Router } from "express";
import { channelNotFound } from "./channels-routes";
import { conversationParamsSchema } from "./schemas";
import { parseOrThrow } from "./validate";
import type { V1Deps } from "./v1-deps";

/** GET /v1/conversations/{platform}/{channelId}/{userId}: the window an agent's screen counts down. */
export function conversationsRouter(deps: V1Deps): Router {
  const router = Router();
  router.get("/conversations/:platform/:channelId/:userId", async (req, res) => {
    const conv = parseOrThrow(conversationParamsSchema, req.params, "");
    assertChannelAccess(res, conv);
    // The same clock as the worker's decision: Redis TIME.
    const [channel, last, ad, time] = await Promise.all([
      deps.channels.get(conv),
      deps.redis.get(deps.keys.window(conv)),
      deps.redis.get(deps.keys.adWindow(conv)),
      deps.redis.time(),
    ]);
    if (!channel) throw channelNotFound(conv.platform, conv.channelId);
    const now = Number(time[0]) * 1000 + Math.floor(Number(time[1]) / 1000);
    res.json(
      describeWindow({
        platform: conv.platform,
        humanAgent: channel.humanAgent,
        lastCustomerMessageAt: last === null ? null : Number(last),
        adWindowStartedAt: ad !== null && channel.adsWindow ? Number(ad) : null,
        now,
        marginMs: deps.marginMs,
      }),
    );
  });
  return router;
}
