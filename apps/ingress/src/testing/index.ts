// Shared by the ingress integration tests: a running ingress on a fresh key prefix, a signed POST,
// the store's own reader, the events queue, and builders of Meta's payloads.
import { loadConfig, type RelayConfig } from "@meta-relay/config";
import type { ConversationRef } from "@meta-relay/core";
import { metaSignature } from "@meta-relay/meta";
import {
  createLogger,
  createMetrics,
  type Logger,
  type RelayMetrics,
} from "@meta-relay/observability";
import { EVENTS_QUEUE, openQueue } from "@meta-relay/queues";
import {
  closeRedis,
  createKeys,
  createRedis,
  createWindowStore,
  type RedisClient,
} from "@meta-relay/store";
import { scanKeys, testRedisEnv, uniquePrefix } from "@meta-relay/testkit";
import { ignoringErrors, QUEUED_EVENTS_ENV, waitFor as pollFor } from "@meta-relay/testkit/testing";
import { type Queue } from "bullmq";
import { startIngress, type RunningIngress } from "../ingress";
import type { StatusSink } from "../status-sink";

export const OLD_SECRET = "old-app-secret";
export const NEW_SECRET = "new-app-secret";
export const VERIFY_TOKEN = "verify-token-7f3a";

export interface TestIngress {
  base: string;
  config: RelayConfig;
  metrics: RelayMetrics;
  ingress: RunningIngress;
  /** A patient connection of the test's own, for assertions. */
  redis: RedisClient;
  events: Queue;
  post(body: unknown, options?: PostOptions): Promise<Response>;
  lastCustomerMessageAt(conversation: ConversationRef): Promise<number | null>;
  /** Jobs in the events queue, whatever their state. */
  eventCount(): Promise<number>;
  /** How many keys this test's prefix holds in Redis (the events queue's meta key aside). */
  keyCount(): Promise<number>;
  close(): Promise<void>;
}

export interface PostOptions {
  /** Secret to sign with (default: the newer app secret). */
  secret?: string;
  /** The exact header value; null sends no header. */
  signature?: string | null;
  /** Further request headers. */
  headers?: Record<string, string>;
}

export async function startTestIngress(
  options: {
    redisUrl?: string;
    statusSink?: StatusSink;
    logger?: Logger;
    env?: Record<string, string>;
    /** False: no EVENTS_WEBHOOK_URL, so events are counted and dropped (default: a receiver is set). */
    eventsReceiver?: boolean;
  } = {},
): Promise<TestIngress> {
  const prefix = uniquePrefix();
  // A test that brings its own (single) Redis names it; the others run on the suite's Redis.
  const redisEnv = options.redisUrl ? { REDIS_URL: options.redisUrl } : testRedisEnv();
  const config = loadConfig({
    RELAY_ROLES: "ingress",
    ...redisEnv,
    RELAY_KEY_PREFIX: prefix,
    INGRESS_PORT: "0",
    META_APP_SECRET: `${OLD_SECRET},${NEW_SECRET}`,
    META_VERIFY_TOKEN: VERIFY_TOKEN,
    LOG_LEVEL: "silent",
    // The tests read what the ingress queues.
    ...(options.eventsReceiver === false ? {} : QUEUED_EVENTS_ENV),
    ...options.env,
  });
  const metrics = createMetrics();
  const logger = options.logger ?? createLogger({ level: "silent" });
  const ingress = await startIngress({
    config,
    logger,
    metrics,
    ...(options.statusSink ? { statusSink: options.statusSink } : {}),
  });
  const redis = createRedis(config.redis, { mode: "patient" });
  const keys = createKeys(prefix);
  const windows = createWindowStore(redis, keys);
  const events = openQueue(EVENTS_QUEUE, { connection: redis, keyPrefix: prefix });
  events.on("error", () => undefined);
  const base = `http://127.0.0.1:${ingress.port}`;
  // The queue's meta key is written when a Queue object is built, not by a webhook.
  const keyCount = async () =>
    (await prefixKeys(redis, prefix)).filter((key) => !key.endsWith(":events:meta")).length;
  return {
    base,
    config,
    metrics,
    ingress,
    redis,
    events,
    post: (body, postOptions) => postWebhook(base, body, postOptions),
    lastCustomerMessageAt: (c) => windows.lastCustomerMessageAt(c),
    eventCount: async () => {
      const counts = await events.getJobCounts();
      return Object.values(counts).reduce((sum, n) => sum + n, 0);
    },
    keyCount,
    async close() {
      await ingress.close(2_000);
      await events.close();
      const leftovers = await prefixKeys(redis, prefix).catch(() => []);
      // One key per command: on a Redis Cluster the keys live in different slots.
      await Promise.all(leftovers.map((key) => redis.unlink(key).catch(() => 0)));
      await closeRedis(redis);
    },
  };
}

async function prefixKeys(redis: RedisClient, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for (const match of [`${prefix}:*`, `{${prefix}:*`])
    found.push(...(await scanKeys(redis, match)));
  return found;
}

export function postWebhook(base: string, body: unknown, options: PostOptions = {}) {
  const raw = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const signature =
    options.signature === undefined
      ? metaSignature(raw, options.secret ?? NEW_SECRET)
      : options.signature;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...options.headers,
  };
  if (signature !== null) headers["x-hub-signature-256"] = signature;
  return fetch(`${base}/webhooks/meta`, { method: "POST", headers, body: raw });
}

/** Polls `check` until it returns true or `timeoutMs` passes; a check that throws is "not yet". */
export function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  return pollFor(ignoringErrors(check), timeoutMs, "the condition", 100);
}

// Builders of Meta's payloads: they live in @meta-relay/testkit/testing, for any workspace's tests.
export {
  fromCustomer,
  fromPage,
  messagingWebhook,
  whatsappText,
  whatsappWebhook,
} from "@meta-relay/testkit/testing";
