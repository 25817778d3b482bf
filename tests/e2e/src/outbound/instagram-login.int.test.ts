import { DAY_MS } from "@meta-relay/core";
import { startHarness, waitFor, type Harness } from "../testing/outbound-harness";

// product.md 4.3: an Instagram account connected with Instagram Login has no page. Its replies go
// to the Instagram host with a Bearer token, and the watchdog refreshes its token before it expires.
// Meta's ages are shortened here: a token may be refreshed once 1 s old, and a refreshed token
// lives 5 days, inside the 10 days before expiry at which the relay refreshes it again.

const ACCOUNT = "17841400000000077";
const EXPIRED = "17841400000000078";
const MIN_AGE_MS = 1_000;
const TTL_MS = 5 * DAY_MS;

describe("an Instagram Login channel", () => {
  let h: Harness;
  const channel = async (id: string) => (await h.api("GET", `/v1/channels/instagram/${id}`)).body;

  beforeAll(async () => {
    h = await startHarness({
      sim: { instagramTokenTtlMs: TTL_MS, instagramTokenMinAgeMs: MIN_AGE_MS },
      // A pass every 1.2 s; tokens are refreshed once older than 1 s, 10 days before expiry.
      env: { SUBSCRIPTION_CHECK_MINUTES: "0.02" },
      channels: { refresh: { minAgeMs: MIN_AGE_MS, beforeExpiryMs: 10 * DAY_MS } },
    });
    await h.channel({
      platform: "instagram",
      api: "instagram_login",
      channelId: ACCOUNT,
      accessToken: "IGAA-first",
      name: "shop.ig",
    });
    await h.customerWrote(
      { platform: "instagram", channelId: ACCOUNT, userId: "igsid-1" },
      Date.now(),
    );
  });
  afterAll(() => h.close());

  it("sends to the Instagram host on the account's path, with a Bearer token", async () => {
    const id = await h.send({
      channel: { platform: "instagram", id: ACCOUNT },
      recipient: { id: "igsid-1" },
      sender: { type: "agent" },
      message: { text: "Hi from Instagram Login" },
    });
    expect((await h.waitFinal(id)).status).toBe("sent");
    const send = h.sim.sends.find((s) => s.channelId === ACCOUNT);
    expect(send).toMatchObject({
      host: "instagram",
      auth: "bearer",
      path: `/${h.config.meta.graphVersion}/${ACCOUNT}/messages`,
      messagingType: "RESPONSE",
      outcome: "accepted",
    });
    // The token Meta took: the connected one, or (should a refresh have come first) its successor.
    const issued = h.sim.calls
      .filter((c) => c.kind === "refresh_token" && c.objectId === ACCOUNT)
      .map((c) => c.token)
      .concat(h.sim.tokenOf({ platform: "instagram", channelId: ACCOUNT }).token);
    expect(issued).toContain(send?.token);
  });

  it("refreshes its token, stores the new one with Meta's expiry, and sends with it", async () => {
    const refreshes = () =>
      h.sim.calls.filter((c) => c.kind === "refresh_token" && c.objectId === ACCOUNT);
    await waitFor(
      () => refreshes().filter((c) => c.status === 200).length >= 2,
      20_000,
      "two token refreshes",
    );
    // Each refresh presented the token the previous one returned: the relay stored each new token.
    const tokens = refreshes().map((c) => c.token);
    expect(tokens[0]).toBe("IGAA-first");
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(refreshes().every((c) => c.status === 200)).toBe(true);
    const view = await channel(ACCOUNT);
    const expiresIn = Date.parse(view.tokenExpiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(TTL_MS - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(TTL_MS);
    expect(view.status).toBe("active");
    expect(JSON.stringify(view)).not.toContain("IGAA");

    // Meta no longer takes the first token; the reply goes out with the current one.
    const current = h.sim.tokenOf({ platform: "instagram", channelId: ACCOUNT }).token;
    expect(current).not.toBe("IGAA-first");
    const id = await h.send({
      channel: { platform: "instagram", id: ACCOUNT },
      recipient: { id: "igsid-1" },
      sender: { type: "agent" },
      message: { text: "after the refresh" },
    });
    expect((await h.waitFinal(id)).status).toBe("sent");
    const last = h.sim.sends.filter((s) => s.channelId === ACCOUNT).at(-1);
    expect(last).toMatchObject({ outcome: "accepted", auth: "bearer" });
    expect(
      refreshes()
        .map((c) => c.token)
        .concat(current),
    ).toContain(last?.token);
  });

  it("marks the channel auth_failed, with channel.auth_failed, when Meta refuses the refresh", async () => {
    await h.channel({
      platform: "instagram",
      api: "instagram_login",
      channelId: EXPIRED,
      accessToken: "IGAA-dying",
    });
    // The token expires at Meta before the relay gets to refresh it.
    h.sim.addChannel({
      platform: "instagram",
      api: "instagram_login",
      channelId: EXPIRED,
      accessToken: "IGAA-dying",
      tokenIssuedAtMs: Date.now() - 60 * DAY_MS,
      tokenExpiresAtMs: Date.now() - 1,
    });
    await waitFor(
      async () => (await channel(EXPIRED)).status === "auth_failed",
      20_000,
      "auth_failed",
    );
    const events = await h.channelEvents("channel.auth_failed");
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({
        channelId: EXPIRED,
        status: "auth_failed",
        source: "token_refresh",
      }),
    ]);
  });
});
