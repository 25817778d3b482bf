import type { ChannelSettings, EventSink } from "@meta-relay/channels";
import type { Logger } from "@meta-relay/observability";
import type { WorkerContext } from "../processor";

/** The channel services' settings, from the worker's configuration. */
export function channelSettings(
  context: WorkerContext,
  events: EventSink,
  log: Logger,
): ChannelSettings {
  const { config } = context;
  return {
    redis: context.redis,
    keyPrefix: config.redis.keyPrefix,
    encryptionKey: config.encryptionKey,
    graph: {
      url: config.meta.graphUrl,
      instagramUrl: config.meta.instagramGraphUrl,
      version: config.meta.graphVersion,
      timeoutMs: config.meta.graphTimeoutMs,
    },
    events,
    log,
  };
}
