import { assertChannelAccess, requireSend } from "@meta-relay/access";
import { RelayError, toIso } from "@meta-relay/core";
import { requestLog } from "@meta-relay/http";
import type { MessageRecord } from "@meta-relay/store";
import { Router } from "express";
import { channelNotFound } from "./channels-routes";
import { messageContent, notCarried } from "./message-schemas";
import { messageBodySchema, messageParamsSchema } from "./schemas";
import { parseOrThrow } from "./validate";
import type { V1Deps } from "./v1-deps";

/** POST /v1/messages and GET /v1/messages/{id}. */
export function messagesRouter(deps: V1Deps): Router {
  const router = Router();
  const log = deps.log.child({ module: "messages" });

  router.post("/messages", requireSend(), async (req, res) => {
    const body = parseOrThrow(messageBodySchema, req.body, "");
    const channel = { platform: body.channel.platform, channelId: body.channel.id };
    assertChannelAccess(res, channel);
    const result = await deps.outbox.enqueue(
      {
        channel,
        userId: body.recipient.id,
        sender: body.sender,
        content: messageContent(body.message, body.replyTo),
        idempotencyKey: body.idempotencyKey,
      },
      requestLog(res, log),
    );
    if (result.kind === "channel_missing")
      throw channelNotFound(channel.platform, channel.channelId);
    if (result.kind === "not_carried") throw notCarried(result.messageKind);
    res.status(202).json({ id: result.id, status: "queued" });
  });

  router.get("/messages/:id", async (req, res) => {
    const { id } = parseOrThrow(messageParamsSchema, req.params, "");
    const record = await deps.outbox.get(id);
    if (!record)
      throw new RelayError(
        "message_not_found",
        `No message ${id} is known (or it is older than the retention).`,
      );
    // Another channel's message: answered as its channel is, so the key learns nothing more.
    assertChannelAccess(res, { platform: record.platform, channelId: record.channelId });
    res.json(view(record));
  });

  return router;
}

function view(record: MessageRecord) {
  return {
    id: record.id,
    status: record.status,
    channel: { platform: record.platform, id: record.channelId },
    recipient: { id: record.userId },
    sender: record.sender,
    createdAt: toIso(record.createdAt),
    ...(record.sentAt !== null ? { sentAt: toIso(record.sentAt) } : {}),
    ...(record.metaMessageId !== null ? { metaMessageId: record.metaMessageId } : {}),
    attempts: record.attempts,
    ...(record.failure !== null ? { failure: record.failure } : {}),
  };
}
