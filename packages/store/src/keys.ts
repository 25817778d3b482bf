import type { ChannelRef, ConversationRef, Platform } from "@meta-relay/core";

const PLATFORM_CODE: Record<Platform, string> = { messenger: "m", instagram: "i", whatsapp: "w" };

/**
 * The hash tag of a channel. Every key of a channel and of its conversations carries it, so one
 * Lua script can read a conversation's window, its channel and the clock on one Redis Cluster node.
 * Meta paces each channel anyway (40-100 msg/s), so a channel is a natural unit for a slot.
 */
export function channelTag(channel: ChannelRef): string {
  return `{${PLATFORM_CODE[channel.platform]}:${channel.channelId}}`;
}

/** Every Redis key the product writes, built in one place. Keys stay short: memory is per conversation. */
export function createKeys(prefix: string) {
  const conv = (kind: string, c: ConversationRef) =>
    `${prefix}:${kind}:${channelTag(c)}:${c.userId}`;
  const chan = (kind: string, c: ChannelRef) => `${prefix}:${kind}:${channelTag(c)}`;
  return {
    prefix,
    /** Hash: a connected channel (token encrypted). */
    channel: (c: ChannelRef) => chan("ch", c),
    /** Set of "platform:channelId" for listing channels. */
    channelIndex: () => `${prefix}:channels`,
    /** String: ms of the customer's latest window-opening action. */
    window: (c: ConversationRef) => conv("w", c),
    /** String: Meta's id of the customer's latest message (WhatsApp: read receipts, typing). */
    lastCustomerMessage: (c: ConversationRef) => conv("lc", c),
    /** List: ids of this conversation's replies not yet finished, oldest first. */
    mailbox: (c: ConversationRef) => conv("mb", c),
    /** String: the lease of the worker draining this conversation. */
    drainLease: (c: ConversationRef) => conv("lk", c),
    /** Sorted set: ids of sent messages not yet read, scored by send time (Messenger watermarks). */
    sentUnread: (c: ConversationRef) => conv("sn", c),
    /** String (GCRA): the pacing state of a recipient (WhatsApp pair limit). */
    pairPace: (c: ConversationRef) => conv("pr", c),
    /** String (GCRA): the pacing state of a channel. */
    channelPace: (c: ChannelRef) => chan("rl", c),
    /** Hash: an outbound message record. */
    message: (c: ChannelRef, id: string) => `${chan("m", c)}:${id}`,
    /** String: our message id for Meta's message id (status webhooks). */
    metaMessage: (c: ChannelRef, metaMessageId: string) => `${chan("mm", c)}:${metaMessageId}`,
    /** String: "platform channelId" of a message id, to find its record from the id alone. */
    messageIndex: (id: string) => `${prefix}:mx:{${id}}`,
    /** String: the message id an idempotency key produced. */
    idempotency: (digest: string) => `${prefix}:idem:{${digest}}`,
    /** Hash: a scoped API key, found by the SHA-256 of the key (the key itself is never stored). */
    apiKey: (digest: string) => `${prefix}:ak:{${digest}}`,
    /** String: the digest of a scoped key's id, to delete it by id. */
    apiKeyById: (id: string) => `${prefix}:akid:{${id}}`,
    /** Set: the ids of the scoped keys, for listing them. */
    apiKeyIndex: () => `${prefix}:apikeys`,
    /** Sorted set: the channel's unanswered conversations (user ids) by standard window end (ms). */
    unanswered: (c: ChannelRef) => chan("ux", c),
    /** Sorted set: the unanswered conversations an ad window holds open, by lastCustomerMessageAt. */
    unansweredAds: (c: ChannelRef) => chan("ax", c),
    /** String: ms of the ad-referral message that opened a 7-day standard window. */
    adWindow: (c: ConversationRef) => conv("aw", c),
    /** Hash: the reminder scan's cursor (`c`, ms) and the lead times it used (`l`). */
    reminderState: (c: ChannelRef) => chan("rc", c),
    /** Sorted set: reminders due and not yet handed to the events queue, by due time. */
    reminderOutbox: (c: ChannelRef) => chan("ro", c),
    /** String: the token of the worker process sweeping reminders now. */
    reminderLease: () => `${prefix}:reminders:lease`,
  };
}

export type Keys = ReturnType<typeof createKeys>;
