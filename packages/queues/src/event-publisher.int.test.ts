import { DAY_MS, HOUR_MS, type RelayEvent } from "@meta-relay/core";
import { testRedisClient, uniquePrefix } from "@meta-relay/testkit";
import { Queue } from "bullmq";
import { EventPublisher } from "./event-publisher";
import { queuePrefix } from "./names";

function received(id: string): RelayEvent<"message.received"> {
  const at = new Date().toISOString();
  return {
    id,
    type: "message.received",
    occurredAt: at,
    data: {
      platform: "messenger",
      channelId: "100",
      userId: "200",
      metaMessageId: "m_1",
      kind: "message",
      timestamp: at,
      opensWindow: true,
      raw: { message: { mid: "m_1" } },
    },
  };
}

function edited(id: string): RelayEvent<"message.edited"> {
  const at = new Date().toISOString();
  return {
    id,
    type: "message.edited",
    occurredAt: at,
    data: {
      platform: "whatsapp",
      channelId: "100",
      userId: "200",
      metaMessageId: "wamid.1",
      text: "corrected",
      timestamp: at,
      raw: { id: "wamid.2", type: "edit" },
    },
  };
}

describe("EventPublisher", () => {
  const connection = testRedisClient({ maxRetriesPerRequest: null });
  const queue = new Queue("events", { connection, prefix: queuePrefix(uniquePrefix(), "events") });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await connection.quit();
  });

  it("keeps one job per event id, also after the first job was removed", async () => {
    const publisher = new EventPublisher(queue);
    await publisher.publish([received("evt_a"), received("evt_b")]);
    await publisher.publish([received("evt_a")]);
    expect(await queue.getJobCountByTypes("waiting")).toBe(2);
    await (await queue.getJob("evt_a"))?.remove();
    await publisher.publish([received("evt_a")]);
    // Removing a job by hand (dashboard) clears its dedupe key, so the event can be produced again.
    expect(await queue.getJobCountByTypes("waiting")).toBe(2);
  });

  it("refuses an edit's id again for Meta's redelivery horizon, as a received event's", async () => {
    const publisher = new EventPublisher(queue);
    await publisher.publish([edited("evt_e")]);
    await publisher.publish([edited("evt_e")]);
    expect(await queue.getJobCountByTypes("waiting")).toBe(3);
    const ttl = await connection.pttl(`${queue.keys[""]}de:evt_e`);
    expect(ttl).toBeGreaterThan(8 * DAY_MS - HOUR_MS);
    expect(ttl).toBeLessThanOrEqual(8 * DAY_MS);
  });

  it("without a receiver queues nothing and counts each event as dropped", async () => {
    const dropped: string[] = [];
    const publisher = new EventPublisher(queue, {
      receiver: false,
      onDropped: (event) => dropped.push(event.id),
    });
    const before = await queue.getJobCountByTypes("waiting");
    await publisher.publish([received("evt_x"), edited("evt_y")]);
    await publisher.publish([received("evt_z")]);
    expect(dropped).toEqual(["evt_x", "evt_y", "evt_z"]);
    expect(await queue.getJobCountByTypes("waiting")).toBe(before);
    expect(await queue.getJob("evt_x")).toBeUndefined();
  });
});
