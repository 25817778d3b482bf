import type { SimCustomerRef } from "@meta-relay/testkit";
import {
  expectKind,
  recentTime,
  startKindHarness,
  type KindHarness,
} from "./testing/inbound-kinds";

// Every kind of WhatsApp content of product.md §4.1: posted by a simulated customer as Meta's
// signed webhook, and checked as the agent platform receives it.

const PHONE_ID = "106540352242922";
let n = 0;
const customer = (extra: Partial<SimCustomerRef> = {}): SimCustomerRef => ({
  platform: "whatsapp",
  channelId: PHONE_ID,
  userId: `155501${String((n += 1)).padStart(5, "0")}`,
  ...extra,
});
const base = (who: SimCustomerRef) => ({
  platform: "whatsapp" as const,
  channelId: PHONE_ID,
  userId: who.userId,
});
/** What every WhatsApp message.received carries about its sender. */
const sender = (who: SimCustomerRef) => ({
  ...base(who),
  userIds: [who.userId, ...(who.bsuid ? [who.bsuid] : [])],
  profile: { name: who.name ?? "Sim Customer", ...(who.username && { username: who.username }) },
});
const received = (who: SimCustomerRef, atMs: number, opensWindow = true) => ({
  ...base(who),
  type: "message.received" as const,
  atMs,
  opensWindow,
});

describe("WhatsApp content, as the agent platform receives it", () => {
  let h: KindHarness;
  beforeAll(async () => {
    h = await startKindHarness();
  });
  afterAll(() => h.close());

  it("a text from a customer with a phone number and a business-scoped id", async () => {
    const who = customer({ bsuid: "US.13491208655302741918", name: "Carla" });
    const atMs = recentTime();
    const post = await h.customers.message(who, { text: "Olá! Can I change the address?", atMs });
    await expectKind(h, post, {
      ...received(who, atMs),
      data: {
        ...sender(who),
        metaMessageId: post.id,
        kind: "message",
        opensWindow: true,
        text: "Olá! Can I change the address?",
      },
    });
    const bsuidWindow = await h.t.lastCustomerMessageAt({ ...base(who), userId: who.bsuid ?? "" });
    expect(bsuidWindow).toBe(atMs);
  });

  it("media: a photo with a caption and a document, each with its media id", async () => {
    const who = customer();
    const atMs = recentTime();
    const photo = await h.customers.message(who, {
      atMs,
      media: {
        type: "image",
        id: "1037543291543636",
        mimeType: "image/jpeg",
        sha256: "zUNi2xwxNuS0ZQCiMTFMCXOGqLkC8iRjzfmjnS0eJFE=",
        caption: "the damaged box",
      },
    });
    await expectKind(h, photo, {
      ...received(who, atMs),
      data: {
        ...sender(who),
        metaMessageId: photo.id,
        kind: "message",
        opensWindow: true,
        text: "the damaged box",
        attachments: [
          {
            type: "image",
            mediaId: "1037543291543636",
            mimeType: "image/jpeg",
            sha256: "zUNi2xwxNuS0ZQCiMTFMCXOGqLkC8iRjzfmjnS0eJFE=",
            caption: "the damaged box",
          },
        ],
      },
    });
    const other = customer();
    const doc = await h.customers.message(other, {
      atMs,
      media: {
        type: "document",
        id: "2037543291543637",
        mimeType: "application/pdf",
        sha256: "q3Uu9fWkAtNnPqYp0Lm2rq1YqV0lm7yB2CrK4m9o2mI=",
        filename: "invoice-1042.pdf",
      },
    });
    await expectKind(h, doc, {
      ...received(other, atMs),
      data: {
        ...sender(other),
        metaMessageId: doc.id,
        kind: "message",
        opensWindow: true,
        attachments: [
          {
            type: "document",
            mediaId: "2037543291543637",
            mimeType: "application/pdf",
            sha256: "q3Uu9fWkAtNnPqYp0Lm2rq1YqV0lm7yB2CrK4m9o2mI=",
            filename: "invoice-1042.pdf",
          },
        ],
      },
    });
  });

  it("a location and shared contact cards", async () => {
    const who = customer();
    const atMs = recentTime();
    const location = {
      latitude: 38.7223,
      longitude: -9.1393,
      name: "Our shop",
      address: "Rua Augusta 1, Lisboa",
    };
    const post = await h.customers.message(who, { location, atMs });
    await expectKind(h, post, {
      ...received(who, atMs),
      data: {
        ...sender(who),
        metaMessageId: post.id,
        kind: "message",
        opensWindow: true,
        location,
      },
    });
    const other = customer();
    const contacts = [
      {
        name: { formatted_name: "Bo Lee", first_name: "Bo" },
        phones: [{ phone: "+1 555 0100", type: "CELL" }],
      },
    ];
    const cards = await h.customers.message(other, { contacts, atMs });
    await expectKind(h, cards, {
      ...received(other, atMs),
      data: {
        ...sender(other),
        metaMessageId: cards.id,
        kind: "message",
        opensWindow: true,
        contacts,
      },
    });
  });

  it("replies: a button of a template, an interactive button and a list row, with their ids", async () => {
    const atMs = recentTime();
    const first = customer();
    const button = await h.customers.message(first, {
      button: { payload: "STOP_PROMOTIONS", text: "Stop promotions" },
      replyTo: "wamid.HBgLOUR3cGxhdGUVAgARGBI",
      atMs,
    });
    await expectKind(h, button, {
      ...received(first, atMs),
      data: {
        ...sender(first),
        metaMessageId: button.id,
        kind: "message",
        opensWindow: true,
        text: "Stop promotions",
        payload: "STOP_PROMOTIONS",
        replyTo: { metaMessageId: "wamid.HBgLOUR3cGxhdGUVAgARGBI" },
      },
    });
    const second = customer();
    const reply = await h.customers.postback(second, {
      payload: "track-order",
      title: "Track it",
      atMs,
    });
    await expectKind(h, reply, {
      ...received(second, atMs),
      data: {
        ...sender(second),
        metaMessageId: reply.id,
        kind: "message",
        opensWindow: true,
        text: "Track it",
        payload: "track-order",
      },
    });
    const third = customer();
    const row = await h.customers.message(third, {
      listReply: { id: "size-m", title: "Medium", description: "Chest 96-101 cm" },
      atMs,
    });
    await expectKind(h, row, {
      ...received(third, atMs),
      data: {
        ...sender(third),
        metaMessageId: row.id,
        kind: "message",
        opensWindow: true,
        text: "Medium",
        payload: "size-m",
      },
    });
  });

  it("the first message after a click-to-WhatsApp ad", async () => {
    const who = customer();
    const atMs = recentTime();
    const post = await h.customers.message(who, {
      text: "Is the offer still on?",
      referral: {
        adId: "120211111111111",
        sourceUrl: "https://fb.me/3cr4Wqqkk",
        headline: "Spring shoes",
        body: "All shoes -20% this week",
        ctwaClid:
          "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a",
      },
      atMs,
    });
    await expectKind(h, post, {
      ...received(who, atMs),
      data: {
        ...sender(who),
        metaMessageId: post.id,
        kind: "message",
        opensWindow: true,
        text: "Is the offer still on?",
        referral: {
          source: "ad",
          adId: "120211111111111",
          sourceUrl: "https://fb.me/3cr4Wqqkk",
          headline: "Spring shoes",
          body: "All shoes -20% this week",
          ctwaClid:
            "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a",
        },
      },
    });
  });

  it("a reaction and its removal, relayed without opening a window", async () => {
    const who = customer();
    const atMs = recentTime();
    const post = await h.customers.react(who, { to: "wamid.ours1", emoji: "👍", atMs });
    await expectKind(h, post, {
      ...received(who, atMs, false),
      data: {
        ...sender(who),
        metaMessageId: post.id,
        kind: "reaction",
        opensWindow: false,
        text: "👍",
        reaction: { emoji: "👍", action: "react", targetMetaMessageId: "wamid.ours1" },
      },
    });
    const other = customer();
    const removal = await h.customers.react(other, { to: "wamid.ours1", action: "unreact", atMs });
    await expectKind(h, removal, {
      ...received(other, atMs, false),
      data: {
        ...sender(other),
        metaMessageId: removal.id,
        kind: "reaction",
        opensWindow: false,
        reaction: { emoji: "", action: "unreact", targetMetaMessageId: "wamid.ours1" },
      },
    });
  });

  it("an edit and a deleted message, without opening a window", async () => {
    const who = customer();
    const atMs = recentTime();
    const edit = await h.customers.edit(who, { to: "wamid.typo", text: "Rua Augusta 12", atMs });
    await expectKind(h, edit, {
      ...base(who),
      type: "message.edited",
      atMs,
      opensWindow: false,
      data: { ...base(who), metaMessageId: "wamid.typo", text: "Rua Augusta 12" },
    });
    const revoke = await h.customers.unsend(who, { to: "wamid.typo", atMs });
    await expectKind(h, revoke, {
      ...base(who),
      type: "message.deleted",
      atMs,
      opensWindow: false,
      data: { ...base(who), metaMessageId: "wamid.typo" },
    });
  });

  it("a group message: relayed with its group, and no one-to-one window", async () => {
    const who = customer();
    const atMs = recentTime();
    const post = await h.customers.message(who, {
      text: "Hi all, is the shop open today?",
      groupId: "120363025246125244",
      atMs,
    });
    await expectKind(h, post, {
      ...received(who, atMs, false),
      data: {
        ...sender(who),
        metaMessageId: post.id,
        kind: "message",
        opensWindow: false,
        text: "Hi all, is the shop open today?",
        groupId: "120363025246125244",
      },
    });
  });

  it("a username customer named only in contacts[]", async () => {
    const who = customer({
      userId: "BR.99887766554433221100",
      username: "@lena.s",
      contactsOnly: true,
    });
    const atMs = recentTime();
    const post = await h.customers.message(who, { text: "oi", atMs });
    await expectKind(h, post, {
      ...received(who, atMs),
      data: {
        ...sender(who),
        metaMessageId: post.id,
        kind: "message",
        opensWindow: true,
        text: "oi",
      },
    });
  });

  it("a message type the Cloud API does not support", async () => {
    const who = customer();
    const atMs = recentTime();
    const post = await h.customers.message(who, { unsupported: true, atMs });
    await expectKind(h, post, {
      ...received(who, atMs),
      data: { ...sender(who), metaMessageId: post.id, kind: "message", opensWindow: true },
    });
  });
});
