import type { Logger } from "@meta-relay/observability";
import { sendError } from "@meta-relay/http";
import type { Queue } from "bullmq";
import type { RequestHandler } from "express";

const RETRY_ALL_FAILED = /^\/api\/queues\/([^/]+)\/retry\/failed\/?$/;
const RETRY_ONE = /^\/api\/queues\/([^/]+)\/([^/]+)\/retry\/?$/;

/**
 * Lets reads through and, of the writes, only retries of failed jobs: no clean, remove, promote,
 * pause, add or obliterate, whatever the dashboard's buttons show. Retrying a completed job (which
 * Bull Board offers) would deliver a message or an event a second time, so it is refused too.
 */
export function retriesOnly(queues: Queue[], log: Logger): RequestHandler {
  const byName = new Map(queues.map((queue) => [queue.name, queue]));
  return async (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    if (req.method === "PUT" && (await isFailedJobRetry(req.path, byName))) {
      log.info({ path: req.path }, "dashboard retry");
      return next();
    }
    log.warn({ method: req.method, path: req.path }, "dashboard change refused");
    sendError(res, 405, "read_only", "The queue dashboard only allows retrying failed jobs.");
  };
}

async function isFailedJobRetry(path: string, queues: Map<string, Queue>): Promise<boolean> {
  const all = RETRY_ALL_FAILED.exec(path);
  if (all?.[1]) return queues.has(decode(all[1]));
  const one = RETRY_ONE.exec(path);
  if (!one?.[1] || !one[2]) return false;
  const queue = queues.get(decode(one[1]));
  if (!queue) return false;
  return (await queue.getJobState(decode(one[2]))) === "failed";
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return "";
  }
}
