import { buildSendRequest, isBusinessScopedUserId, type SendSpec } from "./send-request";

const spec = (overrides: Partial<SendSpec>): SendSpec => ({
  platform: "messenger",
  channelId: "PAGE1",
  pageId: null,
  userId: "PSID1",
  messageId: "msg_01",
  content: { text: "hello" },
  messagingType: "RESPONSE",
  tag: null,
  ...overrides,
});

describe("buildSendRequest", () => {
  it("writes a Messenger reply with our id in metadata", () => {
    expect(buildSendRequest(spec({}), "v26.0")).toEqual({
      path: "/v26.0/PAGE1/messages",
      body: {
        recipient: { id: "PSID1" },
        messaging_type: "RESPONSE",
        message: { text: "hello", metadata: "msg_01" },
      },
    });
  });

  it("adds the HUMAN_AGENT tag only with MESSAGE_TAG", () => {
    const tagged = buildSendRequest(
      spec({ messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" }),
      "v26.0",
    );
    expect(tagged.body).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    const plain = buildSendRequest(spec({ tag: "HUMAN_AGENT" }), "v26.0");
    expect(plain.body).not.toHaveProperty("tag");
  });

  it("sends an Instagram Login account on the Instagram host, as itself, HUMAN_AGENT included", () => {
    const request = buildSendRequest(
      spec({
        platform: "instagram",
        channelId: "IG1",
        pageId: null,
        api: "instagram_login",
        messagingType: "MESSAGE_TAG",
        tag: "HUMAN_AGENT",
      }),
      "v26.0",
    );
    expect(request).toEqual({
      path: "/v26.0/IG1/messages",
      host: "instagram",
      body: {
        recipient: { id: "PSID1" },
        messaging_type: "MESSAGE_TAG",
        tag: "HUMAN_AGENT",
        message: { text: "hello", metadata: "msg_01" },
      },
    });
  });

  it("sends Instagram through the linked page", () => {
    const request = buildSendRequest(
      spec({ platform: "instagram", channelId: "IG1", pageId: "PAGE9" }),
      "v25.0",
    );
    expect(request.path).toBe("/v25.0/PAGE9/messages");
  });

  it("writes attachments as Meta's payload", () => {
    const request = buildSendRequest(
      spec({ content: { attachment: { type: "image", url: "https://x.test/a.png" } } }),
      "v26.0",
    );
    expect(request.body.message).toEqual({
      attachment: { type: "image", payload: { url: "https://x.test/a.png" } },
      metadata: "msg_01",
    });
  });

  it("writes a WhatsApp text to a phone number with `to`", () => {
    const request = buildSendRequest(
      spec({
        platform: "whatsapp",
        channelId: "PN1",
        userId: "16505551234",
        messagingType: "SERVICE",
      }),
      "v26.0",
    );
    expect(request).toEqual({
      path: "/v26.0/PN1/messages",
      body: {
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: "16505551234",
        type: "text",
        text: { body: "hello" },
        biz_opaque_callback_data: "msg_01",
      },
    });
  });

  it("writes a WhatsApp send to a business-scoped user id with `recipient`", () => {
    const request = buildSendRequest(
      spec({ platform: "whatsapp", userId: "US.13491208655302741918", messagingType: "SERVICE" }),
      "v26.0",
    );
    expect(request.body.recipient).toBe("US.13491208655302741918");
    expect(request.body).not.toHaveProperty("to");
  });

  it("maps a file to a WhatsApp document and writes templates", () => {
    const media = buildSendRequest(
      spec({
        platform: "whatsapp",
        userId: "1",
        content: { attachment: { type: "file", url: "https://x.test/a.pdf" } },
      }),
      "v26.0",
    );
    expect(media.body).toMatchObject({
      type: "document",
      document: { link: "https://x.test/a.pdf" },
    });
    const template = buildSendRequest(
      spec({
        platform: "whatsapp",
        userId: "1",
        messagingType: "TEMPLATE",
        content: {
          template: { name: "order_update", language: "en_US", components: [{ type: "body" }] },
        },
      }),
      "v26.0",
    );
    expect(template.body).toMatchObject({
      type: "template",
      template: {
        name: "order_update",
        language: { code: "en_US" },
        components: [{ type: "body" }],
      },
    });
  });

  it("writes a Messenger utility template with messaging_type UTILITY", () => {
    const request = buildSendRequest(
      spec({
        messagingType: "UTILITY",
        content: { template: { name: "order_shipped", language: "en_US" } },
      }),
      "v26.0",
    );
    expect(request.body).toEqual({
      recipient: { id: "PSID1" },
      messaging_type: "UTILITY",
      message: {
        template: { name: "order_shipped", language: { code: "en_US" } },
        metadata: "msg_01",
      },
    });
  });

  it("refuses a kind pages cannot carry", () => {
    expect(() =>
      buildSendRequest(spec({ content: { location: { latitude: 1, longitude: 2 } } }), "v26.0"),
    ).toThrow(/not carried by Messenger or Instagram/);
  });

  it("tells phone numbers from business-scoped ids", () => {
    expect(isBusinessScopedUserId("16505551234")).toBe(false);
    expect(isBusinessScopedUserId("+16505551234")).toBe(false);
    expect(isBusinessScopedUserId("US.134")).toBe(true);
  });
});
