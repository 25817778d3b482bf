import { DAY_MS, type RelayEvent } from "@meta-relay/core";
import {
  fromCustomer,
  messagingWebhook,
  startTestIngress,
  waitFor,
  whatsappWebhook,
  type TestIngress,
} from "./testing";

// What Meta (and replays of other projects' fixtures) really send: a clock a year ahead, ids no
// key may hold, ids as JSON numbers, seconds where milliseconds belong, group messages.

const PAGE = "104512345678901";
const PHONE_ID = "106540352242922";

describe("POST /webhooks/meta: robust to what Meta really sends", () => {
  let t: TestIngress;
  beforeAll(async () => {
    t = await startTestIngress();
  });
  afterAll(() => t.close());

  async function received(userId: string): Promise<RelayEvent<"message.received">> {
    let found: RelayEvent<"message.received"> | undefined;
    await waitFor(async () => {
      const jobs = await t.events.getJobs(["waiting", "completed", "active", "delayed"]);
      found = jobs
        .map((job) => job.data as RelayEvent<"message.received">)
        .find((event) => event.data.userId === userId);
      return found !== undefined;
    });
    if (!found) throw new Error(`no event for ${userId}`);
    return found;
  }

  it("records a message stamped a year ahead at the time it was received, not later", async () => {
    const ahead = Date.now() + 365 * DAY_MS;
    const before = Date.now();
    const res = await t.post(
      messagingWebhook("page", [
        {
          id: PAGE,
          messaging: [
            fromCustomer(PAGE, "ahead-1", ahead, { message: { mid: "m_future", text: "hi" } }),
          ],
        },
      ]),
    );
    const after = Date.now();
    expect(res.status).toBe(200);
    const at = await t.lastCustomerMessageAt({
      platform: "messenger",
      channelId: PAGE,
      userId: "ahead-1",
    });
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(after);
    // The event says when it was received too; `raw` keeps what Meta stamped.
    const event = await received("ahead-1");
    const stamped = Date.parse(event.data.timestamp);
    expect(stamped).toBeGreaterThanOrEqual(before);
    expect(stamped).toBeLessThanOrEqual(after);
    expect((event.data.raw as { timestamp: number }).timestamp).toBe(ahead);
  });

  it("writes no key for a sender id of 100 000 characters, and counts it", async () => {
    const keys = await t.keyCount();
    const res = await t.post(
      messagingWebhook("page", [
        {
          id: PAGE,
          messaging: [
            fromCustomer(PAGE, "7".repeat(100_000), Date.now() - 60_000, {
              message: { mid: "m_long", text: "x" },
            }),
          ],
        },
      ]),
    );
    expect(res.status).toBe(200);
    expect(await t.keyCount()).toBe(keys);
    const metrics = await (await fetch(`${t.base}/metrics`)).text();
    expect(metrics).toContain(
      'relay_webhook_items_total{platform="messenger",kind="ignored_unaddressable"} 1',
    );
  });

  it("takes ids sent as JSON numbers and a Messenger timestamp in seconds", async () => {
    const seconds = Math.floor((Date.now() - 120_000) / 1000);
    const body = `{"object":"page","entry":[{"id":${PAGE},"time":${seconds},"messaging":[{"sender":{"id":6100000000000001},"recipient":{"id":${PAGE}},"timestamp":${seconds},"message":{"mid":"m_numeric","text":"hi"}}]}]}`;
    expect((await t.post(body)).status).toBe(200);
    expect(
      await t.lastCustomerMessageAt({
        platform: "messenger",
        channelId: PAGE,
        userId: "6100000000000001",
      }),
    ).toBe(seconds * 1000);
    const event = await received("6100000000000001");
    expect(event.data).toMatchObject({
      channelId: PAGE,
      timestamp: new Date(seconds * 1000).toISOString(),
    });
  });

  it("relays a WhatsApp group message without opening a one-to-one window", async () => {
    const at = Math.floor((Date.now() - 60_000) / 1000);
    const res = await t.post(
      whatsappWebhook(PHONE_ID, {
        contacts: [{ profile: { name: "Group member" }, wa_id: "15550009999" }],
        messages: [
          {
            from: "15550009999",
            group_id: "120363025246125244",
            id: "wamid.group1",
            timestamp: String(at),
            type: "text",
            text: { body: "hello group" },
          },
        ],
      }),
    );
    expect(res.status).toBe(200);
    const event = await received("15550009999");
    expect(event.data).toMatchObject({ opensWindow: false, groupId: "120363025246125244" });
    expect(
      await t.lastCustomerMessageAt({
        platform: "whatsapp",
        channelId: PHONE_ID,
        userId: "15550009999",
      }),
    ).toBeNull();
  });
});
