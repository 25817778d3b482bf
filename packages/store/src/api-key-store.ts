import { createHash, randomBytes } from "node:crypto";
import type { RedisClient } from "./connection";
import type { Keys } from "./keys";

/** What a scoped key may do: `send` reads and writes, `read` only reads. */
export const API_KEY_ACCESS = ["send", "read"] as const;
export type ApiKeyAccess = (typeof API_KEY_ACCESS)[number];

/** A scoped key as the API shows it: never the key itself. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  access: ApiKeyAccess;
  /** Channel scopes: `messenger/<id>`, `whatsapp/*`… */
  channels: string[];
  createdAt: string;
}

export type NewApiKey = Pick<ApiKeyRecord, "name" | "access" | "channels">;

/** `mrk_` and 32 random bytes (base64url): recognisable in a leaked config, unguessable. */
export const API_KEY_PATTERN = /^mrk_[A-Za-z0-9_-]{43}$/;
const KEY_ID_PATTERN = /^key_[0-9a-f]{20}$/;

/** Scoped keys a deployment may hold, so that listing them stays one small answer. */
export const MAX_API_KEYS = 1_000;

/**
 * The digest a key is stored and found under. SHA-256 without a salt is enough: the keys are 256
 * random bits, so there is no dictionary to run against a leaked digest.
 */
export function apiKeyDigest(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/**
 * Scoped API keys: one hash per key under the key's digest (found in one read per request), an
 * id → digest string and a set of ids. No command spans two keys, so it runs on a Redis Cluster.
 */
export function createApiKeyStore(redis: RedisClient, keys: Keys) {
  const read = async (digest: string): Promise<ApiKeyRecord | null> =>
    parseApiKey(await redis.hgetall(keys.apiKey(digest)));
  return {
    /** A new key, shown to its creator only; null when MAX_API_KEYS are held already. */
    async create(input: NewApiKey): Promise<{ key: string; record: ApiKeyRecord } | null> {
      if ((await redis.scard(keys.apiKeyIndex())) >= MAX_API_KEYS) return null;
      const key = `mrk_${randomBytes(32).toString("base64url")}`;
      const digest = apiKeyDigest(key);
      const record: ApiKeyRecord = {
        id: `key_${randomBytes(10).toString("hex")}`,
        ...input,
        createdAt: new Date().toISOString(),
      };
      // Listed first, usable last: a crash in between leaves a listed id to delete, never a
      // working key nobody can see or revoke.
      await redis.sadd(keys.apiKeyIndex(), record.id);
      await redis.set(keys.apiKeyById(record.id), digest);
      await redis.hset(keys.apiKey(digest), {
        id: record.id,
        name: record.name,
        access: record.access,
        channels: JSON.stringify(record.channels),
        createdAt: record.createdAt,
      });
      return { key, record };
    },

    /** The record of a presented key, or null (malformed, unknown or deleted). */
    async findByKey(key: string): Promise<ApiKeyRecord | null> {
      if (!API_KEY_PATTERN.test(key)) return null;
      return read(apiKeyDigest(key));
    },

    async list(): Promise<ApiKeyRecord[]> {
      const ids = (await redis.smembers(keys.apiKeyIndex())).sort();
      const found = await Promise.all(
        ids.map(async (id) => {
          const digest = await redis.get(keys.apiKeyById(id));
          return digest === null ? null : read(digest);
        }),
      );
      return found.filter((r): r is ApiKeyRecord => r !== null);
    },

    /** True when a key was removed; it stops working with its record, the first write here. */
    async delete(id: string): Promise<boolean> {
      if (!KEY_ID_PATTERN.test(id)) return false;
      const digest = await redis.get(keys.apiKeyById(id));
      const removed = digest === null ? 0 : await redis.del(keys.apiKey(digest));
      await redis.del(keys.apiKeyById(id));
      const listed = await redis.srem(keys.apiKeyIndex(), id);
      return removed > 0 || listed > 0;
    },
  };
}

export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;

function parseApiKey(hash: Record<string, string>): ApiKeyRecord | null {
  const { id, name, access, channels, createdAt } = hash;
  if (!id || name === undefined || !createdAt || !isAccess(access) || !channels) return null;
  const scopes = parseScopes(channels);
  return scopes ? { id, name, access, channels: scopes, createdAt } : null;
}

function isAccess(value: unknown): value is ApiKeyAccess {
  return (API_KEY_ACCESS as readonly unknown[]).includes(value);
}

function parseScopes(raw: string): string[] | null {
  try {
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed) && parsed.every((s) => typeof s === "string") ? parsed : null;
  } catch {
    return null;
  }
}
