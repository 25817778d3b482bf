import {
  channelCarries,
  messageKind,
  UnavailableError,
  type ChannelRef,
  type MessageContent,
  type MessageKind,
  type Sender,
} from "@meta-relay/core";
import type { Logger } from "@meta-relay/observability";
import { queueDrain, type DrainJob } from "@meta-relay/queues";
import {
  newMessageId,
  type ChannelStore,
  type MessageRecord,
  type MessageStore,
} from "@meta-relay/store";
import type { Queue } from "bullmq";

export interface OutboxDeps {
  channels: ChannelStore;
  messages: MessageStore;
  /** The outbound queue, where each conversation's drain job waits. */
  queue: Queue;
  log: Logger;
}

/** A reply an agent or a bot asked to send. */
export interface ReplyRequest {
  channel: ChannelRef;
  userId: string;
  sender: Sender;
  content: MessageContent;
  idempotencyKey?: string | undefined;
}

export type EnqueueResult =
  | { kind: "queued"; id: string }
  | { kind: "channel_missing" }
  /** The channel cannot carry this kind (a Messenger template without utilityMessages). */
  | { kind: "not_carried"; messageKind: MessageKind };

export interface Outbox {
  /**
   * Records a reply, puts it in its conversation's mailbox and makes sure a drain job is queued.
   * A repeat with the same idempotency key finishes what the first call may not have, and answers
   * the first call's id. Throws `unavailable` when the drain job could not be queued. `log`, when
   * given, replaces the outbox's logger for this call (the API passes the request's).
   */
  enqueue(request: ReplyRequest, log?: Logger): Promise<EnqueueResult>;
  /** The record of a reply, or null (unknown, or older than the retention). */
  get(id: string): Promise<MessageRecord | null>;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  return {
    enqueue: (request, log) => enqueue(log ? { ...deps, log } : deps, request),
    get: (id) => deps.messages.get(id),
  };
}

async function enqueue(deps: OutboxDeps, request: ReplyRequest): Promise<EnqueueResult> {
  const ref = request.channel;
  const channel = await deps.channels.get(ref);
  if (!channel) return { kind: "channel_missing" };
  const kind = messageKind(request.content);
  if (!channelCarries(channel, kind)) return { kind: "not_carried", messageKind: kind };
  let id = newMessageId();
  if (request.idempotencyKey !== undefined) {
    const owner = await deps.messages.claimIdempotencyKey(request.idempotencyKey, { ...ref, id });
    if (owner && (owner.platform !== ref.platform || owner.channelId !== ref.channelId)) {
      return { kind: "queued", id: owner.id };
    }
    // A repeat finishes what the first call may not have (record, mailbox, drain job): all idempotent.
    if (owner) id = owner.id;
  }
  const conv: DrainJob = {
    platform: ref.platform,
    channelId: ref.channelId,
    userId: request.userId,
  };
  const outcome = await deps.messages.enqueue({
    id,
    ...conv,
    sender: request.sender,
    content: request.content,
  });
  if (outcome === "channel_missing") return { kind: "channel_missing" };
  try {
    await queueDrain(deps.queue, conv);
  } catch (err) {
    deps.log.warn({ err, messageId: id }, "drain job could not be queued");
    throw new UnavailableError(
      "The message could not be queued; retry with the same idempotencyKey.",
    );
  }
  deps.log.info(
    {
      messageId: id,
      platform: conv.platform,
      channelId: conv.channelId,
      repeat: outcome === "exists",
    },
    "message queued",
  );
  return { kind: "queued", id };
}
