import { randomBytes } from "node:crypto";
import { Cluster, Redis, type RedisOptions } from "ioredis";
import { REDIS_SERVER_MISSING } from "./redis-server";

/** Set by the jest global setup: where the integration tests' single Redis is. */
export const TEST_REDIS_URL_VAR = "META_RELAY_TEST_REDIS_URL";
export const TEST_REDIS_ERROR_VAR = "META_RELAY_TEST_REDIS_ERROR";
/** Set by the jest global setup when the suite runs on a Redis Cluster: its seeds, "host:port,...". */
export const TEST_REDIS_CLUSTER_VAR = "META_RELAY_TEST_REDIS_CLUSTER_NODES";
/** `1` makes the jest global setup start a 3-master Redis Cluster and run the suite on it. */
export const START_TEST_CLUSTER_VAR = "META_RELAY_TEST_CLUSTER";

/** What `testRedisClient()` returns: a single Redis or a Redis Cluster. */
export type TestRedisClient = Redis | Cluster;

/** The Redis a test hands to the product: the shape of `RelayConfig["redis"]` without the prefix. */
export interface TestRedisSettings {
  url: string;
  /** Seeds of the Redis Cluster the suite runs on; null on a single Redis. */
  clusterNodes: { host: string; port: number }[] | null;
}

/**
 * A single Redis: REDIS_URL when set, else the redis-server the jest global setup started. Also
 * there when the suite runs on a cluster, for the tests that are about one Redis by nature (the
 * demo, the redis-server launcher). Fails loudly (never skips) when there is none.
 */
export function testRedisUrl(): string {
  const url = process.env[TEST_REDIS_URL_VAR] ?? process.env.REDIS_URL;
  if (url) return url;
  throw new Error(process.env[TEST_REDIS_ERROR_VAR] ?? REDIS_SERVER_MISSING);
}

/**
 * The Redis the product under test runs on: the suite's Redis Cluster when there is one
 * (`npm run test:cluster`, or REDIS_CLUSTER_NODES set), otherwise the single test Redis.
 */
export function testRedisSettings(): TestRedisSettings {
  const seeds = clusterSeeds();
  if (!seeds) return { url: testRedisUrl(), clusterNodes: null };
  const nodes = parseSeeds(seeds);
  const first = nodes[0];
  const url =
    process.env[TEST_REDIS_URL_VAR] ??
    process.env.REDIS_URL ??
    (first ? `redis://${first.host}:${first.port}` : "");
  return { url, clusterNodes: nodes };
}

/** `testRedisSettings()` as environment variables, for `loadConfig({...})` or a child process. */
export function testRedisEnv(): { REDIS_URL: string; REDIS_CLUSTER_NODES?: string } {
  const settings = testRedisSettings();
  const seeds = clusterSeeds();
  return seeds
    ? { REDIS_URL: settings.url, REDIS_CLUSTER_NODES: seeds }
    : { REDIS_URL: settings.url };
}

/** True when the suite runs on a Redis Cluster. */
export function testRedisIsCluster(): boolean {
  return clusterSeeds() !== null;
}

/**
 * A raw ioredis client on `testRedisSettings()`: a Cluster when the suite runs on one. For tests
 * that drive BullMQ or Redis directly; product code builds its clients with the store's createRedis.
 */
export function testRedisClient(options: RedisOptions = {}): TestRedisClient {
  const settings = testRedisSettings();
  if (!settings.clusterNodes) return new Redis(settings.url, options);
  return new Cluster(settings.clusterNodes, {
    redisOptions: options,
    scaleReads: "master",
    enableAutoPipelining: false,
  });
}

/** Every key matching `pattern`, on every master when `client` is a Cluster (SCAN is per node). */
export async function scanKeys(client: TestRedisClient, pattern: string): Promise<string[]> {
  const nodes = client instanceof Cluster ? client.nodes("master") : [client];
  const found: string[] = [];
  for (const node of nodes) {
    let cursor = "0";
    do {
      const [next, keys] = await node.scan(cursor, "MATCH", pattern, "COUNT", 1000);
      cursor = next;
      found.push(...keys);
    } while (cursor !== "0");
  }
  return found;
}

/** A key prefix no other test uses, so tests never see each other's keys. */
export function uniquePrefix(label = "t"): string {
  return `${label}${randomBytes(5).toString("hex")}`;
}

function clusterSeeds(): string | null {
  const seeds = process.env[TEST_REDIS_CLUSTER_VAR] ?? process.env.REDIS_CLUSTER_NODES;
  return seeds && seeds.trim() !== "" ? seeds.trim() : null;
}

function parseSeeds(seeds: string): { host: string; port: number }[] {
  return seeds.split(",").map((seed) => {
    const at = seed.trim().lastIndexOf(":");
    return { host: seed.trim().slice(0, at), port: Number(seed.trim().slice(at + 1)) };
  });
}
