import { startMetaSimulator } from "./simulator";
import type { MetaSimulator } from "./types";

const HOUR = 3_600_000;
const PAGE = "page-1";
const PAGE_TOKEN = "page-token";
const IG = "ig-1";
const IG_PAGE = "page-ig";
const PHONE = "phone-1";
const WA_TOKEN = "wa-token";

/** What the fake answers, loosely typed: the assertions check the shape. */
interface GraphBody {
  error: {
    code: number;
    error_subcode?: number;
    type: string;
    message: string;
    fbtrace_id: string;
    error_data?: unknown;
  };
  recipient_id?: string;
  message_id: string;
  messages: { id: string }[];
  contacts: unknown[];
}

interface Answer {
  status: number;
  body: GraphBody;
}

async function post(
  sim: MetaSimulator,
  id: string,
  body: unknown,
  token?: string,
): Promise<Answer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${sim.graphUrl}/v26.0/${id}/messages`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as GraphBody };
}

function text(userId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    recipient: { id: userId },
    messaging_type: "RESPONSE",
    message: { text: "hello", metadata: "job-1" },
    ...extra,
  };
}

function humanAgent(userId: string): Record<string, unknown> {
  return text(userId, { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
}

function waText(to: string): Record<string, unknown> {
  return { messaging_product: "whatsapp", to, type: "text", text: { body: "hello" } };
}

function waTemplate(to: string): Record<string, unknown> {
  return {
    messaging_product: "whatsapp",
    to,
    type: "template",
    template: { name: "order_update", language: { code: "en_US" } },
  };
}

function expectMetaError(answer: Answer, status: number, code: number, subcode?: number): void {
  expect({ status: answer.status, code: answer.body?.error?.code }).toEqual({ status, code });
  expect(answer.body.error.error_subcode).toBe(subcode);
  expect(answer.body.error.type).toBe("OAuthException");
  expect(typeof answer.body.error.message).toBe("string");
  expect(answer.body.error.fbtrace_id).toMatch(/^\S{6,}$/);
}

describe("fake Graph API: Meta's rules", () => {
  let sim: MetaSimulator;
  const wrote = (
    platform: "messenger" | "instagram" | "whatsapp",
    channelId: string,
    userId: string,
    ageMs: number,
  ) => sim.customerWrote({ platform, channelId, userId, atMs: Date.now() - ageMs });

  beforeAll(async () => {
    sim = await startMetaSimulator();
    sim.addChannel({ platform: "messenger", channelId: PAGE, accessToken: PAGE_TOKEN });
    sim.addChannel({
      platform: "messenger",
      channelId: "page-ha",
      accessToken: "ha-token",
      humanAgent: true,
    });
    sim.addChannel({
      platform: "instagram",
      channelId: IG,
      accessToken: PAGE_TOKEN,
      pageId: IG_PAGE,
      humanAgent: true,
    });
    sim.addChannel({ platform: "whatsapp", channelId: PHONE, accessToken: WA_TOKEN });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  it("serves on 127.0.0.1 and accepts an in-window Messenger RESPONSE with Meta's answer", async () => {
    expect(sim.graphUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    wrote("messenger", PAGE, "psid-1", 2 * HOUR);
    const answer = await post(sim, PAGE, text("psid-1"), PAGE_TOKEN);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      recipient_id: "psid-1",
      message_id: expect.stringMatching(/^m_/),
    });
    expect(sim.sends).toEqual([
      expect.objectContaining({
        platform: "messenger",
        channelId: PAGE,
        userId: "psid-1",
        path: `/v26.0/${PAGE}/messages`,
        token: PAGE_TOKEN,
        messagingType: "RESPONSE",
        outcome: "accepted",
        metaMessageId: answer.body.message_id,
        at: expect.any(Number),
      }),
    ]);
    expect(sim.refusals()).toBe(0);
  });

  it("refuses a Messenger RESPONSE 30 h after the customer's message with 10/2018278", async () => {
    wrote("messenger", PAGE, "psid-2", 30 * HOUR);
    const answer = await post(sim, PAGE, text("psid-2"), PAGE_TOKEN);
    expectMetaError(answer, 400, 10, 2018278);
    expect(sim.sends[0]).toMatchObject({
      outcome: "refused",
      error: { status: 400, code: 10, subcode: 2018278 },
    });
    expect(sim.refusals()).toBe(1);
  });

  it("refuses an Instagram RESPONSE at 30 h with 10/2534022 and accepts one in the window, through the linked page", async () => {
    wrote("instagram", IG, "igsid-1", 30 * HOUR);
    wrote("instagram", IG, "igsid-2", HOUR);
    expectMetaError(await post(sim, IG_PAGE, text("igsid-1"), PAGE_TOKEN), 400, 10, 2534022);
    const ok = await post(sim, IG_PAGE, text("igsid-2"), PAGE_TOKEN);
    expect(ok.status).toBe(200);
    expect(ok.body.message_id).toMatch(/^m_/);
    expect(sim.sends.map((s) => [s.platform, s.channelId, s.outcome])).toEqual([
      ["instagram", IG, "refused"],
      ["instagram", IG, "accepted"],
    ]);
  });

  it("accepts HUMAN_AGENT at 30 h only on an approved channel", async () => {
    wrote("messenger", "page-ha", "psid-3", 30 * HOUR);
    wrote("messenger", PAGE, "psid-3", 30 * HOUR);
    wrote("instagram", IG, "igsid-3", 30 * HOUR);
    expect((await post(sim, "page-ha", humanAgent("psid-3"), "ha-token")).status).toBe(200);
    expect((await post(sim, IG_PAGE, humanAgent("igsid-3"), PAGE_TOKEN)).status).toBe(200);
    expectMetaError(await post(sim, PAGE, humanAgent("psid-3"), PAGE_TOKEN), 400, 10);
    expect(sim.sends.map((s) => [s.tag, s.outcome])).toEqual([
      ["HUMAN_AGENT", "accepted"],
      ["HUMAN_AGENT", "accepted"],
      ["HUMAN_AGENT", "refused"],
    ]);
  });

  it("refuses HUMAN_AGENT 8 days after the customer's message, even on an approved channel", async () => {
    wrote("messenger", "page-ha", "psid-4", 8 * 24 * HOUR);
    wrote("instagram", IG, "igsid-4", 8 * 24 * HOUR);
    expectMetaError(await post(sim, "page-ha", humanAgent("psid-4"), "ha-token"), 400, 10, 2018278);
    expectMetaError(await post(sim, IG_PAGE, humanAgent("igsid-4"), PAGE_TOKEN), 400, 10, 2534022);
    expect(sim.refusals()).toBe(2);
  });

  it.each(["ACCOUNT_UPDATE", "CONFIRMED_EVENT_UPDATE", "POST_PURCHASE_UPDATE"])(
    "refuses the retired tag %s with error 100, even inside the window",
    async (tag) => {
      wrote("messenger", PAGE, "psid-5", HOUR);
      const answer = await post(
        sim,
        PAGE,
        text("psid-5", { messaging_type: "MESSAGE_TAG", tag }),
        PAGE_TOKEN,
      );
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe(100);
      expect(sim.sends[0]).toMatchObject({ tag, outcome: "refused", error: { code: 100 } });
    },
  );

  it("refuses a wrong or missing token with 190 (HTTP 401)", async () => {
    wrote("messenger", PAGE, "psid-6", HOUR);
    expectMetaError(await post(sim, PAGE, text("psid-6"), "stolen-token"), 401, 190);
    expectMetaError(await post(sim, PAGE, text("psid-6")), 401, 190);
    expectMetaError(await post(sim, PHONE, waTemplate("15550001111"), PAGE_TOKEN), 401, 190);
    expect(sim.sends.map((s) => s.token)).toEqual(["stolen-token", null, PAGE_TOKEN]);
    expect(sim.refusals()).toBe(3);
  });

  it("validates Messenger bodies as Meta does (missing recipient or messaging_type → 100)", async () => {
    wrote("messenger", PAGE, "psid-7", HOUR);
    const noRecipient = text("psid-7");
    delete noRecipient.recipient;
    const noType = text("psid-7");
    delete noType.messaging_type;
    expectMetaError(await post(sim, PAGE, noRecipient, PAGE_TOKEN), 400, 100);
    expectMetaError(await post(sim, PAGE, noType, PAGE_TOKEN), 400, 100);
    expectMetaError(await post(sim, PAGE, text("psid-7", { message: {} }), PAGE_TOKEN), 400, 100);
    expectMetaError(
      await post(sim, PAGE, text("psid-7", { message: { text: "x".repeat(2000) } }), PAGE_TOKEN),
      400,
      100,
    );
    expect(sim.refusals()).toBe(4);
  });

  it("refuses a send to a customer who never wrote", async () => {
    expectMetaError(await post(sim, PAGE, text("stranger"), PAGE_TOKEN), 400, 10, 2018278);
    expectMetaError(await post(sim, PHONE, waText("15550009999"), WA_TOKEN), 400, 131047);
  });

  it("keeps the latest customer action when they are reported out of order", async () => {
    wrote("messenger", PAGE, "psid-8", HOUR);
    wrote("messenger", PAGE, "psid-8", 40 * HOUR);
    expect((await post(sim, PAGE, text("psid-8"), PAGE_TOKEN)).status).toBe(200);
  });

  it("answers unknown objects with 100/33 and unknown paths with 2500", async () => {
    expectMetaError(await post(sim, "nobody", text("psid-1"), PAGE_TOKEN), 400, 100, 33);
    const res = await fetch(`${sim.graphUrl}/v26.0/${PAGE}/conversations`, { method: "POST" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as GraphBody).error.code).toBe(2500);
    expect(sim.sends).toHaveLength(1);
  });

  it("accepts the token as an access_token query parameter too", async () => {
    wrote("messenger", PAGE, "psid-9", HOUR);
    const res = await fetch(`${sim.graphUrl}/v26.0/${PAGE}/messages?access_token=${PAGE_TOKEN}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(text("psid-9")),
    });
    expect(res.status).toBe(200);
  });
});

describe("fake Graph API: WhatsApp", () => {
  let sim: MetaSimulator;
  const wrote = (userId: string, ageMs: number) =>
    sim.customerWrote({ platform: "whatsapp", channelId: PHONE, userId, atMs: Date.now() - ageMs });

  beforeAll(async () => {
    sim = await startMetaSimulator();
    sim.addChannel({ platform: "whatsapp", channelId: PHONE, accessToken: WA_TOKEN });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  it("accepts an in-window text with Meta's answer and a wamid", async () => {
    wrote("15550001111", HOUR);
    const answer = await post(sim, PHONE, waText("+1 555-000-1111"), WA_TOKEN);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      messaging_product: "whatsapp",
      contacts: [{ input: "+1 555-000-1111", wa_id: "15550001111" }],
      messages: [{ id: expect.stringMatching(/^wamid\./), message_status: "accepted" }],
    });
    expect(sim.sends[0]).toMatchObject({
      platform: "whatsapp",
      userId: "15550001111",
      waType: "text",
      outcome: "accepted",
      metaMessageId: answer.body.messages[0]!.id,
    });
  });

  it("refuses a text 25 h after the customer's message with 131047 (HTTP 400)", async () => {
    wrote("15550002222", 25 * HOUR);
    const answer = await post(sim, PHONE, waText("15550002222"), WA_TOKEN);
    expectMetaError(answer, 400, 131047);
    expect(answer.body.error.error_data).toEqual({
      messaging_product: "whatsapp",
      details: expect.any(String),
    });
    expect(sim.refusals()).toBe(1);
  });

  it("always accepts templates: 25 h after a message and to someone who never wrote", async () => {
    wrote("15550003333", 25 * HOUR);
    expect((await post(sim, PHONE, waTemplate("15550003333"), WA_TOKEN)).status).toBe(200);
    expect((await post(sim, PHONE, waTemplate("15550004444"), WA_TOKEN)).status).toBe(200);
    expect(sim.sends.map((s) => [s.waType, s.outcome])).toEqual([
      ["template", "accepted"],
      ["template", "accepted"],
    ]);
    expect(sim.refusals()).toBe(0);
  });

  it("sends to a business-scoped user id through `recipient`", async () => {
    wrote("US.1234567890", HOUR);
    const body = {
      messaging_product: "whatsapp",
      recipient: "US.1234567890",
      type: "text",
      text: { body: "hi" },
    };
    const answer = await post(sim, PHONE, body, WA_TOKEN);
    expect(answer.status).toBe(200);
    expect(answer.body.contacts).toEqual([{ input: "US.1234567890", user_id: "US.1234567890" }]);
  });

  it("validates bodies as Meta does (missing messaging_product → 100, unknown type → 131051)", async () => {
    wrote("15550005555", HOUR);
    const noProduct = waText("15550005555");
    delete noProduct.messaging_product;
    expectMetaError(await post(sim, PHONE, noProduct, WA_TOKEN), 400, 100);
    expectMetaError(
      await post(
        sim,
        PHONE,
        { ...waText("15550005555"), type: "hologram", hologram: {} },
        WA_TOKEN,
      ),
      400,
      131051,
    );
    expectMetaError(
      await post(
        sim,
        PHONE,
        { messaging_product: "whatsapp", type: "text", text: { body: "x" } },
        WA_TOKEN,
      ),
      400,
      100,
    );
    expect(sim.sends.map((s) => s.waType)).toEqual(["text", "hologram", "text"]);
    expect(sim.refusals()).toBe(3);
  });

  it("in async mode answers 200 outside the window and records the send as refused later", async () => {
    const asyncSim = await startMetaSimulator({ whatsappWindowFailures: "async" });
    try {
      asyncSim.addChannel({ platform: "whatsapp", channelId: PHONE, accessToken: WA_TOKEN });
      asyncSim.customerWrote({
        platform: "whatsapp",
        channelId: PHONE,
        userId: "15550006666",
        atMs: Date.now() - 25 * HOUR,
      });
      const answer = await post(asyncSim, PHONE, waText("15550006666"), WA_TOKEN);
      expect(answer.status).toBe(200);
      const wamid = answer.body.messages[0]!.id;
      expect(asyncSim.sends[0]).toMatchObject({
        outcome: "refused",
        failsAsync: true,
        metaMessageId: wamid,
        error: { status: 200, code: 131047 },
      });
      expect(asyncSim.refusals()).toBe(1);
    } finally {
      await asyncSim.close();
    }
  });
});
