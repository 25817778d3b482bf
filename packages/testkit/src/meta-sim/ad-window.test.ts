import { startMetaSimulator } from "./simulator";
import type { MetaSimulator } from "./types";

const DAY = 24 * 3_600_000;

async function respond(sim: MetaSimulator, pageId: string, token: string, userId: string) {
  const res = await fetch(`${sim.graphUrl}/v26.0/${pageId}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      recipient: { id: userId },
      messaging_type: "RESPONSE",
      message: { text: "Yes, it is still available." },
    }),
  });
  const body = (await res.json()) as { error?: { code: number; error_subcode?: number } };
  return { status: res.status, error: body.error };
}

describe("Meta's ad window in the simulator", () => {
  let sim: MetaSimulator;
  beforeAll(async () => {
    sim = await startMetaSimulator();
    sim.addChannel({ platform: "messenger", channelId: "page-ad", accessToken: "t-ad" });
    sim.addChannel({
      platform: "instagram",
      channelId: "ig-stingy",
      accessToken: "t-ig",
      grantsAdWindow: false,
    });
  });
  afterAll(() => sim.close());

  it("takes a RESPONSE 3 days after a message from an ad, and refuses it without the ad", async () => {
    const at = Date.now() - 3 * DAY;
    sim.customerWrote({
      platform: "messenger",
      channelId: "page-ad",
      userId: "ad",
      atMs: at,
      fromAd: true,
    });
    sim.customerWrote({ platform: "messenger", channelId: "page-ad", userId: "plain", atMs: at });
    expect(await respond(sim, "page-ad", "t-ad", "ad")).toEqual({ status: 200, error: undefined });
    expect(await respond(sim, "page-ad", "t-ad", "plain")).toMatchObject({
      status: 400,
      error: { code: 10, error_subcode: 2018278 },
    });
  });

  it("closes 7 days after the ad message", async () => {
    const at = Date.now() - 7 * DAY - 60_000;
    sim.customerWrote({
      platform: "messenger",
      channelId: "page-ad",
      userId: "old",
      atMs: at,
      fromAd: true,
    });
    expect((await respond(sim, "page-ad", "t-ad", "old")).error).toMatchObject({ code: 10 });
  });

  it("refuses it on a page Meta does not grant the ad window", async () => {
    const at = Date.now() - 3 * DAY;
    sim.customerWrote({
      platform: "instagram",
      channelId: "ig-stingy",
      userId: "ad",
      atMs: at,
      fromAd: true,
    });
    expect(await respond(sim, "ig-stingy", "t-ig", "ad")).toMatchObject({
      status: 400,
      error: { code: 10, error_subcode: 2534022 },
    });
  });
});
