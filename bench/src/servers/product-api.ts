import { startApi } from "@meta-relay/api";
import { loadConfig } from "@meta-relay/config";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { announceReady, childSettings, onTerminate } from "../child";

/** The product's agent API in its own process, as it runs in production (RELAY_ROLES=api). */
const { env } = childSettings<{ env: Record<string, string> }>();
const config = loadConfig({ ...env, RELAY_ROLES: "api", API_PORT: "0" });
void startApi({
  config,
  logger: createLogger({ level: config.logLevel }),
  metrics: createMetrics(),
}).then((api) => {
  announceReady({ port: api.port });
  onTerminate(() => api.close(5_000));
});
