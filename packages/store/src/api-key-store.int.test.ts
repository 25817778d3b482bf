import { scanKeys, testRedisSettings, uniquePrefix } from "@meta-relay/testkit";
import { apiKeyDigest, API_KEY_PATTERN, createApiKeyStore, type NewApiKey } from "./api-key-store";
import { closeRedis, createRedis } from "./connection";
import { createKeys } from "./keys";

describe("createApiKeyStore", () => {
  const redis = createRedis(testRedisSettings(), { mode: "patient" });
  const prefix = uniquePrefix();
  const keys = createKeys(prefix);
  const store = createApiKeyStore(redis, keys);
  afterAll(() => closeRedis(redis));

  const create = async (input: NewApiKey) => {
    const created = await store.create(input);
    if (!created) throw new Error("no key created");
    return created;
  };

  const allValues = async () => {
    const found: string[] = [];
    for (const key of await scanKeys(redis, `${prefix}:*`)) {
      const type = await redis.type(key);
      if (type === "string") found.push(key, (await redis.get(key)) ?? "");
      if (type === "set") found.push(key, ...(await redis.smembers(key)));
      if (type === "hash") found.push(key, ...Object.values(await redis.hgetall(key)));
    }
    return found.join("\n");
  };

  it("creates a key, finds it by the key alone, and stores only its digest", async () => {
    const { key, record } = await create({
      name: "Team A bot",
      access: "send",
      channels: ["messenger/100", "whatsapp/*"],
    });
    expect(key).toMatch(API_KEY_PATTERN);
    expect(record).toEqual({
      id: expect.stringMatching(/^key_[0-9a-f]{20}$/),
      name: "Team A bot",
      access: "send",
      channels: ["messenger/100", "whatsapp/*"],
      createdAt: expect.any(String),
    });
    expect(await store.findByKey(key)).toEqual(record);
    const stored = await allValues();
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(key.slice(4));
    expect(stored).toContain(apiKeyDigest(key));
  });

  it("finds nothing for unknown, malformed or near-miss keys", async () => {
    const { key } = await create({ name: "r", access: "read", channels: ["instagram/1"] });
    const other = `mrk_${"A".repeat(43)}`;
    for (const wrong of [other, key.slice(0, -1), `${key}x`, key.toUpperCase(), "", "mrk_"]) {
      expect(await store.findByKey(wrong)).toBeNull();
    }
  });

  it("lists every key without secrets and deletes by id, at once", async () => {
    const a = await create({ name: "a", access: "read", channels: ["whatsapp/9"] });
    const b = await create({ name: "b", access: "send", channels: ["messenger/*"] });
    const listed = await store.list();
    expect(listed).toEqual(expect.arrayContaining([a.record, b.record]));
    expect(JSON.stringify(listed)).not.toContain(a.key);
    expect(await store.delete(a.record.id)).toBe(true);
    expect(await store.findByKey(a.key)).toBeNull();
    expect((await store.list()).map((r) => r.id)).not.toContain(a.record.id);
    expect(await store.findByKey(b.key)).toEqual(b.record);
    expect(await store.delete(a.record.id)).toBe(false);
    expect(await store.delete("key_unknown")).toBe(false);
    expect(await store.delete("../../etc")).toBe(false);
  });
});
