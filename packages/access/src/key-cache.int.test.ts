import { closeRedis, createApiKeyStore, createKeys, createRedis } from "@meta-relay/store";
import { testRedisSettings, uniquePrefix } from "@meta-relay/testkit";
import { cachedKeyLookup, KEY_CACHE_MS } from "./key-cache";

describe("cachedKeyLookup", () => {
  const redis = createRedis(testRedisSettings(), { mode: "patient" });
  const store = createApiKeyStore(redis, createKeys(uniquePrefix()));
  afterAll(() => closeRedis(redis));
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const create = async () => {
    const created = await store.create({ name: "c", access: "read", channels: ["whatsapp/*"] });
    if (!created) throw new Error("no key");
    return created;
  };

  it("promises well under a second of staleness", () => {
    expect(KEY_CACHE_MS).toBeLessThanOrEqual(250);
  });

  it("answers from memory within its life, then from Redis again", async () => {
    const lookup = cachedKeyLookup(store, 300);
    const { key, record } = await create();
    expect(await lookup(key)).toEqual(record);
    await store.delete(record.id);
    expect(await lookup(key)).toEqual(record);
    await sleep(350);
    expect(await lookup(key)).toBeNull();
  });

  it("remembers unknown keys too, and forget() drops everything at once", async () => {
    const lookup = cachedKeyLookup(store, 60_000);
    const { key, record } = await create();
    expect(await lookup(key)).toEqual(record);
    await store.delete(record.id);
    expect(await lookup(key)).toEqual(record);
    lookup.forget();
    expect(await lookup(key)).toBeNull();
  });

  it("reads Redis every time with a life of 0", async () => {
    const lookup = cachedKeyLookup(store, 0);
    const { key, record } = await create();
    expect(await lookup(key)).toEqual(record);
    await store.delete(record.id);
    expect(await lookup(key)).toBeNull();
  });
});
