import { receivedEventId } from "@meta-relay/queues";
import type { SimCustomerRef } from "@meta-relay/testkit";
import {
  eventsOf,
  expectKind,
  recentTime,
  startKindHarness,
  type KindHarness,
} from "./testing/inbound-kinds";

// Every kind of Messenger content of product.md §4.1: posted by a simulated customer as Meta's
// signed webhook, and checked as the agent platform receives it.

const PAGE = "104512345678901";
let n = 0;
const customer = (): SimCustomerRef => ({
  platform: "messenger",
  channelId: PAGE,
  userId: `71000000${String((n += 1)).padStart(8, "0")}`,
});
const base = (who: SimCustomerRef) => ({
  platform: "messenger" as const,
  channelId: PAGE,
  userId: who.userId,
});

describe("Messenger content, as the agent platform receives it", () => {
  let h: KindHarness;
  beforeAll(async () => {
    h = await startKindHarness();
  });
  afterAll(() => h.close());

  it("a text message", async () => {
    const who = customer();
    const atMs = recentTime(123);
    const post = await h.customers.message(who, { text: "Where is my parcel? ✓", atMs });
    const event = await expectKind(h, post, {
      ...base(who),
      type: "message.received",
      atMs,
      opensWindow: true,
      data: {
        ...base(who),
        metaMessageId: post.id,
        kind: "message",
        opensWindow: true,
        text: "Where is my parcel? ✓",
      },
    });
    expect(event.id).toBe(
      receivedEventId({
        platform: "messenger",
        channelId: PAGE,
        metaMessageId: post.id,
        kind: "message",
      }),
    );
  });

  it("a quick reply, with the payload the bot set", async () => {
    const who = customer();
    const atMs = recentTime(7);
    const post = await h.customers.message(who, { text: "Size M", quickReply: "SIZE_M", atMs });
    await expectKind(h, post, {
      ...base(who),
      type: "message.received",
      atMs,
      opensWindow: true,
      data: {
        ...base(who),
        metaMessageId: post.id,
        kind: "message",
        opensWindow: true,
        text: "Size M",
        payload: "SIZE_M",
      },
    });
  });

  it("attachments: an image, a sticker and a shared link", async () => {
    const who = customer();
    const atMs = recentTime();
    const post = await h.customers.message(who, {
      atMs,
      attachments: [
        { type: "image", url: "https://scontent.example/photo.jpg" },
        { type: "sticker", url: "https://scontent.example/sticker.png" },
        { type: "fallback", url: "https://example.com/article", title: "An article" },
      ],
    });
    await expectKind(h, post, {
      ...base(who),
      type: "message.received",
      atMs,
      opensWindow: true,
      data: {
        ...base(who),
        metaMessageId: post.id,
        kind: "message",
        opensWindow: true,
        attachments: [
          { type: "image", url: "https://scontent.example/photo.jpg" },
          { type: "sticker", url: "https://scontent.example/sticker.png" },
          { type: "fallback", url: "https://example.com/article", title: "An article" },
        ],
      },
    });
  });

  it("a reply to an earlier message, and the first message after a click-to-Messenger ad", async () => {
    const who = customer();
    const atMs = recentTime(1);
    const post = await h.customers.message(who, {
      text: "Is this still available?",
      replyTo: "m_earlier",
      referral: { ref: "spring", adId: "6045246247433", headline: "Spring sale" },
      atMs,
    });
    await expectKind(h, post, {
      ...base(who),
      type: "message.received",
      atMs,
      opensWindow: true,
      data: {
        ...base(who),
        metaMessageId: post.id,
        kind: "message",
        opensWindow: true,
        text: "Is this still available?",
        replyTo: { metaMessageId: "m_earlier" },
        referral: {
          source: "ADS",
          type: "OPEN_THREAD",
          ref: "spring",
          adId: "6045246247433",
          headline: "Spring sale",
        },
      },
    });
  });

  it("a message under standby, while another app holds the thread", async () => {
    const who = customer();
    const atMs = recentTime(9);
    const post = await h.customers.message(who, { text: "hello?", standby: true, atMs });
    await expectKind(h, post, {
      ...base(who),
      type: "message.received",
      atMs,
      opensWindow: true,
      data: {
        ...base(who),
        metaMessageId: post.id,
        kind: "message",
        opensWindow: true,
        text: "hello?",
        standby: true,
      },
    });
  });

  it("a message Messenger cannot show (is_unsupported)", async () => {
    const who = customer();
    const atMs = recentTime();
    const post = await h.customers.message(who, { unsupported: true, atMs });
    await expectKind(h, post, {
      ...base(who),
      type: "message.received",
      atMs,
      opensWindow: true,
      data: { ...base(who), metaMessageId: post.id, kind: "message", opensWindow: true },
    });
  });

  it("a postback, with its payload and the referral of an m.me link", async () => {
    const who = customer();
    const atMs = recentTime(2);
    const post = await h.customers.postback(who, {
      payload: "GET_STARTED",
      title: "Get Started",
      referral: { ref: "welcome", source: "SHORTLINK" },
      atMs,
    });
    await expectKind(h, post, {
      ...base(who),
      type: "message.received",
      atMs,
      opensWindow: true,
      data: {
        ...base(who),
        metaMessageId: post.id,
        kind: "postback",
        opensWindow: true,
        text: "Get Started",
        payload: "GET_STARTED",
        referral: { source: "SHORTLINK", type: "OPEN_THREAD", ref: "welcome" },
      },
    });
  });

  it("a reaction opens the window; taking it back is relayed and opens none", async () => {
    const who = customer();
    const atMs = recentTime(3);
    const post = await h.customers.react(who, { to: "m_ours", emoji: "❤️", atMs });
    const event = await expectKind(h, post, {
      ...base(who),
      type: "message.received",
      atMs,
      opensWindow: true,
      data: {
        ...base(who),
        metaMessageId: expect.stringMatching(/^syn\.reaction\./),
        kind: "reaction",
        opensWindow: true,
        text: "❤️",
        reaction: { emoji: "❤️", action: "react", targetMetaMessageId: "m_ours" },
      },
    });
    const other = customer();
    const unreact = await h.customers.react(other, { to: "m_ours", action: "unreact", atMs });
    const removal = await expectKind(h, unreact, {
      ...base(other),
      type: "message.received",
      atMs,
      opensWindow: false,
      data: {
        ...base(other),
        metaMessageId: expect.stringMatching(/^syn\.reaction\./),
        kind: "reaction",
        opensWindow: false,
        reaction: { action: "unreact", targetMetaMessageId: "m_ours" },
      },
    });
    expect(removal.id).not.toBe(event.id);
  });

  it("an m.me referral into the existing thread", async () => {
    const who = customer();
    const atMs = recentTime(4);
    const post = await h.customers.referral(who, { ref: "spring-sale", source: "SHORTLINK", atMs });
    await expectKind(h, post, {
      ...base(who),
      type: "message.received",
      atMs,
      opensWindow: true,
      data: {
        ...base(who),
        metaMessageId: expect.stringMatching(/^syn\.referral\./),
        kind: "referral",
        opensWindow: true,
        referral: { source: "SHORTLINK", type: "OPEN_THREAD", ref: "spring-sale" },
      },
    });
  });

  it("an edit: message.edited, once however often Meta redelivers it, and no window", async () => {
    const who = customer();
    const atMs = recentTime(5);
    const post = await h.customers.edit(who, { to: "m_typo", text: "Where is my parcel?", atMs });
    for (let i = 0; i < 2; i++) expect((await h.customers.postRaw(post.body)).status).toBe(200);
    await expectKind(h, post, {
      ...base(who),
      type: "message.edited",
      atMs,
      opensWindow: false,
      data: { ...base(who), metaMessageId: "m_typo", text: "Where is my parcel?" },
    });
    // The next edit of the same message is an event of its own.
    const again = await h.customers.edit(who, {
      to: "m_typo",
      text: "Where is it?",
      count: 2,
      atMs,
    });
    expect(again.status).toBe(200);
    const edits = await eventsOf(h.t, who.userId, "message.edited", 2);
    expect(edits.map((e) => (e.data as { text?: string }).text).sort()).toEqual([
      "Where is it?",
      "Where is my parcel?",
    ]);
  });
});
