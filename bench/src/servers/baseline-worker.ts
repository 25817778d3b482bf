import { Worker } from "bullmq";
import { Redis } from "ioredis";
import { announceReady, childSettings, onTerminate } from "../child";

/** The delivery baseline: a no-op BullMQ worker on the same Redis, same concurrency as the product's. */
const { redisUrl, prefix, queue, concurrency } = childSettings<{
  redisUrl: string;
  prefix: string;
  queue: string;
  concurrency: number;
}>();
const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const worker = new Worker(queue, async () => undefined, {
  connection,
  prefix,
  concurrency,
  removeOnComplete: { count: 0 },
});
void worker.waitUntilReady().then(() => announceReady({ queue }));
onTerminate(async () => {
  await worker.close();
  await connection.quit();
});
