import { loadConfig } from "@meta-relay/config";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { startWorker } from "@meta-relay/worker";
import { announceReady, childSettings, onTerminate } from "../child";

/** The product's worker in its own process, as it runs in production (RELAY_ROLES=worker). */
const { env } = childSettings<{ env: Record<string, string> }>();
const config = loadConfig({ ...env, RELAY_ROLES: "worker", WORKER_PORT: "0" });
void startWorker({
  config,
  logger: createLogger({ level: config.logLevel }),
  metrics: createMetrics(),
}).then((worker) => {
  announceReady({ port: worker.port });
  onTerminate(() => worker.close(5_000));
});
