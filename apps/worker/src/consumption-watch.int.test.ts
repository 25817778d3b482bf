import { OUTBOUND_QUEUE } from "@meta-relay/queues";
import { testRedisClient, uniquePrefix, type TestRedisClient } from "@meta-relay/testkit";
import { Queue, Worker } from "bullmq";
import { createConsumptionWatch, type ConsumptionWatch } from "./consumption-watch";
import { waitFor } from "@meta-relay/testkit/testing";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("createConsumptionWatch", () => {
  let connection: TestRedisClient;
  let queue: Queue;
  let worker: Worker;
  let watch: ConsumptionWatch;
  let release: () => void = () => undefined;

  async function start(concurrency: number): Promise<void> {
    const prefix = `{${uniquePrefix()}:outbound}`;
    queue = new Queue(OUTBOUND_QUEUE, { connection, prefix });
    watch = createConsumptionWatch({
      queue: OUTBOUND_QUEUE,
      prefix,
      connection,
      stuckAfterMs: 1_000,
      probeEveryMs: 100,
    });
    const gate = new Promise<void>((resolve) => (release = resolve));
    worker = new Worker(OUTBOUND_QUEUE, () => watch.track(() => gate), {
      connection,
      prefix,
      concurrency,
    });
    watch.attach(worker);
    await worker.waitUntilReady();
  }

  beforeAll(() => {
    connection = testRedisClient({ maxRetriesPerRequest: null });
  });
  afterEach(async () => {
    release();
    await worker.close();
    await watch.stop();
    await queue.obliterate({ force: true });
    await queue.close();
  });
  afterAll(async () => {
    await connection.quit();
  });

  it("stays live while idle on an empty queue", async () => {
    await start(2);
    await sleep(1_500);
    expect(watch.isLive()).toBe(true);
  });

  it("stays live while every slot is busy, however long jobs wait", async () => {
    await start(1);
    await queue.add("drain", { n: 1 });
    await queue.add("drain", { n: 2 });
    await waitFor(async () => (await queue.getActiveCount()) === 1, 5_000, "one active job");
    await sleep(1_800);
    expect(await queue.getWaitingCount()).toBe(1);
    expect(watch.isLive()).toBe(true);
  });

  it("stays live while ops paused the queue", async () => {
    await start(2);
    await queue.pause();
    await queue.add("drain", { n: 1 });
    await sleep(1_800);
    expect(watch.isLive()).toBe(true);
    await queue.resume();
  });

  it("is not live once the worker closed", async () => {
    await start(1);
    expect(watch.isLive()).toBe(true);
    await worker.close();
    expect(watch.isLive()).toBe(false);
  });
});
