import type { Platform } from "@meta-relay/core";
import { startHarness, type Harness } from "./outbound-harness";

// Every cell of product.md's decision table, through POST /v1/messages → worker → fake Graph API.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const AGES = {
  "23h": 23 * HOUR,
  "30h": 30 * HOUR,
  "6d23h": 6 * DAY + 23 * HOUR,
  "7d1h": 7 * DAY + HOUR,
  never: null,
} as const;
type Age = keyof typeof AGES;
type Kind = "text" | "media" | "template";
type Expect = { send: string; tag?: string } | { fail: string };

const TOKENS: Record<string, string> = {
  "messenger:m-ha": "tok-messenger-ha",
  "messenger:m-plain": "tok-messenger-plain",
  "instagram:ig-ha": "tok-instagram-ha",
  "instagram:ig-plain": "tok-instagram-plain",
  "whatsapp:pn-1": "tok-whatsapp",
};
const PAGE_OF: Record<string, string> = { "ig-ha": "page-ig-ha", "ig-plain": "page-ig-plain" };

/** product.md's table, written out: outcome per age band. */
function expected(
  platform: Platform,
  kind: Kind,
  sender: "agent" | "bot",
  humanAgent: boolean,
  age: Age,
): Expect {
  if (platform === "whatsapp") {
    if (kind === "template") return { send: "template" };
    return {
      "23h": { send: kind === "text" ? "text" : "image" },
      "30h": { fail: "window_closed" },
      "6d23h": { fail: "window_closed" },
      "7d1h": { fail: "window_closed" },
      never: { fail: "no_customer_message" },
    }[age];
  }
  const table: Record<string, Record<Age, Expect>> = {
    "bot true": {
      "23h": { send: "RESPONSE" },
      "30h": { fail: "automated_reply_outside_window" },
      "6d23h": { fail: "automated_reply_outside_window" },
      "7d1h": { fail: "window_closed" },
      never: { fail: "no_customer_message" },
    },
    "bot false": {
      "23h": { send: "RESPONSE" },
      "30h": { fail: "window_closed" },
      "6d23h": { fail: "window_closed" },
      "7d1h": { fail: "window_closed" },
      never: { fail: "no_customer_message" },
    },
    "agent true": {
      "23h": { send: "RESPONSE" },
      "30h": { send: "MESSAGE_TAG", tag: "HUMAN_AGENT" },
      "6d23h": { send: "MESSAGE_TAG", tag: "HUMAN_AGENT" },
      "7d1h": { fail: "human_agent_window_closed" },
      never: { fail: "no_customer_message" },
    },
    "agent false": {
      "23h": { send: "RESPONSE" },
      "30h": { fail: "window_closed" },
      "6d23h": { fail: "window_closed" },
      "7d1h": { fail: "window_closed" },
      never: { fail: "no_customer_message" },
    },
  };
  return (table[`${sender} ${humanAgent}`] as Record<Age, Expect>)[age];
}

interface Cell {
  name: string;
  platform: Platform;
  channelId: string;
  humanAgent: boolean;
  kind: Kind;
  sender: "agent" | "bot";
  age: Age;
  userId: string;
  expect: Expect;
  id?: string;
}

function cells(): Cell[] {
  const out: Cell[] = [];
  const channels: [Platform, string, boolean][] = [
    ["messenger", "m-ha", true],
    ["messenger", "m-plain", false],
    ["instagram", "ig-ha", true],
    ["instagram", "ig-plain", false],
    ["whatsapp", "pn-1", false],
  ];
  for (const [platform, channelId, humanAgent] of channels) {
    const kinds: Kind[] =
      platform === "whatsapp" ? ["text", "media", "template"] : ["text", "media"];
    for (const kind of kinds)
      for (const sender of ["agent", "bot"] as const)
        for (const age of Object.keys(AGES) as Age[]) {
          const userId =
            platform === "whatsapp"
              ? `1555${out.length.toString().padStart(6, "0")}`
              : `u${out.length}`;
          out.push({
            name: `${platform} humanAgent=${humanAgent} ${kind} ${sender} ${age}`,
            platform,
            channelId,
            humanAgent,
            kind,
            sender,
            age,
            userId,
            expect: expected(platform, kind, sender, humanAgent, age),
          });
        }
  }
  return out;
}

function content(kind: Kind) {
  if (kind === "text") return { text: "Your parcel left the warehouse this morning." };
  if (kind === "media")
    return { attachment: { type: "image", url: "https://cdn.example/parcel.png" } };
  return { template: { name: "order_update", language: "en_US" } };
}

describe("the decision table, end to end", () => {
  let h: Harness;
  const all = cells();

  beforeAll(async () => {
    h = await startHarness();
    for (const [key, token] of Object.entries(TOKENS)) {
      const [platform, channelId] = key.split(":") as [Platform, string];
      await h.channel({
        platform,
        channelId,
        accessToken: token,
        humanAgent: channelId.endsWith("-ha"),
        ...(PAGE_OF[channelId] ? { pageId: PAGE_OF[channelId] } : {}),
      });
    }
    const now = Date.now();
    for (const cell of all) {
      const age = AGES[cell.age];
      if (age !== null) await h.customerWrote(cell, now - age);
    }
    await Promise.all(
      all.map(async (cell) => {
        cell.id = await h.send({
          channel: { platform: cell.platform, id: cell.channelId },
          recipient: { id: cell.userId },
          sender: { type: cell.sender, id: "someone" },
          message: content(cell.kind),
        });
      }),
    );
    await Promise.all(all.map((cell) => h.waitFinal(cell.id ?? "", 60_000)));
  }, 120_000);
  afterAll(() => h.close());

  it("covers 110 cells", () => {
    expect(all).toHaveLength(110);
  });

  it.each(all.map((c) => [c.name, c] as const))("%s", async (_name, cell) => {
    const id = cell.id ?? "";
    const sends = h.sim.sends.filter((s) => s.userId === cell.userId);
    const record = await h.api("GET", `/v1/messages/${id}`);
    if ("fail" in cell.expect) {
      expect(sends).toHaveLength(0);
      expect(record.body).toMatchObject({
        status: "failed",
        attempts: 0,
        failure: { reason: cell.expect.fail },
      });
      const event = await h.event(id, "message.failed");
      expect(event?.data).toMatchObject({
        id,
        reason: cell.expect.fail,
        sender: { type: cell.sender },
        window: { canSend: expect.any(Object) },
      });
      expect((event?.data as { message: string }).message).toMatch(/^Not delivered: /);
      return;
    }
    expect(sends).toHaveLength(1);
    const send = sends[0];
    const sendPath = cell.platform === "instagram" ? PAGE_OF[cell.channelId] : cell.channelId;
    expect(send?.path).toBe(`/v26.0/${sendPath}/messages`);
    expect(send?.token).toBe(TOKENS[`${cell.platform}:${cell.channelId}`]);
    expect(send?.outcome).toBe("accepted");
    if (cell.platform === "whatsapp") {
      expect(send?.waType).toBe(cell.expect.send);
      expect(send?.body).toMatchObject({ messaging_product: "whatsapp", to: cell.userId });
    } else {
      expect(send?.messagingType).toBe(cell.expect.send);
      expect(send?.tag).toBe(cell.expect.tag);
      expect(send?.body).toMatchObject({ message: { metadata: id } });
    }
    expect(record.body).toMatchObject({
      status: "sent",
      attempts: 1,
      metaMessageId: send?.metaMessageId,
    });
    const event = await h.event(id, "message.sent");
    const messagingType =
      cell.platform === "whatsapp"
        ? cell.kind === "template"
          ? "TEMPLATE"
          : "SERVICE"
        : cell.expect.send;
    expect(event?.data).toEqual({
      id,
      platform: cell.platform,
      channelId: cell.channelId,
      userId: cell.userId,
      metaMessageId: send?.metaMessageId,
      messagingType,
      ...("tag" in cell.expect && cell.expect.tag ? { tag: cell.expect.tag } : {}),
    });
  });

  it("never had the fake Meta refuse a send (our decisions match its rules)", () => {
    expect(h.sim.refusals()).toBe(0);
  });
});
