import { Cluster, Redis, type ClusterOptions, type RedisOptions } from "ioredis";

/** A single Redis or a Redis Cluster; every store function accepts either. */
export type RedisClient = Redis | Cluster;

export interface RedisSettings {
  url: string;
  /** When set, connect to this Redis Cluster instead of `url`. */
  clusterNodes: { host: string; port: number }[] | null;
}

/**
 * How a connection behaves when Redis is away:
 * - `fail-fast`: commands reject at once (the ingress answers 503 so Meta redelivers);
 * - `patient`: commands wait for the reconnect (API, producers that can afford to wait a little);
 * - `blocking`: what BullMQ workers need (`maxRetriesPerRequest: null`).
 */
export type ConnectionMode = "fail-fast" | "patient" | "blocking";

export interface CreateRedisOptions {
  mode: ConnectionMode;
  /** A name shown in CLIENT LIST, e.g. "ingress". */
  name?: string;
  /** Called with connection errors; ioredis would otherwise print them to stderr. */
  onError?: (error: Error) => void;
  /**
   * Single Redis only: the commands issued in one turn of the event loop leave in one write. Only
   * for a connection of independent scripts that BullMQ never uses (it reports lost jobs with it).
   * Ignored on a Cluster, where a fail-fast connection would refuse commands while it maps slots.
   */
  autoPipelining?: boolean;
}

export function createRedis(settings: RedisSettings, options: CreateRedisOptions): RedisClient {
  const common = modeOptions(options.mode);
  if (options.name) common.connectionName = options.name;
  if (options.autoPipelining && !settings.clusterNodes) common.enableAutoPipelining = true;
  const client: RedisClient = settings.clusterNodes
    ? new Cluster(settings.clusterNodes, clusterOptions(common))
    : new Redis(settings.url, common);
  client.on("error", (error: Error) => options.onError?.(error));
  return client;
}

/**
 * A process's second connection, for its own independent scripts (BullMQ never uses it): on a single
 * Redis it auto-pipelines; on a Cluster, where auto-pipelining is off, it is `shared` itself.
 */
export function createPipelinedRedis(
  settings: RedisSettings,
  shared: RedisClient,
  options: Omit<CreateRedisOptions, "autoPipelining">,
): RedisClient {
  if (settings.clusterNodes) return shared;
  return createRedis(settings, { ...options, autoPipelining: true });
}

/** The distinct connections among `clients` (a pipelined one may be the shared one itself). */
export function distinctConnections(...clients: RedisClient[]): RedisClient[] {
  return [...new Set(clients)];
}

function modeOptions(mode: ConnectionMode): RedisOptions {
  // Auto-pipelining is off unless asked for: BullMQ reports lost-job errors with it.
  const shared: RedisOptions = { enableAutoPipelining: false, lazyConnect: false };
  switch (mode) {
    case "fail-fast":
      // Meta's budget is 5 s; answer 503 well inside it rather than queue writes in memory.
      return {
        ...shared,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        commandTimeout: 1_500,
        connectTimeout: 1_000,
      };
    case "patient":
      return { ...shared, maxRetriesPerRequest: 3, commandTimeout: 5_000 };
    case "blocking":
      return { ...shared, maxRetriesPerRequest: null };
  }
}

function clusterOptions(redisOptions: RedisOptions): ClusterOptions {
  const { enableOfflineQueue, ...nodeOptions } = redisOptions;
  return {
    redisOptions: nodeOptions,
    enableOfflineQueue: enableOfflineQueue ?? true,
    enableAutoPipelining: false,
    // Scripts and MULTI must reach the master that owns the slot.
    scaleReads: "master",
    slotsRefreshTimeout: 2_000,
  };
}

/** True when Redis answers PING now. */
export async function isRedisReachable(client: RedisClient): Promise<boolean> {
  try {
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  }
}

/** QUIT if connected, otherwise drop the socket; never throws (used on shutdown). */
export async function closeRedis(client: RedisClient): Promise<void> {
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
