import type { Redis } from "ioredis";

/**
 * Key classes the product keeps on purpose for days (each key has a TTL: message records and their
 * indexes 7 days, Meta-id indexes and dedupe claims 8 days, windows 8 days). Under steady load they
 * grow until their TTLs expire; everything else (queues, job records, event streams, mailboxes,
 * leases, pacing) is the working set, which must stay flat.
 */
function retainedClass(key: string, prefix: string): string | null {
  if (key.startsWith(`${prefix}:m:`)) return "message records";
  if (key.startsWith(`${prefix}:mx:`)) return "message id index";
  if (key.startsWith(`${prefix}:mm:`)) return "Meta id index";
  if (key.startsWith(`${prefix}:w:`) || key.startsWith(`${prefix}:sn:`)) return "windows, unread";
  if (key.includes(":de:")) return "event dedupe claims";
  if (key.startsWith(`${prefix}:idem:`)) return "idempotency keys";
  return null;
}

export interface Footprint {
  usedMemory: number;
  /** Keys and bytes (MEMORY USAGE) of the retained classes, together and by class. */
  retained: {
    keys: number;
    bytes: number;
    byClass: Record<string, { keys: number; bytes: number }>;
  };
  /** Keys and bytes of everything else: the working set, also by key shape. */
  working: {
    keys: number;
    bytes: number;
    byShape: Record<string, { keys: number; bytes: number }>;
  };
}

/** A key with its ids blanked out, e.g. `{p:events}:events:*`, to group keys of one kind. */
function shapeOf(key: string, prefix: string): string {
  return key
    .split(prefix)
    .join("p")
    .replace(/[A-Za-z0-9_.+-]{12,}/g, "*")
    .replace(/\d+/g, "#");
}

/** Retained keys are many and alike: one in this many is measured, and the sum scaled. */
const RETAINED_SAMPLE = 20;

export interface FootprintOptions {
  /** False: retained keys are counted but not sized (a lighter reading for frequent samples). */
  sizeRetained?: boolean;
}

/**
 * Scans every key of the (private) Redis and adds up MEMORY USAGE per class: every key of the
 * working set, one in RETAINED_SAMPLE of the retained ones (so that measuring under load stays
 * light on Redis).
 */
export async function measureFootprint(
  redis: Redis,
  prefix: string,
  options: FootprintOptions = {},
): Promise<Footprint> {
  const sizeRetained = options.sizeRetained ?? true;
  const info = await redis.info("memory");
  const usedMemory = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
  const footprint: Footprint = {
    usedMemory,
    retained: { keys: 0, bytes: 0, byClass: {} },
    working: { keys: 0, bytes: 0, byShape: {} },
  };
  let seenRetained = 0;
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "COUNT", 2_000);
    cursor = next;
    const measured = keys.filter(
      (key) =>
        retainedClass(key, prefix) === null ||
        (sizeRetained && seenRetained++ % RETAINED_SAMPLE === 0),
    );
    for (const key of keys) {
      const kind = retainedClass(key, prefix);
      if (kind === null) continue;
      (footprint.retained.byClass[kind] ??= { keys: 0, bytes: 0 }).keys += 1;
      footprint.retained.keys += 1;
    }
    if (measured.length === 0) continue;
    const pipeline = redis.pipeline();
    for (const key of measured) pipeline.call("MEMORY", "USAGE", key, "SAMPLES", "0");
    const sizes = (await pipeline.exec()) ?? [];
    measured.forEach((key, i) => {
      const bytes = Number(sizes[i]?.[1] ?? 0);
      const kind = retainedClass(key, prefix);
      if (kind !== null) {
        (footprint.retained.byClass[kind] as { bytes: number }).bytes += bytes * RETAINED_SAMPLE;
        footprint.retained.bytes += bytes * RETAINED_SAMPLE;
        return;
      }
      footprint.working.keys += 1;
      footprint.working.bytes += bytes;
      const shape = (footprint.working.byShape[shapeOf(key, prefix)] ??= { keys: 0, bytes: 0 });
      shape.keys += 1;
      shape.bytes += bytes;
    });
  } while (cursor !== "0");
  return footprint;
}
