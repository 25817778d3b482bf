import { createChannelServices, createWebhookActivity } from "@meta-relay/channels";
import type { RelayConfig } from "@meta-relay/config";
import { createHttpServer } from "@meta-relay/http";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import { createStatusNews } from "@meta-relay/outbound";
import { publisherOptions } from "@meta-relay/queues";
import {
  closeRedis,
  createKeys,
  createPipelinedRedis,
  createRedis,
  createWindowStore,
  distinctConnections,
  isRedisReachable,
  type RedisClient,
} from "@meta-relay/store";
import { EventsQueue } from "./events-queue";
import type { StatusSink } from "./status-sink";
import { createWebhookHandler } from "./webhook-handler";
import { mountWebhookRoutes } from "./webhook-routes";

/** How long start-up waits for the Redis connection before it listens anyway. */
const START_WAIT_MS = 2_000;

export interface RoleDeps {
  config: RelayConfig;
  logger: Logger;
  metrics: RelayMetrics;
}

export interface IngressDeps extends RoleDeps {
  /** Takes status items and echoes; defaults to the sink that updates our message records. */
  statusSink?: StatusSink;
}

export interface RunningIngress {
  port: number;
  close(timeoutMs: number): Promise<void>;
}

/** Starts the Meta-facing ingress on INGRESS_PORT. Starts also while Redis is away (503 until back). */
export async function startIngress(deps: IngressDeps): Promise<RunningIngress> {
  const { config, metrics } = deps;
  const log = deps.logger.child({ role: "ingress" });
  // Fail fast: a webhook we cannot record must get a 503 quickly, so Meta redelivers it.
  const redis = createRedis(config.redis, {
    mode: "fail-fast",
    name: "ingress",
    onError: (err) => log.warn({ err }, "redis connection error"),
  });
  // The window writes of concurrent webhooks leave in one write to Redis: a write is the largest
  // single cost of a webhook (the socket call), and a connection of the window script alone may
  // pipeline. On a Cluster the one connection serves (see `autoPipelining`).
  const windowsRedis = createPipelinedRedis(config.redis, redis, {
    mode: "fail-fast",
    name: "ingress-windows",
    onError: (err) => log.warn({ err }, "redis connection error"),
  });
  const connections = distinctConnections(redis, windowsRedis);
  const events = new EventsQueue(
    redis,
    config.redis.keyPrefix,
    log,
    publisherOptions(config.events, metrics.events),
  );
  const keys = createKeys(config.redis.keyPrefix);
  const statusSink =
    deps.statusSink ??
    createStatusNews({
      redis,
      keys,
      marginMs: config.windowMarginMs,
      publish: async (items) => (await events.publisher()).publish(items),
      metrics,
      log,
    });
  const channels = createChannelServices({
    redis,
    keyPrefix: config.redis.keyPrefix,
    encryptionKey: config.encryptionKey,
    graph: {
      url: config.meta.graphUrl,
      instagramUrl: config.meta.instagramGraphUrl,
      version: config.meta.graphVersion,
      timeoutMs: config.meta.graphTimeoutMs,
    },
    events: { publish: async (items) => (await events.publisher()).publish(items) },
    log,
  });
  const handle = createWebhookHandler({
    windows: createWindowStore(windowsRedis, keys),
    events,
    statusSink,
    channelNotices: channels.state,
    activity: createWebhookActivity({
      state: channels.stateStore,
      log,
      // Well under the silence period, so a channel in use never looks silent by our rounding.
      throttleMs: Math.min(60_000, config.channels.webhookSilenceMs / 10),
    }),
    metrics,
    log,
  });
  const http = createHttpServer({
    role: "ingress",
    logger: log,
    metrics,
    ready: async () => (await Promise.all(connections.map(isRedisReachable))).every(Boolean),
  });
  mountWebhookRoutes(http.app, {
    verifyToken: config.meta.verifyToken,
    appSecrets: config.meta.appSecrets,
    instagramAppSecrets: config.meta.instagramAppSecrets,
    handle,
    metrics,
    log,
  });
  // Give Redis a moment so the first webhooks are not refused, but never refuse to start: Meta
  // redelivers what the ingress answers 503 to while Redis is away.
  const reachable = await Promise.all(connections.map((c) => connected(c, START_WAIT_MS)));
  if (!reachable.every(Boolean)) {
    log.warn(
      { waitedMs: START_WAIT_MS },
      "redis not reachable at start, answering 503 until it is",
    );
  }
  const port = await http.listen(config.ports.ingress);
  log.info({ port }, "ingress listening");
  return {
    port,
    async close(timeoutMs) {
      await http.close(timeoutMs);
      await events.close();
      await Promise.all(connections.map(closeRedis));
    },
  };
}

/** Resolves true once the client is ready, false after `ms` without a connection. */
function connected(redis: RedisClient, ms: number): Promise<boolean> {
  if (redis.status === "ready") return Promise.resolve(true);
  return new Promise((resolve) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      redis.off("ready", onReady);
      resolve(false);
    }, ms);
    redis.once("ready", onReady);
  });
}
