import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Every metric the product exports, created once per process on one registry. Dashboards and alert
 * rules in infra/ name only these (a test checks it), so a rename here must be made there too.
 */
export function createMetrics(registry: Registry = new Registry()) {
  const r = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: "relay_http_requests_total",
      help: "HTTP requests served, by role, route and status",
      labelNames: ["role", "method", "route", "status"] as const,
      registers: r,
    }),
    httpDuration: new Histogram({
      name: "relay_http_request_duration_seconds",
      help: "HTTP request latency, by role and route",
      labelNames: ["role", "method", "route"] as const,
      buckets: LATENCY_BUCKETS,
      registers: r,
    }),
    webhooks: new Counter({
      name: "relay_webhooks_total",
      help: "Meta webhook requests, by object and outcome",
      labelNames: ["object", "outcome"] as const,
      registers: r,
    }),
    webhookItems: new Counter({
      name: "relay_webhook_items_total",
      help: "Items inside Meta webhooks, by platform and kind",
      labelNames: ["platform", "kind"] as const,
      registers: r,
    }),
    signatureFailures: new Counter({
      name: "relay_webhook_signature_failures_total",
      help: "Webhooks refused for a missing or wrong X-Hub-Signature-256",
      labelNames: ["reason"] as const,
      registers: r,
    }),
    webhookDuration: new Histogram({
      name: "relay_webhook_handler_duration_seconds",
      help: "Time from a webhook's arrival to its answer",
      labelNames: ["outcome"] as const,
      buckets: LATENCY_BUCKETS,
      registers: r,
    }),
    windowDecisions: new Counter({
      name: "relay_window_decisions_total",
      help: "Window decisions taken before a send, by platform, outcome and reason",
      labelNames: ["platform", "outcome", "reason"] as const,
      registers: r,
    }),
    metaDisagreements: new Counter({
      name: "relay_meta_window_disagreements_total",
      help: "Sends our record allowed but Meta refused as outside the window",
      labelNames: ["platform"] as const,
      registers: r,
    }),
    windowReminders: new Counter({
      name: "relay_window_reminders_total",
      help: "conversation.window_expiring reminders put on the events queue, by platform and window",
      labelNames: ["platform", "window"] as const,
      registers: r,
    }),
    graphRequests: new Counter({
      name: "relay_graph_requests_total",
      help: "Graph API send calls, by platform, outcome and Meta error code",
      labelNames: ["platform", "outcome", "code"] as const,
      registers: r,
    }),
    graphDuration: new Histogram({
      name: "relay_graph_request_duration_seconds",
      help: "Graph API send latency",
      labelNames: ["platform"] as const,
      buckets: LATENCY_BUCKETS,
      registers: r,
    }),
    outboundMessages: new Counter({
      name: "relay_outbound_messages_total",
      help: "Outbound messages that reached a final outcome, by platform, status and reason",
      labelNames: ["platform", "status", "reason"] as const,
      registers: r,
    }),
    outboundResends: new Counter({
      name: "relay_outbound_resends_total",
      help: "Graph API sends repeated after an attempt whose outcome was unknown (possible duplicates)",
      labelNames: ["platform"] as const,
      registers: r,
    }),
    outboundLatency: new Histogram({
      name: "relay_outbound_enqueue_to_send_seconds",
      help: "Time from POST /v1/messages to Meta's acceptance",
      labelNames: ["platform"] as const,
      buckets: LATENCY_BUCKETS,
      registers: r,
    }),
    queueJobs: new Gauge({
      name: "relay_queue_jobs",
      help: "Jobs in each queue, by state",
      labelNames: ["queue", "state"] as const,
      registers: r,
    }),
    queueOldestWaiting: new Gauge({
      name: "relay_queue_oldest_waiting_seconds",
      help: "Age of the oldest job waiting in each queue",
      labelNames: ["queue"] as const,
      registers: r,
    }),
    events: new Counter({
      name: "relay_events_total",
      help: "Events for the agent platform, by type and outcome",
      labelNames: ["type", "outcome"] as const,
      registers: r,
    }),
    eventDeliveryDuration: new Histogram({
      name: "relay_event_delivery_duration_seconds",
      help: "Time from an event's creation to its delivery",
      labelNames: ["type"] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800, 3600, 21600, 86400],
      registers: r,
    }),
    mediaRequests: new Counter({
      name: "relay_media_requests_total",
      help: "WhatsApp media relayed through the API, by outcome",
      labelNames: ["outcome"] as const,
      registers: r,
    }),
    mediaBytes: new Counter({
      name: "relay_media_bytes_total",
      help: "Bytes of WhatsApp media streamed to API clients",
      registers: r,
    }),
    channels: new Gauge({
      name: "relay_channels",
      help: "Connected channels, by platform and status (active, restricted, auth_failed)",
      labelNames: ["platform", "status"] as const,
      registers: r,
    }),
    channelsSilent: new Gauge({
      name: "relay_channels_silent",
      help: "Active channels that sent replies but got no webhook for WEBHOOK_SILENCE_MINUTES",
      labelNames: ["platform"] as const,
      registers: r,
    }),
    channelSubscriptionChecks: new Counter({
      name: "relay_channel_subscription_checks_total",
      help: "Webhook subscription checks by the watchdog, by platform and outcome",
      labelNames: ["platform", "outcome"] as const,
      registers: r,
    }),
    channelTokenRefreshes: new Counter({
      name: "relay_channel_token_refreshes_total",
      help: "Instagram Login token refreshes, by outcome",
      labelNames: ["outcome"] as const,
      registers: r,
    }),
    workerLastActivity: new Gauge({
      name: "relay_worker_last_activity_timestamp_seconds",
      help: "When each worker last took or finished a job, or found its queue empty",
      labelNames: ["queue"] as const,
      registers: r,
    }),
  };
}

export type RelayMetrics = ReturnType<typeof createMetrics>;

/** Adds Node's process metrics (CPU, memory, event loop lag, handles) under the relay_ prefix. */
export function collectProcessMetrics(metrics: RelayMetrics): void {
  collectDefaultMetrics({ register: metrics.registry, prefix: "relay_" });
}
