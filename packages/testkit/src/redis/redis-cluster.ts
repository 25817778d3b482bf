import { spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { startRedisServer, type RedisServer } from "./redis-server";

/** A Redis Cluster of `masters` redis-server processes on free ports, for tests. */
export interface RedisCluster {
  readonly nodes: { host: string; port: number }[];
  /** "127.0.0.1:p1,127.0.0.1:p2,..." — the REDIS_CLUSTER_NODES value for this cluster. */
  readonly seeds: string;
  stop(): Promise<void>;
}

export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const servers: RedisServer[] = [];
  try {
    for (let i = 0; i < masters; i++) {
      const port = await freeClusterPort();
      servers.push(
        await startRedisServer({
          port,
          args: [
            "--cluster-enabled",
            "yes",
            "--cluster-config-file",
            `nodes-${port}.conf`,
            "--cluster-node-timeout",
            "5000",
          ],
        }),
      );
    }
    const addresses = servers.map((s) => `127.0.0.1:${s.port}`);
    const created = spawnSync(
      "redis-cli",
      ["--cluster", "create", ...addresses, "--cluster-replicas", "0", "--cluster-yes"],
      {
        encoding: "utf8",
      },
    );
    if (created.status !== 0)
      throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    await waitForClusterOk(servers.map((s) => s.port));
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop("SIGKILL")));
    throw error;
  }
  return {
    nodes: servers.map((s) => ({ host: "127.0.0.1", port: s.port })),
    seeds: servers.map((s) => `127.0.0.1:${s.port}`).join(","),
    async stop() {
      await Promise.all(servers.map((s) => s.stop("SIGTERM")));
    },
  };
}

async function waitForClusterOk(ports: number[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const ok = ports.every((port) => {
      const info = spawnSync("redis-cli", ["-p", String(port), "cluster", "info"], {
        encoding: "utf8",
      });
      return info.stdout.includes("cluster_state:ok");
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the Redis Cluster did not reach cluster_state:ok within 20 s");
}

/** A port whose cluster bus port (port + 10000) is free too. */
async function freeClusterPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 25_000);
    if ((await isFree(port)) && (await isFree(port + 10_000))) return port;
  }
  throw new Error("no free port pair for a Redis Cluster node");
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
