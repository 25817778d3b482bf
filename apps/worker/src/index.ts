export { startWorker, type RunningWorker, type WorkerContext, type RoleDeps } from "./worker";
export type { RunningProcessor } from "./processor";
export { startOutboundProcessor, type OutboundOptions } from "./outbound/outbound-processor";
