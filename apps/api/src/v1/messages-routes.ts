import { HOUR_MS, RelayError, toIso, type MessageContent } from "@meta-relay/core";
import { conversationKey, DRAIN_JOB_NAME, type DrainJob } from "@meta-relay/queues";
import { newMessageId, type MessageRecord } from "@meta-relay/store";
import type { JobsOptions } from "bullmq";
import { Router } from "express";
import { channelNotFound } from "./channels-routes";
import { messageBodySchema, messageParamsSchema, type MessageBody } from "./schemas";
import { parseOrThrow } from "./validate";
import type { V1Deps } from "./v1-deps";

/**
 * A drain job per conversation: at most one running and one waiting (keepLastIfActive), so replies to
 * one customer are never sent in parallel. A failing drain (Redis trouble) is retried every few seconds.
 */
export const DRAIN_JOB_OPTIONS: JobsOptions = {
  attempts: 1_000_000,
  backoff: { type: "fixed", delay: 5_000, jitter: 0.5 },
  removeOnComplete: { age: HOUR_MS / 1000, count: 1_000 },
  removeOnFail: { age: (7 * 24 * HOUR_MS) / 1000, count: 10_000 },
};

/** POST /v1/messages and GET /v1/messages/{id}. */
export function messagesRouter(deps: V1Deps): Router {
  const router = Router();
  const log = deps.log.child({ module: "messages" });

  router.post("/messages", async (req, res) => {
    const body = parseOrThrow(messageBodySchema, req.body, "");
    const ref = { platform: body.channel.platform, channelId: body.channel.id };
    if (!(await deps.channels.get(ref))) throw channelNotFound(ref.platform, ref.channelId);
    let id = newMessageId();
    if (body.idempotencyKey !== undefined) {
      const owner = await deps.messages.claimIdempotencyKey(body.idempotencyKey, { ...ref, id });
      if (owner && (owner.platform !== ref.platform || owner.channelId !== ref.channelId)) {
        res.status(202).json({ id: owner.id, status: "queued" });
        return;
      }
      // A repeat finishes what the first call may not have (record, mailbox, drain job): all idempotent.
      if (owner) id = owner.id;
    }
    const conv: DrainJob = { ...ref, userId: body.recipient.id };
    const outcome = await deps.messages.enqueue({
      id,
      ...conv,
      sender: body.sender,
      content: content(body),
    });
    if (outcome === "channel_missing") throw channelNotFound(ref.platform, ref.channelId);
    try {
      await deps.outboundQueue.add(DRAIN_JOB_NAME, conv, {
        ...DRAIN_JOB_OPTIONS,
        deduplication: { id: conversationKey(conv), keepLastIfActive: true },
      });
    } catch (err) {
      log.warn({ err, messageId: id }, "drain job could not be queued");
      throw new RelayError(
        "unavailable",
        "The message could not be queued; retry with the same idempotencyKey.",
        {
          retryable: true,
        },
      );
    }
    log.info(
      {
        messageId: id,
        platform: conv.platform,
        channelId: conv.channelId,
        repeat: outcome === "exists",
      },
      "message queued",
    );
    res.status(202).json({ id, status: "queued" });
  });

  router.get("/messages/:id", async (req, res) => {
    const { id } = parseOrThrow(messageParamsSchema, req.params, "");
    const record = await deps.messages.get(id);
    if (!record)
      throw new RelayError(
        "message_not_found",
        `No message ${id} is known (or it is older than the retention).`,
      );
    res.json(view(record));
  });

  return router;
}

function content(body: MessageBody): MessageContent {
  const { text, attachment, template } = body.message;
  if (text !== undefined) return { text };
  if (attachment !== undefined) return { attachment };
  if (template !== undefined) return { template };
  throw new Error("message content passed validation without a kind");
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
