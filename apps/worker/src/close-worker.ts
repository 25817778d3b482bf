import type { Logger } from "@meta-relay/observability";
import type { Worker } from "bullmq";

/**
 * Stops a BullMQ worker taking jobs and waits for the active ones until `timeoutMs`; then aborts them
 * through their AbortSignal, so they end as failed attempts that BullMQ retries (or, if the process
 * dies first, as stalled jobs another worker re-runs). `worker.close()` alone has no deadline.
 */
export async function closeWorkerWithin(
  worker: Worker,
  timeoutMs: number,
  log: Logger,
  queue: string,
): Promise<void> {
  const closing = worker
    .close()
    .catch((err: unknown) => log.warn({ err, queue }, "worker close failed"));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const result = await Promise.race([closing.then(() => "closed" as const), deadline]);
  clearTimeout(timer);
  if (result === "timeout") {
    log.warn({ timeoutMs, queue }, "jobs still in flight at shutdown, aborting them");
    worker.cancelAllJobs("shutdown");
    // Give the aborted jobs a moment to record their outcome before the connection closes.
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 1_000))]);
  }
}
