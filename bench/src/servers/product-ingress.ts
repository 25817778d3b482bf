import { loadConfig } from "@meta-relay/config";
import { startIngress } from "@meta-relay/ingress";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { announceReady, childSettings, onTerminate } from "../child";

/** The product's ingress in its own process, as it runs in production (RELAY_ROLES=ingress). */
const { env } = childSettings<{ env: Record<string, string> }>();
const config = loadConfig({ ...env, RELAY_ROLES: "ingress", INGRESS_PORT: "0" });
void startIngress({
  config,
  logger: createLogger({ level: config.logLevel }),
  metrics: createMetrics(),
}).then((ingress) => {
  announceReady({ port: ingress.port });
  onTerminate(() => ingress.close(5_000));
});
