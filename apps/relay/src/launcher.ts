import { startApi } from "@meta-relay/api";
import type { RelayConfig, Role } from "@meta-relay/config";
import { startIngress } from "@meta-relay/ingress";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import { startWorker } from "@meta-relay/worker";

export interface RunningRole {
  role: Role;
  port: number;
  close(timeoutMs: number): Promise<void>;
}

export interface RunningRelay {
  roles: RunningRole[];
  /** Closes every role within `timeoutMs` in all; never throws. */
  close(timeoutMs: number): Promise<void>;
}

const STARTERS: Record<
  Role,
  (deps: {
    config: RelayConfig;
    logger: Logger;
    metrics: RelayMetrics;
  }) => Promise<{ port: number; close(timeoutMs: number): Promise<void> }>
> = {
  ingress: startIngress,
  api: startApi,
  worker: startWorker,
};

/** Starts the configured roles in one process, in a fixed order. */
export async function startRelay(
  config: RelayConfig,
  logger: Logger,
  metrics: RelayMetrics,
): Promise<RunningRelay> {
  const roles: RunningRole[] = [];
  try {
    for (const role of ["worker", "api", "ingress"] as const) {
      if (!config.roles.includes(role)) continue;
      const running = await STARTERS[role]({ config, logger, metrics });
      roles.push({ role, port: running.port, close: (ms) => running.close(ms) });
    }
  } catch (error) {
    await closeAll(roles, logger, 5_000);
    throw error;
  }
  return { roles, close: (timeoutMs) => closeAll(roles, logger, timeoutMs) };
}

/**
 * Stops taking traffic first (ingress and api together), then lets the workers finish their jobs
 * with whatever time is left: every role shares one deadline, so the whole process stops within
 * `timeoutMs` however the time divides between them.
 */
async function closeAll(roles: RunningRole[], logger: Logger, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const remaining = () => Math.max(0, deadline - Date.now());
  const close = async (running: RunningRole) => {
    try {
      await running.close(remaining());
    } catch (err) {
      logger.error({ err, role: running.role }, "role did not close cleanly");
    }
  };
  await Promise.all(roles.filter((r) => r.role !== "worker").map(close));
  await Promise.all(roles.filter((r) => r.role === "worker").map(close));
}
