import type { RelayEvent } from "@meta-relay/core";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { uniquePrefix } from "@meta-relay/testkit";
import { startWorker } from "../worker";
import {
  eventCount,
  isSigned,
  openEventsQueue,
  sampleEvents,
  startTestReceiver,
  testRelayConfig,
  waitFor,
} from "../testing";

const EVENTS = 300;
const DOWN_MS = 20_000;
const BATCHES = 20;

describe("events processor with a receiver that goes down", () => {
  it("delivers all 300 events produced during a 20 s outage, with unchanged ids", async () => {
    const receiver = await startTestReceiver();
    const config = testRelayConfig({ EVENTS_WEBHOOK_URL: receiver.url });
    const metrics = createMetrics();
    const worker = await startWorker({
      config,
      logger: createLogger({ level: "silent" }),
      metrics,
    });
    const { queue, publisher, close } = openEventsQueue(config);
    try {
      await receiver.down();
      const produced = new Map<string, RelayEvent>();
      const run = uniquePrefix("_");
      for (let batch = 0; batch < BATCHES; batch += 1) {
        // Three samples (one event of each type) per batch, cut to 15 events: 15 events a second.
        const events = [0, 1, 2]
          .flatMap((i) => sampleEvents(`${run}_${batch}_${i}`))
          .slice(0, EVENTS / BATCHES);
        for (const event of events) produced.set(event.id, event);
        await publisher.publish(events);
        await new Promise((resolve) => setTimeout(resolve, DOWN_MS / BATCHES));
      }
      expect(produced.size).toBe(EVENTS);
      expect(receiver.requests).toHaveLength(0);
      expect(await eventCount(metrics, "message.received", "retried")).toBeGreaterThan(0);

      await receiver.up();
      const backAt = Date.now();
      const seen = () => new Set(receiver.requests.map((r) => r.event.id));
      await waitFor(() => seen().size === EVENTS, 120_000, "all 300 events");
      const allInMs = Date.now() - backAt;

      expect([...seen()].sort()).toEqual([...produced.keys()].sort());
      for (const request of receiver.requests) {
        expect(isSigned(request)).toBe(true);
        expect(request.event).toEqual(produced.get(request.event.id));
      }
      expect(await queue.getFailedCount()).toBe(0);
      // A figure for the record, not an assertion: how long the backlog took to drain.
      process.stdout.write(
        `events backlog: ${EVENTS} delivered ${allInMs} ms after the receiver came back\n`,
      );
    } finally {
      await worker.close(5_000);
      await close();
      await receiver.down();
    }
  }, 240_000);
});
