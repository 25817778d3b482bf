export { freePort } from "./redis/free-port";
export {
  startRedisServer,
  hasRedisServer,
  REDIS_SERVER_MISSING,
  type RedisServer,
  type RedisServerOptions,
} from "./redis/redis-server";
export { testRedisUrl, uniquePrefix, TEST_REDIS_URL_VAR } from "./redis/test-redis";
export { startRedisCluster, type RedisCluster } from "./redis/redis-cluster";
export { startMetaSimulator } from "./meta-sim/simulator";
export { SimulatorError } from "./meta-sim/errors";
export type {
  MetaSimulator,
  MetaSimulatorOptions,
  SimChannel,
  SimPlatform,
  SimSend,
  FaultRule,
  ChaosOptions,
} from "./meta-sim/types";
export {
  createSimCustomers,
  type SimCustomers,
  type SimCustomersOptions,
  type SimPost,
} from "./meta-sim/sim-customers";
export type { SimCustomerRef, SimWebhookEvent, SimStatusError } from "./meta-sim/webhook-events";
export { signWebhookBody, metaJson } from "./meta-sim/signature";
