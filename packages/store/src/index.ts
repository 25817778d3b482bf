export {
  createRedis,
  isRedisReachable,
  closeRedis,
  type RedisClient,
  type RedisSettings,
  type ConnectionMode,
  type CreateRedisOptions,
} from "./connection";
export { createKeys, channelTag, type Keys } from "./keys";
export { newMessageId, MESSAGE_ID_PATTERN } from "./ids";
