import type { RelayEvent, WindowExpiringData } from "@meta-relay/core";
import type { SimWebhookEvent } from "@meta-relay/testkit";
import { startHarness, type Harness } from "../testing/outbound-harness";
import {
  buildRelay,
  crossSlotErrors,
  killAll,
  startEventsReceiver,
  startWorkerProcess,
  waitFor,
  type EventsReceiver,
  type WorkerProcess,
} from "../testing/worker-processes";

// `conversation.window_expiring` end to end: customers write through signed webhooks to the
// ingress, two worker processes started from the build sweep the reminders and deliver them to an
// agent platform's receiver. WINDOW_REMINDER_MINUTES=1; every window ends within the next 2 minutes
// (customer timestamps are now − 24 h + an offset). On `npm run test:cluster` all of it runs on the
// suite's Redis Cluster.

const DAY = 24 * 3_600_000;
const LEAD_MS = 60_000;
/** A reminder fires at most this long after it is due (product.md 4.4). */
const WITHIN_MS = 30_000;
const EVENTS_SECRET = "events-secret-reminders-01";

type Reminder = RelayEvent<"conversation.window_expiring"> & { receivedAt: number };

describe("window reminders with two worker processes", () => {
  let h: Harness;
  let receiver: EventsReceiver;
  const workers: WorkerProcess[] = [];
  const arrivals = new Map<string, number>();

  const customers = () => {
    if (!h.customers) throw new Error("the harness runs no ingress");
    return h.customers;
  };
  /** Every reminder received for a channel, once per event id, with its first arrival time. */
  const remindersOf = (channelId: string): Reminder[] => {
    const byId = new Map<string, Reminder>();
    for (const event of receiver.events) {
      if (event.type !== "conversation.window_expiring") continue;
      const data = event.data as WindowExpiringData;
      if (data.channelId !== channelId || byId.has(event.id)) continue;
      byId.set(event.id, { ...(event as Reminder), receivedAt: arrivals.get(event.id) ?? 0 });
    }
    return [...byId.values()];
  };
  /** Customers write in batches, as Meta batches them; the window ends `endsInMs[i]` from `t0`. */
  const write = async (channelId: string, users: string[], t0: number, endsInMs: number[]) => {
    for (let start = 0; start < users.length; start += 50) {
      const batch: SimWebhookEvent[] = users.slice(start, start + 50).map((userId, i) => ({
        kind: "message",
        who: { platform: "messenger", channelId, userId },
        text: "Is anyone there?",
        atMs: t0 - DAY + (endsInMs[start + i] ?? 0),
      }));
      expect((await customers().batch(batch)).status).toBe(200);
    }
  };
  const spread = (count: number, fromMs: number, toMs: number) =>
    Array.from({ length: count }, (_, i) => Math.round(fromMs + ((toMs - fromMs) * i) / count));

  beforeAll(async () => {
    buildRelay();
    receiver = await startEventsReceiver(EVENTS_SECRET);
    h = await startHarness({
      noWorker: true,
      ingress: true,
      env: { EVENTS_WEBHOOK_URL: receiver.url, EVENTS_WEBHOOK_SECRET: EVENTS_SECRET },
    });
    // The receiver keeps events in arrival order; note when each id first came.
    const push = receiver.events.push.bind(receiver.events);
    receiver.events.push = (...events: RelayEvent[]) => {
      for (const e of events) if (!arrivals.has(e.id)) arrivals.set(e.id, Date.now());
      return push(...events);
    };
    const env = {
      ...h.env,
      WINDOW_REMINDER_MINUTES: "1",
      SHUTDOWN_TIMEOUT_SECONDS: "5",
      LOG_LEVEL: "info",
    };
    for (const name of ["worker-a", "worker-b"]) workers.push(await startWorkerProcess(name, env));
    await h.channel({ platform: "messenger", channelId: "page-rem", accessToken: "tok-rem" });
    await h.channel({ platform: "messenger", channelId: "page-kill", accessToken: "tok-kill" });
  }, 360_000);

  afterAll(async () => {
    await killAll(workers);
    await receiver?.close();
    await h?.close();
  });

  it("reminds each unanswered conversation once, within 30 s of its due time; not the answered; later when the customer wrote again", async () => {
    const t0 = Date.now();
    const unanswered = Array.from({ length: 200 }, (_, i) => `u${i}`);
    const answered = Array.from({ length: 50 }, (_, i) => `a${i}`);
    const moved = ["u150", "u170", "u190"];
    // Windows end between 70 s and 120 s from now: reminders due between 10 s and 60 s.
    await write("page-rem", unanswered, t0, spread(200, 70_000, 120_000));
    // The answered ones are due from 30 s on: their replies are sent well before.
    await write("page-rem", answered, t0, spread(50, 90_000, 120_000));
    for (const userId of answered) {
      await h.send({
        channel: { platform: "messenger", id: "page-rem" },
        recipient: { id: userId },
        sender: { type: "agent", id: "agent-1" },
        message: { text: "We are on it." },
      });
    }
    // Three customers write again before their reminder: their windows now end 150 s from t0.
    await write("page-rem", moved, t0, [150_000, 150_000, 150_000]);
    const answeredSent = () =>
      h.sim.sends.filter((s) => s.outcome === "accepted" && s.channelId === "page-rem").length;
    await waitFor(() => answeredSent() === 50, 60_000, "the 50 replies to be accepted by Meta");

    await waitFor(
      () => remindersOf("page-rem").length >= 200,
      150_000 + WITHIN_MS - (Date.now() - t0),
      "200 reminders",
    );
    // Time for a doubled or a wrong reminder to show up.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const reminders = remindersOf("page-rem");
    const users = reminders.map((r) => r.data.userId);
    expect(reminders).toHaveLength(200);
    expect(new Set(users)).toEqual(new Set(unanswered));
    for (const r of reminders) {
      const due = Date.parse(r.data.endsAt) - LEAD_MS;
      const late = { userId: r.data.userId, firedLate: Date.parse(r.occurredAt) - due };
      expect({ ...late, onTime: late.firedLate >= -1_000 && late.firedLate <= WITHIN_MS }).toEqual({
        ...late,
        onTime: true,
      });
      const arrived = { userId: r.data.userId, arrivedLate: r.receivedAt - due };
      expect({ ...arrived, onTime: arrived.arrivedLate <= WITHIN_MS }).toEqual({
        ...arrived,
        onTime: true,
      });
      expect(r.data).toMatchObject({ platform: "messenger", window: "standard" });
      const left = Math.round((Date.parse(r.data.endsAt) - Date.parse(r.occurredAt)) / 60_000);
      expect(r.data.minutesLeft).toBe(Math.max(0, left));
    }
    for (const userId of moved) {
      const r = reminders.find((x) => x.data.userId === userId);
      expect(r?.data.lastCustomerMessageAt).toBe(new Date(t0 - DAY + 150_000).toISOString());
      expect(r?.data.endsAt).toBe(new Date(t0 + 150_000).toISOString());
    }
    for (const worker of workers) expect(crossSlotErrors(worker.output)).toEqual([]);
  }, 300_000);

  it("loses and doubles no reminder when the sweeping worker process is SIGKILLed mid-way", async () => {
    const t0 = Date.now();
    const users = Array.from({ length: 100 }, (_, i) => `k${i}`);
    await write("page-kill", users, t0, spread(100, 70_000, 120_000));
    await waitFor(() => remindersOf("page-kill").length >= 30, 90_000, "the first 30 reminders");
    const holder = await h.redis.get(`${h.config.redis.keyPrefix}:reminders:lease`);
    const victim = workers.find((w) => holder !== null && w.output.join("").includes(holder));
    if (!victim) throw new Error(`no worker process holds the lease ${String(holder)}`);
    victim.child.kill("SIGKILL");
    expect(await victim.exited).toBeNull();
    const survivor = workers.find((w) => w !== victim);

    await waitFor(
      () => remindersOf("page-kill").length >= 100,
      120_000 + WITHIN_MS - (Date.now() - t0),
      "100 reminders",
    );
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const reminders = remindersOf("page-kill");
    expect(reminders).toHaveLength(100);
    const perUser = new Map<string, number>();
    for (const r of reminders) perUser.set(r.data.userId, (perUser.get(r.data.userId) ?? 0) + 1);
    expect([...perUser.keys()].sort()).toEqual([...users].sort());
    expect([...perUser.values()].every((n) => n === 1)).toBe(true);
    for (const r of reminders) {
      const due = Date.parse(r.data.endsAt) - LEAD_MS;
      const late = { userId: r.data.userId, firedLate: Date.parse(r.occurredAt) - due };
      expect({ ...late, onTime: late.firedLate <= WITHIN_MS }).toEqual({ ...late, onTime: true });
    }
    // The survivor took the sweep over.
    expect(survivor?.output.join("")).toMatch(/reminder sweep lease taken/);
  }, 300_000);
});
