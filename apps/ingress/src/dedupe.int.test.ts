import { DAY_MS, HOUR_MS, type RelayEvent } from "@meta-relay/core";
import { EVENTS_QUEUE, queuePrefix } from "@meta-relay/queues";
import { testRedisSettings } from "@meta-relay/testkit";
import { Worker } from "bullmq";
import { closeRedis, createRedis } from "@meta-relay/store";
import {
  fromCustomer,
  messagingWebhook,
  startTestIngress,
  whatsappWebhook,
  waitFor,
  type TestIngress,
} from "./testing";

const PAGE = "104512345678901";
const PHONE_ID = "106540352242922";
// An hour ago, on a whole second plus 250 ms: inside every window whatever the day the suite runs.
const T = Math.floor(Date.now() / 1000) * 1000 - 3_600_000 + 250;
const T_ISO = new Date(T).toISOString();
const T_SECONDS_ISO = new Date(Math.floor(T / 1000) * 1000).toISOString();

const messengerPayload = messagingWebhook("page", [
  {
    id: PAGE,
    messaging: [
      fromCustomer(PAGE, "psid-1", T, {
        message: {
          mid: "m_1",
          text: "Where is my parcel?",
          attachments: [{ type: "image", payload: { url: "https://cdn.example/a.jpg" } }],
        },
      }),
    ],
  },
  {
    id: PAGE,
    messaging: [
      fromCustomer(PAGE, "psid-1", T + 1, { postback: { title: "Menu", payload: "MENU" } }),
      fromCustomer(PAGE, "psid-2", T + 2, {
        reaction: { mid: "m_out", action: "react", reaction: "love", emoji: "❤️" },
      }),
      fromCustomer(PAGE, "psid-3", T + 3, {
        referral: { ref: "spring", source: "SHORTLINK", type: "OPEN_THREAD" },
      }),
    ],
    standby: [fromCustomer(PAGE, "psid-4", T + 4, { message: { mid: "m_sb", text: "hello?" } })],
  },
]);

const whatsappMessage = {
  from: "4915112345678",
  from_user_id: "DE.1234",
  id: "wamid.HBgLNDkxNTExMjM0NTY3OBUCABIYFjNFQjBCMDhEMTI",
  timestamp: String(Math.floor(T / 1000)),
  type: "text",
  text: { body: "Hallo" },
};
const whatsappPayload = whatsappWebhook(PHONE_ID, {
  contacts: [{ profile: { name: "Lena" }, wa_id: "4915112345678", user_id: "DE.1234" }],
  messages: [whatsappMessage],
});

type ReceivedEvent = RelayEvent<"message.received">;

describe("POST /webhooks/meta: one message.received per customer action", () => {
  let t: TestIngress;
  beforeAll(async () => {
    t = await startTestIngress();
  });
  afterAll(() => t.close());

  async function events(): Promise<ReceivedEvent[]> {
    const jobs = await t.events.getJobs(["waiting", "delayed", "active", "completed", "failed"]);
    return jobs.map((job) => job.data as ReceivedEvent);
  }

  it("yields exactly one event per action when Meta delivers the payload three times", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await t.post(messengerPayload)).status).toBe(200);
      expect((await t.post(whatsappPayload)).status).toBe(200);
    }
    const received = await events();
    expect(await t.eventCount()).toBe(6);
    expect(
      received.map((e) => `${e.data.platform}/${e.data.userId}/${e.data.kind}`).sort(),
    ).toEqual([
      "messenger/psid-1/message",
      "messenger/psid-1/postback",
      "messenger/psid-2/reaction",
      "messenger/psid-3/referral",
      "messenger/psid-4/message",
      "whatsapp/4915112345678/message",
    ]);
    expect(new Set(received.map((e) => e.id)).size).toBe(6);
  });

  it("carries exactly the documented data", async () => {
    const received = await events();
    const message = received.find((e) => e.data.metaMessageId === "m_1");
    expect(message).toEqual({
      id: expect.stringMatching(/^evt_/),
      type: "message.received",
      occurredAt: T_ISO,
      data: {
        platform: "messenger",
        channelId: PAGE,
        userId: "psid-1",
        metaMessageId: "m_1",
        kind: "message",
        opensWindow: true,
        text: "Where is my parcel?",
        attachments: [{ type: "image", url: "https://cdn.example/a.jpg" }],
        timestamp: T_ISO,
        raw: messengerPayload.entry[0]?.messaging?.[0],
      },
    });
    const whatsapp = received.find((e) => e.data.platform === "whatsapp");
    expect(whatsapp?.data).toEqual({
      platform: "whatsapp",
      channelId: PHONE_ID,
      userId: "4915112345678",
      userIds: ["4915112345678", "DE.1234"],
      metaMessageId: "wamid.HBgLNDkxNTExMjM0NTY3OBUCABIYFjNFQjBCMDhEMTI",
      kind: "message",
      opensWindow: true,
      text: "Hallo",
      profile: { name: "Lena" },
      timestamp: T_SECONDS_ISO,
      raw: whatsappMessage,
    });
  });

  it("claims every event id for 8 days, so a redelivery within Meta's horizon adds none", async () => {
    const received = await events();
    for (const event of received) {
      // BullMQ's deduplication key of the event: it outlives the job by far.
      const ttl = await t.redis.pttl(
        `${queuePrefix(t.config.redis.keyPrefix, EVENTS_QUEUE)}:${EVENTS_QUEUE}:de:${event.id}`,
      );
      expect(ttl).toBeGreaterThan(8 * DAY_MS - HOUR_MS);
      expect(event.data.raw).toBeDefined();
    }
  });

  it("records a WhatsApp customer under the phone number and the BSUID", async () => {
    for (const userId of ["4915112345678", "DE.1234"]) {
      expect(
        await t.lastCustomerMessageAt({ platform: "whatsapp", channelId: PHONE_ID, userId }),
      ).toBe(Math.floor(T / 1000) * 1000);
    }
  });

  it("still yields no second event after a worker completed the first", async () => {
    const connection = createRedis(testRedisSettings(), { mode: "blocking" });
    const worker = new Worker(EVENTS_QUEUE, () => Promise.resolve("delivered"), {
      connection,
      prefix: queuePrefix(t.config.redis.keyPrefix, EVENTS_QUEUE),
    });
    try {
      await waitFor(async () => (await t.events.getJobCounts("completed")).completed === 6);
    } finally {
      await worker.close();
      await closeRedis(connection);
    }
    expect((await t.post(messengerPayload)).status).toBe(200);
    expect((await t.post(whatsappPayload)).status).toBe(200);
    expect(await t.eventCount()).toBe(6);
    expect((await t.events.getJobCounts("waiting")).waiting).toBe(0);
  });
});

describe("POST /webhooks/meta without EVENTS_WEBHOOK_URL", () => {
  let t: TestIngress;
  beforeAll(async () => {
    t = await startTestIngress({ eventsReceiver: false });
  });
  afterAll(() => t.close());

  it("records the windows, queues no event and counts each as dropped", async () => {
    expect((await t.post(messengerPayload)).status).toBe(200);
    expect((await t.post(whatsappPayload)).status).toBe(200);
    expect(await t.eventCount()).toBe(0);
    expect(
      await t.lastCustomerMessageAt({ platform: "messenger", channelId: PAGE, userId: "psid-1" }),
    ).toBe(T + 1);
    const metrics = await (await fetch(`${t.base}/metrics`)).text();
    expect(metrics).toContain('relay_events_total{type="message.received",outcome="dropped"} 6');
  });
});
