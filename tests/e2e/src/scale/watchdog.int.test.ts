import type { SimCall } from "@meta-relay/testkit";
import { startHarness, type Harness } from "../testing/outbound-harness";
import {
  buildRelay,
  killAll,
  sleep,
  startEventsReceiver,
  startWorkerProcess,
  waitFor,
  type EventsReceiver,
  type WorkerProcess,
} from "../testing/worker-processes";

// product.md 4.3, "Subscription watchdog", with two worker processes started from the build as
// `npm start` runs them: Meta drops the app's subscription of a page (as it does after an hour of
// failed webhooks), and within one watchdog period the relay has subscribed it again, once, and
// announced it. SUBSCRIPTION_CHECK_MINUTES is 0.05 (3 s) here.

const PERIOD_MS = 3_000;
const PAGE = "page-watched";
const SECRET = "events-secret-watchdog-1";

describe("the subscription watchdog across two worker processes", () => {
  let h: Harness;
  let receiver: EventsReceiver;
  const workers: WorkerProcess[] = [];
  const ref = { platform: "messenger", channelId: PAGE } as const;
  const callsOf = (kind: SimCall["kind"]) =>
    h.sim.calls.filter((c) => c.kind === kind && c.objectId === PAGE);

  beforeAll(async () => {
    buildRelay();
    receiver = await startEventsReceiver(SECRET);
    h = await startHarness({ noWorker: true });
    await h.channel({ platform: "messenger", channelId: PAGE, accessToken: "tok-watched" });
    const env = {
      ...h.env,
      SUBSCRIPTION_CHECK_MINUTES: String(PERIOD_MS / 60_000),
      EVENTS_WEBHOOK_URL: receiver.url,
      EVENTS_WEBHOOK_SECRET: SECRET,
      SHUTDOWN_TIMEOUT_SECONDS: "10",
    };
    for (const name of ["worker-a", "worker-b"]) workers.push(await startWorkerProcess(name, env));
  }, 360_000);

  afterAll(async () => {
    await killAll(workers);
    await h?.close();
    await receiver?.close();
  });

  it("subscribes the page again within one period, exactly once, and emits channel.resubscribed", async () => {
    // The connect subscribed the page; the watchdog has checked it at least once since.
    expect(callsOf("subscribe")).toHaveLength(1);
    await waitFor(() => callsOf("subscribed_apps").length > 0, 30_000, "a first watchdog pass");

    h.sim.unsubscribeApp(ref);
    const droppedAt = Date.now();
    expect(h.sim.subscriptions(ref)).toEqual([]);
    await waitFor(() => callsOf("subscribe").length === 2, 4 * PERIOD_MS, "the re-subscribe call");
    const again = callsOf("subscribe")[1];
    expect(again).toMatchObject({ method: "POST", token: "tok-watched", status: 200 });
    // One period, plus the pass itself and the scheduler's promotion of the delayed job.
    expect((again?.at ?? Infinity) - droppedAt).toBeLessThanOrEqual(PERIOD_MS + 1_500);
    expect(h.sim.subscriptions(ref)).toEqual([
      {
        appId: h.sim.appId,
        fields: expect.arrayContaining(["messages", "messaging_policy_enforcement"]),
      },
    ]);

    await waitFor(
      () => receiver.events.some((e) => e.type === "channel.resubscribed"),
      20_000,
      "channel.resubscribed at the agent platform",
    );
    const announced = receiver.events.filter((e) => e.type === "channel.resubscribed");
    expect(announced.map((e) => e.data)).toEqual([
      { platform: "messenger", channelId: PAGE, status: "active", source: "watchdog" },
    ]);

    // Two more periods: both processes keep running passes, one at a time, and find it subscribed.
    const checksBefore = callsOf("subscribed_apps").length;
    await sleep(2 * PERIOD_MS + 500);
    expect(callsOf("subscribed_apps").length - checksBefore).toBeGreaterThanOrEqual(2);
    expect(callsOf("subscribe")).toHaveLength(2);
    const channel = (await h.api("GET", `/v1/channels/messenger/${PAGE}`)).body;
    expect(channel.subscription).toMatchObject({ subscribed: true });
    expect(workers.every((w) => w.child.exitCode === null)).toBe(true);
    process.stdout.write(
      `watchdog test: re-subscribed ${(again?.at ?? 0) - droppedAt} ms after Meta dropped the app (period ${PERIOD_MS} ms)\n`,
    );
  }, 120_000);

  it("stops both processes cleanly", async () => {
    expect(await Promise.all(workers.map((w) => w.stop()))).toEqual([0, 0]);
  }, 60_000);
});
