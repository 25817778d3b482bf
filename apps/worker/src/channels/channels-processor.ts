import {
  createChannelServices,
  DEFAULT_REFRESH_POLICY,
  REFRESH_ONLY_PERIOD_MS,
  runWatchdog,
  startChannelGauges,
  startChannelsScheduler,
  type RefreshPolicy,
} from "@meta-relay/channels";
import { EVENTS_QUEUE, EventPublisher, publisherOptions, openQueue } from "@meta-relay/queues";
import type { RunningProcessor } from "../processor";
import type { WorkerContext } from "../processor";
import { channelSettings } from "./channel-settings";

/** Knobs tests may turn; the defaults are Meta's rules. */
export interface ChannelsOptions {
  /** When Instagram Login tokens are refreshed (Meta: 24 hours old, 10 days before expiry). */
  refresh?: RefreshPolicy;
  /** How often the channel gauges are read from Redis (ms). */
  gaugeIntervalMs?: number;
}

/**
 * The channel watchdog (subscriptions, restriction ends, Instagram Login tokens) as one job
 * scheduler across all workers, and the channel gauges every worker reports.
 */
export async function startChannelsProcessor(
  context: WorkerContext,
  options: ChannelsOptions = {},
): Promise<RunningProcessor> {
  const { config, metrics, redis } = context;
  const log = context.logger.child({ module: "channels" });
  const eventsQueue = openQueue(EVENTS_QUEUE, {
    connection: redis,
    keyPrefix: config.redis.keyPrefix,
    onError: (err) => log.warn({ err }, "events queue error"),
  });
  const services = createChannelServices(
    channelSettings(
      context,
      new EventPublisher(eventsQueue, publisherOptions(config.events, metrics.events)),
      log,
    ),
  );
  const checkMs = config.channels.subscriptionCheckMs;
  const appId = checkMs > 0 ? config.meta.appId : null;
  if (!config.meta.appId) log.warn("subscription watchdog off: META_APP_ID is not set");
  else if (checkMs === 0) log.warn("subscription watchdog off: SUBSCRIPTION_CHECK_MINUTES is 0");
  const scheduler = await startChannelsScheduler({
    connection: redis,
    keyPrefix: config.redis.keyPrefix,
    periodMs: checkMs > 0 ? checkMs : REFRESH_ONLY_PERIOD_MS,
    log,
    run: () =>
      runWatchdog({
        ...services,
        metrics,
        log,
        appId,
        refresh: options.refresh ?? DEFAULT_REFRESH_POLICY,
        concurrency: 4,
      }),
  });
  const gauges = startChannelGauges({
    channels: services.channels,
    metrics,
    log,
    silenceMs: config.channels.webhookSilenceMs,
    intervalMs: options.gaugeIntervalMs ?? 30_000,
  });
  return {
    name: "channels",
    isLive: () => scheduler.isLive(),
    async close(timeoutMs) {
      gauges.close();
      await scheduler.close(timeoutMs);
      await eventsQueue.close();
    },
  };
}
