export { QUEUE_NAMES, queuePrefix, type QueueName } from "./names";
export {
  drainJobSchema,
  eventJobSchema,
  conversationKey,
  DRAIN_JOB_NAME,
  DRAIN_JOB_OPTIONS,
  type DrainJob,
} from "./jobs";
export { receivedEventId, outboundEventId } from "./event-ids";
export { EventPublisher, EVENT_JOB_OPTIONS, RECEIVED_DEDUPE_TTL_MS } from "./event-publisher";
export { signEventBody, verifyEventSignature, EVENT_SIGNATURE_HEADER } from "./event-signature";
export {
  collectQueueMetrics,
  secondsWaiting,
  QUEUE_METRIC_STATES,
  type QueueGauges,
  type CollectableGauge,
  type QueueMetricsCollector,
  type QueueMetricsOptions,
} from "./queue-metrics";
