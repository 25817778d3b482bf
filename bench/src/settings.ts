/** How long each part of the bench runs; `--quick` keeps the whole run near a minute. */
export interface BenchSettings {
  quick: boolean;
  warmupSeconds: number;
  roundSeconds: number;
  rounds: number;
  /** autocannon connections at saturation. */
  connections: number;
  redisUrl: string;
  /** RELAY_KEY_PREFIX of the product processes; every bench key starts with it (or `{` + it). */
  keyPrefix: string;
  /** OUTBOUND_CONCURRENCY of the product worker, and the concurrency of the no-op baseline. */
  workerConcurrency: number;
  /** Messenger pages the delivery scenario sends through (their pacing raised). */
  deliveryChannels: number;
  /** Customers with an open window per delivery channel. */
  customersPerChannel: number;
  /** Jobs the no-op BullMQ baseline consumes per round. */
  baselineJobs: number;
  /** Fixed offered load of the latency measurement, replies/s. */
  latencyRate: number;
  /** Length of each latency round, s. */
  latencySeconds: number;
  /** Conversations recorded for the memory figure. */
  memoryConversations: number;
  /** Window decisions counted for the round-trip figure. */
  decisions: number;
}

export type Timing = Omit<BenchSettings, "quick" | "redisUrl" | "keyPrefix">;

export function timing(quick: boolean): Timing {
  const shared = {
    rounds: 3,
    workerConcurrency: 50,
    deliveryChannels: 10,
    // Well inside the path's capacity, so the figure is latency and not queueing.
    latencyRate: 200,
    memoryConversations: 100_000,
  };
  return quick
    ? {
        ...shared,
        warmupSeconds: 1,
        roundSeconds: 2,
        connections: 50,
        customersPerChannel: 500,
        baselineJobs: 5_000,
        latencySeconds: 1,
        decisions: 1_000,
      }
    : {
        ...shared,
        warmupSeconds: 3,
        roundSeconds: 10,
        connections: 100,
        customersPerChannel: 1_000,
        baselineJobs: 40_000,
        latencySeconds: 10,
        decisions: 5_000,
      };
}

export const BENCH_APP_SECRET = "bench-app-secret";
export const BENCH_API_KEY = "bench-key-0123456789abcdef";
export const BENCH_ENV = {
  META_APP_SECRET: BENCH_APP_SECRET,
  META_VERIFY_TOKEN: "bench-verify",
  RELAY_API_KEYS: BENCH_API_KEY,
  RELAY_ENCRYPTION_KEY: "c".repeat(64),
  DASHBOARD_USERNAME: "bench",
  DASHBOARD_PASSWORD: "bench-password",
  LOG_LEVEL: "warn",
};

/** The environment of a product child process: the bench's Redis and key prefix. */
export function productEnv(settings: BenchSettings, extra: Record<string, string> = {}) {
  return {
    ...BENCH_ENV,
    REDIS_URL: settings.redisUrl,
    RELAY_KEY_PREFIX: settings.keyPrefix,
    ...extra,
  };
}
