import { DAY_MS, HOUR_MS } from "@meta-relay/core";
import {
  fromCustomer,
  messagingWebhook,
  startTestIngress,
  waitFor,
  type TestIngress,
} from "./testing";

// A validly signed webhook captured and replayed days later: no window moves past the webhook's
// own time, and no second message.received event is produced, however late the replay.

const PAGE = "104512345678901";
const conv = (userId: string) => ({ platform: "messenger" as const, channelId: PAGE, userId });

function message(userId: string, mid: string, atMs: number) {
  return JSON.stringify(
    messagingWebhook("page", [
      { id: PAGE, messaging: [fromCustomer(PAGE, userId, atMs, { message: { mid, text: "hi" } })] },
    ]),
  );
}

describe("replayed webhooks", () => {
  let t: TestIngress;
  beforeAll(async () => {
    t = await startTestIngress();
  });
  afterAll(() => t.close());

  it("leave a newer window where it is and produce no second event", async () => {
    const old = Date.now() - 3 * DAY_MS;
    const captured = message("replay-a", "m_replay_a1", old);
    expect((await t.post(captured)).status).toBe(200);
    const newer = Date.now() - HOUR_MS;
    expect((await t.post(message("replay-a", "m_replay_a2", newer))).status).toBe(200);
    await waitFor(async () => (await t.eventCount()) === 2);
    expect((await t.post(captured)).status).toBe(200);
    expect(await t.lastCustomerMessageAt(conv("replay-a"))).toBe(newer);
    expect(await t.eventCount()).toBe(2);
  });

  it("never move a window past the replayed webhook's own time", async () => {
    const at = Date.now() - 2 * DAY_MS;
    const captured = message("replay-b", "m_replay_b1", at);
    expect((await t.post(captured)).status).toBe(200);
    const before = await t.eventCount();
    for (let i = 0; i < 3; i++) expect((await t.post(captured)).status).toBe(200);
    expect(await t.lastCustomerMessageAt(conv("replay-b"))).toBe(at);
    expect(await t.eventCount()).toBe(before);
  });

  it("ignore an action older than the event dedupe horizon, as a replay after its claim expired", async () => {
    const before = await t.eventCount();
    const res = await t.post(message("replay-c", "m_replay_c1", Date.now() - 9 * DAY_MS));
    expect(res.status).toBe(200);
    expect(await t.lastCustomerMessageAt(conv("replay-c"))).toBeNull();
    expect(await t.eventCount()).toBe(before);
    const metrics = await (await fetch(`${t.base}/metrics`)).text();
    expect(metrics).toContain(
      'relay_webhook_items_total{platform="messenger",kind="ignored_stale"} 1',
    );
  });
});
