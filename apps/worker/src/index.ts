export { startWorker, type RunningWorker, type RoleDeps } from "./worker";
export type { RunningProcessor, WorkerContext } from "./processor";
export { startOutboundProcessor, type OutboundOptions } from "./outbound/outbound-processor";
export { startReminderSweep, type ReminderSweepOptions } from "./reminder-sweep";
export { startChannelsProcessor, type ChannelsOptions } from "./channels/channels-processor";
