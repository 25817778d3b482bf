import {
  decideSenderAction,
  describeWindow,
  failureSentence,
  type FailureReason,
  type Platform,
  type WindowDocument,
} from "@meta-relay/core";
import { sendError } from "@meta-relay/http";
import {
  buildSenderActionRequest,
  classifyGraphFailure,
  senderActionCarried,
  type GraphRequest,
} from "@meta-relay/meta";
import { readConversation, TokenUnreadableError, type StoredChannel } from "@meta-relay/store";
import { Router, type Response } from "express";
import { channelNotFound } from "./channels-routes";
import { conversationParamsSchema, senderActionBodySchema } from "./schemas";
import { InvalidRequestError, parseOrThrow } from "./validate";
import type { V1Deps } from "./v1-deps";

/**
 * POST /v1/conversations/{platform}/{channelId}/{userId}/actions: typing and seen go to Meta at once,
 * not through the reply queue (they are worthless a few seconds late), when the window allows it.
 */
export function actionsRouter(deps: V1Deps): Router {
  const router = Router();
  const log = deps.log.child({ module: "actions" });

  router.post("/conversations/:platform/:channelId/:userId/actions", async (req, res) => {
    const conv = parseOrThrow(conversationParamsSchema, req.params, "");
    const { action } = parseOrThrow(senderActionBodySchema, req.body, "");
    if (!senderActionCarried(conv.platform, action)) {
      throw new InvalidRequestError([
        {
          path: "action",
          message: "WhatsApp has no typing_off: the indicator ends with your reply or after 25 s",
        },
      ]);
    }
    // The channel, the window, the latest customer message and the clock: one trip.
    const read = await readConversation(deps.redis, deps.keys, conv);
    const { channel } = read;
    if (!channel) throw channelNotFound(conv.platform, conv.channelId);
    const window = describeWindow({
      ...read,
      humanAgent: channel.humanAgent,
      ...conv,
      marginMs: deps.marginMs,
    });
    const decision = decideSenderAction({ ...read, marginMs: deps.marginMs });
    if (decision.outcome === "refuse") return refuse(res, decision.reason, conv.platform, window);
    const request = buildSenderActionRequest(
      {
        ...conv,
        pageId: channel.pageId,
        action,
        lastCustomerMetaMessageId: read.lastCustomerMetaMessageId,
      },
      deps.graphVersion,
    );
    // A window recorded before the relay kept message ids: nothing to mark read or type under yet.
    if (!request) return refuse(res, "no_customer_message", conv.platform, window);
    const outcome = await send(deps, channel, request);
    log.info(
      { platform: conv.platform, channelId: conv.channelId, action, outcome: outcome.kind },
      "sender action",
    );
    if (outcome.kind === "sent") {
      res.status(202).json({ action, status: "sent" });
      return;
    }
    if (outcome.reason === "window_closed")
      return refuse(res, "window_closed", conv.platform, window);
    const sentence = failureSentence({
      reason: outcome.reason,
      platform: conv.platform,
      window,
      meta: outcome.meta,
    });
    sendError(res, 502, outcome.reason, sentence);
  });

  return router;
}

type Outcome =
  | { kind: "sent" }
  | {
      kind: "refused";
      reason: FailureReason;
      meta?: { code: number; subcode?: number; message: string };
    };

async function send(deps: V1Deps, channel: StoredChannel, request: GraphRequest): Promise<Outcome> {
  let token: string;
  try {
    token = deps.channels.token(channel);
  } catch (error) {
    if (error instanceof TokenUnreadableError)
      return { kind: "refused", reason: "channel_auth_failed" };
    throw error;
  }
  const result = await deps.graph.send(request, token);
  if (result.ok) return { kind: "sent" };
  const verdict = classifyGraphFailure(result.failure);
  // An action is not retried: a typing indicator shown late is worse than none.
  if (verdict.action === "sent") return { kind: "sent" };
  const reason = verdict.action === "fail" ? verdict.reason : verdict.exhaustedReason;
  const { failure } = result;
  if (failure.kind !== "meta") return { kind: "refused", reason };
  const meta = { code: failure.code, message: failure.message };
  return {
    kind: "refused",
    reason,
    meta: failure.subcode === undefined ? meta : { ...meta, subcode: failure.subcode },
  };
}

/** 409 with the refusal's reason as the code and the sentence an agent reads. */
function refuse(
  res: Response,
  reason: FailureReason,
  platform: Platform,
  window: WindowDocument,
): void {
  sendError(res, 409, reason, failureSentence({ reason, platform, window }));
}
