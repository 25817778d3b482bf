import { startRedisServer, type RedisServer } from "@meta-relay/testkit";
import { Redis } from "ioredis";

/** A redis-server of the test's own on a free port, and a client for assertions. */
export interface PrivateRedis {
  server: RedisServer;
  client: Redis;
  /** INFO memory's used_memory, in bytes. */
  usedMemory(): Promise<number>;
  /** Every key matching `pattern` (SCAN). */
  keys(pattern: string): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startPrivateRedis(args: string[] = []): Promise<PrivateRedis> {
  const server = await startRedisServer({ args });
  // Patient: the crash test restarts this server under the client's feet.
  const client = new Redis(server.url, { maxRetriesPerRequest: null, lazyConnect: false });
  client.on("error", () => undefined);
  return {
    server,
    client,
    async usedMemory() {
      const info = await client.info("memory");
      return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
    },
    async keys(pattern) {
      const found: string[] = [];
      let cursor = "0";
      do {
        const [next, batch] = await client.scan(cursor, "MATCH", pattern, "COUNT", 1000);
        cursor = next;
        found.push(...batch);
      } while (cursor !== "0");
      return found;
    },
    async stop() {
      client.disconnect();
      await server.stop("SIGTERM");
    },
  };
}
