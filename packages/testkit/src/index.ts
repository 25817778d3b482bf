export { freePort } from "./redis/free-port";
export { httpCall, type HttpAnswer, type HttpCallOptions } from "./http/http-call";
export {
  startRedisServer,
  hasRedisServer,
  REDIS_SERVER_MISSING,
  type RedisServer,
  type RedisServerOptions,
} from "./redis/redis-server";
export {
  testRedisUrl,
  testRedisSettings,
  testRedisEnv,
  testRedisIsCluster,
  testRedisClient,
  scanKeys,
  uniquePrefix,
  TEST_REDIS_URL_VAR,
  TEST_REDIS_CLUSTER_VAR,
  START_TEST_CLUSTER_VAR,
  type TestRedisSettings,
  type TestRedisClient,
} from "./redis/test-redis";
export { startRedisCluster, type RedisCluster } from "./redis/redis-cluster";
export { startMetaSimulator } from "./meta-sim/simulator";
export { SimulatorError } from "./meta-sim/errors";
export type {
  MetaSimulator,
  MetaSimulatorOptions,
  SimChannel,
  SimPlatform,
  SimSend,
  SimCall,
  SimChannelRef,
  SimSubscription,
  FaultRule,
  ChaosOptions,
  SimMediaInput,
  SimMediaFile,
  SimMediaDownload,
} from "./meta-sim/types";
export {
  createSimCustomers,
  type SimCustomers,
  type SimCustomersOptions,
  type SimPost,
} from "./meta-sim/sim-customers";
export type {
  SimCustomerRef,
  SimWebhookEvent,
  SimStatusError,
  SimWhatsAppMedia,
  SimWhatsAppContent,
  SimReferral,
  SimAttachmentType,
} from "./meta-sim/webhook-events";
export { signWebhookBody, metaJson } from "./meta-sim/signature";
export type { SimPolicyEnforcement, SimAccountUpdate } from "./meta-sim/notice-payloads";
export { SIM_APP_ID } from "./meta-sim/page-payloads";
