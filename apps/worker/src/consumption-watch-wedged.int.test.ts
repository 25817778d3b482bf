import { createConnection, createServer, type AddressInfo, type Socket } from "node:net";
import { OUTBOUND_QUEUE } from "@meta-relay/queues";
import { startRedisServer, type RedisServer } from "@meta-relay/testkit";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { createConsumptionWatch } from "./consumption-watch";
import { waitFor } from "@meta-relay/testkit/testing";

/**
 * A TCP relay in front of Redis that can stop passing bytes while keeping every socket open: what a
 * worker sees when a failover leaves its connections half-dead and its blocking read never returns.
 */
async function startFreezableProxy(upstreamPort: number) {
  const pairs: [Socket, Socket][] = [];
  let frozen = false;
  const server = createServer((client) => {
    const upstream = createConnection({ port: upstreamPort, host: "127.0.0.1" });
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    if (frozen) {
      client.pause();
      upstream.pause();
    }
    pairs.push([client, upstream]);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    freeze() {
      frozen = true;
      for (const [a, b] of pairs) {
        a.pause();
        b.pause();
      }
    },
    thaw() {
      frozen = false;
      for (const [a, b] of pairs) {
        a.resume();
        b.resume();
      }
    },
    async close() {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe("createConsumptionWatch with a wedged worker connection", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it("reports the worker not live while jobs wait for it, and live again once it consumes", async () => {
    const proxy = await startFreezableProxy(redis.port);
    const prefix = "{wedge:outbound}";
    // The worker reaches Redis through the proxy; the watch and the producer directly, as the
    // processor's own non-blocking connection still would when only the blocking one is wedged.
    const viaProxy = new Redis(proxy.port, "127.0.0.1", { maxRetriesPerRequest: null });
    viaProxy.on("error", () => undefined);
    const direct = new Redis(redis.url, { maxRetriesPerRequest: null });
    const producer = new Queue(OUTBOUND_QUEUE, { connection: direct, prefix });
    const watch = createConsumptionWatch({
      queue: OUTBOUND_QUEUE,
      prefix,
      connection: direct,
      stuckAfterMs: 1_000,
      probeEveryMs: 100,
    });
    const taken: number[] = [];
    const worker = new Worker(
      OUTBOUND_QUEUE,
      (job) => watch.track(() => Promise.resolve(taken.push(job.data.n as number))),
      { connection: viaProxy, prefix, concurrency: 2 },
    );
    worker.on("error", () => undefined);
    watch.attach(worker);
    try {
      await worker.waitUntilReady();
      await producer.add("drain", { n: 1 });
      await waitFor(() => taken.length === 1, 10_000, "the first job");
      proxy.freeze();
      await producer.add("drain", { n: 2 });
      await waitFor(() => !watch.isLive(), 15_000, "the watch to report the wedged worker");
      expect(worker.isRunning()).toBe(true);
      expect(taken).toEqual([1]);
      proxy.thaw();
      await waitFor(() => taken.length === 2, 30_000, "the worker to consume again");
      await waitFor(() => watch.isLive(), 10_000, "the watch to report the worker live");
    } finally {
      proxy.thaw();
      await worker.close(true);
      await watch.stop();
      await producer.obliterate({ force: true });
      await producer.close();
      await direct.quit();
      viaProxy.disconnect();
      await proxy.close();
    }
  }, 90_000);
});
