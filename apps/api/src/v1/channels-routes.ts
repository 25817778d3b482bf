import {
  assertChannelAccess,
  canUseChannel,
  channelNotFound,
  requireSend,
} from "@meta-relay/access";
import { requestLog } from "@meta-relay/http";
import type { Channel } from "@meta-relay/store";
import { Router } from "express";
import { channelParamsSchema, channelPutBodySchema } from "./schemas";
import { InvalidRequestError, parseOrThrow } from "./validate";
import type { V1Deps } from "./v1-deps";

/** PUT/GET/DELETE /v1/channels/{platform}/{channelId} and GET /v1/channels. */
export function channelsRouter(deps: V1Deps): Router {
  const router = Router();
  const log = deps.log.child({ module: "channels" });

  router.get("/channels", async (_req, res) => {
    const visible = (await deps.channels.list()).filter((c) => canUseChannel(res, c));
    res.json({ channels: visible.map(view) });
  });

  router.put("/channels/:platform/:channelId", requireSend(), async (req, res) => {
    const ref = parseOrThrow(channelParamsSchema, req.params, "");
    assertChannelAccess(res, ref);
    const body = parseOrThrow(channelPutBodySchema, req.body, "");
    if (ref.platform === "instagram" && body.pageId === undefined) {
      throw new InvalidRequestError([
        { path: "pageId", message: "is required for Instagram channels (the linked page sends)" },
      ]);
    }
    if (body.utilityMessages && ref.platform !== "messenger") {
      throw new InvalidRequestError([
        { path: "utilityMessages", message: "Meta offers utility templates on Messenger only" },
      ]);
    }
    if (ref.platform === "whatsapp" && body.adsWindow) {
      throw new InvalidRequestError([
        { path: "adsWindow", message: "applies to Messenger and Instagram channels only" },
      ]);
    }
    const { created, channel } = await deps.channels.put({ ...ref, ...body });
    // Never the token: only which channel changed and how.
    requestLog(res, log).info(
      { platform: ref.platform, channelId: ref.channelId, created, humanAgent: channel.humanAgent },
      "channel saved",
    );
    res.status(created ? 201 : 200).json(view(channel));
  });

  router.get("/channels/:platform/:channelId", async (req, res) => {
    const ref = parseOrThrow(channelParamsSchema, req.params, "");
    assertChannelAccess(res, ref);
    const channel = await deps.channels.get(ref);
    if (!channel) throw channelNotFound(ref.platform, ref.channelId);
    res.json(view(channel));
  });

  router.delete("/channels/:platform/:channelId", requireSend(), async (req, res) => {
    const ref = parseOrThrow(channelParamsSchema, req.params, "");
    assertChannelAccess(res, ref);
    if (!(await deps.channels.delete(ref))) throw channelNotFound(ref.platform, ref.channelId);
    requestLog(res, log).info(
      { platform: ref.platform, channelId: ref.channelId },
      "channel deleted",
    );
    res.status(204).end();
  });

  return router;
}

// The same answer for a channel outside a key's scope; kept here for the routes that import it.
export { channelNotFound };

function view(channel: Channel): Channel {
  // Listed field by field so that nothing else a record may carry is ever returned.
  const { platform, channelId, name, pageId, humanAgent, utilityMessages, adsWindow } = channel;
  const { pacing, createdAt, updatedAt } = channel;
  return {
    platform,
    channelId,
    name,
    pageId,
    humanAgent,
    utilityMessages,
    adsWindow,
    pacing,
    createdAt,
    updatedAt,
  };
}
