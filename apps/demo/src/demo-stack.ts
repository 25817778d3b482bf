import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, rmSync, statSync, type WriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@meta-relay/config";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { startRelay, type RunningRelay } from "@meta-relay/relay";
import {
  createSimCustomers,
  startMetaSimulator,
  type MetaSimulator,
  type SimCustomers,
} from "@meta-relay/testkit";
import { DemoError } from "./demo-error";
import { startEventsReceiver, type EventsReceiver } from "./events-receiver";
import { chooseRedis, removeDemoKeys, type DemoRedis } from "./redis-choice";
import { createRelayClient, type RelayClient } from "./relay-client";
import { DEMO_CHANNELS, type DemoChannel } from "./scenario";

export interface DemoStackOptions {
  /** REDIS_URL from the environment, if any. */
  redisUrl: string | undefined;
  /** A Meta error code the simulator answers every send with, or null. */
  simulateMetaError: number | null;
  apiPort: number;
  ingressPort: number;
}

/** Everything the demo runs in its process: Redis (maybe), the relay, the fake Meta, an events receiver. */
export interface DemoStack {
  redis: DemoRedis;
  sim: MetaSimulator;
  customers: SimCustomers;
  receiver: EventsReceiver;
  client: RelayClient;
  channels: readonly DemoChannel[];
  urls: { ingress: string; api: string; dashboard: string; docs: string; graph: string };
  credentials: { apiKey: string; dashboardUser: string; dashboardPassword: string };
  /** Where the relay's own logs (warn and above) go. */
  logFile: string;
  keyPrefix: string;
  /** Stops everything, in reverse order; never throws. */
  close(): Promise<void>;
}

/** Meta's follow-up webhooks (echoes, statuses) wait this long, so the relay has recorded its send. */
const FOLLOW_UP_DELAY_MS = 100;

export async function startDemoStack(options: DemoStackOptions): Promise<DemoStack> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    return { ...(await assemble(options, closers)), close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function assemble(
  options: DemoStackOptions,
  closers: (() => Promise<unknown>)[],
): Promise<Omit<DemoStack, "close">> {
  const redis = await chooseRedis(options.redisUrl);
  closers.push(() => redis.stop());
  const keyPrefix = `demo${randomBytes(4).toString("hex")}`;
  // On a shared Redis the demo leaves nothing behind: its keys all carry a prefix of its own.
  if (!redis.owned) closers.push(() => removeDemoKeys(redis.url, keyPrefix));

  const sim = await startMetaSimulator();
  closers.push(() => sim.close());
  if (options.simulateMetaError !== null) {
    sim.inject({ kind: "error", code: options.simulateMetaError, count: Infinity });
  }
  const eventsSecret = randomBytes(24).toString("hex");
  const receiver = await startEventsReceiver(eventsSecret);
  closers.push(() => receiver.close());

  const secrets = {
    appSecret: randomBytes(16).toString("hex"),
    apiKey: `demo-${randomBytes(12).toString("hex")}`,
    dashboardPassword: randomBytes(9).toString("base64url"),
  };
  const { logFile, stream } = openLogFile();
  closers.push(() => closeLogFile(logFile, stream));
  const config = loadConfig({
    REDIS_URL: redis.url,
    RELAY_KEY_PREFIX: keyPrefix,
    INGRESS_PORT: String(options.ingressPort),
    API_PORT: String(options.apiPort),
    WORKER_PORT: "0",
    META_APP_SECRET: secrets.appSecret,
    META_VERIFY_TOKEN: randomBytes(8).toString("hex"),
    META_GRAPH_URL: sim.graphUrl,
    META_INSTAGRAM_GRAPH_URL: sim.instagramGraphUrl,
    // The watchdog checks the channels' webhook subscriptions with the simulated Meta's app id.
    META_APP_ID: sim.appId,
    // A simulated retryable error should end the demo in seconds, not after a minute of backoff.
    GRAPH_MAX_ATTEMPTS: options.simulateMetaError === null ? undefined : "3",
    RELAY_API_KEYS: secrets.apiKey,
    RELAY_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    DASHBOARD_USERNAME: "demo",
    DASHBOARD_PASSWORD: secrets.dashboardPassword,
    EVENTS_WEBHOOK_URL: receiver.url,
    EVENTS_WEBHOOK_SECRET: eventsSecret,
    LOG_LEVEL: "warn",
    SHUTDOWN_TIMEOUT_SECONDS: "5",
  });
  const relay = await startRelay(
    config,
    createLogger({ level: "warn", destination: stream }),
    createMetrics(),
  );
  closers.push(() => relay.close(5_000));

  const apiBase = `http://127.0.0.1:${portOf(relay, "api")}`;
  const ingressBase = `http://127.0.0.1:${portOf(relay, "ingress")}`;
  const customers = createSimCustomers({
    ingressUrl: ingressBase,
    appSecret: secrets.appSecret,
    simulator: sim,
    followUps: true,
    followUpDelayMs: FOLLOW_UP_DELAY_MS,
  });
  closers.push(() => customers.close());
  const client = createRelayClient(apiBase, secrets.apiKey);
  const channels = Object.values(DEMO_CHANNELS);
  for (const channel of channels) await connect(sim, client, channel);

  return {
    redis,
    sim,
    customers,
    receiver,
    client,
    channels,
    keyPrefix,
    logFile,
    urls: {
      ingress: `${ingressBase}/webhooks/meta`,
      api: `${apiBase}/v1`,
      dashboard: `${apiBase}/admin/queues`,
      docs: `${apiBase}/docs`,
      graph: sim.graphUrl,
    },
    credentials: {
      apiKey: secrets.apiKey,
      dashboardUser: "demo",
      dashboardPassword: secrets.dashboardPassword,
    },
  };
}

/** The simulated Meta learns the channel's token; the relay learns it through the real API. */
async function connect(
  sim: MetaSimulator,
  client: RelayClient,
  channel: DemoChannel,
): Promise<void> {
  sim.addChannel({
    platform: channel.platform,
    channelId: channel.channelId,
    accessToken: channel.accessToken,
    humanAgent: channel.humanAgent,
    ...(channel.pageId ? { pageId: channel.pageId } : {}),
  });
  await client.putChannel(channel.platform, channel.channelId, {
    accessToken: channel.accessToken,
    humanAgent: channel.humanAgent,
    name: channel.name,
    ...(channel.pageId ? { pageId: channel.pageId } : {}),
  });
}

function portOf(relay: RunningRelay, role: "api" | "ingress"): number {
  const running = relay.roles.find((r) => r.role === role);
  if (!running)
    throw new DemoError("demo_start_failed", `the relay did not start its ${role} role`);
  return running.port;
}

function openLogFile(): { logFile: string; stream: WriteStream } {
  const dir = mkdtempSync(join(tmpdir(), "meta-relay-demo-"));
  const logFile = join(dir, "relay.log");
  return { logFile, stream: createWriteStream(logFile, { flags: "a" }) };
}

/** Closes the relay's log; an empty one is removed with its directory (nothing worth keeping). */
async function closeLogFile(logFile: string, stream: WriteStream): Promise<void> {
  await new Promise<void>((resolve) => stream.end(() => resolve()));
  if (statSync(logFile, { throwIfNoEntry: false })?.size === 0) {
    rmSync(join(logFile, ".."), { recursive: true, force: true });
  }
}
