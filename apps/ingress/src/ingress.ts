import type { RelayConfig } from "@meta-relay/config";
import { createHttpServer } from "@meta-relay/http";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import { closeRedis, createRedis, isRedisReachable } from "@meta-relay/store";

export interface RoleDeps {
  config: RelayConfig;
  logger: Logger;
  metrics: RelayMetrics;
}

export interface RunningIngress {
  port: number;
  close(timeoutMs: number): Promise<void>;
}

/** Starts the Meta-facing ingress on INGRESS_PORT. */
export async function startIngress({ config, logger, metrics }: RoleDeps): Promise<RunningIngress> {
  const log = logger.child({ role: "ingress" });
  // Fail fast: a webhook we cannot record must get a 503 quickly, so Meta redelivers it.
  const redis = createRedis(config.redis, {
    mode: "fail-fast",
    name: "ingress",
    onError: (err) => log.warn({ err }, "redis connection error"),
  });
  const http = createHttpServer({
    role: "ingress",
    logger: log,
    metrics,
    ready: () => isRedisReachable(redis),
  });
  const port = await http.listen(config.ports.ingress);
  log.info({ port }, "ingress listening");
  return {
    port,
    async close(timeoutMs) {
      await http.close(timeoutMs);
      await closeRedis(redis);
    },
  };
}
