import { randomBytes } from "node:crypto";
import { REDIS_SERVER_MISSING } from "./redis-server";

/** Set by the jest global setup: where the integration tests' Redis is. */
export const TEST_REDIS_URL_VAR = "META_RELAY_TEST_REDIS_URL";
export const TEST_REDIS_ERROR_VAR = "META_RELAY_TEST_REDIS_ERROR";

/**
 * The Redis integration tests run against: REDIS_URL when set, else the redis-server the jest
 * global setup started. Fails loudly (never skips) when there is none.
 */
export function testRedisUrl(): string {
  const url = process.env[TEST_REDIS_URL_VAR] ?? process.env.REDIS_URL;
  if (url) return url;
  throw new Error(process.env[TEST_REDIS_ERROR_VAR] ?? REDIS_SERVER_MISSING);
}

/** A key prefix no other test uses, so tests never see each other's keys. */
export function uniquePrefix(label = "t"): string {
  return `${label}${randomBytes(5).toString("hex")}`;
}
