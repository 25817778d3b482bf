export {
  OUTBOUND_QUEUE,
  EVENTS_QUEUE,
  CHANNELS_QUEUE,
  QUEUE_NAMES,
  queuePrefix,
  type QueueName,
} from "./names";
export {
  QUEUE_CATALOG,
  EVENT_JOB_OPTIONS,
  CHANNELS_JOB_OPTIONS,
  CHANNELS_WORKER_SETTINGS,
  queueDescription,
  type WorkerTuning,
} from "./catalog";
export { openQueue, openWorker, type QueueAt } from "./open";
export {
  drainJobSchema,
  eventJobSchema,
  conversationKey,
  queueDrain,
  discardWhenCompleted,
  DRAIN_JOB_NAME,
  type DrainJob,
} from "./jobs";
export { EventDeliveryError, type EventDeliveryContext } from "./event-delivery-error";
export {
  receivedEventId,
  editedEventId,
  deletedEventId,
  outboundEventId,
  reminderEventId,
} from "./event-ids";
export {
  EventPublisher,
  publisherOptions,
  RECEIVED_DEDUPE_TTL_MS,
  type EventPublisherOptions,
} from "./event-publisher";
export { signEventBody, verifyEventSignature, EVENT_SIGNATURE_HEADER } from "./event-signature";
export {
  standardWebhookHeaders,
  verifyStandardWebhook,
  webhookSecretKey,
  WEBHOOK_ID_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_SECRET_PREFIX,
  WEBHOOK_TOLERANCE_SECONDS,
  type StandardWebhookInput,
  type VerifyStandardWebhookOptions,
} from "./standard-webhooks";
export {
  collectQueueMetrics,
  secondsWaiting,
  QUEUE_METRIC_STATES,
  type QueueGauges,
  type CollectableGauge,
  type QueueMetricsCollector,
  type QueueMetricsOptions,
} from "./queue-metrics";
