import type { Logger } from "@meta-relay/observability";
import type { ChannelStore, Keys, MessageStore, RedisClient } from "@meta-relay/store";
import type { Queue } from "bullmq";

/** What the /v1 routes use; built once by the API role. */
export interface V1Deps {
  log: Logger;
  redis: RedisClient;
  keys: Keys;
  channels: ChannelStore;
  messages: MessageStore;
  /** The `outbound` queue (drain jobs). */
  outboundQueue: Queue;
  /** WINDOW_SAFETY_MARGIN_SECONDS in ms. */
  marginMs: number;
}
