import type { SimCustomerRef } from "@meta-relay/testkit";
import {
  expectKind,
  recentTime,
  startKindHarness,
  type KindHarness,
} from "./testing/inbound-kinds";

// Every kind of Instagram content of product.md §4.1, for both ways an account is connected:
// through its linked Facebook page (Messenger Platform) and with Instagram Login. Both post
// `object: "instagram"` with the professional account's id as the entry id.

const FLAVOURS = [
  { flavour: "via its Facebook page", account: "17841400000000001" },
  { flavour: "with Instagram Login", account: "17841400000000002" },
];

describe.each(FLAVOURS)("Instagram content $flavour", ({ account }) => {
  let h: KindHarness;
  let n = 0;
  const customer = (): SimCustomerRef => ({
    platform: "instagram",
    channelId: account,
    userId: `55${account.slice(-1)}0000000${String((n += 1)).padStart(6, "0")}`,
  });
  const base = (who: SimCustomerRef) => ({
    platform: "instagram" as const,
    channelId: account,
    userId: who.userId,
  });
  const received = (who: SimCustomerRef, atMs: number, opensWindow = true) => ({
    ...base(who),
    type: "message.received" as const,
    atMs,
    opensWindow,
  });

  beforeAll(async () => {
    h = await startKindHarness();
  });
  afterAll(() => h.close());

  it("a text message and an image", async () => {
    const who = customer();
    const atMs = recentTime(250);
    const post = await h.customers.message(who, {
      text: "Do you ship to Lisbon?",
      attachments: [
        { type: "image", url: "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1" },
      ],
      atMs,
    });
    await expectKind(h, post, {
      ...received(who, atMs),
      data: {
        ...base(who),
        metaMessageId: post.id,
        kind: "message",
        opensWindow: true,
        text: "Do you ship to Lisbon?",
        attachments: [
          { type: "image", url: "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1" },
        ],
      },
    });
  });

  it("a reply to a story, a story mention and a shared reel", async () => {
    const who = customer();
    const atMs = recentTime(1);
    const reply = await h.customers.message(who, {
      text: "love this",
      storyReply: { id: "17900000000000001", url: "https://lookaside.fbsbx.com/story/1" },
      atMs,
    });
    await expectKind(h, reply, {
      ...received(who, atMs),
      data: {
        ...base(who),
        metaMessageId: reply.id,
        kind: "message",
        opensWindow: true,
        text: "love this",
        replyTo: { story: { id: "17900000000000001", url: "https://lookaside.fbsbx.com/story/1" } },
      },
    });
    const other = customer();
    const mention = await h.customers.message(other, {
      attachments: [
        { type: "story_mention", url: "https://lookaside.fbsbx.com/story/2" },
        { type: "ig_reel", url: "https://lookaside.fbsbx.com/reel/3", title: "Our spring look" },
      ],
      atMs,
    });
    await expectKind(h, mention, {
      ...received(other, atMs),
      data: {
        ...base(other),
        metaMessageId: mention.id,
        kind: "message",
        opensWindow: true,
        attachments: [
          { type: "story_mention", url: "https://lookaside.fbsbx.com/story/2" },
          { type: "ig_reel", url: "https://lookaside.fbsbx.com/reel/3", title: "Our spring look" },
        ],
      },
    });
  });

  it("a quick reply, an ice breaker (postback) and the first message after a click-to-Direct ad", async () => {
    const who = customer();
    const atMs = recentTime(2);
    const quick = await h.customers.message(who, { text: "Yes", quickReply: "CONFIRM", atMs });
    await expectKind(h, quick, {
      ...received(who, atMs),
      data: {
        ...base(who),
        metaMessageId: quick.id,
        kind: "message",
        opensWindow: true,
        text: "Yes",
        payload: "CONFIRM",
      },
    });
    const second = customer();
    const postback = await h.customers.postback(second, {
      payload: "ICEBREAKER_1",
      title: "What are your hours?",
      atMs,
    });
    await expectKind(h, postback, {
      ...received(second, atMs),
      data: {
        ...base(second),
        metaMessageId: postback.id,
        kind: "postback",
        opensWindow: true,
        text: "What are your hours?",
        payload: "ICEBREAKER_1",
      },
    });
    const third = customer();
    const ad = await h.customers.message(third, {
      text: "Hi! Saw your ad",
      referral: { adId: "120210000000001", headline: "Spring collection" },
      atMs,
    });
    await expectKind(h, ad, {
      ...received(third, atMs),
      data: {
        ...base(third),
        metaMessageId: ad.id,
        kind: "message",
        opensWindow: true,
        text: "Hi! Saw your ad",
        referral: {
          source: "ADS",
          type: "OPEN_THREAD",
          adId: "120210000000001",
          headline: "Spring collection",
        },
      },
    });
  });

  it("a reaction and its removal, also under standby", async () => {
    const who = customer();
    const atMs = recentTime(3);
    const post = await h.customers.react(who, { to: "aWdfZAG1faXRlbTox", emoji: "😂", atMs });
    await expectKind(h, post, {
      ...received(who, atMs),
      data: {
        ...base(who),
        metaMessageId: expect.stringMatching(/^syn\.reaction\./),
        kind: "reaction",
        opensWindow: true,
        text: "😂",
        reaction: { emoji: "😂", action: "react", targetMetaMessageId: "aWdfZAG1faXRlbTox" },
      },
    });
    const other = customer();
    const removal = await h.customers.react(other, {
      to: "aWdfZAG1faXRlbTox",
      action: "unreact",
      atMs,
    });
    await expectKind(h, removal, {
      ...received(other, atMs, false),
      data: {
        ...base(other),
        metaMessageId: expect.stringMatching(/^syn\.reaction\./),
        kind: "reaction",
        opensWindow: false,
        reaction: { action: "unreact", targetMetaMessageId: "aWdfZAG1faXRlbTox" },
      },
    });
    const third = customer();
    const standby = await h.customers.message(third, { text: "anyone?", standby: true, atMs });
    await expectKind(h, standby, {
      ...received(third, atMs),
      data: {
        ...base(third),
        metaMessageId: standby.id,
        kind: "message",
        opensWindow: true,
        text: "anyone?",
        standby: true,
      },
    });
  });

  it("an ig.me referral into the thread", async () => {
    const who = customer();
    const atMs = recentTime(4);
    const post = await h.customers.referral(who, { ref: "bio-link", source: "SHORTLINK", atMs });
    await expectKind(h, post, {
      ...received(who, atMs),
      data: {
        ...base(who),
        metaMessageId: expect.stringMatching(/^syn\.referral\./),
        kind: "referral",
        opensWindow: true,
        referral: { source: "SHORTLINK", type: "OPEN_THREAD", ref: "bio-link" },
      },
    });
  });

  it("an edit and an unsent message: message.edited and message.deleted, no window", async () => {
    const who = customer();
    const atMs = recentTime(5);
    const edit = await h.customers.edit(who, {
      to: "aWdfZAG1fmsg",
      text: "Lisbon, Portugal",
      atMs,
    });
    await expectKind(h, edit, {
      ...base(who),
      type: "message.edited",
      atMs,
      opensWindow: false,
      data: { ...base(who), metaMessageId: "aWdfZAG1fmsg", text: "Lisbon, Portugal" },
    });
    const unsent = await h.customers.unsend(who, { to: "aWdfZAG1fmsg", atMs });
    await expectKind(h, unsent, {
      ...base(who),
      type: "message.deleted",
      atMs,
      opensWindow: false,
      data: { ...base(who), metaMessageId: "aWdfZAG1fmsg" },
    });
  });
});
