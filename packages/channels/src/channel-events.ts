import { createHash } from "node:crypto";
import {
  toIso,
  type ChannelEventData,
  type ChannelEventType,
  type ChannelRef,
  type ChannelSource,
  type ChannelStatus,
  type RelayEvent,
} from "@meta-relay/core";

/** What a `channel.*` event says, beside the channel itself. */
export interface ChannelEventFacts {
  status: ChannelStatus;
  source: ChannelSource;
  reason?: string | undefined;
  raw?: unknown;
}

/**
 * A `channel.*` event. `key` names the one change it reports (the time of the status change, or
 * Meta's item for a warning), so every report of that change, by any process, after any retry or
 * redelivery, carries the same id and the receiver (and the events queue) keeps one.
 */
export function channelEvent<T extends ChannelEventType>(
  type: T,
  ref: ChannelRef,
  facts: ChannelEventFacts,
  key: string,
  atMs: number,
): RelayEvent<T> {
  const data: ChannelEventData = {
    platform: ref.platform,
    channelId: ref.channelId,
    status: facts.status,
    source: facts.source,
    ...(facts.reason !== undefined && facts.reason !== "" ? { reason: facts.reason } : {}),
    ...(facts.raw !== undefined ? { raw: facts.raw } : {}),
  };
  return {
    id: channelEventId(type, ref, key),
    type,
    occurredAt: toIso(atMs),
    data: data,
  };
}

export function channelEventId(type: ChannelEventType, ref: ChannelRef, key: string): string {
  const digest = createHash("sha256")
    .update(`${type}\n${ref.platform}\n${ref.channelId}\n${key}`)
    .digest("base64url")
    .slice(0, 32);
  return `evt_ch_${digest}`;
}

/** A key for Meta's item: the same bytes redelivered give the same key. */
export function itemKey(raw: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(raw ?? null))
    .digest("base64url")
    .slice(0, 24);
}
