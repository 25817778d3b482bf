import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import type { QueueAdapterOptions } from "@bull-board/api/typings/app";
import { ExpressAdapter } from "@bull-board/express";
import type { Logger } from "@meta-relay/observability";
import { queueDescription } from "@meta-relay/queues";
import type { Queue } from "bullmq";
import type { Express } from "express";
import { basicAuth, type BasicCredentials } from "./basic-auth";
import { retriesOnly } from "./retries-only";

/** Where the queue dashboard is served (product.md: `/admin/queues`). */
const DASHBOARD_PATH = "/admin/queues";

export interface DashboardOptions {
  /** DASHBOARD_USERNAME / DASHBOARD_PASSWORD. */
  credentials: BasicCredentials;
  /** DASHBOARD_ALLOW_RETRIES: failed jobs may be retried; nothing else ever changes. */
  allowRetries: boolean;
  /** Every queue of the product, with its BullMQ prefix. */
  queues: Queue[];
  logger: Logger;
}

/**
 * Mounts Bull Board at /admin/queues behind basic auth. Read-only unless retries are allowed; even
 * then only retries get through (Bull Board's own switch only hides the other buttons).
 */
export function mountDashboard(app: Express, options: DashboardOptions): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: options.queues.map((queue) => new BullMQAdapter(queue, adapterOptions(queue, options))),
    serverAdapter,
    options: { uiConfig: { boardTitle: "meta-relay", hideDocsLink: true } },
  });
  const log = options.logger.child({ module: "dashboard" });
  app.use(
    DASHBOARD_PATH,
    basicAuth(options.credentials),
    retriesOnly(options.queues, log),
    serverAdapter.getRouter() as Express,
  );
}

function adapterOptions(queue: Queue, options: DashboardOptions): Partial<QueueAdapterOptions> {
  const adapter: Partial<QueueAdapterOptions> & { allowCompletedRetries: boolean } = {
    readOnlyMode: !options.allowRetries,
    allowRetries: options.allowRetries,
    // Retrying a completed job would send its message or event again: the button stays hidden.
    allowCompletedRetries: false,
    description: queueDescription(queue.name),
  };
  return adapter;
}
