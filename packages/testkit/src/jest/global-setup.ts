import {
  hasRedisServer,
  REDIS_SERVER_MISSING,
  startRedisServer,
  type RedisServer,
} from "../redis/redis-server";
import { TEST_REDIS_ERROR_VAR, TEST_REDIS_URL_VAR } from "../redis/test-redis";

declare global {
  var __META_RELAY_REDIS__: RedisServer | undefined;
}

/**
 * Gives integration tests a Redis: REDIS_URL when set, otherwise a redis-server of its own on a free
 * port. Unit tests never touch it; an integration test without one fails with REDIS_SERVER_MISSING.
 */
export default async function globalSetup(): Promise<void> {
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
