import type { MessageContent, Platform } from "@meta-relay/core";
import { buildSendRequest, type SendSpec } from "./send-request";
import { buildSenderActionRequest } from "./sender-action";

// The exact Graph body of every kind on every platform that carries it (product.md §4.2).

const spec = (platform: Platform, content: MessageContent, extra: Partial<SendSpec> = {}) =>
  buildSendRequest(
    {
      platform,
      channelId: platform === "whatsapp" ? "PN1" : "PAGE1",
      pageId: platform === "instagram" ? "PAGE9" : null,
      userId: platform === "whatsapp" ? "15550001" : "PSID1",
      messageId: "msg_01",
      content,
      messagingType: platform === "whatsapp" ? "SERVICE" : "RESPONSE",
      tag: null,
      ...extra,
    },
    "v26.0",
  ).body;

const page = (message: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  recipient: { id: "PSID1" },
  messaging_type: "RESPONSE",
  message: { ...message, metadata: "msg_01" },
  ...more,
});
const wa = (fields: Record<string, unknown>) => ({
  messaging_product: "whatsapp",
  recipient_type: "individual",
  to: "15550001",
  ...fields,
  biz_opaque_callback_data: "msg_01",
});

const quickReplies = [
  { title: "Yes", payload: "YES" },
  { title: "No", payload: "NO" },
];

describe("Messenger and Instagram bodies", () => {
  it.each(["messenger", "instagram"] as const)("%s: text with quick replies", (platform) => {
    expect(spec(platform, { text: "Still there?", quickReplies })).toEqual(
      page({
        text: "Still there?",
        quick_replies: [
          { content_type: "text", title: "Yes", payload: "YES" },
          { content_type: "text", title: "No", payload: "NO" },
        ],
      }),
    );
  });

  it("Messenger: buttons become a button template (url → web_url)", () => {
    const body = spec("messenger", {
      buttons: {
        text: "How can we help?",
        buttons: [
          { type: "postback", title: "Track order", payload: "TRACK" },
          { type: "url", title: "Open site", url: "https://shop.example/help" },
        ],
      },
    });
    expect(body).toEqual(
      page({
        attachment: {
          type: "template",
          payload: {
            template_type: "button",
            text: "How can we help?",
            buttons: [
              { type: "postback", title: "Track order", payload: "TRACK" },
              { type: "web_url", url: "https://shop.example/help", title: "Open site" },
            ],
          },
        },
      }),
    );
  });

  it.each(["messenger", "instagram"] as const)("%s: react and unreact", (platform) => {
    expect(spec(platform, { reaction: { metaMessageId: "m_1", emoji: "❤️" } })).toEqual({
      recipient: { id: "PSID1" },
      messaging_type: "RESPONSE",
      sender_action: "react",
      payload: { message_id: "m_1", reaction: "❤️" },
    });
    expect(spec(platform, { reaction: { metaMessageId: "m_1", emoji: "" } })).toEqual({
      recipient: { id: "PSID1" },
      messaging_type: "RESPONSE",
      sender_action: "unreact",
      payload: { message_id: "m_1" },
    });
  });

  it("an agent's reaction after 24 hours carries the HUMAN_AGENT tag", () => {
    const body = spec(
      "messenger",
      { reaction: { metaMessageId: "m_1", emoji: "👍" } },
      { messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" },
    );
    expect(body).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
  });

  it("raw is Meta's message object, with our metadata; replyTo becomes reply_to.mid", () => {
    const raw = { attachment: { type: "template", payload: { template_type: "generic" } } };
    expect(spec("instagram", { raw, replyTo: { metaMessageId: "m_9" } })).toEqual(
      page(raw, { reply_to: { mid: "m_9" } }),
    );
    expect(spec("messenger", { text: "Yes", replyTo: { metaMessageId: "m_9" } })).toEqual(
      page({ text: "Yes" }, { reply_to: { mid: "m_9" } }),
    );
  });

  it("Messenger: a utility template with components", () => {
    const components = [{ type: "body", parameters: [{ type: "text", text: "A-1" }] }];
    expect(
      spec(
        "messenger",
        { template: { name: "order_shipped", language: "en_US", components } },
        { messagingType: "UTILITY" },
      ),
    ).toEqual({
      recipient: { id: "PSID1" },
      messaging_type: "UTILITY",
      message: {
        template: { name: "order_shipped", language: { code: "en_US" }, components },
        metadata: "msg_01",
      },
    });
  });
});

describe("WhatsApp bodies", () => {
  it("a text with quick replies becomes interactive reply buttons", () => {
    expect(spec("whatsapp", { text: "Still there?", quickReplies })).toEqual(
      wa({
        type: "interactive",
        interactive: {
          type: "button",
          body: { text: "Still there?" },
          action: {
            buttons: [
              { type: "reply", reply: { id: "YES", title: "Yes" } },
              { type: "reply", reply: { id: "NO", title: "No" } },
            ],
          },
        },
      }),
    );
  });

  it("postback buttons become reply buttons; one url button becomes cta_url", () => {
    const postbacks = spec("whatsapp", {
      buttons: { text: "Pick", buttons: [{ type: "postback", title: "Track", payload: "T" }] },
    });
    expect(postbacks).toEqual(
      wa({
        type: "interactive",
        interactive: {
          type: "button",
          body: { text: "Pick" },
          action: { buttons: [{ type: "reply", reply: { id: "T", title: "Track" } }] },
        },
      }),
    );
    const url = spec("whatsapp", {
      buttons: {
        text: "Your invoice",
        buttons: [{ type: "url", title: "Open", url: "https://x.test/i" }],
      },
    });
    expect(url).toEqual(
      wa({
        type: "interactive",
        interactive: {
          type: "cta_url",
          body: { text: "Your invoice" },
          action: {
            name: "cta_url",
            parameters: { display_text: "Open", url: "https://x.test/i" },
          },
        },
      }),
    );
  });

  it("a list", () => {
    const sections = [
      {
        title: "Delivery",
        rows: [{ id: "late", title: "Late parcel", description: "Not here yet" }],
      },
      { title: "Billing", rows: [{ id: "refund", title: "Refund" }] },
    ];
    expect(
      spec("whatsapp", { list: { text: "What is it about?", button: "Topics", sections } }),
    ).toEqual(
      wa({
        type: "interactive",
        interactive: {
          type: "list",
          body: { text: "What is it about?" },
          action: { button: "Topics", sections },
        },
      }),
    );
  });

  it("a reaction, a location, media with caption and file name, a reply", () => {
    expect(spec("whatsapp", { reaction: { metaMessageId: "wamid.A", emoji: "" } })).toEqual(
      wa({ type: "reaction", reaction: { message_id: "wamid.A", emoji: "" } }),
    );
    const location = { latitude: 52.52, longitude: 13.405, name: "Shop", address: "Main St 1" };
    expect(spec("whatsapp", { location })).toEqual(wa({ type: "location", location }));
    expect(
      spec("whatsapp", {
        attachment: {
          type: "file",
          url: "https://x.test/i.pdf",
          caption: "Invoice",
          filename: "i.pdf",
        },
        replyTo: { metaMessageId: "wamid.Q" },
      }),
    ).toEqual(
      wa({
        type: "document",
        document: { link: "https://x.test/i.pdf", caption: "Invoice", filename: "i.pdf" },
        context: { message_id: "wamid.Q" },
      }),
    );
  });

  it("raw is everything but the routing, which the relay writes", () => {
    const raw = { type: "contacts", contacts: [{ name: { formatted_name: "Desk" } }] };
    expect(spec("whatsapp", { raw })).toEqual(wa(raw));
    expect(spec("whatsapp", { raw, replyTo: { metaMessageId: "wamid.Q" } })).toMatchObject({
      context: { message_id: "wamid.Q" },
    });
  });
});

describe("buildSenderActionRequest", () => {
  const base = {
    channelId: "PAGE1",
    pageId: null,
    userId: "PSID1",
    lastCustomerMetaMessageId: null,
  };

  it("Messenger and Instagram: sender_action through the page", () => {
    expect(
      buildSenderActionRequest({ ...base, platform: "messenger", action: "typing_on" }, "v26.0"),
    ).toEqual({
      path: "/v26.0/PAGE1/messages",
      body: { recipient: { id: "PSID1" }, sender_action: "typing_on" },
    });
    expect(
      buildSenderActionRequest(
        { ...base, platform: "instagram", channelId: "IG1", pageId: "PAGE9", action: "mark_seen" },
        "v26.0",
      ),
    ).toEqual({
      path: "/v26.0/PAGE9/messages",
      body: { recipient: { id: "PSID1" }, sender_action: "mark_seen" },
    });
    expect(
      buildSenderActionRequest(
        {
          ...base,
          platform: "instagram",
          channelId: "IG1",
          api: "instagram_login",
          action: "typing_on",
        },
        "v26.0",
      ),
    ).toEqual({
      path: "/v26.0/IG1/messages",
      body: { recipient: { id: "PSID1" }, sender_action: "typing_on" },
      host: "instagram",
    });
  });

  it("WhatsApp: a read receipt of the latest customer message, with a typing indicator", () => {
    const wa = {
      ...base,
      platform: "whatsapp" as const,
      channelId: "PN1",
      lastCustomerMetaMessageId: "wamid.L",
    };
    expect(buildSenderActionRequest({ ...wa, action: "typing_on" }, "v26.0")).toEqual({
      path: "/v26.0/PN1/messages",
      body: {
        messaging_product: "whatsapp",
        status: "read",
        message_id: "wamid.L",
        typing_indicator: { type: "text" },
      },
    });
    expect(buildSenderActionRequest({ ...wa, action: "mark_seen" }, "v26.0")?.body).toEqual({
      messaging_product: "whatsapp",
      status: "read",
      message_id: "wamid.L",
    });
    expect(buildSenderActionRequest({ ...wa, action: "typing_off" }, "v26.0")).toBeNull();
    expect(
      buildSenderActionRequest(
        { ...wa, lastCustomerMetaMessageId: null, action: "mark_seen" },
        "v26.0",
      ),
    ).toBeNull();
  });
});
