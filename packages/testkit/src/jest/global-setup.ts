import { startRedisCluster, type RedisCluster } from "../redis/redis-cluster";
import {
  hasRedisServer,
  REDIS_SERVER_MISSING,
  startRedisServer,
  type RedisServer,
} from "../redis/redis-server";
import {
  START_TEST_CLUSTER_VAR,
  TEST_REDIS_CLUSTER_VAR,
  TEST_REDIS_ERROR_VAR,
  TEST_REDIS_URL_VAR,
} from "../redis/test-redis";

declare global {
  var __META_RELAY_REDIS__: RedisServer | undefined;
  var __META_RELAY_REDIS_CLUSTER__: RedisCluster | undefined;
}

/**
 * Gives integration tests a Redis: REDIS_URL when set, otherwise a redis-server of its own on a free
 * port. Unit tests never touch it; an integration test without one fails with REDIS_SERVER_MISSING.
 *
 * The suite runs on a Redis Cluster when REDIS_CLUSTER_NODES names one, or when
 * META_RELAY_TEST_CLUSTER=1 asks for a 3-master cluster of its own (`npm run test:cluster`); the
 * single Redis stays available for the tests that are about one Redis by nature.
 */
export default async function globalSetup(): Promise<void> {
  await provideSingleRedis();
  const external = process.env.REDIS_CLUSTER_NODES;
  if (external) {
    process.env[TEST_REDIS_CLUSTER_VAR] = external;
    return;
  }
  if (process.env[START_TEST_CLUSTER_VAR] === "1") {
    const cluster = await startRedisCluster(3);
    globalThis.__META_RELAY_REDIS_CLUSTER__ = cluster;
    process.env[TEST_REDIS_CLUSTER_VAR] = cluster.seeds;
  }
}

async function provideSingleRedis(): Promise<void> {
  const external = process.env.REDIS_URL;
  if (external) {
    process.env[TEST_REDIS_URL_VAR] = external;
    return;
  }
  if (!hasRedisServer()) {
    process.env[TEST_REDIS_ERROR_VAR] = REDIS_SERVER_MISSING;
    return;
  }
  const server = await startRedisServer();
  globalThis.__META_RELAY_REDIS__ = server;
  process.env[TEST_REDIS_URL_VAR] = server.url;
}
