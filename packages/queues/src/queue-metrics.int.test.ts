import { createMetrics } from "@meta-relay/observability";
import {
  startRedisServer,
  testRedisClient,
  uniquePrefix,
  type TestRedisClient,
} from "@meta-relay/testkit";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { queuePrefix } from "./names";
import { collectQueueMetrics, secondsWaiting } from "./queue-metrics";

function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(" ").pop());
}

describe("collectQueueMetrics", () => {
  let connection: TestRedisClient;
  let outbound: Queue;
  let events: Queue;

  beforeAll(() => {
    connection = testRedisClient({ maxRetriesPerRequest: null });
    const prefix = uniquePrefix();
    outbound = new Queue("outbound", { connection, prefix: queuePrefix(prefix, "outbound") });
    events = new Queue("events", { connection, prefix: queuePrefix(prefix, "events") });
  });

  afterAll(async () => {
    for (const queue of [outbound, events]) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await connection.quit();
  });

  it("reports job counts and the oldest waiting job of each queue at scrape time", async () => {
    const metrics = createMetrics();
    const collector = collectQueueMetrics(metrics, [outbound, events]);
    try {
      const before = await metrics.registry.metrics();
      expect(sample(before, "relay_queue_jobs", 'queue="outbound",state="waiting"')).toBe(0);
      await outbound.addBulk([1, 2, 3].map((i) => ({ name: "drain", data: { i } })));
      await outbound.add("drain", { i: 4 }, { delay: 60_000 });
      await events.add("message.sent", { id: "evt_1" });
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const text = await metrics.registry.metrics();
      expect(sample(text, "relay_queue_jobs", 'queue="outbound",state="waiting"')).toBe(3);
      expect(sample(text, "relay_queue_jobs", 'queue="outbound",state="delayed"')).toBe(1);
      expect(sample(text, "relay_queue_jobs", 'queue="events",state="waiting"')).toBe(1);
      expect(sample(text, "relay_queue_jobs", 'queue="events",state="failed"')).toBe(0);
      const oldest = sample(text, "relay_queue_oldest_waiting_seconds", 'queue="outbound"');
      expect(oldest).toBeGreaterThanOrEqual(1);
      expect(oldest).toBeLessThan(120);
    } finally {
      collector.stop();
    }
    const after = await metrics.registry.metrics();
    expect(after).not.toContain('relay_queue_jobs{queue="outbound"');
  });

  it("reads each queue once when two roles of a process register the same queues", async () => {
    const metrics = createMetrics();
    const api = collectQueueMetrics(metrics, [outbound, events]);
    const worker = collectQueueMetrics(metrics, [outbound]);
    try {
      const text = await metrics.registry.metrics();
      const lines = text
        .split("\n")
        .filter((l) => l.startsWith('relay_queue_jobs{queue="outbound"'));
      expect(lines).toHaveLength(6);
      api.stop();
      const onlyWorker = await metrics.registry.metrics();
      expect(onlyWorker).toContain('relay_queue_jobs{queue="outbound"');
      expect(onlyWorker).not.toContain('relay_queue_jobs{queue="events"');
    } finally {
      api.stop();
      worker.stop();
    }
  });

  it("keeps /metrics answering when Redis does not", async () => {
    // A private Redis that we make unresponsive for a while (DEBUG SLEEP blocks its only thread).
    const server = await startRedisServer({ args: ["--enable-debug-command", "yes"] });
    const client = new Redis(server.url, { maxRetriesPerRequest: null });
    const blocker = new Redis(server.url);
    const stuck = new Queue("outbound", { connection: client, prefix: "{busy:outbound}" });
    const metrics = createMetrics();
    const errors: unknown[] = [];
    const collector = collectQueueMetrics(metrics, [stuck], {
      timeoutMs: 300,
      onError: (error) => errors.push(error),
    });
    try {
      await stuck.waitUntilReady();
      const sleeping = blocker.call("DEBUG", "SLEEP", "1.5");
      metrics.webhooks.inc({ object: "page", outcome: "accepted" });
      const text = await metrics.registry.metrics();
      expect(text).toContain('relay_webhooks_total{object="page",outcome="accepted"} 1');
      expect(text).not.toContain('relay_queue_jobs{queue="outbound"');
      expect(errors).toHaveLength(1);
      expect((errors[0] as { code?: string }).code).toBe("queue_metrics_timeout");
      await sleeping;
      const recovered = await metrics.registry.metrics();
      expect(recovered).toContain('relay_queue_jobs{queue="outbound",state="waiting"} 0');
    } finally {
      collector.stop();
      await stuck.close();
      await client.quit();
      await blocker.quit();
      await server.stop();
    }
  });
});

describe("secondsWaiting", () => {
  it("counts from when the job became due", () => {
    const now = 1_000_000;
    expect(secondsWaiting({ timestamp: now - 10_000, delay: 0, processedOn: undefined }, now)).toBe(
      10,
    );
    expect(
      secondsWaiting({ timestamp: now - 10_000, delay: 4_000, processedOn: undefined }, now),
    ).toBe(6);
    // A retried job: the start of its last attempt, not its creation hours ago.
    expect(
      secondsWaiting({ timestamp: now - 3_600_000, delay: 500, processedOn: now - 2_000 }, now),
    ).toBe(2);
    expect(secondsWaiting({ timestamp: now + 5_000, delay: 0, processedOn: undefined }, now)).toBe(
      0,
    );
  });
});
