import { z } from "zod";
import {
  commaList,
  encryptionKey,
  hostPortList,
  httpUrl,
  minutesList,
  minutes,
  port,
  positiveInt,
  redisUrl,
  strictBoolean,
  webhookSecretList,
} from "./parsers";

export const ROLES = ["ingress", "api", "worker"] as const;
/** A part of the product that `RELAY_ROLES` can turn on in a process. */
export type Role = (typeof ROLES)[number];

const roleList = commaList.pipe(
  z
    .array(z.enum(ROLES, { message: `must be a comma list of ${ROLES.join(", ")}` }))
    .min(1, "must name at least one role"),
);

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * Every environment variable meta-relay reads, with its default. Keys mirror the variable names.
 * Which variables are required depends on the roles (see `requirementsByRole`).
 */
export const envSchema = z.object({
  // --- process ---
  /** Roles this process runs: a comma list of ingress, api, worker. */
  RELAY_ROLES: roleList.default(["ingress", "api", "worker"]),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** Seconds a SIGTERM waits for in-flight requests and jobs before the process exits anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: positiveInt(1, 3600).default(25),

  // --- redis ---
  REDIS_URL: redisUrl.default("redis://127.0.0.1:6379"),
  /** Seeds of a Redis Cluster; when set, REDIS_URL is not used. */
  REDIS_CLUSTER_NODES: hostPortList.optional(),
  /** Prefix of every key the product writes, so several deployments can share one Redis. */
  RELAY_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, "must be 1-32 letters, digits, _ or -")
    .default("mr"),

  // --- ports ---
  INGRESS_PORT: port.default(8080),
  API_PORT: port.default(8081),
  /** Health and metrics of a worker-only process. */
  WORKER_PORT: port.default(8082),

  // --- Meta ---
  META_APP_SECRET: commaList
    .pipe(z.array(z.string()).min(1, "must name at least one secret"))
    .optional(),
  META_VERIFY_TOKEN: z.string().min(1).optional(),
  META_GRAPH_URL: httpUrl.default("https://graph.facebook.com"),
  META_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, "must look like v26.0")
    .default("v26.0"),
  /** The Meta app's id: the subscription watchdog looks for it in each channel's subscribed apps. */
  META_APP_ID: z
    .string()
    .regex(/^\d{1,32}$/, "must be the app's numeric id")
    .optional(),
  /** Base URL of the Instagram API with Instagram Login (channels with `api: instagram_login`). */
  META_INSTAGRAM_GRAPH_URL: httpUrl.default("https://graph.instagram.com"),
  /** Instagram app secret(s): also accepted on `object: "instagram"` webhooks. */
  META_INSTAGRAM_APP_SECRET: commaList
    .pipe(z.array(z.string()).min(1, "must name at least one secret"))
    .optional(),
  /** Milliseconds before a Graph API call is abandoned (and retried). */
  GRAPH_TIMEOUT_MS: positiveInt(100, 120_000).default(10_000),
  GRAPH_MAX_ATTEMPTS: positiveInt(1, 50).default(6),
  WINDOW_SAFETY_MARGIN_SECONDS: positiveInt(0, 6 * 3600).default(60),
  /**
   * Lead times (minutes before a window of an unanswered conversation ends) of the
   * `conversation.window_expiring` reminders; empty turns them off. Below 7 days: a lead time longer
   * than a window is never due after the customer wrote, so that window gets no reminder for it.
   */
  WINDOW_REMINDER_MINUTES: minutesList(1, 7 * 24 * 60 - 1).default([60]),

  // --- channels ---
  /** How often every channel's webhook subscription is checked and repaired; 0 turns it off. */
  SUBSCRIPTION_CHECK_MINUTES: minutes(0, 24 * 60).default(10),
  /** A channel in use without any webhook for this long counts as silent (relay_channels_silent). */
  WEBHOOK_SILENCE_MINUTES: minutes(0.01, 7 * 24 * 60).default(60),

  // --- agent API ---
  RELAY_API_KEYS: commaList
    .pipe(
      z
        .array(z.string().min(16, "keys must be at least 16 characters"))
        .min(1, "must name at least one key"),
    )
    .optional(),
  RELAY_ENCRYPTION_KEY: encryptionKey.optional(),
  /** Largest accepted /v1 request body, in bytes. */
  API_BODY_LIMIT_BYTES: positiveInt(1024, 10 * 1024 * 1024).default(256 * 1024),
  DASHBOARD_USERNAME: z.string().min(1).optional(),
  DASHBOARD_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  /** Let dashboard users retry failed jobs; otherwise the dashboard is read-only. */
  DASHBOARD_ALLOW_RETRIES: strictBoolean.default(false),
  /** Days a message record (and its idempotency key) stays readable through the API. */
  MESSAGE_RETENTION_DAYS: positiveInt(1, 90).default(7),
  /**
   * Largest WhatsApp media file the media route relays, in bytes: Meta's documents reach 100 MB,
   * and a margin keeps a file of exactly that size from being refused.
   */
  MEDIA_MAX_BYTES: positiveInt(1024, 2 * 1024 * 1024 * 1024).default(110 * 1024 * 1024),

  // --- worker ---
  /** Conversations one worker process delivers to at the same time. */
  OUTBOUND_CONCURRENCY: positiveInt(1, 1000).default(50),
  /** Events one worker process POSTs at the same time. */
  EVENTS_CONCURRENCY: positiveInt(1, 1000).default(50),
  EVENTS_WEBHOOK_URL: httpUrl.optional(),
  /** Comma list while a secret is rotated; `whsec_<base64>` is the Standard Webhooks format. */
  EVENTS_WEBHOOK_SECRET: webhookSecretList.optional(),
  EVENTS_TIMEOUT_MS: positiveInt(100, 120_000).default(10_000),
  /** Hours an event is retried while the receiver fails, before it is given up. */
  EVENTS_MAX_AGE_HOURS: positiveInt(1, 24 * 14).default(24),
});

export type ParsedEnv = z.output<typeof envSchema>;

/** Variables each role cannot start without. */
export const requirementsByRole: Record<Role, (keyof ParsedEnv)[]> = {
  ingress: ["META_APP_SECRET", "META_VERIFY_TOKEN"],
  api: ["RELAY_API_KEYS", "RELAY_ENCRYPTION_KEY", "DASHBOARD_USERNAME", "DASHBOARD_PASSWORD"],
  worker: ["RELAY_ENCRYPTION_KEY"],
};
