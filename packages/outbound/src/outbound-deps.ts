import type { ChannelRef, ConversationRef } from "@meta-relay/core";
import { createGraphClient, type GraphClient } from "@meta-relay/meta";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import type { EventPublisher } from "@meta-relay/queues";
import {
  createChannelStore,
  createDrainStore,
  createKeys,
  createTokenCipher,
  type ChannelStore,
  type DrainStore,
  type RedisClient,
} from "@meta-relay/store";
import { DEFAULT_RETRY_BACKOFF, type RetryBackoff } from "./retry-backoff";

/** Everything the drain loop uses; built once per processor. */
export interface OutboundDeps {
  log: Logger;
  metrics: RelayMetrics;
  drain: DrainStore;
  channels: ChannelStore;
  graph: GraphClient;
  events: EventPublisher;
  graphVersion: string;
  /** WINDOW_SAFETY_MARGIN_SECONDS in ms. */
  marginMs: number;
  /** GRAPH_MAX_ATTEMPTS: Graph calls per message, first one included. */
  maxAttempts: number;
  retry: RetryBackoff;
  /** Messenger/Instagram: least wait before re-sending after an unknown outcome (the echo may confirm it). */
  echoGraceMs: number;
  /** Told when a send shows the channel itself can no longer send. */
  channelNews: ChannelNews | null;
}

/**
 * What a send reveals about the channel: Meta restricted it (10/1893063), or its token is refused.
 * The channel's state changes (and its replies fail fast) before the failed reply leaves the head.
 */
export interface ChannelNews {
  restricted(channel: ChannelRef, reason: string): Promise<unknown>;
  authFailed(channel: ChannelRef, reason: string): Promise<unknown>;
}

/** What a delivering process is configured with. */
export interface DeliverySettings {
  redis: RedisClient;
  /** RELAY_KEY_PREFIX. */
  keyPrefix: string;
  /** RELAY_ENCRYPTION_KEY: opens the channels' tokens. */
  encryptionKey: Buffer;
  graph: {
    /** META_GRAPH_URL, META_GRAPH_VERSION, GRAPH_TIMEOUT_MS, GRAPH_MAX_ATTEMPTS. */
    url: string;
    /** META_INSTAGRAM_GRAPH_URL: Instagram Login channels send there. */
    instagramUrl?: string | undefined;
    version: string;
    timeoutMs: number;
    maxAttempts: number;
  };
  /** WINDOW_SAFETY_MARGIN_SECONDS in ms. */
  marginMs: number;
  /** Where `message.sent` and `message.failed` go. */
  events: EventPublisher;
  log: Logger;
  metrics: RelayMetrics;
  /** Retry timing after throttling or transient failures. */
  retry?: RetryBackoff | undefined;
  /** Lifetime of a conversation's drain lease without renewal (ms); defaults to the Graph timeout + 10 s. */
  leaseMs?: number | undefined;
  /** Messenger/Instagram: least wait (ms) before re-sending after an unknown outcome, so the echo can confirm it. */
  echoGraceMs?: number | undefined;
  /** Told when a send shows the channel is restricted or its token refused. */
  channelNews?: ChannelNews | undefined;
}

export function createOutboundDeps(settings: DeliverySettings): OutboundDeps {
  const { redis, graph } = settings;
  const keys = createKeys(settings.keyPrefix);
  return {
    log: settings.log,
    metrics: settings.metrics,
    drain: createDrainStore(redis, keys, { leaseMs: settings.leaseMs ?? graph.timeoutMs + 10_000 }),
    channels: createChannelStore(redis, keys, createTokenCipher(settings.encryptionKey)),
    graph: createGraphClient({
      graphUrl: graph.url,
      instagramGraphUrl: graph.instagramUrl,
      timeoutMs: graph.timeoutMs,
    }),
    events: settings.events,
    graphVersion: graph.version,
    marginMs: settings.marginMs,
    maxAttempts: graph.maxAttempts,
    retry: settings.retry ?? DEFAULT_RETRY_BACKOFF,
    echoGraceMs: settings.echoGraceMs ?? 5_000,
    channelNews: settings.channelNews ?? null,
  };
}

/** What the drain loop does after one message. */
export type Step =
  /** Settled: pop it with the next head read and go on. */
  | { kind: "next"; popId: string }
  /** Settled and popped in the same trip (no event followed); `empty`: nothing left to send. */
  | { kind: "popped"; empty: boolean }
  /** Read the head again (its record changed under us, e.g. an echo confirmed it). */
  | { kind: "again" }
  /** The head must wait (retry backoff, pacing): hand the job back for `delayMs`. */
  | { kind: "later"; delayMs: number }
  /** Another run holds the conversation now: stop without touching it. */
  | { kind: "lost" };

/** One conversation being drained by one job run. */
export interface DrainRun {
  conv: ConversationRef;
  /** This run's lease token. */
  lease: string;
  signal?: AbortSignal | undefined;
}
