import { randomBytes } from "node:crypto";
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  type ChannelRef,
  type ConversationRef,
  type CustomerAction,
} from "@meta-relay/core";
import { testRedisSettings, uniquePrefix } from "@meta-relay/testkit";
import { createChannelStore } from "./channel-store";
import { closeRedis, createRedis } from "./connection";
import { createDrainStore } from "./drain-store";
import { newMessageId } from "./ids";
import { createKeys } from "./keys";
import { createMessageStore } from "./message-store";
import { createReminderStore } from "./reminder-store";
import { createTokenCipher } from "./token-cipher";
import { createWindowStore } from "./window-store";
import { createWorklistStore } from "./worklist-store";

// The unanswered index as the ingress, the sent marker, the reminder scan and the worklist see it,
// on the suite's Redis (a Cluster under `npm run test:cluster`).

describe("the unanswered index", () => {
  const redis = createRedis(testRedisSettings(), { mode: "patient" });
  const keys = createKeys(uniquePrefix());
  const channels = createChannelStore(redis, keys, createTokenCipher(randomBytes(32)));
  const messages = createMessageStore(redis, keys, { retentionMs: HOUR_MS });
  const drain = createDrainStore(redis, keys, { leaseMs: 5_000 });
  const windows = createWindowStore(redis, keys);
  const reminders = createReminderStore(redis, keys, { batch: 7 });
  const worklist = createWorklistStore(redis, keys);
  let n = 0;

  const newChannel = async (
    options: { humanAgent?: boolean; adsWindow?: boolean; platform?: ChannelRef["platform"] } = {},
  ): Promise<ChannelRef> => {
    const ref = { platform: options.platform ?? "messenger", channelId: `page-${++n}` };
    await channels.put({ ...ref, accessToken: "token", ...options });
    return ref;
  };
  const wrote = (
    conv: ConversationRef,
    atMs: number,
    referral?: CustomerAction["referral"],
  ): Promise<number> =>
    windows.recordCustomerActions([
      {
        ...conv,
        userIds: [conv.userId],
        metaMessageId: `m_${randomBytes(4).toString("hex")}`,
        kind: "message",
        timestampMs: atMs,
        opensWindow: true,
        ...(referral ? { referral } : {}),
      },
    ]);
  const answer = async (conv: ConversationRef) => {
    const id = newMessageId();
    await messages.enqueue({ id, ...conv, sender: { type: "agent" }, content: { text: "hi" } });
    expect((await drain.settleSent(conv, id, `meta-${id}`)).changed).toBe(true);
  };
  const scoreOf = async (conv: ConversationRef) => {
    const score = await redis.zscore(keys.unanswered(conv), conv.userId);
    return score === null ? null : Number(score);
  };
  afterAll(() => closeRedis(redis));

  it("holds a conversation from the customer's message until a reply is sent", async () => {
    const channel = await newChannel();
    const conv = { ...channel, userId: "u1" };
    const at = Date.now() - HOUR_MS;
    await wrote(conv, at);
    expect(await scoreOf(conv)).toBe(at + DAY_MS);
    // An older, redelivered message changes nothing.
    await wrote(conv, at - MINUTE_MS);
    expect(await scoreOf(conv)).toBe(at + DAY_MS);
    await answer(conv);
    expect(await scoreOf(conv)).toBeNull();
    // A redelivery of the message answered does not make it unanswered again.
    await wrote(conv, at);
    expect(await scoreOf(conv)).toBeNull();
    await wrote(conv, at + MINUTE_MS);
    expect(await scoreOf(conv)).toBe(at + MINUTE_MS + DAY_MS);
  });

  it("indexes a message stamped in the future at Redis's clock, in the same call", async () => {
    const channel = await newChannel({ adsWindow: true });
    const conv = { ...channel, userId: "u-future" };
    const before = Date.now();
    await wrote(conv, before + 365 * DAY_MS, { source: "ADS" });
    const after = Date.now();
    const last = Number(await redis.get(keys.window(conv)));
    // Redis's clock and this process's are the same machine's.
    expect(last).toBeGreaterThanOrEqual(before - 5);
    expect(last).toBeLessThanOrEqual(after + 5);
    expect(await redis.get(keys.adWindow(conv))).toBe(String(last));
    expect(await scoreOf(conv)).toBe(last + 7 * DAY_MS);
  });

  it("leaves the index alone for an action that opens no window", async () => {
    const channel = await newChannel();
    const conv = { ...channel, userId: "u-edit" };
    const at = Date.now() - HOUR_MS;
    await wrote(conv, at);
    await answer(conv);
    await windows.recordCustomerActions([
      {
        ...conv,
        userIds: [conv.userId],
        metaMessageId: "m_reaction",
        timestampMs: at + MINUTE_MS,
        opensWindow: false,
      },
    ]);
    expect(await scoreOf(conv)).toBeNull();
    expect(await redis.get(keys.window(conv))).toBe(String(at));
  });

  it("keeps a conversation unanswered when the customer wrote after the reply began", async () => {
    const channel = await newChannel();
    const conv = { ...channel, userId: "u2" };
    const id = newMessageId();
    await messages.enqueue({ id, ...conv, sender: { type: "agent" }, content: { text: "hi" } });
    // The reply's send begins, then the customer's next message lands before Meta answers.
    await wrote(conv, Date.now() - 10 * MINUTE_MS);
    const lease = "lease-1";
    expect((await drain.head(conv, lease, null)).kind).toBe("head");
    const pacing = {
      perSecond: 100,
      burst: 10,
      perRecipientIntervalMs: null,
      perRecipientBurst: 1,
    };
    const begin = await drain.begin(conv, lease, {
      id,
      attempt: 1,
      messagingType: "RESPONSE",
      tag: null,
      pacing,
    });
    expect(begin.kind).toBe("go");
    const later = Date.now() + 5;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await wrote(conv, later);
    await drain.settleSent(conv, id, "meta-x");
    expect(await scoreOf(conv)).toBe(later + DAY_MS);
  });

  it("names only the id replies go to when Meta gives the customer two", async () => {
    const channel = await newChannel({ platform: "whatsapp" });
    const at = Date.now() - MINUTE_MS;
    await windows.recordCustomerActions([
      {
        ...channel,
        userId: "15550001",
        userIds: ["15550001", "US.bsuid1"],
        metaMessageId: "wamid.1",
        kind: "message",
        timestampMs: at,
        opensWindow: true,
      },
    ]);
    const page = await worklist.page(channel, { endsAt: 0, userId: null }, 10);
    expect(page.entries.map((e) => e.userId)).toEqual(["15550001"]);
    // Digits are packed two a byte: the index stores 4 bytes for this id.
    expect(await redis.zrangeBuffer(keys.unanswered(channel), 0, -1)).toEqual([
      Buffer.from([128 + 15, 128 + 55, 128 + 0, 128 + 1]),
    ]);
  });

  describe("the ad window", () => {
    const ADS = { source: "ADS", adId: "ad-1" };

    it("opens 7 days on an adsWindow channel, and a later message never shortens it", async () => {
      const channel = await newChannel({ adsWindow: true, humanAgent: true });
      const conv = { ...channel, userId: "u-ad" };
      const at = Date.now() - 3 * DAY_MS;
      await wrote(conv, at, ADS);
      expect(await redis.get(keys.adWindow(conv))).toBe(String(at));
      expect(await scoreOf(conv)).toBe(at + 7 * DAY_MS);
      await wrote(conv, at + HOUR_MS);
      expect(await scoreOf(conv)).toBe(at + 7 * DAY_MS);
      expect(await redis.zscore(keys.unansweredAds(conv), conv.userId)).toBe(String(at + HOUR_MS));
      const head = await drainHead(conv);
      expect(head).toMatchObject({ lastCustomerMessageAt: at + HOUR_MS, adWindowStartedAt: at });
    });

    it("is not opened on a channel without adsWindow, nor by a referral that is not an ad", async () => {
      const plain = { ...(await newChannel()), userId: "u-plain" };
      const at = Date.now() - HOUR_MS;
      await wrote(plain, at, ADS);
      expect(await redis.get(keys.adWindow(plain))).toBeNull();
      expect(await scoreOf(plain)).toBe(at + DAY_MS);
      const link = { ...(await newChannel({ adsWindow: true })), userId: "u-link" };
      await wrote(link, at, { source: "SHORTLINK" });
      expect(await scoreOf(link)).toBe(at + DAY_MS);
    });

    it("falls back to 24 hours when dropped", async () => {
      const channel = await newChannel({ adsWindow: true });
      const conv = { ...channel, userId: "u-drop" };
      const at = Date.now() - 2 * DAY_MS;
      await wrote(conv, at, ADS);
      expect(await drain.dropAdWindow(conv)).toBe(true);
      expect(await drain.dropAdWindow(conv)).toBe(false);
      expect(await scoreOf(conv)).toBe(at + DAY_MS);
      expect(await redis.zscore(keys.unansweredAds(conv), conv.userId)).toBeNull();
      expect(await drainHead(conv)).toMatchObject({ adWindowStartedAt: null });
    });

    async function drainHead(conv: ConversationRef) {
      const id = newMessageId();
      await messages.enqueue({ id, ...conv, sender: { type: "bot" }, content: { text: "hi" } });
      const head = await drain.head(conv, `lease-${id}`, null);
      await drain.release(conv, `lease-${id}`);
      return head;
    }
  });

  describe("the reminder scan", () => {
    const entriesOf = async (channel: ChannelRef, lead: number[]) => {
      const scan = await reminders.scan(channel, lead);
      return scan.due.map((d) => `${d.userId}:${d.window}:${d.leadMinutes}`).sort();
    };

    it("finds what fell due, keeps it until acknowledged, and then never again", async () => {
      const channel = await newChannel();
      const now = Date.now();
      // Windows ending in 50 s and in 3 min: with a lead of 1 min only the first is due.
      await wrote({ ...channel, userId: "due" }, now - DAY_MS + 50_000);
      await wrote({ ...channel, userId: "later" }, now - DAY_MS + 3 * MINUTE_MS);
      await wrote({ ...channel, userId: "closed" }, now - DAY_MS - MINUTE_MS);
      const first = await reminders.scan(channel, [1]);
      expect(first.due.map((d) => d.userId)).toEqual(["due"]);
      expect(first.due[0]).toMatchObject({
        window: "standard",
        leadMinutes: 1,
        lastCustomerMessageAt: now - DAY_MS + 50_000,
        endsAt: now + 50_000,
      });
      expect(await entriesOf(channel, [1])).toEqual(["due:standard:1"]);
      await reminders.acknowledge(channel, [first.due[0]?.entry ?? ""]);
      expect(await entriesOf(channel, [1])).toEqual([]);
    });

    it("drops a due reminder once the conversation is answered or the customer writes again", async () => {
      const channel = await newChannel();
      const now = Date.now();
      const answered = { ...channel, userId: "answered" };
      const again = { ...channel, userId: "again" };
      await wrote(answered, now - DAY_MS + 30_000);
      await wrote(again, now - DAY_MS + 30_000);
      expect(await entriesOf(channel, [1])).toEqual(["again:standard:1", "answered:standard:1"]);
      await answer(answered);
      await wrote(again, now);
      expect(await entriesOf(channel, [1])).toEqual([]);
      expect(await redis.zcard(keys.reminderOutbox(channel))).toBe(0);
    });

    it("reminds of the 7-day window on a humanAgent channel, for every lead time", async () => {
      const channel = await newChannel({ humanAgent: true });
      const now = Date.now();
      await wrote({ ...channel, userId: "week" }, now - 7 * DAY_MS + 20 * MINUTE_MS);
      await wrote({ ...channel, userId: "day" }, now - DAY_MS + 20 * MINUTE_MS);
      expect(await entriesOf(channel, [60, 30])).toEqual([
        "day:standard:30",
        "day:standard:60",
        "week:human_agent:30",
        "week:human_agent:60",
      ]);
    });

    it("reminds of the 7-day window of a conversation an ad holds open", async () => {
      const channel = await newChannel({ humanAgent: true, adsWindow: true });
      const now = Date.now();
      const conv = { ...channel, userId: "ad-week" };
      await wrote(conv, now - 7 * DAY_MS + 10 * MINUTE_MS, { source: "ADS" });
      await wrote(conv, now - 7 * DAY_MS + 20 * MINUTE_MS);
      // The ad window ends in 10 min (both lead times due), the 7-day one in 20 min (60 due).
      expect(await entriesOf(channel, [60, 15])).toEqual([
        "ad-week:human_agent:60",
        "ad-week:standard:15",
        "ad-week:standard:60",
      ]);
    });

    it("gives no human-agent reminder on WhatsApp or without humanAgent", async () => {
      const now = Date.now();
      for (const channel of [await newChannel({ platform: "whatsapp" }), await newChannel()]) {
        await wrote({ ...channel, userId: "w" }, now - 7 * DAY_MS + 20 * MINUTE_MS);
        expect(await entriesOf(channel, [60])).toEqual([]);
      }
    });

    it("takes a late webhook's reminder whose due time the scan already passed", async () => {
      const channel = await newChannel();
      expect(await entriesOf(channel, [1])).toEqual([]);
      // Meta delivers, late, a message whose window ends in 40 s: due 20 s ago.
      await wrote({ ...channel, userId: "late" }, Date.now() - DAY_MS + 40_000);
      expect(await entriesOf(channel, [1])).toEqual(["late:standard:1"]);
    });

    it("goes through more due reminders than one batch holds", async () => {
      const channel = await newChannel();
      const now = Date.now();
      for (let i = 0; i < 20; i++) {
        await wrote(
          { ...channel, userId: `b${String(i).padStart(2, "0")}` },
          now - DAY_MS + 10_000 + 1_000 * i,
        );
      }
      const seen = new Set<string>();
      for (let step = 0; step < 10; step++) {
        const scan = await reminders.scan(channel, [1]);
        for (const due of scan.due) seen.add(due.userId);
        await reminders.acknowledge(
          channel,
          scan.due.map((d) => d.entry),
        );
        if (!scan.more && scan.due.length === 0) break;
      }
      expect(seen.size).toBe(20);
    });
  });

  describe("the worklist", () => {
    it("gives back every kind of id exactly, packed or not", async () => {
      const channel = await newChannel();
      const ids = [
        "12345",
        "123456",
        "1234567",
        "6789012345678901",
        "17841400123456789",
        "US.13491208655302741918",
        "0123456",
      ];
      const now = Date.now();
      for (const [i, userId] of ids.entries()) await wrote({ ...channel, userId }, now - i * 1_000);
      const page = await worklist.page(channel, { endsAt: now, userId: null }, 50);
      expect(page.entries.map((e) => e.userId).sort()).toEqual([...ids].sort());
      // And the sent marker finds each of them.
      for (const userId of ids) await answer({ ...channel, userId });
      expect(await redis.exists(keys.unanswered(channel))).toBe(0);
    });

    it("pages in the order of the standard window's end, ties by user id, without duplicates", async () => {
      const channel = await newChannel();
      const now = Date.now();
      const expected: string[] = [];
      for (let i = 0; i < 23; i++) {
        // Three conversations share each millisecond: the order stays total.
        const at = now - 5 * HOUR_MS + Math.floor(i / 3) * MINUTE_MS;
        const userId = `w${(23 - i).toString().padStart(2, "0")}`;
        await wrote({ ...channel, userId }, at);
        expected.push(`${at}:${userId}`);
      }
      expected.sort();
      const seen: string[] = [];
      let after = { endsAt: now, userId: null as string | null };
      for (let page = 0; page < 10; page++) {
        const result = await worklist.page(channel, after, 4);
        for (const e of result.entries) seen.push(`${e.lastCustomerMessageAt}:${e.userId}`);
        if (!result.next) break;
        after = result.next;
      }
      expect(seen).toEqual(expected);
    });
  });
});
