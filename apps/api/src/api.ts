import type { RelayConfig } from "@meta-relay/config";
import { createHttpServer } from "@meta-relay/http";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import { closeRedis, createRedis, isRedisReachable } from "@meta-relay/store";

export interface RoleDeps {
  config: RelayConfig;
  logger: Logger;
  metrics: RelayMetrics;
}

export interface RunningApi {
  port: number;
  close(timeoutMs: number): Promise<void>;
}

/** Starts the agent API, the queue dashboard and the API docs on API_PORT. */
export async function startApi({ config, logger, metrics }: RoleDeps): Promise<RunningApi> {
  const log = logger.child({ role: "api" });
  const redis = createRedis(config.redis, {
    mode: "patient",
    name: "api",
    onError: (err) => log.warn({ err }, "redis connection error"),
  });
  const http = createHttpServer({
    role: "api",
    logger: log,
    metrics,
    ready: () => isRedisReachable(redis),
  });
  const port = await http.listen(config.ports.api);
  log.info({ port }, "api listening");
  return {
    port,
    async close(timeoutMs) {
      await http.close(timeoutMs);
      await closeRedis(redis);
    },
  };
}
