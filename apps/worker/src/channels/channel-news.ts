import { createChannelServices } from "@meta-relay/channels";
import type { Logger } from "@meta-relay/observability";
import type { ChannelNews } from "@meta-relay/outbound";
import type { EventPublisher } from "@meta-relay/queues";
import type { WorkerContext } from "../processor";
import { channelSettings } from "./channel-settings";

/** What the outbound processor tells the channel's state when a send shows the channel is blocked. */
export function channelNewsFor(
  context: WorkerContext,
  events: EventPublisher,
  log: Logger,
): ChannelNews {
  const { state } = createChannelServices(channelSettings(context, events, log));
  return {
    restricted: (channel, reason) => state.restrict(channel, { source: "graph_error", reason }),
    authFailed: (channel, reason) => state.authFailed(channel, { source: "graph_error", reason }),
  };
}
