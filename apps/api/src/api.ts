import { cachedKeyLookup } from "@meta-relay/access";
import { createChannelServices } from "@meta-relay/channels";
import type { RelayConfig } from "@meta-relay/config";
import { createHttpServer } from "@meta-relay/http";
import { createGraphClient, createMediaClient } from "@meta-relay/meta";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import { createOutbox } from "@meta-relay/outbound";
import {
  EventPublisher,
  publisherOptions,
  EVENTS_QUEUE,
  openQueue,
  OUTBOUND_QUEUE,
} from "@meta-relay/queues";
import {
  closeRedis,
  createApiKeyStore,
  createKeys,
  createMessageStore,
  createPipelinedRedis,
  createRedis,
  distinctConnections,
  isRedisReachable,
} from "@meta-relay/store";
import type { Express } from "express";
import { mountOperations } from "./admin/operations";
import { mountDocs } from "./docs/docs-routes";
import { v1Router } from "./v1/v1-router";

export interface RoleDeps {
  config: RelayConfig;
  logger: Logger;
  metrics: RelayMetrics;
}

export interface RunningApi {
  port: number;
  /** The express app, so tests can compare its routes with the reference. */
  app: Express;
  close(timeoutMs: number): Promise<void>;
}

/** Starts the agent API, the queue dashboard and the API docs on API_PORT. */
export async function startApi({ config, logger, metrics }: RoleDeps): Promise<RunningApi> {
  const log = logger.child({ role: "api" });
  const redis = createRedis(config.redis, {
    mode: "patient",
    name: "api",
    onError: (err) => log.warn({ err }, "redis connection error"),
  });
  // The message records of concurrent POSTs leave in one socket write (a write is a large share of
  // a reply's CPU here and in Redis); BullMQ never uses this connection. On a Cluster the shared
  // connection serves (see `autoPipelining`).
  const messagesRedis = createPipelinedRedis(config.redis, redis, {
    mode: "patient",
    name: "api-messages",
    onError: (err) => log.warn({ err }, "redis connection error"),
  });
  const http = createHttpServer({
    role: "api",
    logger: log,
    metrics,
    ready: () => isRedisReachable(redis),
  });
  const keys = createKeys(config.redis.keyPrefix);
  const outboundQueue = openQueue(OUTBOUND_QUEUE, {
    connection: redis,
    keyPrefix: config.redis.keyPrefix,
    onError: (err) => log.warn({ err }, "outbound queue error"),
  });
  const eventsQueue = openQueue(EVENTS_QUEUE, {
    connection: redis,
    keyPrefix: config.redis.keyPrefix,
    onError: (err) => log.warn({ err }, "events queue error"),
  });
  const channelServices = createChannelServices({
    redis,
    keyPrefix: config.redis.keyPrefix,
    encryptionKey: config.encryptionKey,
    graph: {
      url: config.meta.graphUrl,
      instagramUrl: config.meta.instagramGraphUrl,
      version: config.meta.graphVersion,
      timeoutMs: config.meta.graphTimeoutMs,
    },
    events: new EventPublisher(eventsQueue, publisherOptions(config.events, metrics.events)),
    log,
  });
  const { channels } = channelServices;
  const apiKeys = createApiKeyStore(redis, keys);
  http.app.use(
    "/v1",
    v1Router(
      {
        log,
        redis,
        keys,
        channels,
        channelClient: channelServices.client,
        channelState: channelServices.state,
        outbox: createOutbox({
          channels,
          messages: createMessageStore(messagesRedis, keys, {
            retentionMs: config.api.messageRetentionDays * 24 * 3600 * 1000,
          }),
          queue: outboundQueue,
          log: log.child({ module: "messages" }),
        }),
        apiKeys,
        keyLookup: cachedKeyLookup(apiKeys),
        marginMs: config.windowMarginMs,
        graph: createGraphClient({
          graphUrl: config.meta.graphUrl,
          instagramGraphUrl: config.meta.instagramGraphUrl,
          timeoutMs: config.meta.graphTimeoutMs,
        }),
        graphVersion: config.meta.graphVersion,
        media: createMediaClient({
          graphUrl: config.meta.graphUrl,
          graphVersion: config.meta.graphVersion,
          timeoutMs: config.meta.graphTimeoutMs,
          maxBytes: config.api.mediaMaxBytes,
        }),
        metrics,
      },
      { apiKeys: config.api.keys, bodyLimitBytes: config.api.bodyLimitBytes },
    ),
  );
  const operations = mountOperations(http.app, {
    config,
    logger: log,
    metrics,
    redis,
    outboundQueue,
  });
  mountDocs(http.app);
  const port = await http.listen(config.ports.api);
  log.info({ port }, "api listening");
  return {
    port,
    app: http.app,
    async close(timeoutMs) {
      await http.close(timeoutMs);
      await operations.close();
      await outboundQueue.close();
      await eventsQueue.close();
      await Promise.all(distinctConnections(redis, messagesRedis).map(closeRedis));
    },
  };
}
