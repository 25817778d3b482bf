import {
  carriageDependsOnChannel,
  channelCarries,
  messageKind,
  platformCarries,
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
  const refusal = await refuseEarly(deps, request);
  if (refusal) return refusal;
  const claim = await claimId(deps, request);
  if (claim.otherChannel) return { kind: "queued", id: claim.id };
  const { id } = claim;
  const ref = request.channel;
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
  if (outcome === "channel_missing") {
    if (claim.claimedKey !== null) {
      await deps.messages.releaseIdempotencyKey(claim.claimedKey, { ...ref, id });
    }
    return { kind: "channel_missing" };
  }
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

/** A refusal known before anything is written: a kind the channel cannot carry, or no channel. */
async function refuseEarly(deps: OutboxDeps, request: ReplyRequest): Promise<EnqueueResult | null> {
  const ref = request.channel;
  const kind = messageKind(request.content);
  if (!platformCarries(ref.platform, kind)) return { kind: "not_carried", messageKind: kind };
  // Whether the channel exists is decided again, atomically, by the enqueue script: its record is
  // read here only where the answer depends on it (one Redis trip fewer per reply).
  if (!carriageDependsOnChannel(ref.platform, kind)) return null;
  const channel = await deps.channels.get(ref);
  if (!channel) return { kind: "channel_missing" };
  return channelCarries(channel, kind) ? null : { kind: "not_carried", messageKind: kind };
}

/**
 * The reply's id: a new one, or the one its idempotency key already names. `otherChannel`: the key
 * belongs to a message of another channel, whose id is the answer; `claimedKey`: the key this call took, to give back if the reply is not recorded.
 */
async function claimId(deps: OutboxDeps, request: ReplyRequest) {
  const id = newMessageId();
  if (request.idempotencyKey === undefined) {
    return { id, claimedKey: null, otherChannel: false };
  }
  const ref = request.channel;
  const owner = await deps.messages.claimIdempotencyKey(request.idempotencyKey, { ...ref, id });
  if (!owner) return { id, claimedKey: request.idempotencyKey, otherChannel: false };
  // A repeat finishes what the first call may not have (record, mailbox, drain job): all idempotent.
  const otherChannel = owner.platform !== ref.platform || owner.channelId !== ref.channelId;
  return { id: owner.id, claimedKey: null, otherChannel };
}
