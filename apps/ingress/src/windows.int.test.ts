import { HOUR_MS, MINUTE_MS, type Platform } from "@meta-relay/core";
import {
  fromCustomer,
  fromPage,
  messagingWebhook,
  startTestIngress,
  whatsappText,
  whatsappWebhook,
  type TestIngress,
} from "./testing";

/** How each platform says the same things: a message, news that must not open the window, … */
interface PlatformCase {
  platform: Platform;
  channelId: string;
  message(userId: string, atMs: number, id: string): unknown;
  /** Echoes, statuses and receipts at `atMs`: none of them may move the window. */
  notOpening(userId: string, atMs: number): unknown[];
  /** Window-opening actions other than a plain message (postback, standby…). */
  opening: { label: string; payload(userId: string, atMs: number): unknown }[];
  /** 50 entries across 10 conversations; user `u<n>` last wrote at `lastAt(n)`. */
  batch(atMs: (i: number) => number): unknown;
}

function messagingCase(platform: "messenger" | "instagram", channelId: string): PlatformCase {
  const object = platform === "messenger" ? "page" : "instagram";
  const hook = (items: object[], standby = false) =>
    messagingWebhook(object, [{ id: channelId, [standby ? "standby" : "messaging"]: items }]);
  return {
    platform,
    channelId,
    message: (u, at, id) =>
      hook([fromCustomer(channelId, u, at, { message: { mid: id, text: "hi" } })]),
    notOpening: (u, at) => [
      hook([
        fromPage(channelId, u, at, {
          message: { mid: `echo${at}`, is_echo: true, metadata: "msg_1", text: "ok" },
        }),
      ]),
      hook([fromCustomer(channelId, u, at, { delivery: { mids: ["m_out"], watermark: at } })]),
      hook([fromCustomer(channelId, u, at, { read: { watermark: at, mid: "m_out" } })]),
      hook([fromCustomer(channelId, u, at, { reaction: { mid: "m_out", action: "unreact" } })]),
      hook([fromCustomer(channelId, u, at, { optin: { ref: "x" } })]),
    ],
    opening: [
      {
        label: "postback",
        payload: (u, at) =>
          hook([fromCustomer(channelId, u, at, { postback: { title: "Start", payload: "GO" } })]),
      },
      {
        label: "standby message",
        payload: (u, at) =>
          hook([fromCustomer(channelId, u, at, { message: { mid: `sb${at}`, text: "?" } })], true),
      },
      {
        label: "reaction",
        payload: (u, at) =>
          hook([
            fromCustomer(channelId, u, at, {
              reaction: { mid: "m_out", action: "react", emoji: "👍" },
            }),
          ]),
      },
      {
        label: "referral",
        payload: (u, at) =>
          hook([
            fromCustomer(channelId, u, at, {
              referral: { ref: "ad", source: "SHORTLINK", type: "OPEN_THREAD" },
            }),
          ]),
      },
    ],
    batch: (atMs) =>
      messagingWebhook(
        object,
        Array.from({ length: 50 }, (_, i) => ({
          id: channelId,
          messaging: [
            fromCustomer(channelId, `u${i % 10}`, atMs(i), {
              message: { mid: `b${platform}${i}`, text: "b" },
            }),
          ],
        })),
      ),
  };
}

const PHONE_ID = "106540352242922";
const whatsappCase: PlatformCase = {
  platform: "whatsapp",
  channelId: PHONE_ID,
  message: (u, at, id) => whatsappWebhook(PHONE_ID, { messages: [whatsappText(u, id, at)] }),
  notOpening: (u, at) => {
    const ts = String(at / 1000);
    return [
      whatsappWebhook(PHONE_ID, {
        statuses: ["sent", "delivered", "read"].map((status) => ({
          id: "wamid.out",
          status,
          timestamp: ts,
          recipient_id: u,
        })),
      }),
      whatsappWebhook(PHONE_ID, {
        statuses: [
          {
            id: "wamid.out2",
            status: "failed",
            timestamp: ts,
            recipient_id: u,
            errors: [{ code: 131047, title: "Re-engagement message" }],
          },
        ],
      }),
      whatsappWebhook(PHONE_ID, {
        messages: [
          {
            from: u,
            id: `wamid.react${at}`,
            timestamp: ts,
            type: "reaction",
            reaction: { message_id: "wamid.out", emoji: "👍" },
          },
        ],
      }),
      whatsappWebhook(PHONE_ID, { errors: [{ code: 131000, title: "Something went wrong" }] }),
    ];
  },
  opening: [
    {
      label: "interactive reply",
      payload: (u, at) =>
        whatsappWebhook(PHONE_ID, {
          messages: [
            {
              from: u,
              id: `wamid.i${at}`,
              timestamp: String(at / 1000),
              type: "interactive",
              interactive: { type: "button_reply", button_reply: { id: "y", title: "Yes" } },
            },
          ],
        }),
    },
    {
      label: "template button reply",
      payload: (u, at) =>
        whatsappWebhook(PHONE_ID, {
          messages: [
            {
              from: u,
              id: `wamid.b${at}`,
              timestamp: String(at / 1000),
              type: "button",
              button: { payload: "P", text: "Stop" },
            },
          ],
        }),
    },
    {
      label: "message of a username user (BSUID only)",
      payload: (u, at) =>
        whatsappWebhook(PHONE_ID, {
          messages: [
            {
              from_user_id: u,
              id: `wamid.u${at}`,
              timestamp: String(at / 1000),
              type: "text",
              text: { body: "hi" },
            },
          ],
        }),
    },
  ],
  batch: (atMs) => ({
    object: "whatsapp_business_account",
    entry: Array.from(
      { length: 50 },
      (_, i) =>
        whatsappWebhook(PHONE_ID, {
          messages: [whatsappText(`u${i % 10}`, `wamid.batch${i}`, atMs(i))],
        }).entry[0],
    ),
  }),
};

const CASES = [
  messagingCase("messenger", "104512345678901"),
  messagingCase("instagram", "17841400000000001"),
  whatsappCase,
];

// Whole seconds, in the past: WhatsApp's timestamps have second precision, and a recorded time
// that equals the event's and not the arrival's must be told apart from "now".
const BASE = Math.floor((Date.now() - 3 * HOUR_MS) / 1000) * 1000;

describe.each(CASES)("ingress windows: $platform", (c) => {
  let t: TestIngress;
  beforeAll(async () => {
    t = await startTestIngress();
  });
  afterAll(() => t.close());
  const conv = (userId: string) => ({ platform: c.platform, channelId: c.channelId, userId });
  async function post(payload: unknown) {
    const res = await t.post(payload);
    expect(res.status).toBe(200);
  }

  it("records a customer message at Meta's event time, not the arrival time", async () => {
    await post(c.message("alice", BASE, "id-alice-1"));
    expect(await t.lastCustomerMessageAt(conv("alice"))).toBe(BASE);
  });

  it("ignores echoes, statuses and receipts", async () => {
    await post(c.message("bob", BASE, "id-bob-1"));
    for (const payload of c.notOpening("bob", BASE + 30 * MINUTE_MS)) await post(payload);
    expect(await t.lastCustomerMessageAt(conv("bob"))).toBe(BASE);
    for (const payload of c.notOpening("nobody", BASE)) await post(payload);
    expect(await t.lastCustomerMessageAt(conv("nobody"))).toBeNull();
  });

  it("keeps the newer time when an older event arrives after it", async () => {
    await post(c.message("carol", BASE + 10_000, "id-carol-2"));
    await post(c.message("carol", BASE, "id-carol-1"));
    expect(await t.lastCustomerMessageAt(conv("carol"))).toBe(BASE + 10_000);
  });

  it("opens the window on every other window-opening action", async () => {
    for (const [i, { label, payload }] of c.opening.entries()) {
      const at = BASE + (i + 1) * MINUTE_MS;
      await post(payload("dave", at));
      expect({ label, at: await t.lastCustomerMessageAt(conv("dave")) }).toEqual({ label, at });
    }
  });

  it("records all 10 conversations of a batch of 50 entries", async () => {
    const atMs = (i: number) => BASE + i * 1_000;
    await post(c.batch(atMs));
    for (let u = 0; u < 10; u++) {
      expect(await t.lastCustomerMessageAt(conv(`u${u}`))).toBe(atMs(40 + u));
    }
    expect(await t.eventCount()).toBeGreaterThanOrEqual(50);
  });
});
