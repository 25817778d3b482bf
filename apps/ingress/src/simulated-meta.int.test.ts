import { HOUR_MS, MINUTE_MS } from "@meta-relay/core";
import { createSimCustomers, type SimCustomerRef, type SimCustomers } from "@meta-relay/testkit";
import type { StatusSink } from "./status-sink";
import { NEW_SECRET, startTestIngress, type TestIngress } from "./testing";

/** Collects what the ingress hands over, so the test can see status items arrive. */
class ListSink implements StatusSink {
  readonly kinds: string[] = [];
  apply(items: Parameters<StatusSink["apply"]>[0]): Promise<void> {
    for (const item of items) this.kinds.push(item.type === "echo" ? "echo" : item.status);
    return Promise.resolve();
  }
}

// Meta's own client: escaped-unicode JSON, signed, in the real payload shapes.
describe("ingress fed by the simulated Meta webhooks", () => {
  const sink = new ListSink();
  let t: TestIngress;
  let customers: SimCustomers;
  const base = Math.floor((Date.now() - 2 * HOUR_MS) / 1000) * 1000;
  const who = (platform: SimCustomerRef["platform"], userId: string, extra = {}) => ({
    platform,
    channelId: platform === "whatsapp" ? "106540352242922" : `${platform}-channel`,
    userId,
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestIngress({ statusSink: sink });
    customers = createSimCustomers({ ingressUrl: t.base, appSecret: NEW_SECRET });
  });
  afterAll(async () => {
    await customers.close();
    await t.close();
  });

  it.each(["messenger", "instagram", "whatsapp"] as const)(
    "records %s messages with emoji at Meta's time and ignores receipts",
    async (platform) => {
      const customer = who(platform, platform === "whatsapp" ? "4915112345678" : "cust-1");
      const post = await customers.message(customer, { text: "Grüße 👋", atMs: base });
      expect(post.status).toBe(200);
      expect(post.body).toContain("\\u00fc");
      const later = base + 10 * MINUTE_MS;
      // Instagram has no delivery receipts: only `messaging_seen`.
      if (platform !== "instagram") {
        const delivered = await customers.delivered(customer, { ids: ["m_x"], atMs: later });
        expect(delivered.status).toBe(200);
      }
      expect((await customers.read(customer, { ids: ["m_x"], atMs: later })).status).toBe(200);
      expect(await t.lastCustomerMessageAt(customer)).toBe(base);
      const events = await t.events.getJobs(["waiting"]);
      const texts = events.map((job) => (job.data as { data: { text?: string } }).data.text);
      expect(texts).toContain("Grüße 👋");
    },
  );

  it("opens the window on standby messages, postbacks, reactions and referrals", async () => {
    const steps: [string, (c: SimCustomerRef, atMs: number) => Promise<{ status: number }>][] = [
      ["standby", (c, atMs) => customers.message(c, { text: "?", standby: true, atMs })],
      ["postback", (c, atMs) => customers.postback(c, { payload: "GO", atMs })],
      ["reaction", (c, atMs) => customers.react(c, { to: "m_out", emoji: "👍", atMs })],
      ["referral", (c, atMs) => customers.referral(c, { atMs })],
    ];
    for (const platform of ["messenger", "instagram"] as const) {
      const customer = who(platform, "cust-2");
      for (const [i, [label, step]] of steps.entries()) {
        const atMs = base + i * MINUTE_MS;
        expect({ label, status: (await step(customer, atMs)).status }).toEqual({
          label,
          status: 200,
        });
        expect({ label, at: await t.lastCustomerMessageAt(customer) }).toEqual({ label, at: atMs });
      }
    }
  });

  it("records a WhatsApp customer under the phone number and the BSUID, and statuses go to the sink", async () => {
    const customer = who("whatsapp", "4917000000001", { bsuid: "DE.4917" });
    expect((await customers.message(customer, { text: "Hallo", atMs: base })).status).toBe(200);
    for (const userId of ["4917000000001", "DE.4917"]) {
      expect(await t.lastCustomerMessageAt({ ...customer, userId })).toBe(base);
    }
    const failed = await customers.status(customer, {
      id: "wamid.out",
      status: "failed",
      errors: [{ code: 131047, title: "Re-engagement message" }],
    });
    expect(failed.status).toBe(200);
    expect(sink.kinds).toContain("failed");
  });

  it("yields one event for a batch delivered twice", async () => {
    const c = who("messenger", "cust-batch");
    const events = Array.from({ length: 5 }, (_, i) => ({
      kind: "message" as const,
      who: c,
      text: `m${i}`,
      id: `m_batch_${i}`,
      atMs: base + i,
    }));
    const before = await t.eventCount();
    expect((await customers.batch(events)).status).toBe(200);
    expect((await customers.batch(events)).status).toBe(200);
    expect((await t.eventCount()) - before).toBe(5);
  });
});
