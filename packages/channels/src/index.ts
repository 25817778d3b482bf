// Public API of @meta-relay/channels: channels against the real Meta.

export {
  createChannelServices,
  type ChannelServices,
  type ChannelSettings,
} from "./channel-services";
export { connectChannel, type ConnectInput, type ConnectDeps } from "./connect-channel";
export { ChannelAuthError, MetaUnreachableError, ChannelMismatchError } from "./channel-errors";
export {
  createChannelState,
  type ChannelState,
  type ChannelStateDeps,
  type ChannelChange,
  type EventSink,
} from "./channel-state";
export { channelEvent, channelEventId, type ChannelEventFacts } from "./channel-events";
export { targetOf, type TargetFields } from "./channel-target";
export { runWatchdog, type WatchdogDeps, type WatchdogReport } from "./watchdog";
export {
  refreshDue,
  refreshToken,
  DEFAULT_REFRESH_POLICY,
  type RefreshPolicy,
  type RefreshOutcome,
} from "./token-refresh";
export { startChannelGauges, isSilent, type ChannelGaugesDeps } from "./channel-gauges";
export { createWebhookActivity, type WebhookActivityDeps } from "./webhook-activity";
export {
  startChannelsScheduler,
  WATCHDOG_SCHEDULER_ID,
  WATCHDOG_JOB_NAME,
  REFRESH_ONLY_PERIOD_MS,
  type ChannelsSchedulerOptions,
  type RunningChannelsScheduler,
} from "./channels-scheduler";
