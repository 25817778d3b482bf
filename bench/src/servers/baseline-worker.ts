import { Worker } from "bullmq";
import { Redis } from "ioredis";
import { announce, announceReady, childSettings, onCommand, onTerminate } from "../child";

/**
 * The delivery baseline: a no-op BullMQ worker on the same Redis, with the product worker's
 * concurrency. On `run <jobs>` it starts a worker on the jobs the bench queued beforehand, and
 * prints `DONE {"jobs","ms"}` once it has completed that many (timed from the first job taken).
 */
const { redisUrl, prefix, queue, concurrency } = childSettings<{
  redisUrl: string;
  prefix: string;
  queue: string;
  concurrency: number;
}>();
const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
let current: Worker | null = null;

async function run(jobs: number): Promise<void> {
  let done = 0;
  let firstAt = 0;
  const finished = new Promise<number>((resolve) => {
    const worker = new Worker(
      queue,
      () => {
        if (firstAt === 0) firstAt = performance.now();
        return Promise.resolve();
      },
      { connection, prefix, concurrency, removeOnComplete: { count: 0 } },
    );
    worker.on("completed", () => {
      done += 1;
      if (done === jobs) resolve(performance.now());
    });
    worker.on("error", (err) => process.stderr.write(`baseline worker error: ${String(err)}\n`));
    current = worker;
  });
  const lastAt = await finished;
  await current?.close();
  current = null;
  announce("DONE", { jobs, ms: lastAt - firstAt });
}

onCommand((line) => {
  const [command, count] = line.split(" ");
  if (command === "run") void run(Number(count));
});
void connection.ping().then(() => announceReady({ queue }));
onTerminate(async () => {
  await current?.close();
  await connection.quit();
});
