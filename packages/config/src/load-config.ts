import type { z } from "zod";
import { ConfigError } from "./config-error";
import { envSchema, requirementsByRole, type ParsedEnv, type Role } from "./env-schema";
import type { HostPort } from "./parsers";

export type EnvSource = Record<string, string | undefined>;

/** The typed configuration every app receives; nothing else reads the environment. */
export interface RelayConfig {
  roles: Role[];
  logLevel: ParsedEnv["LOG_LEVEL"];
  shutdownTimeoutMs: number;
  redis: { url: string; clusterNodes: HostPort[] | null; keyPrefix: string };
  ports: { ingress: number; api: number; worker: number };
  meta: {
    appSecrets: string[];
    verifyToken: string;
    graphUrl: string;
    graphVersion: string;
    graphTimeoutMs: number;
    graphMaxAttempts: number;
    /** META_APP_ID; null turns the subscription watchdog off. */
    appId: string | null;
    instagramGraphUrl: string;
    instagramAppSecrets: string[];
  };
  channels: {
    /** SUBSCRIPTION_CHECK_MINUTES in ms; 0 when the check is off. */
    subscriptionCheckMs: number;
    webhookSilenceMs: number;
  };
  windowMarginMs: number;
  /** WINDOW_REMINDER_MINUTES, longest first; empty when reminders are off. */
  reminderLeadMinutes: number[];
  api: {
    keys: string[];
    bodyLimitBytes: number;
    messageRetentionDays: number;
    /** MEDIA_MAX_BYTES. */
    mediaMaxBytes: number;
  };
  encryptionKey: Buffer;
  dashboard: { username: string; password: string; allowRetries: boolean };
  worker: { outboundConcurrency: number; eventsConcurrency: number };
  events: {
    webhookUrl: string | null;
    /** The first of EVENTS_WEBHOOK_SECRET: the key of X-Relay-Signature, as in release 1. */
    webhookSecret: string | null;
    /** Every secret of EVENTS_WEBHOOK_SECRET: one Standard Webhooks signature each. */
    webhookSecrets: string[];
    timeoutMs: number;
    maxAgeMs: number;
  };
}

/**
 * Parses the environment once, in `main`. Throws one ConfigError naming every missing or malformed
 * variable. `roles` overrides RELAY_ROLES (a launcher may start fewer roles than configured).
 */
export function loadConfig(
  env: EnvSource = readProcessEnv(),
  roles?: readonly Role[],
): RelayConfig {
  const source = withoutBlanks(env);
  const result = envSchema.safeParse(source);
  if (!result.success) throw new ConfigError(describeIssues(result.error.issues));
  const parsed = result.data;
  const activeRoles = roles ? [...roles] : parsed.RELAY_ROLES;
  const problems = missingForRoles(parsed, activeRoles);
  if (parsed.EVENTS_WEBHOOK_URL && !parsed.EVENTS_WEBHOOK_SECRET) {
    problems.push("EVENTS_WEBHOOK_SECRET: required when EVENTS_WEBHOOK_URL is set");
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return toConfig(parsed, activeRoles);
}

/** The process environment; the one place in the product that reads it. */
export function readProcessEnv(): EnvSource {
  return process.env;
}

/** Variables whose empty value is a setting of its own (WINDOW_REMINDER_MINUTES=: reminders off). */
const EMPTY_MEANS_NONE = new Set(["WINDOW_REMINDER_MINUTES"]);

function withoutBlanks(env: EnvSource): EnvSource {
  // An empty variable (FOO=) means "not set", as in most twelve-factor tools.
  return Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) => value !== undefined && (value.trim() !== "" || EMPTY_MEANS_NONE.has(key)),
    ),
  );
}

function describeIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const key = issue.path.join(".") || "environment";
    return `${key}: ${issue.message}`;
  });
}

function missingForRoles(parsed: ParsedEnv, roles: Role[]): string[] {
  const missing = new Set<keyof ParsedEnv>();
  for (const role of roles) {
    for (const key of requirementsByRole[role]) {
      if (parsed[key] === undefined) missing.add(key);
    }
  }
  return [...missing].map(
    (key) => `${key}: required for role(s) ${rolesNeeding(key, roles).join(", ")}`,
  );
}

function rolesNeeding(key: keyof ParsedEnv, roles: Role[]): Role[] {
  return roles.filter((role) => requirementsByRole[role].includes(key));
}

function toConfig(p: ParsedEnv, roles: Role[]): RelayConfig {
  return {
    roles,
    logLevel: p.LOG_LEVEL,
    shutdownTimeoutMs: p.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    redis: {
      url: p.REDIS_URL,
      clusterNodes: p.REDIS_CLUSTER_NODES ?? null,
      keyPrefix: p.RELAY_KEY_PREFIX,
    },
    ports: { ingress: p.INGRESS_PORT, api: p.API_PORT, worker: p.WORKER_PORT },
    meta: {
      appSecrets: p.META_APP_SECRET ?? [],
      verifyToken: p.META_VERIFY_TOKEN ?? "",
      graphUrl: p.META_GRAPH_URL.replace(/\/+$/, ""),
      graphVersion: p.META_GRAPH_VERSION,
      graphTimeoutMs: p.GRAPH_TIMEOUT_MS,
      graphMaxAttempts: p.GRAPH_MAX_ATTEMPTS,
      appId: p.META_APP_ID ?? null,
      instagramGraphUrl: p.META_INSTAGRAM_GRAPH_URL.replace(/\/+$/, ""),
      instagramAppSecrets: p.META_INSTAGRAM_APP_SECRET ?? [],
    },
    channels: {
      subscriptionCheckMs: Math.round(p.SUBSCRIPTION_CHECK_MINUTES * 60_000),
      webhookSilenceMs: Math.round(p.WEBHOOK_SILENCE_MINUTES * 60_000),
    },
    windowMarginMs: p.WINDOW_SAFETY_MARGIN_SECONDS * 1000,
    reminderLeadMinutes: p.WINDOW_REMINDER_MINUTES,
    api: {
      keys: p.RELAY_API_KEYS ?? [],
      bodyLimitBytes: p.API_BODY_LIMIT_BYTES,
      messageRetentionDays: p.MESSAGE_RETENTION_DAYS,
      mediaMaxBytes: p.MEDIA_MAX_BYTES,
    },
    encryptionKey: p.RELAY_ENCRYPTION_KEY ?? Buffer.alloc(0),
    dashboard: {
      username: p.DASHBOARD_USERNAME ?? "",
      password: p.DASHBOARD_PASSWORD ?? "",
      allowRetries: p.DASHBOARD_ALLOW_RETRIES,
    },
    worker: {
      outboundConcurrency: p.OUTBOUND_CONCURRENCY,
      eventsConcurrency: p.EVENTS_CONCURRENCY,
    },
    events: {
      webhookUrl: p.EVENTS_WEBHOOK_URL ?? null,
      webhookSecret: p.EVENTS_WEBHOOK_SECRET?.[0] ?? null,
      webhookSecrets: p.EVENTS_WEBHOOK_SECRET ?? [],
      timeoutMs: p.EVENTS_TIMEOUT_MS,
      maxAgeMs: p.EVENTS_MAX_AGE_HOURS * 3600 * 1000,
    },
  };
}
