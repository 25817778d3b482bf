import { randomBytes } from "node:crypto";
import { EVENT_TYPES, type RelayEvent } from "@meta-relay/core";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { verifyEventSignature } from "@meta-relay/queues";
import { uniquePrefix } from "@meta-relay/testkit";
import { Webhook } from "standardwebhooks";
import { startWorker, type RunningWorker } from "../worker";
import {
  eventCount,
  openEventsQueue,
  sampleEvents,
  startTestReceiver,
  testRelayConfig,
  waitFor,
  type ReceivedRequest,
  type TestReceiver,
} from "../testing";

// The relay's events as a receiver using `standardwebhooks` (the specification's reference library,
// not ours) sees them: real POSTs from the worker, checked with the relay's whsec_ secrets.

const logger = createLogger({ level: "silent" });
const whsec = () => `whsec_${randomBytes(32).toString("base64")}`;

/** The headers as the library takes them (node gives one string per header here). */
function headersOf(request: ReceivedRequest): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
  );
}

describe("Standard Webhooks headers on every event", () => {
  let receiver: TestReceiver;
  let worker: RunningWorker | null = null;
  let producer: ReturnType<typeof openEventsQueue> | null = null;

  beforeEach(async () => {
    receiver = await startTestReceiver();
  });
  afterEach(async () => {
    await worker?.close(5_000);
    await producer?.close();
    worker = null;
    producer = null;
    await receiver.down();
    jest.restoreAllMocks();
  });

  async function deliver(secret: string, events: RelayEvent[]) {
    const config = testRelayConfig({
      EVENTS_WEBHOOK_URL: receiver.url,
      EVENTS_WEBHOOK_SECRET: secret,
    });
    const metrics = createMetrics();
    worker = await startWorker({ config, logger, metrics });
    producer = openEventsQueue(config);
    await producer.publisher.publish(events);
    await waitFor(() => receiver.requests.length >= events.length, 20_000, "every event delivered");
    return metrics;
  }

  it("verifies every event type with the relay's whsec_ secret, and refuses tampering and replays", async () => {
    const secret = whsec();
    const events = sampleEvents(uniquePrefix("_"));
    // A new event type needs a sample, so that this test covers it too.
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
    await deliver(secret, events);
    const library = new Webhook(secret);
    for (const request of receiver.requests) {
      const headers = headersOf(request);
      expect(headers["webhook-id"]).toBe(request.event.id);
      expect(Number(headers["webhook-timestamp"])).toBeGreaterThan(Date.now() / 1000 - 60);
      expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
      expect(library.verify(request.rawBody, headers)).toEqual(
        events.find((e) => e.id === request.event.id),
      );
      // Release-1 receivers: X-Relay-Signature unchanged, keyed with the secret as configured.
      expect(verifyEventSignature(request.rawBody, headers["x-relay-signature"], secret)).toBe(
        true,
      );

      for (const at of [0, Math.floor(request.rawBody.length / 2), request.rawBody.length - 1]) {
        const changed = Buffer.from(request.rawBody);
        changed[at] = changed[at]! ^ 0x01;
        expect(() => library.verify(changed, headers)).toThrow("No matching signature found");
      }
      expect(() => new Webhook(whsec()).verify(request.rawBody, headers)).toThrow(
        "No matching signature found",
      );
    }
    // The same genuine requests, replayed ten minutes later.
    const replayAt = Date.now() + 10 * 60_000;
    jest.spyOn(Date, "now").mockReturnValue(replayAt);
    for (const request of receiver.requests) {
      expect(() => library.verify(request.rawBody, headersOf(request))).toThrow(
        "Message timestamp too old",
      );
    }
  });

  it("signs with both secrets during a rotation, and each one alone verifies", async () => {
    const [older, newer] = [whsec(), whsec()];
    const events = sampleEvents(uniquePrefix("_"));
    await deliver(`${newer},${older}`, events);
    for (const request of receiver.requests) {
      const headers = headersOf(request);
      expect(headers["webhook-signature"]?.split(" ")).toHaveLength(2);
      expect(() => new Webhook(older).verify(request.rawBody, headers)).not.toThrow();
      expect(() => new Webhook(newer).verify(request.rawBody, headers)).not.toThrow();
      // X-Relay-Signature is keyed with the first secret of the list only.
      expect(verifyEventSignature(request.rawBody, headers["x-relay-signature"], newer)).toBe(true);
      expect(verifyEventSignature(request.rawBody, headers["x-relay-signature"], older)).toBe(
        false,
      );
    }
  });

  it("verifies a release-1 secret (no prefix) as its UTF-8 bytes", async () => {
    const plain = "release-1-secret-0123456789";
    const [event] = sampleEvents(uniquePrefix("_")) as [RelayEvent];
    await deliver(plain, [event]);
    const [request] = receiver.requests as [ReceivedRequest];
    const library = new Webhook(Buffer.from(plain, "utf8"), { format: "raw" });
    expect(() => library.verify(request.rawBody, headersOf(request))).not.toThrow();
  });

  it("re-signs each retry with its own timestamp and the same id", async () => {
    const secret = whsec();
    receiver.answer = (_r, nth) => ({ status: nth === 1 ? 503 : 200 });
    const [event] = sampleEvents(uniquePrefix("_")) as [RelayEvent];
    await deliver(secret, [event]);
    await waitFor(() => receiver.requests.length >= 2, 20_000, "the retry");
    const [first, second] = receiver.requests as [ReceivedRequest, ReceivedRequest];
    expect(second.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    expect(Number(second.headers["webhook-timestamp"])).toBeGreaterThanOrEqual(
      Number(first.headers["webhook-timestamp"]),
    );
    for (const attempt of [first, second]) {
      expect(() => new Webhook(secret).verify(attempt.rawBody, headersOf(attempt))).not.toThrow();
    }
  });

  it("takes a 410 as a permanent refusal: one attempt, counted, not retried", async () => {
    receiver.answer = () => ({ status: 410 });
    const [event] = sampleEvents(uniquePrefix("_")) as [RelayEvent];
    const metrics = await deliver(whsec(), [event]);
    await waitFor(
      async () => (await eventCount(metrics, event.type, "failed_permanent")) === 1,
      20_000,
      "the refusal counted",
    );
    // Long enough for a first retry (at most 2 s) to have happened, had there been one.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(receiver.requests).toHaveLength(1);
    expect(await eventCount(metrics, event.type, "retried")).toBe(0);
  });
});
