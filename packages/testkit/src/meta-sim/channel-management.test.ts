import { startMetaSimulator } from "./simulator";
import type { MetaSimulator } from "./types";

const DAY = 24 * 3_600_000;

type Json = Record<string, unknown> & { error?: { code: number; error_subcode?: number } };

async function call(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

describe("Meta simulator: channel management", () => {
  let sim: MetaSimulator;
  beforeEach(async () => {
    sim = await startMetaSimulator({ appId: "777" });
    sim.addChannel({
      platform: "messenger",
      channelId: "P1",
      accessToken: "page-tok",
      name: "Shop",
    });
    sim.addChannel({
      platform: "instagram",
      channelId: "IG1",
      pageId: "P2",
      accessToken: "ig-page-tok",
    });
    sim.addChannel({
      platform: "whatsapp",
      channelId: "PN1",
      wabaId: "WABA1",
      accessToken: "wa-tok",
      name: "Shop BV",
    });
  });
  afterEach(() => sim.close());

  it("answers who a token is for, per channel, and refuses other tokens", async () => {
    expect(await call(sim.graphUrl, "GET", "/v26.0/P1?fields=id,name", "page-tok")).toEqual({
      status: 200,
      body: { id: "P1", name: "Shop" },
    });
    const number = await call(sim.graphUrl, "GET", "/v26.0/PN1?fields=verified_name", "wa-tok");
    expect(number.body).toMatchObject({ id: "PN1", verified_name: "Shop BV" });
    const bad = await call(sim.graphUrl, "GET", "/v26.0/P1?fields=id,name", "typo");
    expect(bad.status).toBe(401);
    expect(bad.body.error?.code).toBe(190);
    // A token Meta knows, but for another page: that page cannot be loaded with it.
    const other = await call(sim.graphUrl, "GET", "/v26.0/P1?fields=id,name", "wa-tok");
    expect(other.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect(sim.calls.map((c) => [c.kind, c.objectId, c.status])).toEqual([
      ["verify", "P1", 200],
      ["verify", "PN1", 200],
      ["verify", "P1", 401],
      ["verify", "P1", 400],
    ]);
  });

  it("keeps subscribed apps per page and business account, and unsubscribes as Meta does", async () => {
    const fields = "messages,messaging_postbacks,messaging_policy_enforcement";
    const page = await call(
      sim.graphUrl,
      "POST",
      `/v26.0/P2/subscribed_apps?subscribed_fields=${fields}`,
      "ig-page-tok",
    );
    expect(page).toEqual({ status: 200, body: { success: true } });
    expect(
      (await call(sim.graphUrl, "POST", "/v26.0/WABA1/subscribed_apps", "wa-tok")).status,
    ).toBe(200);
    expect(sim.subscriptions({ platform: "instagram", channelId: "IG1" })).toEqual([
      { appId: "777", fields: fields.split(",") },
    ]);
    const listed = await call(sim.graphUrl, "GET", "/v26.0/WABA1/subscribed_apps", "wa-tok");
    expect(listed.body).toEqual({
      data: [{ whatsapp_business_api_data: expect.objectContaining({ id: "777" }) }],
    });
    // Pages need the fields, and only page fields.
    const none = await call(sim.graphUrl, "POST", "/v26.0/P1/subscribed_apps", "page-tok");
    expect(none.body.error?.code).toBe(100);
    const wrong = await call(
      sim.graphUrl,
      "POST",
      "/v26.0/P1/subscribed_apps?subscribed_fields=messages,nonsense",
      "page-tok",
    );
    expect(wrong.body.error?.code).toBe(100);
    sim.unsubscribeApp({ platform: "instagram", channelId: "IG1" });
    const after = await call(sim.graphUrl, "GET", "/v26.0/P2/subscribed_apps", "ig-page-tok");
    expect(after.body).toEqual({ data: [] });
  });

  it("refuses every send of a restricted page with 10/1893063 until the restriction lifts", async () => {
    sim.customerWrote({ platform: "messenger", channelId: "P1", userId: "U1", atMs: Date.now() });
    const body = { recipient: { id: "U1" }, messaging_type: "RESPONSE", message: { text: "hi" } };
    sim.restrict({ platform: "messenger", channelId: "P1" }, true);
    const refused = await call(sim.graphUrl, "POST", "/v26.0/P1/messages", "page-tok", body);
    expect(refused.body.error).toMatchObject({ code: 10, error_subcode: 1893063 });
    sim.restrict({ platform: "messenger", channelId: "P1" }, false);
    const sent = await call(sim.graphUrl, "POST", "/v26.0/P1/messages", "page-tok", body);
    expect(sent.status).toBe(200);
  });
});

describe("Meta simulator: the Instagram Login host", () => {
  let sim: MetaSimulator;
  const now = Date.now();
  beforeEach(async () => {
    sim = await startMetaSimulator({ instagramTokenTtlMs: 5 * DAY });
    sim.addChannel({
      platform: "instagram",
      api: "instagram_login",
      channelId: "178400",
      accessToken: "IGAA-old",
      name: "shop.ig",
      tokenIssuedAtMs: now - 2 * DAY,
    });
  });
  afterEach(() => sim.close());

  it("says who the token is, by user_id, and sends on the account's path with a Bearer token", async () => {
    const me = await call(
      sim.instagramGraphUrl,
      "GET",
      "/v26.0/me?fields=user_id,username",
      "IGAA-old",
    );
    expect(me.body).toMatchObject({ user_id: "178400", username: "shop.ig" });
    expect(me.body.id).not.toBe("178400");
    sim.customerWrote({ platform: "instagram", channelId: "178400", userId: "IGSID1", atMs: now });
    const body = {
      recipient: { id: "IGSID1" },
      messaging_type: "RESPONSE",
      message: { text: "hi" },
    };
    const sent = await call(
      sim.instagramGraphUrl,
      "POST",
      "/v26.0/178400/messages",
      "IGAA-old",
      body,
    );
    expect(sent.status).toBe(200);
    expect(sim.sends.at(-1)).toMatchObject({
      host: "instagram",
      auth: "bearer",
      platform: "instagram",
      channelId: "178400",
      outcome: "accepted",
    });
    // The page-based Graph API does not know the account.
    const viaGraph = await call(sim.graphUrl, "POST", "/v26.0/178400/messages", "IGAA-old", body);
    expect(viaGraph.status).toBe(400);
  });

  it("subscribes /me and lists the account's subscribed apps", async () => {
    const subscribed = await call(
      sim.instagramGraphUrl,
      "POST",
      "/v26.0/me/subscribed_apps?subscribed_fields=messages,messaging_seen",
      "IGAA-old",
    );
    expect(subscribed.body).toEqual({ success: true });
    const listed = await call(
      sim.instagramGraphUrl,
      "GET",
      "/v26.0/178400/subscribed_apps",
      "IGAA-old",
    );
    expect(listed.body).toEqual({
      data: [{ id: sim.appId, subscribed_fields: ["messages", "messaging_seen"] }],
    });
  });

  it("refreshes a token at least 24 hours old, replacing it; a fresh one is refused", async () => {
    const path = (token: string) =>
      `/refresh_access_token?grant_type=ig_refresh_token&access_token=${token}`;
    const refreshed = await call(sim.instagramGraphUrl, "GET", path("IGAA-old"));
    expect(refreshed.status).toBe(200);
    const token = String(refreshed.body.access_token);
    expect(refreshed.body).toMatchObject({ token_type: "bearer", expires_in: 5 * 24 * 3600 });
    expect(sim.tokenOf({ platform: "instagram", channelId: "178400" }).token).toBe(token);
    expect((await call(sim.instagramGraphUrl, "GET", "/v26.0/me", "IGAA-old")).status).toBe(401);
    const again = await call(sim.instagramGraphUrl, "GET", path(token));
    expect(again.status).toBe(400);
    expect(sim.calls.filter((c) => c.kind === "refresh_token").map((c) => c.status)).toEqual([
      200, 400,
    ]);
  });

  it("refuses an expired token", async () => {
    sim.addChannel({
      platform: "instagram",
      api: "instagram_login",
      channelId: "178401",
      accessToken: "IGAA-expired",
      tokenIssuedAtMs: now - 61 * DAY,
      tokenExpiresAtMs: now - DAY,
    });
    const me = await call(sim.instagramGraphUrl, "GET", "/v26.0/me", "IGAA-expired");
    expect(me.body.error).toMatchObject({ code: 190, error_subcode: 463 });
  });
});
