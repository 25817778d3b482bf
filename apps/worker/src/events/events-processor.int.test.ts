import type { RelayConfig } from "@meta-relay/config";
import type { RelayEvent } from "@meta-relay/core";
import { createLogger, createMetrics, type RelayMetrics } from "@meta-relay/observability";
import { EVENT_JOB_OPTIONS, EVENTS_QUEUE, type EventPublisher } from "@meta-relay/queues";
import { closeRedis, createRedis } from "@meta-relay/store";
import { uniquePrefix } from "@meta-relay/testkit";
import type { Queue } from "bullmq";
import type { RunningProcessor } from "../processor";
import { startWorker } from "../worker";
import { startEventsProcessor } from "./events-processor";
import {
  TEST_EVENTS_SECRET,
  eventCount,
  isSigned,
  openEventsQueue,
  sampleEvents,
  startTestReceiver,
  testRelayConfig,
  waitFor,
  type ReceivedRequest,
  type TestReceiver,
} from "../testing";

const logger = createLogger({ level: "silent" });

interface Harness {
  config: RelayConfig;
  metrics: RelayMetrics;
  queue: Queue;
  publisher: EventPublisher;
  processor: RunningProcessor;
  stop(): Promise<void>;
}

/** The events processor alone, on its own connection, plus a producer on the same queue. */
async function startHarness(env: Record<string, string>, log = logger): Promise<Harness> {
  const config = testRelayConfig(env);
  const metrics = createMetrics();
  const redis = createRedis(config.redis, { mode: "blocking" });
  const processor = await startEventsProcessor({ config, logger: log, metrics, redis });
  const events = openEventsQueue(config);
  return {
    config,
    metrics,
    queue: events.queue,
    publisher: events.publisher,
    processor,
    async stop() {
      await processor.close(5_000);
      await events.close();
      await closeRedis(redis);
    },
  };
}

function requestsFor(receiver: TestReceiver, id: string): ReceivedRequest[] {
  return receiver.requests.filter((r) => r.event.id === id);
}

async function jobState(queue: Queue, id: string): Promise<string> {
  return (await queue.getJob(id))?.getState() ?? "missing";
}

describe("events processor", () => {
  let receiver: TestReceiver;
  let harness: Harness | null = null;

  beforeEach(async () => {
    receiver = await startTestReceiver();
  });
  afterEach(async () => {
    await harness?.stop();
    harness = null;
    await receiver.down();
  });

  it("POSTs every event type through startWorker, signed over the exact bytes sent", async () => {
    const config = testRelayConfig({ EVENTS_WEBHOOK_URL: receiver.url });
    const metrics = createMetrics();
    const worker = await startWorker({ config, logger, metrics });
    const producer = openEventsQueue(config);
    try {
      const events = sampleEvents(uniquePrefix("_"));
      await producer.publisher.publish(events);
      await waitFor(() => receiver.requests.length >= events.length, 20_000, "five deliveries");
      expect(receiver.requests.map((r) => r.event.type).sort()).toEqual(
        events.map((e) => e.type).sort(),
      );
      for (const request of receiver.requests) {
        expect(isSigned(request)).toBe(true);
        expect(request.method).toBe("POST");
        expect(request.headers["content-type"]).toBe("application/json");
        expect(request.headers["user-agent"]).toBe("meta-relay");
        const sent = events.find((e) => e.id === request.event.id);
        expect(JSON.parse(request.rawBody.toString("utf8"))).toEqual(sent);
        expect(Object.keys(request.event)).toEqual(["id", "type", "occurredAt", "data"]);
      }
      // The receiver sees a request before the worker has counted its answer.
      const deliveredCounts = async () =>
        Promise.all(events.map((event) => eventCount(metrics, event.type, "delivered")));
      await waitFor(
        async () => (await deliveredCounts()).every((count) => count === 1),
        20_000,
        "every delivery counted",
      );
      expect(await deliveredCounts()).toEqual(events.map(() => 1));
      const duration = await metrics.eventDeliveryDuration.get();
      const counts = duration.values.filter((v) => v.metricName?.endsWith("_count"));
      expect(counts.reduce((sum, v) => sum + v.value, 0)).toBe(events.length);
      const activity = await metrics.workerLastActivity.get();
      expect(activity.values.find((v) => v.labels.queue === EVENTS_QUEUE)?.value).toBeGreaterThan(
        0,
      );
      const health = await fetch(`http://127.0.0.1:${worker.port}/healthz`);
      expect(health.status).toBe(200);
      expect(worker.processors.map((p) => p.name)).toContain(EVENTS_QUEUE);
    } finally {
      await worker.close(5_000);
      await producer.close();
    }
  });

  it("retries a 500 and delivers on the fourth attempt with the same id and bytes", async () => {
    harness = await startHarness({ EVENTS_WEBHOOK_URL: receiver.url });
    receiver.answer = (_r, nth) => ({ status: nth <= 3 ? 500 : 200 });
    const [event] = sampleEvents(uniquePrefix("_")) as [RelayEvent];
    await harness.publisher.publish([event]);
    await waitFor(
      async () => (await eventCount(harness!.metrics, event.type, "delivered")) === 1,
      20_000,
      "delivery",
    );
    const attempts = requestsFor(receiver, event.id);
    expect(attempts).toHaveLength(4);
    for (const attempt of attempts) {
      expect(isSigned(attempt)).toBe(true);
      expect(attempt.rawBody.equals(attempts[0]!.rawBody)).toBe(true);
    }
    expect(await eventCount(harness.metrics, event.type, "retried")).toBe(3);
    expect(await jobState(harness.queue, event.id)).toBe("completed");
  });

  it("logs event id, type, status and attempt, never the body or the secret", async () => {
    const lines: string[] = [];
    const capture = createLogger({ level: "debug", destination: { write: (l) => lines.push(l) } });
    harness = await startHarness({ EVENTS_WEBHOOK_URL: receiver.url }, capture);
    receiver.answer = (_r, nth) => ({ status: nth === 1 ? 503 : 200 });
    const [event] = sampleEvents(uniquePrefix("_")) as [RelayEvent<"message.received">];
    await harness.publisher.publish([event]);
    await waitFor(
      async () => (await eventCount(harness!.metrics, event.type, "delivered")) === 1,
      20_000,
      "delivery",
    );
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({ eventId: event.id, type: event.type, status: 503, attempt: 1 }),
    );
    expect(logged).toContainEqual(
      expect.objectContaining({
        eventId: event.id,
        status: 200,
        attempt: 2,
        msg: "event delivered",
      }),
    );
    const all = lines.join("");
    expect(all).not.toContain(TEST_EVENTS_SECRET);
    expect(all).not.toContain(event.data.text);
    expect(all).not.toContain(event.data.metaMessageId);
  });

  it("gives up at once on a 400: one attempt, counted, kept in the failed list", async () => {
    harness = await startHarness({ EVENTS_WEBHOOK_URL: receiver.url });
    receiver.answer = () => ({ status: 400 });
    const [event] = sampleEvents(uniquePrefix("_")) as [RelayEvent];
    await harness.publisher.publish([event]);
    await waitFor(
      async () => (await jobState(harness!.queue, event.id)) === "failed",
      20_000,
      "failed job",
    );
    // Long enough for a first retry (at most 2 s) to have happened, had there been one.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(requestsFor(receiver, event.id)).toHaveLength(1);
    expect(await eventCount(harness.metrics, event.type, "failed_permanent")).toBe(1);
    expect(await eventCount(harness.metrics, event.type, "retried")).toBe(0);
    const [failed] = await harness.queue.getFailed();
    expect(failed?.id).toBe(event.id);
    expect(failed?.failedReason).toContain("http_400");
  });

  it("retries 408 and 429, waiting as long as Retry-After asks", async () => {
    harness = await startHarness({ EVENTS_WEBHOOK_URL: receiver.url });
    const [timedOut, throttled] = sampleEvents(uniquePrefix("_")) as [RelayEvent, RelayEvent];
    receiver.answer = (request, nth) => {
      if (nth > 1) return { status: 204 };
      return request.event.id === throttled.id
        ? { status: 429, headers: { "Retry-After": "2" } }
        : { status: 408 };
    };
    await harness.publisher.publish([timedOut, throttled]);
    await waitFor(
      () => [timedOut, throttled].every((e) => requestsFor(receiver, e.id).length === 2),
      20_000,
      "both delivered",
    );
    const [first, second] = requestsFor(receiver, throttled.id) as [
      ReceivedRequest,
      ReceivedRequest,
    ];
    expect(second.at - first.at).toBeGreaterThanOrEqual(1_900);
    await waitFor(
      async () => (await eventCount(harness!.metrics, throttled.type, "delivered")) === 1,
      20_000,
      "delivered counts",
    );
    expect(await eventCount(harness.metrics, timedOut.type, "delivered")).toBe(1);
    expect(await eventCount(harness.metrics, timedOut.type, "retried")).toBe(1);
    expect(await eventCount(harness.metrics, throttled.type, "retried")).toBe(1);
  });

  it("retries an attempt that times out", async () => {
    harness = await startHarness({ EVENTS_WEBHOOK_URL: receiver.url, EVENTS_TIMEOUT_MS: "300" });
    receiver.answer = (_r, nth) => (nth === 1 ? { hangMs: 3_000 } : { status: 200 });
    const [event] = sampleEvents(uniquePrefix("_")) as [RelayEvent];
    await harness.publisher.publish([event]);
    await waitFor(
      async () => (await eventCount(harness!.metrics, event.type, "delivered")) === 1,
      20_000,
      "delivery",
    );
    const attempts = requestsFor(receiver, event.id);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.rawBody.equals(attempts[0]!.rawBody)).toBe(true);
    expect(await eventCount(harness.metrics, event.type, "retried")).toBe(1);
  });

  it("retries while the receiver refuses connections", async () => {
    harness = await startHarness({ EVENTS_WEBHOOK_URL: receiver.url });
    await receiver.down();
    const [event] = sampleEvents(uniquePrefix("_")) as [RelayEvent];
    await harness.publisher.publish([event]);
    await waitFor(
      async () => (await eventCount(harness!.metrics, event.type, "retried")) >= 2,
      20_000,
      "two refused attempts",
    );
    await receiver.up();
    await waitFor(
      async () => (await eventCount(harness!.metrics, event.type, "delivered")) === 1,
      20_000,
      "delivery",
    );
    expect(requestsFor(receiver, event.id)).toHaveLength(1);
  });

  it("gives an event up when it fails past its max age", async () => {
    harness = await startHarness({ EVENTS_WEBHOOK_URL: receiver.url, EVENTS_MAX_AGE_HOURS: "1" });
    receiver.answer = () => ({ status: 503 });
    const [event] = sampleEvents(uniquePrefix("_")) as [RelayEvent];
    // Created two hours ago (e.g. it waited while every worker was down): one last try, then given up.
    await harness.queue.add(event.type, event, {
      ...EVENT_JOB_OPTIONS,
      jobId: event.id,
      timestamp: Date.now() - 2 * 3_600_000,
    });
    await waitFor(
      async () => (await jobState(harness!.queue, event.id)) === "failed",
      20_000,
      "failed job",
    );
    expect(requestsFor(receiver, event.id)).toHaveLength(1);
    expect(await eventCount(harness.metrics, event.type, "failed_expired")).toBe(1);
    expect(await eventCount(harness.metrics, event.type, "retried")).toBe(0);
  });

  it("without EVENTS_WEBHOOK_URL counts events as dropped and keeps none", async () => {
    harness = await startHarness({});
    const events = sampleEvents(uniquePrefix("_"));
    await harness.publisher.publish(events);
    await waitFor(
      async () => {
        let total = 0;
        for (const e of events) total += await eventCount(harness!.metrics, e.type, "dropped");
        return total === events.length;
      },
      20_000,
      "dropped",
    );
    await waitFor(
      async () => {
        const counts = await harness!.queue.getJobCounts();
        return Object.values(counts).every((n) => n === 0);
      },
      20_000,
      "no jobs left",
    );
    for (const event of events) expect(await harness.queue.getJob(event.id)).toBeUndefined();
    expect(receiver.requests).toHaveLength(0);
  });

  it("is live while running; close waits for an in-flight delivery", async () => {
    harness = await startHarness({ EVENTS_WEBHOOK_URL: receiver.url });
    expect(harness.processor.isLive()).toBe(true);
    receiver.answer = () => ({ status: 200, delayMs: 1_500 });
    const [event] = sampleEvents(uniquePrefix("_")) as [RelayEvent];
    await harness.publisher.publish([event]);
    await waitFor(() => receiver.requests.length === 1, 20_000, "request in flight");
    await harness.processor.close(15_000);
    expect(await eventCount(harness.metrics, event.type, "delivered")).toBe(1);
    expect(await jobState(harness.queue, event.id)).toBe("completed");
    expect(harness.processor.isLive()).toBe(false);
  });

  it("close aborts deliveries still in flight at its deadline, and they are retried", async () => {
    harness = await startHarness({ EVENTS_WEBHOOK_URL: receiver.url, EVENTS_TIMEOUT_MS: "60000" });
    receiver.answer = () => ({ hangMs: 60_000 });
    const [event] = sampleEvents(uniquePrefix("_")) as [RelayEvent];
    await harness.publisher.publish([event]);
    await waitFor(() => receiver.requests.length === 1, 20_000, "request in flight");
    await harness.processor.close(300);
    await waitFor(
      async () => {
        const state = await jobState(harness!.queue, event.id);
        return state === "delayed" || state === "waiting";
      },
      20_000,
      "aborted attempt rescheduled",
    );
    expect(await eventCount(harness.metrics, event.type, "retried")).toBe(1);
    expect(await eventCount(harness.metrics, event.type, "delivered")).toBe(0);
  });
});
