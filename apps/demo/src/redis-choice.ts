import { closeRedis, createRedis, isRedisReachable, type RedisClient } from "@meta-relay/store";
import { hasRedisServer, REDIS_SERVER_MISSING, startRedisServer } from "@meta-relay/testkit";
import { DemoError } from "./demo-error";

/** How long the demo waits for REDIS_URL to answer before it starts its own redis-server. */
const PROBE_TIMEOUT_MS = 2_000;

const NOT_SET = "REDIS_URL is not set";

/** The Redis the demo runs on, and what the demo tells the user about it. */
export interface DemoRedis {
  url: string;
  /** True when the demo started this redis-server itself (and stops it at the end). */
  owned: boolean;
  /** One line for the narration, e.g. "using REDIS_URL redis://127.0.0.1:6379". */
  description: string;
  stop(): Promise<void>;
}

/**
 * REDIS_URL when it is set and answers; otherwise a redis-server from PATH on a free port. The
 * demo never falls back to the product's default 127.0.0.1:6379 silently: without REDIS_URL it
 * runs on a Redis of its own, so it cannot touch anyone's data.
 */
export async function chooseRedis(redisUrl: string | undefined): Promise<DemoRedis> {
  let why = NOT_SET;
  if (redisUrl) {
    if (!/^rediss?:\/\//.test(redisUrl)) {
      throw new DemoError(
        "demo_redis_unavailable",
        "REDIS_URL must be a redis:// or rediss:// URL",
      );
    }
    if (await answers(redisUrl)) {
      return {
        url: redisUrl,
        owned: false,
        description: `using REDIS_URL ${withoutPassword(redisUrl)}`,
        stop: () => Promise.resolve(),
      };
    }
    why = `REDIS_URL ${withoutPassword(redisUrl)} is not reachable`;
  }
  return startOwnRedis(why);
}

async function startOwnRedis(why: string): Promise<DemoRedis> {
  if (!hasRedisServer()) {
    const problem = redisUrlWasSet(why)
      ? `${why}, and redis-server is not on PATH to start one instead. Start that Redis, or install Redis 7 (Debian: \`apt-get install -y redis-server\`, macOS: \`brew install redis\`).`
      : REDIS_SERVER_MISSING;
    throw new DemoError("demo_redis_unavailable", problem);
  }
  const server = await startRedisServer();
  return {
    url: server.url,
    owned: true,
    description: `started redis-server on 127.0.0.1:${server.port} (${why}); it stops with the demo`,
    stop: () => server.stop("SIGTERM"),
  };
}

function redisUrlWasSet(why: string): boolean {
  return why !== NOT_SET;
}

async function answers(url: string): Promise<boolean> {
  const client: RedisClient = createRedis(
    { url, clusterNodes: null },
    // Connection errors are the answer here, not something to print.
    { mode: "patient", name: "demo-probe", onError: () => undefined },
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([isRedisReachable(client), timeout]);
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}

/** The URL as it may be printed: a password in it becomes "***". */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(unparseable URL)";
  }
}

/**
 * Removes every key the demo wrote under its own prefix (records, windows, queues) from a Redis it
 * shares with others. The prefix is unique to this run, so nothing else matches.
 */
export async function removeDemoKeys(url: string, keyPrefix: string): Promise<number> {
  const client = createRedis(
    { url, clusterNodes: null },
    { mode: "patient", name: "demo-cleanup" },
  );
  let removed = 0;
  try {
    for (const pattern of [`${keyPrefix}:*`, `{${keyPrefix}:*`]) {
      let cursor = "0";
      do {
        const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", 500);
        cursor = next;
        if (keys.length > 0) removed += await client.unlink(...keys);
      } while (cursor !== "0");
    }
  } finally {
    await closeRedis(client);
  }
  return removed;
}
