import type { FaultRule } from "@meta-relay/testkit";
import { startHarness, type Harness } from "../testing/outbound-harness";

// product.md's "Meta's refusals and retries", one conversation per case, against Meta's real error
// bodies from the fake Graph API. GRAPH_MAX_ATTEMPTS is the default 6; backoff is shortened.

interface Case {
  name: string;
  platform: "messenger" | "instagram" | "whatsapp";
  fault: Omit<FaultRule, "match">;
  status: "sent" | "failed";
  reason?: string;
  requests: number;
  /** A channel of its own: a refused token puts its channel in auth_failed, failing the others' replies. */
  channelId?: string;
}

const ALWAYS = Number.POSITIVE_INFINITY;
const CASES: Case[] = [
  // window refusals by Meta: failed window_closed, never retried
  {
    name: "10/2018278",
    platform: "messenger",
    fault: { kind: "error", code: 10, subcode: 2018278 },
    status: "failed",
    reason: "window_closed",
    requests: 1,
  },
  {
    name: "10/2534022",
    platform: "instagram",
    fault: { kind: "error", code: 10, subcode: 2534022 },
    status: "failed",
    reason: "window_closed",
    requests: 1,
  },
  {
    name: "131047",
    platform: "whatsapp",
    fault: { kind: "error", code: 131047 },
    status: "failed",
    reason: "window_closed",
    requests: 1,
  },
  // recipient unavailable
  {
    name: "551/1545041",
    platform: "messenger",
    fault: { kind: "error", code: 551, subcode: 1545041 },
    status: "failed",
    reason: "recipient_unavailable",
    requests: 1,
  },
  {
    name: "131026",
    platform: "whatsapp",
    fault: { kind: "error", code: 131026 },
    status: "failed",
    reason: "recipient_unavailable",
    requests: 1,
  },
  // channel auth
  {
    name: "190",
    platform: "messenger",
    fault: { kind: "error", code: 190 },
    status: "failed",
    reason: "channel_auth_failed",
    requests: 1,
    channelId: "page-auth",
  },
  {
    name: "133010",
    platform: "whatsapp",
    fault: { kind: "error", code: 133010 },
    status: "failed",
    reason: "channel_auth_failed",
    requests: 1,
    channelId: "pn-auth",
  },
  // invalid message
  {
    name: "100",
    platform: "messenger",
    fault: { kind: "error", code: 100 },
    status: "failed",
    reason: "invalid_message",
    requests: 1,
  },
  {
    name: "132001",
    platform: "whatsapp",
    fault: { kind: "error", code: 132001 },
    status: "failed",
    reason: "invalid_message",
    requests: 1,
  },
  // throttling: retried, then sent; or rate_limited when it never stops
  {
    name: "613 twice",
    platform: "messenger",
    fault: { kind: "error", code: 613, count: 2 },
    status: "sent",
    requests: 3,
  },
  {
    name: "130429 twice",
    platform: "whatsapp",
    fault: { kind: "error", code: 130429, count: 2 },
    status: "sent",
    requests: 3,
  },
  {
    name: "131056 once",
    platform: "whatsapp",
    fault: { kind: "error", code: 131056, count: 1 },
    status: "sent",
    requests: 2,
  },
  {
    name: "4 always",
    platform: "instagram",
    fault: { kind: "error", code: 4, count: ALWAYS },
    status: "failed",
    reason: "rate_limited",
    requests: 6,
  },
  {
    name: "80007 always",
    platform: "whatsapp",
    fault: { kind: "error", code: 80007, count: ALWAYS },
    status: "failed",
    reason: "rate_limited",
    requests: 6,
  },
  // transient: retried, then sent; or meta_error when it never stops
  {
    name: "2 twice",
    platform: "messenger",
    fault: { kind: "error", code: 2, count: 2 },
    status: "sent",
    requests: 3,
  },
  {
    name: "131000 always",
    platform: "whatsapp",
    fault: { kind: "error", code: 131000, count: ALWAYS },
    status: "failed",
    reason: "meta_error",
    requests: 6,
  },
  {
    name: "HTTP 502 once",
    platform: "messenger",
    fault: { kind: "http", status: 502, count: 1 },
    status: "sent",
    requests: 2,
  },
  {
    name: "timeout once",
    platform: "instagram",
    fault: { kind: "timeout", count: 1 },
    status: "sent",
    requests: 2,
  },
  // sent despite the error: never retried
  {
    name: "1/1357046",
    platform: "messenger",
    fault: { kind: "error", code: 1, subcode: 1357046, status: 500 },
    status: "sent",
    requests: 1,
  },
  // anything else
  {
    name: "368",
    platform: "messenger",
    fault: { kind: "error", code: 368 },
    status: "failed",
    reason: "meta_error",
    requests: 1,
  },
];

const CHANNEL = { messenger: "page-1", instagram: "ig-1", whatsapp: "pn-1" } as const;
const channelOf = (c: Case) => c.channelId ?? CHANNEL[c.platform];

describe("Meta's refusals and retries, end to end", () => {
  let h: Harness;
  const ids = new Map<string, string>();
  const users = new Map<string, string>();

  beforeAll(async () => {
    // A short Graph timeout for the "timeout once" case (the fake Meta holds that request open).
    h = await startHarness({ env: { GRAPH_TIMEOUT_MS: "3000" } });
    await h.channel({ platform: "messenger", channelId: "page-1", accessToken: "tok-m" });
    await h.channel({
      platform: "instagram",
      channelId: "ig-1",
      accessToken: "tok-i",
      pageId: "page-ig",
    });
    await h.channel({ platform: "whatsapp", channelId: "pn-1", accessToken: "tok-w" });
    await h.channel({ platform: "messenger", channelId: "page-auth", accessToken: "tok-ma" });
    await h.channel({ platform: "whatsapp", channelId: "pn-auth", accessToken: "tok-wa" });
    await Promise.all(
      CASES.map(async (c, i) => {
        const userId = c.platform === "whatsapp" ? `1555000${i}` : `user-${i}`;
        users.set(c.name, userId);
        const conv = { platform: c.platform, channelId: channelOf(c), userId };
        await h.customerWrote(conv, Date.now() - 3_600_000);
        h.sim.inject({ ...c.fault, match: { userId } });
      }),
    );
    await Promise.all(
      CASES.map(async (c) => {
        const id = await h.send({
          channel: { platform: c.platform, id: channelOf(c) },
          recipient: { id: users.get(c.name) },
          sender: { type: "agent" },
          message: { text: `case ${c.name}` },
        });
        ids.set(c.name, id);
      }),
    );
    await Promise.all([...ids.values()].map((id) => h.waitFinal(id, 60_000)));
  }, 120_000);
  afterAll(() => h.close());

  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const id = ids.get(c.name) ?? "";
    const requests = h.sim.sends.filter((s) => s.userId === users.get(c.name));
    expect(requests).toHaveLength(c.requests);
    const record = await h.api("GET", `/v1/messages/${id}`);
    expect(record.body.status).toBe(c.status);
    expect(record.body.attempts).toBe(c.requests);
    if (c.status === "failed") {
      expect(record.body.failure.reason).toBe(c.reason);
      const event = await h.event(id, "message.failed");
      expect(event?.data).toMatchObject({ id, reason: c.reason });
      if (c.fault.kind === "error") {
        expect((event?.data as { meta?: { code: number } }).meta?.code).toBe(c.fault.code);
      }
    } else {
      expect(await h.event(id, "message.sent")).not.toBeNull();
    }
  });

  it("counts Meta's window refusals as disagreements", async () => {
    const text = await h.metrics.registry.getSingleMetricAsString(
      "relay_meta_window_disagreements_total",
    );
    expect(text).toContain('relay_meta_window_disagreements_total{platform="messenger"} 1');
    expect(text).toContain('relay_meta_window_disagreements_total{platform="instagram"} 1');
    expect(text).toContain('relay_meta_window_disagreements_total{platform="whatsapp"} 1');
  });

  it("counts the re-send after the timed-out attempt", async () => {
    const text = await h.metrics.registry.getSingleMetricAsString("relay_outbound_resends_total");
    expect(text).toContain('relay_outbound_resends_total{platform="instagram"} 1');
  });

  it("labels Graph requests by outcome and code", async () => {
    const text = await h.metrics.registry.getSingleMetricAsString("relay_graph_requests_total");
    expect(text).toContain(
      'relay_graph_requests_total{platform="messenger",outcome="retry",code="613"} 2',
    );
    expect(text).toContain(
      'relay_graph_requests_total{platform="messenger",outcome="sent",code="1/1357046"} 1',
    );
  });
});
