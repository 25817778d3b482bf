import type { Platform } from "@meta-relay/core";
import { startHarness, type Harness } from "../testing/outbound-harness";

// Every cell of product.md's decision table, through POST /v1/messages → worker → fake Graph API,
// for every free-form kind a platform carries (each decided exactly as text), plus templates.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const AGES = {
  "23h": 23 * HOUR,
  "30h": 30 * HOUR,
  "6d23h": 6 * DAY + 23 * HOUR,
  "7d1h": 7 * DAY + HOUR,
  "10d": 10 * DAY,
  never: null,
} as const;
type Age = keyof typeof AGES;
/** The table's ages; utility templates are also tried long past every window. */
const TABLE_AGES: Age[] = ["23h", "30h", "6d23h", "7d1h", "never"];
const UTILITY_AGES: Age[] = ["23h", "30h", "7d1h", "10d", "never"];
type Kind =
  | "text"
  | "quickReplies"
  | "media"
  | "buttons"
  | "list"
  | "reaction"
  | "location"
  | "raw"
  | "template";
const FREE_FORM: Record<Platform, Kind[]> = {
  messenger: ["text", "quickReplies", "media", "buttons", "reaction", "raw"],
  instagram: ["text", "quickReplies", "media", "reaction", "raw"],
  whatsapp: ["text", "quickReplies", "media", "buttons", "list", "reaction", "location", "raw"],
};
/** WhatsApp's `type` on the wire, per kind. */
const WA_TYPE: Record<Kind, string> = {
  text: "text",
  quickReplies: "interactive",
  media: "image",
  buttons: "interactive",
  list: "interactive",
  reaction: "reaction",
  location: "location",
  raw: "text",
  template: "template",
};
type Expect = { send: string; tag?: string } | { fail: string };

const TOKENS: Record<string, string> = {
  "messenger:m-ha": "tok-messenger-ha",
  "messenger:m-plain": "tok-messenger-plain",
  "instagram:ig-ha": "tok-instagram-ha",
  "instagram:ig-plain": "tok-instagram-plain",
  "whatsapp:pn-1": "tok-whatsapp",
  "messenger:m-util": "tok-messenger-util",
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
  if (kind === "template") return { send: platform === "whatsapp" ? "template" : "UTILITY" };
  if (platform === "whatsapp") {
    return {
      "23h": { send: WA_TYPE[kind] },
      "30h": { fail: "window_closed" },
      "6d23h": { fail: "window_closed" },
      "7d1h": { fail: "window_closed" },
      "10d": { fail: "window_closed" },
      never: { fail: "no_customer_message" },
    }[age];
  }
  const table: Record<string, Record<Age, Expect>> = {
    "bot true": {
      "23h": { send: "RESPONSE" },
      "30h": { fail: "automated_reply_outside_window" },
      "6d23h": { fail: "automated_reply_outside_window" },
      "7d1h": { fail: "window_closed" },
      "10d": { fail: "window_closed" },
      never: { fail: "no_customer_message" },
    },
    "bot false": {
      "23h": { send: "RESPONSE" },
      "30h": { fail: "window_closed" },
      "6d23h": { fail: "window_closed" },
      "7d1h": { fail: "window_closed" },
      "10d": { fail: "window_closed" },
      never: { fail: "no_customer_message" },
    },
    "agent true": {
      "23h": { send: "RESPONSE" },
      "30h": { send: "MESSAGE_TAG", tag: "HUMAN_AGENT" },
      "6d23h": { send: "MESSAGE_TAG", tag: "HUMAN_AGENT" },
      "7d1h": { fail: "human_agent_window_closed" },
      "10d": { fail: "human_agent_window_closed" },
      never: { fail: "no_customer_message" },
    },
    "agent false": {
      "23h": { send: "RESPONSE" },
      "30h": { fail: "window_closed" },
      "6d23h": { fail: "window_closed" },
      "7d1h": { fail: "window_closed" },
      "10d": { fail: "window_closed" },
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
  /** Meta's id of the customer's message (what a reaction names). */
  reply?: string;
}

function cells(): Cell[] {
  const out: Cell[] = [];
  const channels: [Platform, string, boolean, Kind[], Age[]][] = [
    ["messenger", "m-ha", true, FREE_FORM.messenger, TABLE_AGES],
    ["messenger", "m-plain", false, FREE_FORM.messenger, TABLE_AGES],
    ["instagram", "ig-ha", true, FREE_FORM.instagram, TABLE_AGES],
    ["instagram", "ig-plain", false, FREE_FORM.instagram, TABLE_AGES],
    ["whatsapp", "pn-1", false, [...FREE_FORM.whatsapp, "template"], TABLE_AGES],
    // A Messenger page with utilityMessages: utility templates at any age.
    ["messenger", "m-util", false, ["template"], UTILITY_AGES],
  ];
  for (const [platform, channelId, humanAgent, kinds, ages] of channels) {
    for (const kind of kinds)
      for (const sender of ["agent", "bot"] as const)
        for (const age of ages) {
          const userId =
            platform === "whatsapp"
              ? `1555${out.length.toString().padStart(6, "0")}`
              : `u${out.length}`;
          out.push({
            name: `${platform} ${channelId} ${kind} ${sender} ${age}`,
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

function content(kind: Kind, reply: string) {
  const text = "Your parcel left the warehouse this morning.";
  switch (kind) {
    case "text":
      return { text };
    case "quickReplies":
      return { text, quickReplies: [{ title: "Thanks", payload: "THANKS" }] };
    case "media":
      return { attachment: { type: "image", url: "https://cdn.example/parcel.png" } };
    case "buttons":
      return {
        buttons: { text, buttons: [{ type: "postback", title: "Track it", payload: "TRACK" }] },
      };
    case "list":
      return {
        list: { text, button: "Options", sections: [{ rows: [{ id: "track", title: "Track" }] }] },
      };
    case "reaction":
      return { reaction: { metaMessageId: reply, emoji: "👍" } };
    case "location":
      return { location: { latitude: 52.52, longitude: 13.405 } };
    case "raw":
      return { raw: { type: "text", text: { body: text } } };
    case "template":
      return { template: { name: "order_update", language: "en_US" } };
  }
}

/** A raw message is Meta's own object: a WhatsApp one on WhatsApp, a `message` field elsewhere. */
function contentFor(cell: Cell) {
  const made = content(cell.kind, cell.reply ?? "mid.none");
  if (cell.kind === "raw" && cell.platform !== "whatsapp") return { raw: { text: "Hello" } };
  return made;
}

describe("the decision table, end to end", () => {
  let h: Harness;
  const all = cells();

  beforeAll(async () => {
    h = await startHarness();
    for (const [key, token] of Object.entries(TOKENS)) {
      const [platform, channelId] = key.split(":") as [Platform, string];
      const utility = channelId === "m-util";
      await h.channel({
        platform,
        channelId,
        accessToken: token,
        humanAgent: channelId.endsWith("-ha"),
        ...(utility ? { utilityMessages: true } : {}),
        ...(utility
          ? { templates: [{ name: "order_update", language: "en_US", status: "APPROVED" }] }
          : {}),
        ...(PAGE_OF[channelId] ? { pageId: PAGE_OF[channelId] } : {}),
      });
    }
    const now = Date.now();
    for (const cell of all) {
      const age = AGES[cell.age];
      if (age !== null) cell.reply = await h.customerWrote(cell, now - age);
    }
    await Promise.all(
      all.map(async (cell) => {
        cell.id = await h.send({
          channel: { platform: cell.platform, id: cell.channelId },
          recipient: { id: cell.userId },
          sender: { type: cell.sender, id: "someone" },
          message: contentFor(cell),
        });
      }),
    );
    await Promise.all(all.map((cell) => h.waitFinal(cell.id ?? "", 120_000)));
  }, 240_000);
  afterAll(() => h.close());

  it("covers every free-form kind of every platform, templates and utility templates", () => {
    // (6 Messenger + 5 Instagram kinds) × 2 channels, 9 WhatsApp kinds, 1 utility page; × 2 × 5.
    expect(all).toHaveLength((6 * 2 + 5 * 2 + 9 + 1) * 2 * 5);
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
      // A reaction is a sender action: no message, no metadata, no message id in Meta's answer.
      if (cell.kind === "reaction") expect(send?.senderAction).toBe("react");
      else expect(send?.body).toMatchObject({ message: { metadata: id } });
    }
    const metaMessageId = send?.metaMessageId ?? null;
    expect(record.body).toMatchObject({ status: "sent", attempts: 1 });
    expect(record.body.metaMessageId ?? null).toBe(metaMessageId);
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
      metaMessageId,
      messagingType,
      ...("tag" in cell.expect && cell.expect.tag ? { tag: cell.expect.tag } : {}),
    });
  });

  it("refuses a utility template at the API on a page without utilityMessages, queueing nothing", async () => {
    for (const channelId of ["m-ha", "m-plain"]) {
      const res = await h.api("POST", "/v1/messages", {
        channel: { platform: "messenger", id: channelId },
        recipient: { id: "u-utility-refused" },
        sender: { type: "bot" },
        message: content("template", ""),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        { path: "message.template", message: expect.any(String) },
      ]);
    }
    const conv = { platform: "messenger" as const, channelId: "m-ha", userId: "u-utility-refused" };
    expect(await h.redis.llen(h.keys.mailbox(conv))).toBe(0);
  });

  it("never had the fake Meta refuse a send (our decisions match its rules)", () => {
    expect(h.sim.refusals()).toBe(0);
  });
});
