import { ConfigError, loadConfig } from "@meta-relay/config";
import { collectProcessMetrics, createLogger, createMetrics } from "@meta-relay/observability";
import { startRelay } from "./launcher";

/** `npm start`: parse the environment once, start the roles, and shut down cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  const metrics = createMetrics();
  collectProcessMetrics(metrics);
  const relay = await startRelay(config, logger, metrics);
  logger.info(
    { roles: config.roles, ports: relay.roles.map((r) => `${r.role}:${r.port}`) },
    "meta-relay started",
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, deadlineMs: config.shutdownTimeoutMs }, "shutting down");
    const deadline = setTimeout(() => {
      logger.error({ deadlineMs: config.shutdownTimeoutMs }, "shutdown deadline passed, exiting");
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    void relay.close(rolesBudgetMs(config.shutdownTimeoutMs)).then(() => {
      logger.info("stopped");
      logger.flush();
      process.exit(0);
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/**
 * The part of the shutdown deadline the roles may spend waiting for requests and jobs; the rest is
 * kept for what follows their own deadline (aborting the last jobs, closing Redis), so the process
 * still exits, cleanly, within SHUTDOWN_TIMEOUT_SECONDS.
 */
function rolesBudgetMs(deadlineMs: number): number {
  return deadlineMs - Math.min(3_000, deadlineMs / 5);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `meta-relay failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
