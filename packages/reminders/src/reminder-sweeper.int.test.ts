import { DAY_MS, type RelayEvent, type CustomerAction } from "@meta-relay/core";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { EVENTS_QUEUE, EventPublisher, openQueue, queuePrefix } from "@meta-relay/queues";
import {
  closeRedis,
  createChannelStore,
  createKeys,
  createRedis,
  createReminderStore,
  createTokenCipher,
  createWindowStore,
} from "@meta-relay/store";
import { testRedisSettings, uniquePrefix } from "@meta-relay/testkit";
import { waitFor } from "@meta-relay/testkit/testing";
import { randomBytes } from "node:crypto";
import { startReminderSweeper, type ReminderSweeper } from "./reminder-sweeper";

// Sweepers in this process against the suite's Redis and a real events queue: what they put on
// the queue is what the agent platform would receive.

const log = createLogger({ level: "silent" });

describe("startReminderSweeper", () => {
  const redis = createRedis(testRedisSettings(), { mode: "blocking" });
  const prefix = uniquePrefix();
  const keys = createKeys(prefix);
  const events = openQueue(EVENTS_QUEUE, { connection: redis, keyPrefix: prefix });
  const publisher = new EventPublisher(events);
  const sweepers: ReminderSweeper[] = [];
  const channel = { platform: "messenger" as const, channelId: "page-sweep" };

  const sweeper = (publish = (list: RelayEvent[]) => publisher.publish(list)) => {
    const started = startReminderSweeper({
      store: createReminderStore(redis, keys, { batch: 5 }),
      publish,
      leadMinutes: [1],
      log,
      metrics: createMetrics(),
      tickMs: 100,
      leaseMs: 300,
    });
    sweepers.push(started);
    return started;
  };
  const reminders = async () => {
    const jobs = await events.getJobs(["waiting"]);
    return jobs.map((job) => job.data as RelayEvent<"conversation.window_expiring">);
  };
  const until = (check: () => Promise<boolean>, what: string) => waitFor(check, 20_000, what);

  beforeAll(async () => {
    const cipher = createTokenCipher(randomBytes(32));
    await createChannelStore(redis, keys, cipher).put({ ...channel, accessToken: "t" });
  });
  afterEach(async () => {
    await Promise.all(sweepers.splice(0).map((s) => s.close()));
    await events.obliterate({ force: true });
  });
  afterAll(async () => {
    await events.close();
    await closeRedis(redis);
  });

  const customersWrote = async (count: number, firstUser: number, endsInMs: number) => {
    const now = Date.now();
    const actions: CustomerAction[] = Array.from({ length: count }, (_, i) => {
      const userId = `u${firstUser + i}`;
      return {
        type: "customer_action",
        ...channel,
        userId,
        userIds: [userId],
        metaMessageId: `m_${userId}`,
        kind: "message",
        timestampMs: now - DAY_MS + endsInMs + i,
        opensWindow: true,
        raw: {},
      };
    });
    await createWindowStore(redis, keys).recordCustomerActions(actions);
  };

  it("puts each due reminder on the events queue once, whichever of two sweepers finds it", async () => {
    await customersWrote(30, 0, 30_000);
    sweeper();
    sweeper();
    await until(async () => (await reminders()).length >= 30, "30 reminders");
    await new Promise((resolve) => setTimeout(resolve, 800));
    const found = await reminders();
    expect(found).toHaveLength(30);
    expect(new Set(found.map((e) => e.data.userId)).size).toBe(30);
    const first = found.find((e) => e.data.userId === "u0");
    expect(first).toMatchObject({
      type: "conversation.window_expiring",
      data: { platform: "messenger", channelId: channel.channelId, window: "standard" },
    });
    expect(first?.data.minutesLeft).toBeLessThanOrEqual(1);
    expect(Date.parse(first?.data.endsAt ?? "") - Date.parse(first?.occurredAt ?? "")).toBeLessThan(
      60_000,
    );
  });

  it("keeps a reminder it could not publish and publishes it on a later sweep", async () => {
    await customersWrote(3, 100, 30_000);
    let refusals = 0;
    const flaky = sweeper(async (list) => {
      if (refusals < 2) {
        refusals += 1;
        throw new Error("the events queue is away");
      }
      await publisher.publish(list);
    });
    await until(async () => (await reminders()).length >= 3, "3 reminders");
    expect(refusals).toBe(2);
    await flaky.close();
    expect((await reminders()).map((e) => e.data.userId).sort()).toEqual(["u100", "u101", "u102"]);
  });

  it("re-publishes after a crash between the publication and the acknowledgement, without doubling", async () => {
    await customersWrote(4, 200, 30_000);
    // A sweeper that dies right after its events reached the queue: nothing was acknowledged.
    let crashed = false;
    const dying = sweeper(async (list) => {
      await publisher.publish(list);
      crashed = true;
      throw new Error("killed before acknowledging");
    });
    await until(() => Promise.resolve(crashed), "the first publication");
    await dying.close();
    expect(await redis.zcard(keys.reminderOutbox(channel))).toBeGreaterThan(0);
    sweeper();
    await until(
      async () => (await redis.zcard(keys.reminderOutbox(channel))) === 0,
      "the outbox to empty",
    );
    const found = (await reminders()).filter((e) => e.data.userId.startsWith("u2"));
    expect(found.map((e) => e.data.userId).sort()).toEqual(["u200", "u201", "u202", "u203"]);
    // The id stays refused after the job itself is trimmed: until an hour past the window's end.
    for (const event of found) {
      const dedupe = `${queuePrefix(prefix, EVENTS_QUEUE)}:events:de:${event.id}`;
      expect(await redis.pttl(dedupe)).toBeGreaterThan(60 * 60_000);
    }
  });
});
