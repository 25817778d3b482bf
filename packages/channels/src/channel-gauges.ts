import { CHANNEL_STATUSES, PLATFORMS } from "@meta-relay/core";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import type { ChannelStore, StoredChannel } from "@meta-relay/store";

export interface ChannelGaugesDeps {
  channels: ChannelStore;
  metrics: RelayMetrics;
  log: Logger;
  /** WEBHOOK_SILENCE_MINUTES in ms. */
  silenceMs: number;
  /** How often the gauges are read from Redis (ms). */
  intervalMs: number;
}

/**
 * A channel is silent when it is active, Meta accepted replies on it within the silence period,
 * and no webhook for it arrived in that time: every accepted reply is followed by Meta's echo,
 * delivery or status webhooks, so a channel that sends and hears nothing has lost its subscription.
 */
export function isSilent(channel: StoredChannel, silenceMs: number, nowMs: number): boolean {
  if (channel.status !== "active") return false;
  const since = nowMs - silenceMs;
  if (channel.lastSentAtMs === null || channel.lastSentAtMs < since) return false;
  const heard = channel.lastWebhookAt === undefined ? null : Date.parse(channel.lastWebhookAt);
  return heard === null || heard < since;
}

/**
 * `relay_channels{platform,status}` and `relay_channels_silent{platform}`, read from the channel
 * registry on a timer. Every worker reports the same numbers (they come from Redis, not from the
 * process), so dashboards and alerts take the max across processes.
 */
export function startChannelGauges(deps: ChannelGaugesDeps): {
  close(): void;
  collect(): Promise<void>;
} {
  const collect = async () => {
    const channels = await deps.channels.listStored();
    const now = Date.now();
    for (const platform of PLATFORMS) {
      const mine = channels.filter((c) => c.platform === platform);
      for (const status of CHANNEL_STATUSES) {
        deps.metrics.channels.set(
          { platform, status },
          mine.filter((c) => c.status === status).length,
        );
      }
      deps.metrics.channelsSilent.set(
        { platform },
        mine.filter((c) => isSilent(c, deps.silenceMs, now)).length,
      );
    }
  };
  const tick = () => {
    collect().catch((err: unknown) => deps.log.warn({ err }, "channel gauges not read"));
  };
  tick();
  const timer = setInterval(tick, deps.intervalMs);
  timer.unref();
  return { close: () => clearInterval(timer), collect };
}
