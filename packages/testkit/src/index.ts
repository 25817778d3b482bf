export { freePort } from "./redis/free-port";
export {
  startRedisServer,
  hasRedisServer,
  REDIS_SERVER_MISSING,
  type RedisServer,
  type RedisServerOptions,
} from "./redis/redis-server";
export { testRedisUrl, uniquePrefix, TEST_REDIS_URL_VAR } from "./redis/test-redis";
