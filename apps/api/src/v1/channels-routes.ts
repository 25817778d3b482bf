import {
  assertChannelAccess,
  canUseChannel,
  channelNotFound,
  requireSend,
} from "@meta-relay/access";
import { connectChannel } from "@meta-relay/channels";
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
    checkPlatformFields(ref.platform, body);
    const { created, channel } = await connectChannel(
      { channels: deps.channels, client: deps.channelClient, state: deps.channelState, log },
      { ...ref, ...body },
    );
    // Never the token: only which channel changed and how.
    requestLog(res, log).info(
      {
        platform: ref.platform,
        channelId: ref.channelId,
        created,
        humanAgent: channel.humanAgent,
        status: channel.status,
        subscribed: channel.subscription?.subscribed ?? null,
      },
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

/** Fields that belong to one platform only are refused on the others, naming the field. */
function checkPlatformFields(
  platform: Channel["platform"],
  body: {
    pageId?: string | undefined;
    api?: string | undefined;
    wabaId?: string | undefined;
    utilityMessages?: boolean | undefined;
    adsWindow?: boolean | undefined;
  },
): void {
  const problems: { path: string; message: string }[] = [];
  if (body.utilityMessages && platform !== "messenger") {
    problems.push({
      path: "utilityMessages",
      message: "Meta offers utility templates on Messenger only",
    });
  }
  const instagramLogin = platform === "instagram" && body.api === "instagram_login";
  if (platform === "instagram" && !instagramLogin && body.pageId === undefined) {
    problems.push({
      path: "pageId",
      message: "is required for Instagram channels (the linked page sends)",
    });
  }
  if (instagramLogin && body.pageId !== undefined) {
    problems.push({ path: "pageId", message: "is not used with api instagram_login (no page)" });
  }
  if (platform !== "instagram" && body.api !== undefined) {
    problems.push({ path: "api", message: "is for Instagram channels only" });
  }
  if (platform !== "whatsapp" && body.wabaId !== undefined) {
    problems.push({ path: "wabaId", message: "is for WhatsApp channels only" });
  }
  if (platform === "whatsapp" && body.adsWindow) {
    problems.push({
      path: "adsWindow",
      message: "applies to Messenger and Instagram channels only",
    });
  }
  if (problems.length > 0) throw new InvalidRequestError(problems);
}

function view(channel: Channel): Channel {
  // Listed field by field so that nothing else a record may carry is ever returned.
  const { platform, channelId, name, pageId, api, wabaId, humanAgent, utilityMessages } = channel;
  const { adsWindow, pacing, status, restriction, subscription, lastWebhookAt } = channel;
  const { tokenExpiresAt } = channel;
  return {
    platform,
    channelId,
    name,
    pageId,
    api,
    wabaId,
    status,
    ...(restriction ? { restriction } : {}),
    ...(subscription ? { subscription } : {}),
    ...(lastWebhookAt ? { lastWebhookAt } : {}),
    ...(tokenExpiresAt ? { tokenExpiresAt } : {}),
    humanAgent,
    utilityMessages,
    adsWindow,
    pacing,
    createdAt: channel.createdAt,
    updatedAt: channel.updatedAt,
  };
}
