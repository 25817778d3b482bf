import { startMetaSimulator } from "./simulator";
import type { MetaSimulator } from "./types";

// Meta's rules for every message kind, as the fake Graph API applies them.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Answer {
  status: number;
  body: { error?: { code: number; error_subcode?: number; message: string }; success?: boolean };
}

async function post(sim: MetaSimulator, id: string, token: string, body: unknown): Promise<Answer> {
  const res = await fetch(`${sim.graphUrl}/v26.0/${id}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

const code = (answer: Answer) => answer.body.error?.code ?? 0;

describe("the fake Graph API: Messenger and Instagram kinds", () => {
  let sim: MetaSimulator;
  const page = (body: Record<string, unknown>, pageId = "page-u") =>
    post(sim, pageId, pageId === "page-u" ? "tok-u" : "tok-p", {
      recipient: { id: "psid-1" },
      messaging_type: "RESPONSE",
      ...body,
    });
  const text = (message: Record<string, unknown>) => page({ message: { text: "Hi", ...message } });

  beforeAll(async () => {
    sim = await startMetaSimulator();
    sim.addChannel({
      platform: "messenger",
      channelId: "page-u",
      accessToken: "tok-u",
      utilityMessages: true,
      templates: [
        { name: "order_shipped", language: "en_US", status: "APPROVED" },
        { name: "order_late", language: "en_US", status: "PENDING" },
      ],
    });
    sim.addChannel({ platform: "messenger", channelId: "page-p", accessToken: "tok-p" });
    sim.addChannel({
      platform: "instagram",
      channelId: "ig-1",
      accessToken: "tok-i",
      pageId: "page-i",
    });
    const at = Date.now() - HOUR;
    sim.customerWrote({
      platform: "messenger",
      channelId: "page-u",
      userId: "psid-1",
      atMs: at,
      metaMessageId: "m_customer",
    });
    sim.customerWrote({ platform: "instagram", channelId: "ig-1", userId: "psid-1", atMs: at });
  });
  afterAll(() => sim.close());

  it("takes up to 13 quick replies of at most 20 characters, each with a payload", async () => {
    const reply = (title: string) => ({ content_type: "text", title, payload: "P" });
    expect(
      (await text({ quick_replies: Array.from({ length: 13 }, () => reply("Yes")) })).status,
    ).toBe(200);
    expect(
      code(await text({ quick_replies: Array.from({ length: 14 }, () => reply("Yes")) })),
    ).toBe(100);
    expect(code(await text({ quick_replies: [reply("a".repeat(21))] }))).toBe(100);
    expect(code(await text({ quick_replies: [{ content_type: "text", title: "Yes" }] }))).toBe(100);
  });

  it("takes a button template of 1 to 3 buttons", async () => {
    const template = (n: number) => ({
      attachment: {
        type: "template",
        payload: {
          template_type: "button",
          text: "Pick",
          buttons: Array.from({ length: n }, (_, i) => ({
            type: "postback",
            title: `B${i}`,
            payload: `b${i}`,
          })),
        },
      },
    });
    expect((await page({ message: template(3) })).status).toBe(200);
    const four = await page({ message: template(4) });
    expect({ status: four.status, code: code(four) }).toEqual({ status: 400, code: 100 });
  });

  it("sends utility templates at any age, with the permission and an approved template only", async () => {
    const utility = (name: string, pageId = "page-u") =>
      post(sim, pageId, pageId === "page-u" ? "tok-u" : "tok-p", {
        recipient: { id: "psid-stranger" },
        messaging_type: "UTILITY",
        message: { template: { name, language: { code: "en_US" } } },
      });
    sim.customerWrote({
      platform: "messenger",
      channelId: "page-u",
      userId: "psid-stranger",
      atMs: Date.now() - 10 * DAY,
    });
    expect((await utility("order_shipped")).status).toBe(200);
    const unknown = await utility("no_such_template");
    expect({ status: unknown.status, code: code(unknown) }).toEqual({ status: 400, code: 100 });
    expect(unknown.body.error?.message).toContain("does not exist");
    expect((await utility("order_late")).body.error?.message).toContain("not approved");
    const noPermission = await utility("order_shipped", "page-p");
    expect({ code: code(noPermission), sub: noPermission.body.error?.error_subcode }).toEqual({
      code: 10,
      sub: undefined,
    });
    expect(noPermission.body.error?.message).toContain("pages_utility_messaging");
    // A template without UTILITY, and UTILITY on Instagram, are refused.
    expect(
      code(
        await page({
          message: { template: { name: "order_shipped", language: { code: "en_US" } } },
        }),
      ),
    ).toBe(100);
    const ig = await post(sim, "page-i", "tok-i", {
      recipient: { id: "psid-1" },
      messaging_type: "UTILITY",
      message: { template: { name: "order_shipped", language: { code: "en_US" } } },
    });
    expect(code(ig)).toBe(100);
  });

  it("takes a reaction to a message of the thread only, within the window", async () => {
    const react = (messageId: string, userId = "psid-1") =>
      post(sim, "page-u", "tok-u", {
        recipient: { id: userId },
        messaging_type: "RESPONSE",
        sender_action: "react",
        payload: { message_id: messageId, reaction: "👍" },
      });
    expect(await react("m_customer")).toEqual({ status: 200, body: { recipient_id: "psid-1" } });
    expect(code(await react("m_unknown"))).toBe(100);
    const sent = sim.sends.at(-1);
    expect(sent).toMatchObject({ senderAction: "react", outcome: "refused" });
    const unreact = await post(sim, "page-u", "tok-u", {
      recipient: { id: "psid-1" },
      messaging_type: "RESPONSE",
      sender_action: "unreact",
      payload: { message_id: "m_customer" },
    });
    expect(unreact.status).toBe(200);
  });

  it("records sender actions with their arrival time, and refuses a bad reply_to", async () => {
    const before = Date.now();
    await page({ sender_action: "typing_on" });
    const typing = sim.sends.at(-1);
    expect(typing).toMatchObject({
      senderAction: "typing_on",
      outcome: "accepted",
      userId: "psid-1",
    });
    expect(typing?.at).toBeGreaterThanOrEqual(before);
    expect(code(await page({ message: { text: "x" }, reply_to: {} }))).toBe(100);
    expect((await page({ message: { text: "x" }, reply_to: { mid: "m_customer" } })).status).toBe(
      200,
    );
  });
});

describe("the fake Graph API: WhatsApp kinds", () => {
  let sim: MetaSimulator;
  const send = (fields: Record<string, unknown>) =>
    post(sim, "pn-1", "tok-w", { messaging_product: "whatsapp", to: "15550001", ...fields });
  const interactive = (value: Record<string, unknown>) =>
    send({ type: "interactive", interactive: value });
  const replies = (n: number, title = (i: number) => `B${i}`) =>
    Array.from({ length: n }, (_, i) => ({
      type: "reply",
      reply: { id: `b${i}`, title: title(i) },
    }));

  beforeAll(async () => {
    sim = await startMetaSimulator();
    sim.addChannel({ platform: "whatsapp", channelId: "pn-1", accessToken: "tok-w" });
    sim.addChannel({
      platform: "whatsapp",
      channelId: "pn-2",
      accessToken: "tok-w2",
      templates: [
        { name: "order_update", language: "en_US", status: "APPROVED" },
        { name: "promo", language: "en_US", status: "PAUSED" },
      ],
    });
    sim.customerWrote({
      platform: "whatsapp",
      channelId: "pn-1",
      userId: "15550001",
      atMs: Date.now() - HOUR,
      metaMessageId: "wamid.IN1",
    });
  });
  afterAll(() => sim.close());

  it("takes 1 to 3 unique reply buttons of at most 20 characters, under 1024 characters", async () => {
    const body = { text: "Pick" };
    expect(
      (await interactive({ type: "button", body, action: { buttons: replies(3) } })).status,
    ).toBe(200);
    expect(code(await interactive({ type: "button", body, action: { buttons: replies(4) } }))).toBe(
      131009,
    );
    expect(
      code(
        await interactive({
          type: "button",
          body,
          action: { buttons: replies(1, () => "a".repeat(21)) },
        }),
      ),
    ).toBe(131009);
    expect(
      code(
        await interactive({ type: "button", body, action: { buttons: replies(2, () => "Same") } }),
      ),
    ).toBe(131009);
    expect(
      code(
        await interactive({
          type: "button",
          body: { text: "a".repeat(1025) },
          action: { buttons: replies(1) },
        }),
      ),
    ).toBe(131009);
    expect(code(await interactive({ type: "button", action: { buttons: replies(1) } }))).toBe(
      131008,
    );
  });

  it("takes a list of at most 10 rows, a cta_url, a location", async () => {
    const rows = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => ({ id: `r${from + i}`, title: "Row" }));
    const list = (sections: unknown[]) =>
      interactive({ type: "list", body: { text: "Pick" }, action: { button: "Open", sections } });
    expect(
      (
        await list([
          { title: "A", rows: rows(5) },
          { title: "B", rows: rows(5, 5) },
        ])
      ).status,
    ).toBe(200);
    expect(
      code(
        await list([
          { title: "A", rows: rows(6) },
          { title: "B", rows: rows(5, 6) },
        ]),
      ),
    ).toBe(131009);
    expect(code(await list([{ rows: rows(1) }, { title: "B", rows: rows(1, 1) }]))).toBe(131008);
    const cta = await interactive({
      type: "cta_url",
      body: { text: "Invoice" },
      action: { name: "cta_url", parameters: { display_text: "Open", url: "https://x.test" } },
    });
    expect(cta.status).toBe(200);
    expect(
      (await send({ type: "location", location: { latitude: 52.5, longitude: 13.4 } })).status,
    ).toBe(200);
    expect(
      code(await send({ type: "location", location: { latitude: 95, longitude: 13.4 } })),
    ).toBe(131009);
  });

  it("reacts to and replies to messages of the conversation", async () => {
    expect(
      (await send({ type: "reaction", reaction: { message_id: "wamid.IN1", emoji: "👍" } })).status,
    ).toBe(200);
    expect(
      code(await send({ type: "reaction", reaction: { message_id: "wamid.OTHER", emoji: "👍" } })),
    ).toBe(131009);
    const ours = sim.sends.find((s) => s.outcome === "accepted")?.metaMessageId ?? "";
    expect(
      (await send({ type: "reaction", reaction: { message_id: ours, emoji: "" } })).status,
    ).toBe(200);
    expect(
      (await send({ type: "text", text: { body: "Yes" }, context: { message_id: "wamid.IN1" } }))
        .status,
    ).toBe(200);
    expect(code(await send({ type: "text", text: { body: "Yes" }, context: {} }))).toBe(131008);
  });

  it("marks the customer's message read, with a typing indicator, and records the sender", async () => {
    const before = Date.now();
    const typing = await post(sim, "pn-1", "tok-w", {
      messaging_product: "whatsapp",
      status: "read",
      message_id: "wamid.IN1",
      typing_indicator: { type: "text" },
    });
    expect(typing).toEqual({ status: 200, body: { success: true } });
    expect(sim.sends.at(-1)).toMatchObject({
      senderAction: "typing_on",
      userId: "15550001",
      outcome: "accepted",
    });
    expect(sim.sends.at(-1)?.at).toBeGreaterThanOrEqual(before);
    const unknown = await post(sim, "pn-1", "tok-w", {
      messaging_product: "whatsapp",
      status: "read",
      message_id: "wamid.NOPE",
    });
    expect(code(unknown)).toBe(131009);
  });

  it("checks a number's template review when it lists its templates", async () => {
    const template = (name: string) =>
      post(sim, "pn-2", "tok-w2", {
        messaging_product: "whatsapp",
        to: "15550009",
        type: "template",
        template: { name, language: { code: "en_US" } },
      });
    expect((await template("order_update")).status).toBe(200);
    expect(code(await template("missing"))).toBe(132001);
    expect(code(await template("promo"))).toBe(132015);
  });
});
