import type { Platform } from "@meta-relay/core";
import { OUTBOUND_QUEUE, openQueue } from "@meta-relay/queues";
import type { Queue } from "bullmq";
import { startHarness, type Harness, type Json } from "../testing/outbound-harness";

// Every kind of product.md §4.2 on every platform that carries it: POST /v1/messages → worker →
// fake Graph API, asserting the exact body Meta received, the record and the message.sent event.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const CHANNELS = {
  messenger: { id: "page-k", token: "tok-page-k", path: "page-k" },
  utility: { id: "page-util", token: "tok-page-util", path: "page-util" },
  instagram: { id: "ig-k", token: "tok-ig-k", path: "page-of-ig-k" },
  whatsapp: { id: "pn-k", token: "tok-pn-k", path: "pn-k" },
} as const;
type ChannelName = keyof typeof CHANNELS;

interface KindCase {
  name: string;
  channel: ChannelName;
  message: Record<string, unknown>;
  replyTo?: boolean;
  /** The body Meta must receive; `$ID` is our message id, `$REPLY` the customer's message id. */
  body: Json;
  messagingType: string;
  /** Sender actions (reactions on pages) have no message id in Meta's answer. */
  noMetaId?: boolean;
  /** Sent long after the customer wrote (a utility template). */
  ageMs?: number;
}

const platformOf = (channel: ChannelName): Platform =>
  channel === "utility" ? "messenger" : channel;

const page = (message: Json, extra: Json = {}, messagingType = "RESPONSE") => ({
  recipient: { id: "$USER" },
  messaging_type: messagingType,
  message: { ...message, metadata: "$ID" },
  ...extra,
});
const wa = (fields: Json) => ({
  messaging_product: "whatsapp",
  recipient_type: "individual",
  to: "$USER",
  ...fields,
  biz_opaque_callback_data: "$ID",
});

const quickReplies = [
  { title: "Yes", payload: "ANSWERED" },
  { title: "Talk to a person", payload: "HANDOVER" },
];
const pageQuickReplies = quickReplies.map((r) => ({ content_type: "text", ...r }));
const image = { type: "image", url: "https://cdn.example/parcel.png" };
const postbacks = [
  { type: "postback", title: "Track my order", payload: "TRACK" },
  { type: "postback", title: "Returns", payload: "RETURNS" },
];
const raw = { text: "From the raw escape hatch" };

const CASES: KindCase[] = [
  // --- Messenger ---
  {
    name: "messenger text with quick replies",
    channel: "messenger",
    message: { text: "Did this help?", quickReplies },
    body: page({ text: "Did this help?", quick_replies: pageQuickReplies }),
    messagingType: "RESPONSE",
  },
  {
    name: "messenger attachment, as a reply",
    channel: "messenger",
    message: { attachment: image },
    replyTo: true,
    body: page(
      { attachment: { type: "image", payload: { url: image.url } } },
      { reply_to: { mid: "$REPLY" } },
    ),
    messagingType: "RESPONSE",
  },
  {
    name: "messenger buttons",
    channel: "messenger",
    message: {
      buttons: {
        text: "What next?",
        buttons: [postbacks[0], { type: "url", title: "Help", url: "https://shop.example/help" }],
      },
    },
    body: page({
      attachment: {
        type: "template",
        payload: {
          template_type: "button",
          text: "What next?",
          buttons: [
            { type: "postback", title: "Track my order", payload: "TRACK" },
            { type: "web_url", url: "https://shop.example/help", title: "Help" },
          ],
        },
      },
    }),
    messagingType: "RESPONSE",
  },
  {
    name: "messenger reaction",
    channel: "messenger",
    message: { reaction: { metaMessageId: "$REPLY", emoji: "❤️" } },
    body: {
      recipient: { id: "$USER" },
      messaging_type: "RESPONSE",
      sender_action: "react",
      payload: { message_id: "$REPLY", reaction: "❤️" },
    },
    messagingType: "RESPONSE",
    noMetaId: true,
  },
  {
    name: "messenger raw, as a reply",
    channel: "messenger",
    message: { raw },
    replyTo: true,
    body: page(raw, { reply_to: { mid: "$REPLY" } }),
    messagingType: "RESPONSE",
  },
  {
    name: "messenger utility template at 10 days",
    channel: "utility",
    message: {
      template: {
        name: "order_shipped",
        language: "en_US",
        components: [{ type: "body", parameters: [{ type: "text", text: "A-1043" }] }],
      },
    },
    body: page(
      {
        template: {
          name: "order_shipped",
          language: { code: "en_US" },
          components: [{ type: "body", parameters: [{ type: "text", text: "A-1043" }] }],
        },
      },
      {},
      "UTILITY",
    ),
    messagingType: "UTILITY",
    ageMs: 10 * DAY,
  },
  // --- Instagram ---
  {
    name: "instagram text with quick replies, as a reply",
    channel: "instagram",
    message: { text: "Did this help?", quickReplies },
    replyTo: true,
    body: page(
      { text: "Did this help?", quick_replies: pageQuickReplies },
      { reply_to: { mid: "$REPLY" } },
    ),
    messagingType: "RESPONSE",
  },
  {
    name: "instagram attachment",
    channel: "instagram",
    message: { attachment: { type: "video", url: "https://cdn.example/how-to.mp4" } },
    body: page({
      attachment: { type: "video", payload: { url: "https://cdn.example/how-to.mp4" } },
    }),
    messagingType: "RESPONSE",
  },
  {
    name: "instagram reaction removed",
    channel: "instagram",
    message: { reaction: { metaMessageId: "$REPLY", emoji: "" } },
    body: {
      recipient: { id: "$USER" },
      messaging_type: "RESPONSE",
      sender_action: "unreact",
      payload: { message_id: "$REPLY" },
    },
    messagingType: "RESPONSE",
    noMetaId: true,
  },
  {
    name: "instagram raw",
    channel: "instagram",
    message: { raw },
    body: page(raw),
    messagingType: "RESPONSE",
  },
  // --- WhatsApp ---
  {
    name: "whatsapp text with quick replies (reply buttons)",
    channel: "whatsapp",
    message: { text: "Did this help?", quickReplies },
    body: wa({
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Did this help?" },
        action: {
          buttons: quickReplies.map((r) => ({
            type: "reply",
            reply: { id: r.payload, title: r.title },
          })),
        },
      },
    }),
    messagingType: "SERVICE",
  },
  {
    name: "whatsapp document with caption and file name, as a reply",
    channel: "whatsapp",
    message: {
      attachment: {
        type: "file",
        url: "https://shop.example/i/A-1043.pdf",
        caption: "Your invoice",
        filename: "A-1043.pdf",
      },
    },
    replyTo: true,
    body: wa({
      type: "document",
      document: {
        link: "https://shop.example/i/A-1043.pdf",
        caption: "Your invoice",
        filename: "A-1043.pdf",
      },
      context: { message_id: "$REPLY" },
    }),
    messagingType: "SERVICE",
  },
  {
    name: "whatsapp postback buttons",
    channel: "whatsapp",
    message: { buttons: { text: "What next?", buttons: postbacks } },
    body: wa({
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "What next?" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "TRACK", title: "Track my order" } },
            { type: "reply", reply: { id: "RETURNS", title: "Returns" } },
          ],
        },
      },
    }),
    messagingType: "SERVICE",
  },
  {
    name: "whatsapp url button (cta_url)",
    channel: "whatsapp",
    message: {
      buttons: {
        text: "Your invoice is ready",
        buttons: [{ type: "url", title: "Open invoice", url: "https://shop.example/i/1" }],
      },
    },
    body: wa({
      type: "interactive",
      interactive: {
        type: "cta_url",
        body: { text: "Your invoice is ready" },
        action: {
          name: "cta_url",
          parameters: { display_text: "Open invoice", url: "https://shop.example/i/1" },
        },
      },
    }),
    messagingType: "SERVICE",
  },
  {
    name: "whatsapp list",
    channel: "whatsapp",
    message: {
      list: {
        text: "What is it about?",
        button: "Topics",
        sections: [
          {
            title: "Orders",
            rows: [{ id: "late", title: "Late parcel", description: "Not here" }],
          },
          { title: "Billing", rows: [{ id: "refund", title: "Refund" }] },
        ],
      },
    },
    body: wa({
      type: "interactive",
      interactive: {
        type: "list",
        body: { text: "What is it about?" },
        action: {
          button: "Topics",
          sections: [
            {
              title: "Orders",
              rows: [{ id: "late", title: "Late parcel", description: "Not here" }],
            },
            { title: "Billing", rows: [{ id: "refund", title: "Refund" }] },
          ],
        },
      },
    }),
    messagingType: "SERVICE",
  },
  {
    name: "whatsapp reaction",
    channel: "whatsapp",
    message: { reaction: { metaMessageId: "$REPLY", emoji: "👍" } },
    body: wa({ type: "reaction", reaction: { message_id: "$REPLY", emoji: "👍" } }),
    messagingType: "SERVICE",
  },
  {
    name: "whatsapp location",
    channel: "whatsapp",
    message: {
      location: { latitude: 52.5208, longitude: 13.4094, name: "Pick-up", address: "Main St 1" },
    },
    body: wa({
      type: "location",
      location: { latitude: 52.5208, longitude: 13.4094, name: "Pick-up", address: "Main St 1" },
    }),
    messagingType: "SERVICE",
  },
  {
    name: "whatsapp template at 10 days, as a reply",
    channel: "whatsapp",
    message: { template: { name: "order_update", language: "en_US" } },
    replyTo: true,
    body: wa({
      type: "template",
      template: { name: "order_update", language: { code: "en_US" } },
      context: { message_id: "$REPLY" },
    }),
    messagingType: "TEMPLATE",
    ageMs: 10 * DAY,
  },
  {
    name: "whatsapp raw",
    channel: "whatsapp",
    message: {
      raw: { type: "contacts", contacts: [{ name: { formatted_name: "Support desk" } }] },
    },
    body: wa({ type: "contacts", contacts: [{ name: { formatted_name: "Support desk" } }] }),
    messagingType: "SERVICE",
  },
];

/** Replaces the placeholders of an expected body. */
function fill(value: Json, vars: Record<string, string>): Json {
  return JSON.parse(
    JSON.stringify(value).replace(/\$(ID|USER|REPLY)/g, (_m, name: string) => vars[name] ?? ""),
  );
}

describe("every message kind, end to end", () => {
  let h: Harness;
  let outbound: Queue;

  beforeAll(async () => {
    h = await startHarness();
    outbound = openQueue(OUTBOUND_QUEUE, {
      connection: h.redis,
      keyPrefix: h.env["RELAY_KEY_PREFIX"] ?? "",
    });
    await h.channel({ platform: "messenger", channelId: "page-k", accessToken: "tok-page-k" });
    await h.channel({
      platform: "messenger",
      channelId: "page-util",
      accessToken: "tok-page-util",
      utilityMessages: true,
      templates: [{ name: "order_shipped", language: "en_US", status: "APPROVED" }],
    });
    await h.channel({
      platform: "instagram",
      channelId: "ig-k",
      accessToken: "tok-ig-k",
      pageId: "page-of-ig-k",
    });
    await h.channel({ platform: "whatsapp", channelId: "pn-k", accessToken: "tok-pn-k" });
  }, 30_000);
  afterAll(async () => {
    await outbound.close();
    await h.close();
  });

  it.each(CASES.map((c, i) => [c.name, c, i] as const))("%s", async (_name, c, i) => {
    const platform = platformOf(c.channel);
    const channel = CHANNELS[c.channel];
    const userId = platform === "whatsapp" ? `1555000${String(i).padStart(4, "0")}` : `user-${i}`;
    const conv = { platform, channelId: channel.id, userId };
    const reply = await h.customerWrote(conv, Date.now() - (c.ageMs ?? HOUR));
    const fillReply = (v: Json) => fill(v, { REPLY: reply });
    const id = await h.send({
      channel: { platform, id: channel.id },
      recipient: { id: userId },
      sender: { type: "bot", id: "kind-bot" },
      message: fillReply(c.message),
      ...(c.replyTo ? { replyTo: { metaMessageId: reply } } : {}),
    });
    const view = await h.waitFinal(id);
    const sends = h.sim.sends.filter((s) => s.userId === userId);
    expect(sends).toHaveLength(1);
    const [send] = sends;
    expect(send?.outcome).toBe("accepted");
    expect(send?.path).toBe(`/v26.0/${channel.path}/messages`);
    expect(send?.token).toBe(channel.token);
    expect(send?.body).toEqual(fill(c.body, { ID: id, USER: userId, REPLY: reply }));
    const metaMessageId = c.noMetaId ? null : (send?.metaMessageId ?? "missing");
    expect(view).toMatchObject({ status: "sent", attempts: 1 });
    expect(view.metaMessageId ?? null).toBe(metaMessageId);
    const event = await h.event(id, "message.sent");
    expect(event?.data).toEqual({
      id,
      platform,
      channelId: channel.id,
      userId,
      metaMessageId,
      messagingType: c.messagingType,
    });
  });

  describe("refused at the API: 400 naming the field, nothing queued", () => {
    const refusals: [string, ChannelName, Json, string][] = [
      [
        "a list on Messenger",
        "messenger",
        { list: { text: "Pick", button: "Open", sections: [{ rows: [{ id: "a", title: "A" }] }] } },
        "message.list",
      ],
      [
        "4 buttons",
        "messenger",
        {
          buttons: {
            text: "Pick",
            buttons: [1, 2, 3, 4].map((n) => ({
              type: "postback",
              title: `B${n}`,
              payload: `${n}`,
            })),
          },
        },
        "message.buttons.buttons",
      ],
      [
        "4 buttons on WhatsApp",
        "whatsapp",
        {
          buttons: {
            text: "Pick",
            buttons: [1, 2, 3, 4].map((n) => ({
              type: "postback",
              title: `B${n}`,
              payload: `${n}`,
            })),
          },
        },
        "message.buttons.buttons",
      ],
      [
        "a 21-character quick reply title",
        "messenger",
        { text: "Pick", quickReplies: [{ title: "a".repeat(21), payload: "A" }] },
        "message.quickReplies.0.title",
      ],
      ["1001 bytes of text on Instagram", "instagram", { text: "a".repeat(1001) }, "message.text"],
      [
        "a utility template on a page without utilityMessages",
        "messenger",
        { template: { name: "order_shipped", language: "en_US" } },
        "message.template",
      ],
      [
        "a template on Instagram",
        "instagram",
        { template: { name: "order_shipped", language: "en_US" } },
        "message.template",
      ],
      [
        "a raw WhatsApp template",
        "whatsapp",
        { raw: { type: "template", template: { name: "t", language: { code: "en" } } } },
        "message.raw.type",
      ],
      [
        "a location on Instagram",
        "instagram",
        { location: { latitude: 1, longitude: 2 } },
        "message.location",
      ],
    ];

    it.each(refusals)("%s", async (_name, channelName, message, field) => {
      const platform = platformOf(channelName);
      const channel = CHANNELS[channelName];
      const userId = platform === "whatsapp" ? "15559990000" : "user-refused";
      const conv = { platform, channelId: channel.id, userId };
      await h.customerWrote(conv, Date.now() - HOUR);
      const res = await h.api("POST", "/v1/messages", {
        channel: { platform, id: channel.id },
        recipient: { id: userId },
        sender: { type: "bot" },
        message,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
      expect(res.body.error.details).toEqual([{ path: field, message: expect.any(String) }]);
      expect(await h.redis.llen(h.keys.mailbox(conv))).toBe(0);
      const jobs = await outbound.getJobs(["waiting", "delayed", "active", "completed", "failed"]);
      expect(jobs.filter((job) => (job.data as { userId?: string }).userId === userId)).toEqual([]);
      expect(h.sim.sends.filter((s) => s.userId === userId)).toHaveLength(0);
    });
  });

  describe("Meta's refusals of utility templates, classified in the one error table", () => {
    const utility = (channelId: string, userId: string, name: string) =>
      h.send({
        channel: { platform: "messenger", id: channelId },
        recipient: { id: userId },
        sender: { type: "bot" },
        message: { template: { name, language: "en_US" } },
      });

    it("a page whose token lacks the permission: meta_error, and an operator is told what to do", async () => {
      await h.channel({
        platform: "messenger",
        channelId: "page-noperm",
        accessToken: "tok-noperm",
        utilityMessages: true,
      });
      // Meta's side: the page was never granted pages_utility_messaging.
      h.sim.addChannel({
        platform: "messenger",
        channelId: "page-noperm",
        accessToken: "tok-noperm",
      });
      const id = await utility("page-noperm", "user-noperm", "order_shipped");
      const view = await h.waitFinal(id);
      expect(view).toMatchObject({
        status: "failed",
        attempts: 1,
        failure: { reason: "meta_error", meta: { code: 10 } },
      });
      expect(view.failure?.message).toContain("pages_utility_messaging permission");
      expect(view.failure?.message).toContain("An operator must grant the app that permission");
      const event = await h.event(id, "message.failed");
      expect(event?.data).toMatchObject({ reason: "meta_error", message: view.failure?.message });
    });

    it("a template Meta does not know for the page: invalid_message, naming the template", async () => {
      const id = await utility("page-util", "user-unknown-template", "order_lost");
      const view = await h.waitFinal(id);
      expect(view).toMatchObject({
        status: "failed",
        failure: { reason: "invalid_message", meta: { code: 100 } },
      });
      expect(view.failure?.message).toContain("Meta refused the template");
    });
  });
});
