import { startMetaSimulator } from "./simulator";
import type { MetaSimulator, SimSend } from "./types";
import { waitFor } from "../testing";

const PAGE = "page-1";
const TOKEN = "page-token";
const PHONE = "phone-1";

interface Answer {
  status: number;
  text: string;
}

async function send(
  sim: MetaSimulator,
  id: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<Answer> {
  const res = await fetch(`${sim.graphUrl}/v26.0/${id}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
    signal,
  });
  return { status: res.status, text: await res.text() };
}

const toPage = (userId: string) => ({
  recipient: { id: userId },
  messaging_type: "RESPONSE",
  message: { text: "hi" },
});
const toPhone = (to: string) => ({
  messaging_product: "whatsapp",
  to,
  type: "text",
  text: { body: "hi" },
});

describe("fake Graph API: injected faults and chaos", () => {
  let sim: MetaSimulator;

  beforeAll(async () => {
    sim = await startMetaSimulator();
    sim.addChannel({ platform: "messenger", channelId: PAGE, accessToken: TOKEN });
    sim.addChannel({ platform: "whatsapp", channelId: PHONE, accessToken: TOKEN });
    for (const userId of ["u1", "u2"]) {
      sim.customerWrote({ platform: "messenger", channelId: PAGE, userId, atMs: Date.now() });
    }
    sim.customerWrote({ platform: "whatsapp", channelId: PHONE, userId: "111", atMs: Date.now() });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  it("answers an injected Messenger throttle (613) once, then judges normally; a fault is not a refusal", async () => {
    sim.inject({ kind: "error", code: 613 });
    const throttled = await send(sim, PAGE, toPage("u1"));
    expect(throttled.status).toBe(400);
    expect(JSON.parse(throttled.text).error).toMatchObject({ code: 613, type: "OAuthException" });
    expect((await send(sim, PAGE, toPage("u1"))).status).toBe(200);
    expect(sim.sends.map((s) => [s.outcome, s.fault, s.error?.code])).toEqual([
      ["fault", "error", 613],
      ["accepted", undefined, undefined],
    ]);
    expect(sim.refusals()).toBe(0);
  });

  it("answers WhatsApp throttles 130429 and 131056 with HTTP 429", async () => {
    sim.inject({ kind: "error", code: 130429 });
    sim.inject({ kind: "error", code: 131056 });
    const first = await send(sim, PHONE, toPhone("111"));
    const second = await send(sim, PHONE, toPhone("111"));
    expect([first.status, JSON.parse(first.text).error.code]).toEqual([429, 130429]);
    expect([second.status, JSON.parse(second.text).error.code]).toEqual([429, 131056]);
    expect(JSON.parse(second.text).error.error_data.messaging_product).toBe("whatsapp");
    expect((await send(sim, PHONE, toPhone("111"))).status).toBe(200);
  });

  it("defaults an error fault to the platform's throttling code and honours count and match", async () => {
    sim.inject({ kind: "error", count: 2, match: { userId: "u2" } });
    expect((await send(sim, PAGE, toPage("u1"))).status).toBe(200);
    expect(JSON.parse((await send(sim, PAGE, toPage("u2"))).text).error.code).toBe(613);
    expect(JSON.parse((await send(sim, PAGE, toPage("u2"))).text).error.code).toBe(613);
    expect((await send(sim, PAGE, toPage("u2"))).status).toBe(200);
  });

  it("applies a rule with count Infinity to every matching send until reset", async () => {
    sim.inject({ kind: "error", code: 4, subcode: 2018022, count: Infinity });
    for (let i = 0; i < 3; i += 1) {
      const answer = JSON.parse((await send(sim, PAGE, toPage("u1"))).text);
      expect(answer.error).toMatchObject({ code: 4, error_subcode: 2018022 });
    }
    sim.reset();
    expect((await send(sim, PAGE, toPage("u1"))).status).toBe(200);
  });

  it("answers a bare HTTP status (5xx) without a Meta body", async () => {
    sim.inject({ kind: "http", status: 503 });
    sim.inject({ kind: "http" });
    const first = await send(sim, PAGE, toPage("u1"));
    const second = await send(sim, PAGE, toPage("u1"));
    expect([first.status, second.status]).toEqual([503, 502]);
    expect(() => JSON.parse(first.text) as unknown).toThrow();
    expect(sim.sends.map((s) => s.fault)).toEqual(["http", "http"]);
    expect(sim.refusals()).toBe(0);
  });

  it("holds a timed-out send open until the client gives up, records it as a fault, then serves the next", async () => {
    sim.inject({ kind: "timeout" });
    const seen: SimSend[] = [];
    const unsubscribe = sim.onSend((s) => seen.push(s));
    await expect(send(sim, PAGE, toPage("u1"), AbortSignal.timeout(500))).rejects.toThrow();
    expect(sim.sends[0]).toMatchObject({ outcome: "fault", fault: "timeout" });
    expect(sim.sends[0]?.error).toBeUndefined();
    expect((await send(sim, PAGE, toPage("u1"))).status).toBe(200);
    unsubscribe();
    expect((await send(sim, PAGE, toPage("u1"))).status).toBe(200);
    expect(seen.map((s) => s.outcome)).toEqual(["fault", "accepted"]);
    expect(sim.refusals()).toBe(0);
  });

  it("chaos: every send fails with a 5xx at errorRate 1 and is held at timeoutRate 1", async () => {
    sim.chaos({ errorRate: 1 });
    for (let i = 0; i < 6; i += 1) {
      expect((await send(sim, PAGE, toPage("u1"))).status).toBeGreaterThanOrEqual(500);
    }
    sim.chaos({ timeoutRate: 1 });
    await expect(send(sim, PAGE, toPage("u1"), AbortSignal.timeout(300))).rejects.toThrow();
    sim.chaos(null);
    expect((await send(sim, PAGE, toPage("u1"))).status).toBe(200);
    expect(sim.sends.map((s) => s.outcome)).toEqual([
      ...Array<string>(7).fill("fault"),
      "accepted",
    ]);
    expect(sim.refusals()).toBe(0);
  });

  it("chaos: delays still end in Meta's normal answer, recorded in arrival order", async () => {
    sim.chaos({ minDelayMs: 10, maxDelayMs: 80 });
    const answers = await Promise.all(
      ["u1", "u2", "u1", "u2"].map(async (userId, index) => {
        await new Promise((resolve) => setTimeout(resolve, index * 30));
        return send(sim, PAGE, toPage(userId));
      }),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const arrivals = sim.sends.map((s) => s.at);
    expect([...arrivals].sort((a, b) => a - b)).toEqual(arrivals);
  });

  it("reset forgets sends, refusals and faults but keeps channels and windows", async () => {
    await send(sim, PAGE, toPage("never-wrote"));
    sim.inject({ kind: "timeout", count: Infinity });
    expect(sim.refusals()).toBe(1);
    sim.reset();
    expect(sim.sends).toHaveLength(0);
    expect(sim.refusals()).toBe(0);
    expect((await send(sim, PAGE, toPage("u1"))).status).toBe(200);
  });

  it("rejects nonsense rules", () => {
    expect(() => sim.inject({ kind: "error", count: 0 })).toThrow(/count/);
    expect(() => sim.chaos({ errorRate: 2 })).toThrow(/between 0 and 1/);
  });
});

describe("fake Graph API: closing", () => {
  it("ends requests it holds open when it closes", async () => {
    const sim = await startMetaSimulator();
    sim.addChannel({ platform: "messenger", channelId: PAGE, accessToken: TOKEN });
    sim.inject({ kind: "timeout" });
    const held = send(sim, PAGE, toPage("u1"));
    await waitFor(() => sim.sends.length === 1, 10_000);
    await sim.close();
    await expect(held).rejects.toThrow();
  });
});
