import { DAY_MS, HOUR_MS, MINUTE_MS } from "@meta-relay/core";
import { DEFAULT_PACING, type StoredChannel } from "@meta-relay/store";
import { isSilent } from "./channel-gauges";
import { channelEvent, channelEventId } from "./channel-events";
import { DEFAULT_REFRESH_POLICY, refreshDue } from "./token-refresh";

const NOW = Date.parse("2026-12-01T12:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();

function channel(overrides: Partial<StoredChannel> = {}): StoredChannel {
  return {
    platform: "instagram",
    channelId: "178400",
    name: null,
    pageId: null,
    api: "instagram_login",
    wabaId: null,
    humanAgent: false,
    utilityMessages: false,
    adsWindow: false,
    pacing: DEFAULT_PACING.instagram,
    createdAt: iso(NOW - 30 * DAY_MS),
    updatedAt: iso(NOW - 30 * DAY_MS),
    status: "active",
    sealedToken: "sealed",
    tokenIssuedAtMs: NOW - 30 * DAY_MS,
    lastSentAtMs: null,
    statusSinceMs: null,
    previousStatus: null,
    ...overrides,
  };
}

describe("refreshDue", () => {
  const due = (c: StoredChannel) => refreshDue(c, DEFAULT_REFRESH_POLICY, NOW);

  it("refreshes a token with less than 10 days left, once it is 24 hours old", () => {
    expect(due(channel({ tokenExpiresAt: iso(NOW + 9 * DAY_MS) }))).toBe(true);
    expect(due(channel({ tokenExpiresAt: iso(NOW + 11 * DAY_MS) }))).toBe(false);
    expect(
      due(channel({ tokenExpiresAt: iso(NOW + 9 * DAY_MS), tokenIssuedAtMs: NOW - 23 * HOUR_MS })),
    ).toBe(false);
  });

  it("refreshes a token of unknown expiry as soon as it may (Meta tells the expiry only then)", () => {
    expect(due(channel({ tokenIssuedAtMs: NOW - 25 * HOUR_MS }))).toBe(true);
    expect(due(channel({ tokenIssuedAtMs: NOW - HOUR_MS }))).toBe(false);
  });

  it("refreshes only Instagram Login tokens of channels whose token still works", () => {
    const expiring = { tokenExpiresAt: iso(NOW + DAY_MS) };
    expect(due(channel({ ...expiring, api: "messenger" }))).toBe(false);
    expect(due(channel({ ...expiring, platform: "messenger", api: null }))).toBe(false);
    expect(due(channel({ ...expiring, status: "auth_failed" }))).toBe(false);
    expect(due(channel({ ...expiring, status: "restricted" }))).toBe(true);
  });
});

describe("isSilent", () => {
  const silence = 60 * MINUTE_MS;
  const silent = (c: StoredChannel) => isSilent(c, silence, NOW);

  it("counts an active channel that sent in the period and heard nothing in it", () => {
    expect(
      silent(channel({ lastSentAtMs: NOW - MINUTE_MS, lastWebhookAt: iso(NOW - 2 * HOUR_MS) })),
    ).toBe(true);
    expect(silent(channel({ lastSentAtMs: NOW - MINUTE_MS }))).toBe(true);
  });

  it("does not count a channel that heard from Meta, sent nothing, or cannot send", () => {
    expect(
      silent(channel({ lastSentAtMs: NOW - MINUTE_MS, lastWebhookAt: iso(NOW - 5 * MINUTE_MS) })),
    ).toBe(false);
    expect(
      silent(channel({ lastSentAtMs: NOW - 2 * HOUR_MS, lastWebhookAt: iso(NOW - 3 * HOUR_MS) })),
    ).toBe(false);
    expect(silent(channel({ lastSentAtMs: null }))).toBe(false);
    expect(silent(channel({ lastSentAtMs: NOW - MINUTE_MS, status: "restricted" }))).toBe(false);
  });
});

describe("channelEvent", () => {
  const ref = { platform: "messenger", channelId: "page-1" } as const;

  it("keeps one id per change, whoever reports it, and distinct ids for distinct changes", () => {
    const facts = { status: "restricted", source: "graph_error" } as const;
    const a = channelEvent("channel.restricted", ref, facts, "1000", NOW);
    const b = channelEvent(
      "channel.restricted",
      ref,
      { ...facts, reason: "again" },
      "1000",
      NOW + 5,
    );
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^evt_ch_[A-Za-z0-9_-]{32}$/);
    expect(channelEventId("channel.restricted", ref, "2000")).not.toBe(a.id);
    expect(channelEventId("channel.unrestricted", ref, "1000")).not.toBe(a.id);
    expect(a).toEqual({
      id: a.id,
      type: "channel.restricted",
      occurredAt: iso(NOW),
      data: {
        platform: "messenger",
        channelId: "page-1",
        status: "restricted",
        source: "graph_error",
      },
    });
  });
});
