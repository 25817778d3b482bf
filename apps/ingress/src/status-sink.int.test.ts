import type { Echo, StatusUpdate } from "@meta-relay/core";
import type { StatusSink } from "./status-sink";
import {
  fromCustomer,
  fromPage,
  messagingWebhook,
  startTestIngress,
  whatsappWebhook,
  type TestIngress,
} from "./testing";

const PAGE = "104512345678901";
const PHONE_ID = "106540352242922";

/** A sink like the outbound role's: it can be told to fail, as when its Redis writes fail. */
class RecordingSink implements StatusSink {
  readonly items: (StatusUpdate | Echo)[] = [];
  failing = false;

  apply(items: (StatusUpdate | Echo)[]): Promise<void> {
    if (this.failing) return Promise.reject(new Error("message records unavailable"));
    this.items.push(...items);
    return Promise.resolve();
  }
}

describe("POST /webhooks/meta: status items", () => {
  const sink = new RecordingSink();
  let t: TestIngress;
  beforeAll(async () => {
    t = await startTestIngress({ statusSink: sink });
  });
  afterAll(() => t.close());

  // A minute ago, in Meta's unit for WhatsApp statuses (seconds, as a string).
  const sentAt = Math.floor(Date.now() / 1000) - 60;
  const statuses = whatsappWebhook(PHONE_ID, {
    statuses: [
      {
        id: "wamid.out1",
        status: "sent",
        timestamp: String(sentAt),
        recipient_id: "4915112345678",
      },
      {
        id: "wamid.out1",
        status: "failed",
        timestamp: String(sentAt + 1),
        recipient_id: "4915112345678",
        errors: [
          { code: 131047, title: "Re-engagement message", message: "Re-engagement message" },
        ],
      },
    ],
  });

  it("hands WhatsApp statuses, with their errors, to the sink", async () => {
    expect((await t.post(statuses)).status).toBe(200);
    expect(sink.items).toEqual([
      expect.objectContaining({ type: "status", status: "sent", metaMessageIds: ["wamid.out1"] }),
      expect.objectContaining({
        type: "status",
        status: "failed",
        channelId: PHONE_ID,
        errors: [{ code: 131047, message: "Re-engagement message" }],
        timestampMs: (sentAt + 1) * 1000,
      }),
    ]);
  });

  it("hands echoes with our metadata and receipts to the sink, in payload order", async () => {
    sink.items.length = 0;
    const at = Date.now() - 1_000;
    const res = await t.post(
      messagingWebhook("page", [
        {
          id: PAGE,
          messaging: [
            fromPage(PAGE, "psid-1", at, {
              message: { mid: "m_echo", is_echo: true, metadata: "msg_01jd8z3k7q", text: "hi" },
            }),
            fromCustomer(PAGE, "psid-1", at + 1, { delivery: { mids: ["m_echo"], watermark: at } }),
            fromCustomer(PAGE, "psid-1", at + 2, { read: { watermark: at + 1 } }),
          ],
        },
      ]),
    );
    expect(res.status).toBe(200);
    expect(sink.items.map((i) => (i.type === "echo" ? `echo:${i.metadata}` : i.status))).toEqual([
      "echo:msg_01jd8z3k7q",
      "delivered",
      "read",
    ]);
    expect(await t.eventCount()).toBe(0);
  });

  it("answers 503 when the sink cannot record, so Meta delivers again", async () => {
    sink.items.length = 0;
    sink.failing = true;
    expect((await t.post(statuses)).status).toBe(503);
    sink.failing = false;
    expect((await t.post(statuses)).status).toBe(200);
    expect(sink.items).toHaveLength(2);
  });
});
