import { freePort, startMetaSimulator, type MetaSimulator } from "@meta-relay/testkit";
import { createGraphClient } from "./graph-client";
import { buildSendRequest, type SendSpec } from "./send-request";

const TOKEN = "page-token-secret-123";
const spec: SendSpec = {
  platform: "messenger",
  channelId: "PAGE1",
  pageId: null,
  userId: "PSID1",
  messageId: "msg_01",
  content: { text: "hello" },
  messagingType: "RESPONSE",
  tag: null,
};

describe("createGraphClient against the Meta simulator", () => {
  let sim: MetaSimulator;
  beforeAll(async () => {
    sim = await startMetaSimulator();
    sim.addChannel({ platform: "messenger", channelId: "PAGE1", accessToken: TOKEN });
    sim.addChannel({ platform: "whatsapp", channelId: "PN1", accessToken: TOKEN });
    sim.customerWrote({
      platform: "messenger",
      channelId: "PAGE1",
      userId: "PSID1",
      atMs: Date.now(),
    });
    sim.customerWrote({
      platform: "whatsapp",
      channelId: "PN1",
      userId: "15550001",
      atMs: Date.now(),
    });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  const client = () => createGraphClient({ graphUrl: sim.graphUrl, timeoutMs: 1_000 });

  it("returns Meta's message id and sends the token as a Bearer header", async () => {
    const result = await client().send(buildSendRequest(spec, "v26.0"), TOKEN);
    expect(result).toEqual({
      ok: true,
      httpStatus: 200,
      metaMessageId: expect.stringMatching(/^m_/),
    });
    expect(sim.sends[0]).toMatchObject({
      path: "/v26.0/PAGE1/messages",
      token: TOKEN,
      messagingType: "RESPONSE",
    });
  });

  it("reads WhatsApp's wamid", async () => {
    const request = buildSendRequest(
      {
        ...spec,
        platform: "whatsapp",
        channelId: "PN1",
        userId: "15550001",
        messagingType: "SERVICE",
      },
      "v26.0",
    );
    const result = await client().send(request, TOKEN);
    expect(result).toMatchObject({ ok: true, metaMessageId: expect.stringMatching(/^wamid\./) });
  });

  it("reports Meta's error envelope without the token", async () => {
    const result = await client().send(buildSendRequest(spec, "v26.0"), "wrong-token");
    expect(result).toEqual({
      ok: false,
      failure: { kind: "meta", httpStatus: 401, code: 190, message: expect.any(String) },
    });
    expect(JSON.stringify(result)).not.toContain("wrong-token");
  });

  it("reports subcodes, bare HTTP errors and timeouts", async () => {
    sim.inject({ kind: "error", code: 1, subcode: 1357046, status: 500 });
    expect(await client().send(buildSendRequest(spec, "v26.0"), TOKEN)).toMatchObject({
      ok: false,
      failure: { kind: "meta", httpStatus: 500, code: 1, subcode: 1357046 },
    });
    sim.inject({ kind: "http", status: 502 });
    expect(await client().send(buildSendRequest(spec, "v26.0"), TOKEN)).toEqual({
      ok: false,
      failure: { kind: "http", httpStatus: 502 },
    });
    sim.inject({ kind: "timeout" });
    expect(await client().send(buildSendRequest(spec, "v26.0"), TOKEN)).toEqual({
      ok: false,
      failure: { kind: "timeout" },
    });
  });

  it("tells a refused connection (nothing sent) apart", async () => {
    const port = await freePort();
    const closed = createGraphClient({ graphUrl: `http://127.0.0.1:${port}`, timeoutMs: 1_000 });
    expect(await closed.send(buildSendRequest(spec, "v26.0"), TOKEN)).toEqual({
      ok: false,
      failure: { kind: "network", errorCode: "ECONNREFUSED", connected: false },
    });
  });
});
