import type { ConversationRef } from "@meta-relay/core";
import type { GraphClient } from "@meta-relay/meta";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import type { EventPublisher } from "@meta-relay/queues";
import type { ChannelStore, DrainStore } from "@meta-relay/store";
import type { RetryBackoff } from "./backoff";

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
}

/** What the drain loop does after one message. */
export type Step =
  /** Settled: pop it with the next head read and go on. */
  | { kind: "next"; popId: string }
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
