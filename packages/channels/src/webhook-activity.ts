import type { ChannelRef, InboundItem } from "@meta-relay/core";
import type { Logger } from "@meta-relay/observability";
import type { ChannelStateStore } from "@meta-relay/store";

export interface WebhookActivityDeps {
  state: ChannelStateStore;
  log: Logger;
  /** Least time between two writes of one channel's `lastWebhookAt` by this process (ms). */
  throttleMs: number;
}

/** Channels remembered per process; past this the memory is cleared (a few extra writes, no more). */
const MAX_REMEMBERED = 10_000;

/**
 * Records that webhooks arrive for a channel (`lastWebhookAt`) without a Redis trip on the
 * ingress's hot path: each process writes a channel at most once per `throttleMs`, and the write
 * is not awaited. The watchdog's silence check works in minutes, so the precision is plenty.
 */
export function createWebhookActivity(deps: WebhookActivityDeps) {
  const lastWrite = new Map<string, number>();
  return {
    seen(items: readonly InboundItem[]): void {
      const now = Date.now();
      const due = new Map<string, ChannelRef>();
      for (const item of items) {
        if (!item.channelId) continue;
        const key = `${item.platform} ${item.channelId}`;
        if (due.has(key) || now - (lastWrite.get(key) ?? -Infinity) < deps.throttleMs) continue;
        due.set(key, { platform: item.platform, channelId: item.channelId });
      }
      if (due.size === 0) return;
      if (lastWrite.size + due.size > MAX_REMEMBERED) lastWrite.clear();
      for (const key of due.keys()) lastWrite.set(key, now);
      deps.state.touchWebhooks([...due.values()], now).catch((err: unknown) => {
        // Only a channel's quiet time is affected; the next webhook writes it again.
        for (const key of due.keys()) lastWrite.delete(key);
        deps.log.debug({ err }, "last webhook time not recorded");
      });
    },
  };
}
