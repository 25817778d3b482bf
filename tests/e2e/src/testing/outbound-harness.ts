import { Writable } from "node:stream";
import { startApi, type RunningApi } from "@meta-relay/api";
import { createClient, type components } from "@meta-relay/client";
import { loadConfig, type RelayConfig } from "@meta-relay/config";
import { startIngress, type RunningIngress } from "@meta-relay/ingress";
import type { ChannelEventType, ConversationRef, RelayEvent } from "@meta-relay/core";
import { createLogger, createMetrics, type RelayMetrics } from "@meta-relay/observability";
import {
  CHANNELS_QUEUE,
  EVENTS_QUEUE,
  openQueue,
  OUTBOUND_QUEUE,
  outboundEventId,
  queuePrefix,
} from "@meta-relay/queues";
import {
  createKeys,
  createRedis,
  createWindowStore,
  type Keys,
  type RedisClient,
} from "@meta-relay/store";
import {
  createSimCustomers,
  startMetaSimulator,
  testRedisEnv,
  uniquePrefix,
  type MetaSimulator,
  type MetaSimulatorOptions,
  type SimChannel,
  type SimCustomers,
} from "@meta-relay/testkit";
import { QUEUED_EVENTS_ENV, sleep, waitFor } from "@meta-relay/testkit/testing";
import {
  startChannelsProcessor,
  startOutboundProcessor,
  type ChannelsOptions,
  type OutboundOptions,
  type RunningProcessor,
} from "@meta-relay/worker";
import { Queue } from "bullmq";

// What the end-to-end outbound tests share: the fake Meta, the API and the outbound processor in this
// process, against the test Redis under a fresh prefix.

const API_KEY = "key-e2e-aaaaaaaaaaaa";
export const TEST_RETRY = { baseMs: 30, maxMs: 200 };
const APP_SECRET = "app-secret-e2e";

export interface HarnessOptions {
  outbound?: OutboundOptions;
  /** Extra environment for loadConfig (e.g. GRAPH_MAX_ATTEMPTS). */
  env?: Record<string, string>;
  /** Start without an outbound processor (a test starts its own, e.g. in a child process). */
  noWorker?: boolean;
  /** Also run the ingress, with Meta's echoes and statuses posted to it after every send. */
  ingress?: boolean;
  /** Options of the simulated Meta (its app id, Instagram token lifetimes). */
  sim?: MetaSimulatorOptions;
  /** Also run the channel watchdog in this process, with these options. */
  channels?: ChannelsOptions;
  /** No EVENTS_WEBHOOK_URL: events are only counted, so `event` and `channelEvents` find none. */
  withoutReceiver?: boolean;
}

type MessageInput = components["schemas"]["MessageInput"];

/** A parsed JSON body, loosely typed for assertions. */
export type Json = ReturnType<typeof JSON.parse>;

export interface MessageView {
  id: string;
  status: string;
  attempts: number;
  metaMessageId?: string;
  failure?: { reason: string; message: string; meta?: { code: number } };
}

export interface Harness {
  sim: MetaSimulator;
  /** Meta's webhook side, when the harness runs the ingress. */
  customers: SimCustomers | null;
  config: RelayConfig;
  env: Record<string, string>;
  keys: Keys;
  redis: RedisClient;
  metrics: RelayMetrics;
  /** Every log line the API and the worker wrote. */
  logLines: string[];
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  /** PUT the channel on our side and register it with the fake Meta. */
  channel(channel: SimChannel & { name?: string; adsWindow?: boolean }): Promise<void>;
  /** The `channel.*` events published so far (of one type, when given). */
  channelEvents(type?: ChannelEventType): Promise<RelayEvent<ChannelEventType>[]>;
  /**
   * The customer wrote at `atMs`, as the ingress would record it (and Meta knows it). Resolves to
   * Meta's id of that message, which replies, reactions and read receipts may name.
   */
  customerWrote(conv: ConversationRef, atMs: number): Promise<string>;
  send(body: Record<string, unknown>): Promise<string>;
  waitFinal(id: string, timeoutMs?: number): Promise<MessageView>;
  event(id: string, type: "message.sent" | "message.failed"): Promise<RelayEvent | null>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = await startMetaSimulator(options.sim);
  const prefix = uniquePrefix();
  const env: Record<string, string> = {
    ...testRedisEnv(),
    RELAY_KEY_PREFIX: prefix,
    API_PORT: "0",
    WORKER_PORT: "0",
    META_GRAPH_URL: sim.graphUrl,
    META_INSTAGRAM_GRAPH_URL: sim.instagramGraphUrl,
    META_APP_ID: sim.appId,
    // Long enough that a loaded test machine never times out a send by accident.
    GRAPH_TIMEOUT_MS: "8000",
    RELAY_API_KEYS: API_KEY,
    RELAY_ENCRYPTION_KEY: "d".repeat(64),
    DASHBOARD_USERNAME: "ops",
    DASHBOARD_PASSWORD: "password-1",
    INGRESS_PORT: "0",
    META_APP_SECRET: APP_SECRET,
    META_VERIFY_TOKEN: "verify-e2e",
    LOG_LEVEL: "debug",
    // The harness reads the events the relay queues; no events processor runs here.
    ...(options.withoutReceiver ? {} : QUEUED_EVENTS_ENV),
    ...options.env,
  };
  const config = loadConfig(env, ["api", "worker", "ingress"]);
  const logLines: string[] = [];
  const logger = createLogger({
    level: "debug",
    destination: new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString("utf8"));
        done();
      },
    }),
  });
  const metrics = createMetrics();
  const keys = createKeys(prefix);
  const redis = createRedis(config.redis, { mode: "blocking" });
  const windows = createWindowStore(redis, keys);
  const events = openQueue(EVENTS_QUEUE, { connection: redis, keyPrefix: prefix });
  const api: RunningApi = await startApi({ config, logger, metrics });
  const worker: RunningProcessor | null = options.noWorker
    ? null
    : await startOutboundProcessor(
        { config, logger, metrics, redis },
        { retry: TEST_RETRY, echoGraceMs: 200, ...options.outbound },
      );
  const channelsProcessor: RunningProcessor | null = options.channels
    ? await startChannelsProcessor({ config, logger, metrics, redis }, options.channels)
    : null;
  const ingress: RunningIngress | null = options.ingress
    ? await startIngress({ config, logger, metrics })
    : null;
  const customers = ingress
    ? createSimCustomers({
        ingressUrl: `http://127.0.0.1:${ingress.port}`,
        appSecret: APP_SECRET,
        simulator: sim,
        followUps: true,
      })
    : null;
  const base = `http://127.0.0.1:${api.port}`;
  const client = createClient({ baseUrl: base, apiKey: API_KEY });

  const call: Harness["api"] = async (method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };

  return {
    sim,
    customers,
    config,
    env,
    keys,
    redis,
    metrics,
    logLines,
    api: call,
    async channel(channel) {
      sim.addChannel(channel);
      const { platform, channelId } = channel;
      const res = await client.PUT("/v1/channels/{platform}/{channelId}", {
        params: { path: { platform, channelId } },
        body: {
          accessToken: channel.accessToken,
          humanAgent: channel.humanAgent ?? false,
          ...(channel.utilityMessages ? { utilityMessages: true } : {}),
          ...(channel.pageId ? { pageId: channel.pageId } : {}),
          ...(channel.name ? { name: channel.name } : {}),
          ...(channel.adsWindow ? { adsWindow: true } : {}),
          ...(channel.api ? { api: channel.api } : {}),
          ...(channel.wabaId ? { wabaId: channel.wabaId } : {}),
        },
      });
      if (!res.data) throw new Error(`PUT channel: ${res.response.status}`);
    },
    async channelEvents(type) {
      const jobs = await events.getJobs(["waiting", "delayed", "active", "completed", "failed"]);
      return jobs
        .map((job) => job.data as RelayEvent)
        .filter((event): event is RelayEvent<ChannelEventType> => event.type.startsWith("channel."))
        .filter((event) => type === undefined || event.type === type)
        .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    },
    async customerWrote(conv, atMs) {
      const metaMessageId = `${conv.platform === "whatsapp" ? "wamid" : "mid"}.${conv.userId}.${atMs}`;
      sim.customerWrote({ ...conv, atMs, metaMessageId });
      await windows.recordCustomerActions([
        { ...conv, userIds: [conv.userId], timestampMs: atMs, opensWindow: true, metaMessageId },
      ]);
      return metaMessageId;
    },
    async send(body) {
      // Tests build bodies loosely; the API validates them, as it would an agent platform's.
      const res = await client.POST("/v1/messages", { body: body as MessageInput });
      if (!res.data) {
        throw new Error(`POST /v1/messages: ${res.response.status} ${JSON.stringify(res.error)}`);
      }
      return res.data.id;
    },
    async waitFinal(id, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const res = await client.GET("/v1/messages/{id}", { params: { path: { id } } });
        if (!res.data) throw new Error(`GET /v1/messages/${id}: ${res.response.status}`);
        if (res.data.status !== "queued") return res.data;
        if (Date.now() > deadline)
          throw new Error(`message ${id} still queued after ${timeoutMs} ms`);
        await sleep(50);
      }
    },
    async event(id, type) {
      const job = await events.getJob(outboundEventId(id, type));
      return (job?.data as RelayEvent | undefined) ?? null;
    },
    async close() {
      await customers?.close();
      await ingress?.close(1_000);
      await worker?.close(2_000);
      await channelsProcessor?.close(2_000);
      await api.close(1_000);
      await events.obliterate({ force: true }).catch(() => undefined);
      await events.close();
      const outbound = openQueue(OUTBOUND_QUEUE, { connection: redis, keyPrefix: prefix });
      await outbound.obliterate({ force: true }).catch(() => undefined);
      await outbound.close();
      const scheduled = new Queue(CHANNELS_QUEUE, {
        connection: redis,
        prefix: queuePrefix(prefix, CHANNELS_QUEUE),
      });
      await scheduled.obliterate({ force: true }).catch(() => undefined);
      await scheduled.close();
      redis.disconnect();
      await sim.close();
    },
  };
}

export { sleep, waitFor };
