import { randomBytes } from "node:crypto";
import type { ConversationRef, RelayEvent } from "@meta-relay/core";
import { outboundEventId } from "@meta-relay/queues";
import {
  createChannelStore,
  createDrainStore,
  createKeys,
  createMessageStore,
  createTokenCipher,
  DEFAULT_PACING,
  newMessageId,
} from "@meta-relay/store";
import {
  fromPage,
  messagingWebhook,
  startTestIngress,
  whatsappWebhook,
  type TestIngress,
} from "./testing";

// The ingress's default status sink against real message records: statuses move forward only,
// each change is announced once, and an echo confirms a send whose answer was lost.

const PAGE = "104512345678901";
const PHONE = "106540352242922";
const seconds = (ms: number) => String(Math.floor(ms / 1000));

describe("the outbound status sink behind POST /webhooks/meta", () => {
  let t: TestIngress;
  let stores: ReturnType<typeof storesFor>;

  function storesFor(prefix: string) {
    const keys = createKeys(prefix);
    return {
      keys,
      channels: createChannelStore(t.redis, keys, createTokenCipher(randomBytes(32))),
      messages: createMessageStore(t.redis, keys, { retentionMs: 3_600_000 }),
      drain: createDrainStore(t.redis, keys, { leaseMs: 5_000 }),
    };
  }

  /** A reply queued, handed to Meta, and (unless `answered` is false) accepted with `metaId`. */
  async function sentMessage(conv: ConversationRef, metaId: string, answered = true) {
    const id = newMessageId();
    await stores.messages.enqueue({
      id,
      ...conv,
      sender: { type: "agent" },
      content: { text: "hi" },
    });
    await stores.drain.head(conv, "lease", null);
    const messagingType = conv.platform === "whatsapp" ? "SERVICE" : "RESPONSE";
    await stores.drain.begin(conv, "lease", {
      id,
      attempt: 1,
      messagingType,
      tag: null,
      pacing: DEFAULT_PACING.messenger,
    });
    if (answered) await stores.drain.settleSent(conv, id, metaId);
    await stores.drain.head(conv, "lease", id);
    return id;
  }

  const event = async (id: string, type: Parameters<typeof outboundEventId>[1]) =>
    ((await t.events.getJob(outboundEventId(id, type)))?.data as RelayEvent | undefined) ?? null;
  const status = async (id: string) => (await stores.messages.get(id))?.status;

  beforeAll(async () => {
    t = await startTestIngress();
    stores = storesFor(t.config.redis.keyPrefix);
    await stores.channels.put({ platform: "whatsapp", channelId: PHONE, accessToken: "tok" });
    await stores.channels.put({ platform: "messenger", channelId: PAGE, accessToken: "tok" });
  });
  afterAll(() => t.close());

  it("moves a WhatsApp message forward by wamid, never back", async () => {
    const conv = { platform: "whatsapp", channelId: PHONE, userId: "4915112345678" } as const;
    const id = await sentMessage(conv, "wamid.A");
    const at = Date.now();
    const statuses = (list: [string, number][]) =>
      whatsappWebhook(PHONE, {
        statuses: list.map(([s, ms]) => ({
          id: "wamid.A",
          status: s,
          timestamp: seconds(ms),
          recipient_id: conv.userId,
        })),
      });
    expect(
      (
        await t.post(
          statuses([
            ["sent", at],
            ["delivered", at + 1000],
          ]),
        )
      ).status,
    ).toBe(200);
    expect(await status(id)).toBe("delivered");
    expect((await t.post(statuses([["read", at + 2000]]))).status).toBe(200);
    expect((await t.post(statuses([["delivered", at + 1000]]))).status).toBe(200);
    expect(await status(id)).toBe("read");
    expect((await event(id, "message.delivered"))?.data).toEqual({
      id,
      metaMessageId: "wamid.A",
      timestamp: new Date(Math.floor((at + 1000) / 1000) * 1000).toISOString(),
    });
    expect((await event(id, "message.read"))?.data).toMatchObject({ id, metaMessageId: "wamid.A" });
  });

  it("fails an accepted WhatsApp message on a failed status, counting 131047 as a disagreement", async () => {
    const conv = { platform: "whatsapp", channelId: PHONE, userId: "4915100000001" } as const;
    const id = await sentMessage(conv, "wamid.B");
    const failed = whatsappWebhook(PHONE, {
      statuses: [
        {
          id: "wamid.B",
          status: "failed",
          timestamp: seconds(Date.now()),
          recipient_id: conv.userId,
          errors: [
            { code: 131047, title: "Re-engagement message", message: "Re-engagement message" },
          ],
        },
      ],
    });
    expect((await t.post(failed)).status).toBe(200);
    const record = await stores.messages.get(id);
    expect(record).toMatchObject({
      status: "failed",
      failure: { reason: "window_closed", meta: { code: 131047 } },
    });
    const data = (await event(id, "message.failed"))?.data;
    expect(data).toMatchObject({
      id,
      reason: "window_closed",
      sender: { type: "agent" },
      meta: { code: 131047 },
    });
    expect((data as { message: string }).message).toContain("or send an approved template");
    const metric = await t.metrics.registry.getSingleMetricAsString(
      "relay_meta_window_disagreements_total",
    );
    expect(metric).toContain('relay_meta_window_disagreements_total{platform="whatsapp"} 1');
    // A later "delivered" does not resurrect it.
    await t.post(
      whatsappWebhook(PHONE, {
        statuses: [
          {
            id: "wamid.B",
            status: "delivered",
            timestamp: seconds(Date.now()),
            recipient_id: conv.userId,
          },
        ],
      }),
    );
    expect(await status(id)).toBe("failed");
  });

  it("applies Messenger delivery and read watermarks to the sent messages before them", async () => {
    const conv = { platform: "messenger", channelId: PAGE, userId: "psid-w" } as const;
    const first = await sentMessage(conv, "m_first");
    const second = await sentMessage(conv, "m_second");
    const after = Date.now() + 1_000;
    const receipt = (kind: "delivery" | "read") =>
      messagingWebhook("page", [
        {
          id: PAGE,
          messaging: [
            {
              sender: { id: conv.userId },
              recipient: { id: PAGE },
              timestamp: after,
              [kind]: { watermark: after },
            },
          ],
        },
      ]);
    expect((await t.post(receipt("delivery"))).status).toBe(200);
    expect([await status(first), await status(second)]).toEqual(["delivered", "delivered"]);
    expect((await t.post(receipt("read"))).status).toBe(200);
    expect([await status(first), await status(second)]).toEqual(["read", "read"]);
    expect(await t.redis.zcard(stores.keys.sentUnread(conv))).toBe(0);
    expect(await event(second, "message.read")).not.toBeNull();
  });

  it("confirms a send whose answer was lost when the echo carries our id", async () => {
    const conv = { platform: "messenger", channelId: PAGE, userId: "psid-echo" } as const;
    const id = await sentMessage(conv, "unused", false);
    expect(await status(id)).toBe("queued");
    const echo = messagingWebhook("page", [
      {
        id: PAGE,
        messaging: [
          fromPage(PAGE, conv.userId, Date.now(), {
            message: { mid: "m_echoed", is_echo: true, app_id: 1, metadata: id, text: "hi" },
          }),
        ],
      },
    ]);
    expect((await t.post(echo)).status).toBe(200);
    expect(await stores.messages.get(id)).toMatchObject({
      status: "sent",
      metaMessageId: "m_echoed",
      sending: null,
    });
    expect((await event(id, "message.sent"))?.data).toMatchObject({
      id,
      metaMessageId: "m_echoed",
      messagingType: "RESPONSE",
    });
    // An echo of a page-inbox reply (no id of ours) changes nothing.
    const foreign = messagingWebhook("page", [
      {
        id: PAGE,
        messaging: [
          fromPage(PAGE, conv.userId, Date.now(), {
            message: { mid: "m_inbox", is_echo: true, text: "hello" },
          }),
        ],
      },
    ]);
    expect((await t.post(foreign)).status).toBe(200);
  });
});
