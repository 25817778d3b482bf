export default async function globalTeardown(): Promise<void> {
  await globalThis.__META_RELAY_REDIS__?.stop("SIGTERM");
  globalThis.__META_RELAY_REDIS__ = undefined;
  await globalThis.__META_RELAY_REDIS_CLUSTER__?.stop();
  globalThis.__META_RELAY_REDIS_CLUSTER__ = undefined;
}
