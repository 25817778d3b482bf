import { apiKeyDigest, type ApiKeyRecord, type ApiKeyStore } from "@meta-relay/store";

/**
 * How long an API process trusts what it read of a key. A deleted key keeps working on another
 * process at most this long: the product promises "at once", i.e. well under a second.
 */
export const KEY_CACHE_MS = 250;
const MAX_ENTRIES = 10_000;

export interface KeyLookup {
  (key: string): Promise<ApiKeyRecord | null>;
  /** Drops what this process remembers, e.g. right after it deleted a key itself. */
  forget(): void;
}

/**
 * `store.findByKey` behind a short cache, so a client's burst of requests costs one Redis read
 * per KEY_CACHE_MS. Unknown keys are remembered too (a flood of wrong keys stays off Redis); the
 * cache never holds more than MAX_ENTRIES, and holds digests, never the keys.
 */
export function cachedKeyLookup(
  store: Pick<ApiKeyStore, "findByKey">,
  ttlMs: number = KEY_CACHE_MS,
): KeyLookup {
  const entries = new Map<string, { record: ApiKeyRecord | null; until: number }>();
  const lookup = async (key: string) => {
    const digest = apiKeyDigest(key);
    const now = Date.now();
    const cached = entries.get(digest);
    if (cached && cached.until > now) return cached.record;
    const record = await store.findByKey(key);
    entries.delete(digest);
    if (entries.size >= MAX_ENTRIES) {
      // The oldest entry first (a Map iterates in insertion order).
      const oldest = entries.keys().next();
      if (!oldest.done) entries.delete(oldest.value);
    }
    if (ttlMs > 0) entries.set(digest, { record, until: now + ttlMs });
    return record;
  };
  return Object.assign(lookup, { forget: () => entries.clear() });
}
