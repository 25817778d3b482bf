import { randomBytes } from "node:crypto";
import { startRedisServer } from "@meta-relay/testkit";
import { Redis } from "ioredis";

/** The Redis the whole run uses: one the bench started, or the one REDIS_URL names. */
export interface BenchRedis {
  url: string;
  /** RELAY_KEY_PREFIX for the run: the product's default on our own server, unique on a shared one. */
  keyPrefix: string;
  /** True when the bench started (and will stop) this redis-server. */
  owned: boolean;
  /** A plain connection for the bench's own reads (INFO, SCAN). */
  client: Redis;
  version: string;
  /** The server's process id when the bench started it (its CPU time is then measured), else null. */
  pid: number | null;
  /** Stops our server, or deletes every key the run wrote on a shared one. */
  close(log: (line: string) => void): Promise<void>;
}

/**
 * Starts a private redis-server on a free port unless `externalUrl` is set. On an external Redis the
 * run writes only under a fresh prefix and deletes exactly those keys afterwards (never FLUSHALL).
 */
export async function openBenchRedis(externalUrl: string | undefined): Promise<BenchRedis> {
  if (externalUrl) {
    const keyPrefix = `bench${randomBytes(4).toString("hex")}`;
    const client = new Redis(externalUrl, { connectionName: "bench" });
    return {
      url: externalUrl,
      keyPrefix,
      owned: false,
      client,
      version: await redisVersion(client),
      pid: null,
      async close(log) {
        const deleted = await deleteByPrefix(client, keyPrefix);
        log(`deleted ${deleted} keys under ${keyPrefix} from the external Redis`);
        await client.quit();
      },
    };
  }
  const server = await startRedisServer();
  const client = new Redis(server.url, { connectionName: "bench" });
  return {
    url: server.url,
    keyPrefix: "mr",
    owned: true,
    client,
    version: await redisVersion(client),
    pid: Number(await infoField(client, "server", "process_id")),
    async close() {
      await client.quit();
      await server.stop("SIGTERM");
    },
  };
}

/** Every key of the run: the product's `prefix:*` keys and BullMQ's `{prefix:queue}:*` keys. */
async function deleteByPrefix(client: Redis, prefix: string): Promise<number> {
  return (
    (await deleteByPattern(client, `${prefix}:*`)) + (await deleteByPattern(client, `{${prefix}:*`))
  );
}

/** Deletes the keys matching `pattern`, found with SCAN (never KEYS, which blocks a shared server). */
export async function deleteByPattern(client: Redis, pattern: string): Promise<number> {
  let deleted = 0;
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", 5_000);
    cursor = next;
    if (keys.length > 0) deleted += await client.unlink(...keys);
  } while (cursor !== "0");
  return deleted;
}

/** Keys matching `pattern`, counted with SCAN (never KEYS, which blocks a shared server). */
export async function countKeys(client: Redis, pattern: string): Promise<number> {
  let count = 0;
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", 5_000);
    cursor = next;
    count += keys.length;
  } while (cursor !== "0");
  return count;
}

/** One field of `INFO <section>`, e.g. used_memory. */
export async function infoField(client: Redis, section: string, field: string): Promise<string> {
  const text = await client.info(section);
  const line = text.split(/\r?\n/).find((l) => l.startsWith(`${field}:`));
  if (line === undefined) throw new Error(`INFO ${section} has no ${field}`);
  return line.slice(field.length + 1).trim();
}

function redisVersion(client: Redis): Promise<string> {
  return infoField(client, "server", "redis_version");
}

/** Calls and microseconds per command since the server started (INFO commandstats). */
export async function commandStats(client: Redis): Promise<Map<string, CommandStat>> {
  const stats = new Map<string, CommandStat>();
  for (const line of (await client.info("commandstats")).split(/\r?\n/)) {
    const match = /^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/.exec(line);
    if (match) stats.set(match[1] as string, { calls: Number(match[2]), usec: Number(match[3]) });
  }
  return stats;
}

export interface CommandStat {
  calls: number;
  usec: number;
}

/** What each command cost between two commandstats readings, most expensive first. */
export function commandStatsDelta(
  before: Map<string, CommandStat>,
  after: Map<string, CommandStat>,
): ({ command: string } & CommandStat)[] {
  return [...after.entries()]
    .map(([command, a]) => {
      const b = before.get(command) ?? { calls: 0, usec: 0 };
      return { command, calls: a.calls - b.calls, usec: a.usec - b.usec };
    })
    .filter((d) => d.calls > 0)
    .sort((x, y) => y.usec - x.usec);
}
