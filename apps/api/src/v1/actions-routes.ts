import { assertChannelAccess, requireSend } from "@meta-relay/access";
import {
  decideSenderAction,
  describeWindow,
  failureSentence,
  type ConversationRef,
  type FailureReason,
  type MetaErrorInfo,
  type WindowRefusal,
} from "@meta-relay/core";
import { sendError } from "@meta-relay/http";
import {
  buildSenderActionRequest,
  classifyGraphFailure,
  senderActionCarried,
  type GraphRequest,
  type SenderAction,
} from "@meta-relay/meta";
import {
  readConversation,
  TokenUnreadableError,
  type ConversationSnapshot,
  type StoredChannel,
} from "@meta-relay/store";
import { Router } from "express";
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

  router.post(
    "/conversations/:platform/:channelId/:userId/actions",
    requireSend(),
    async (req, res) => {
      const conv = parseOrThrow(conversationParamsSchema, req.params, "");
      assertChannelAccess(res, conv);
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
      if (!read.channel) throw channelNotFound(conv.platform, conv.channelId);
      const outcome = await decideAndSend(deps, { ...conv, action }, read, read.channel);
      log.info(
        { platform: conv.platform, channelId: conv.channelId, action, outcome: outcome.kind },
        "sender action",
      );
      if (outcome.kind === "sent") {
        res.status(202).json({ action, status: "sent" });
        return;
      }
      const window = describeWindow({
        platform: conv.platform,
        humanAgent: read.channel.humanAgent,
        lastCustomerMessageAt: read.lastCustomerMessageAt,
        now: read.now,
        marginMs: deps.marginMs,
      });
      const { reason, meta } = outcome;
      const sentence = failureSentence({ reason, platform: conv.platform, window, meta });
      // Outside the window (ours or Meta's) is a conflict with the conversation; anything else, Meta's.
      const status = outcome.kind === "refused" || reason === "window_closed" ? 409 : 502;
      sendError(res, status, reason, sentence);
    },
  );

  return router;
}

type Outcome =
  | { kind: "sent" }
  /** The window does not allow it: nothing was sent. */
  | { kind: "refused"; reason: WindowRefusal; meta?: undefined }
  /** Meta refused or failed. */
  | { kind: "failed"; reason: FailureReason; meta?: MetaErrorInfo };

async function decideAndSend(
  deps: V1Deps,
  spec: ConversationRef & { action: SenderAction },
  read: ConversationSnapshot,
  channel: StoredChannel,
): Promise<Outcome> {
  const decision = decideSenderAction({ ...read, marginMs: deps.marginMs });
  if (decision.outcome === "refuse") return { kind: "refused", reason: decision.reason };
  const request = buildSenderActionRequest(
    {
      ...spec,
      pageId: channel.pageId,
      api: channel.api,
      lastCustomerMetaMessageId: read.lastCustomerMetaMessageId,
    },
    deps.graphVersion,
  );
  // A window recorded before the relay kept message ids: nothing to mark read or type under yet.
  if (!request) return { kind: "refused", reason: "no_customer_message" };
  return send(deps, channel, request);
}

async function send(deps: V1Deps, channel: StoredChannel, request: GraphRequest): Promise<Outcome> {
  let token: string;
  try {
    token = deps.channels.token(channel);
  } catch (error) {
    if (error instanceof TokenUnreadableError) {
      return { kind: "failed", reason: "channel_auth_failed" };
    }
    throw error;
  }
  const result = await deps.graph.send(request, token);
  if (result.ok) return { kind: "sent" };
  const verdict = classifyGraphFailure(result.failure);
  // An action is not retried: a typing indicator shown late is worse than none.
  if (verdict.action === "sent") return { kind: "sent" };
  const reason = verdict.action === "fail" ? verdict.reason : verdict.exhaustedReason;
  const { failure } = result;
  if (failure.kind !== "meta") return { kind: "failed", reason };
  const meta: MetaErrorInfo = { code: failure.code, message: failure.message };
  if (failure.subcode !== undefined) meta.subcode = failure.subcode;
  return { kind: "failed", reason, meta };
}
