import { DAY_MS, UnavailableError, type CustomerAction } from "@meta-relay/core";
import { freePort, startRedisCluster, testRedisSettings, uniquePrefix } from "@meta-relay/testkit";
import { closeRedis, createRedis } from "./connection";
import { createKeys } from "./keys";
import { createWindowStore, WINDOW_RECORD_TTL_MS } from "./window-store";

const NOW = Date.now();

function action(overrides: Partial<CustomerAction> = {}): CustomerAction {
  const userId = overrides.userId ?? "psid-1";
  return {
    type: "customer_action",
    platform: "messenger",
    channelId: "page-1",
    userId,
    userIds: [userId],
    metaMessageId: `m_${Math.random()}`,
    kind: "message",
    timestampMs: NOW - 60_000,
    opensWindow: true,
    raw: {},
    ...overrides,
  };
}

describe("WindowStore", () => {
  const redis = createRedis(testRedisSettings(), { mode: "patient" });
  let keys = createKeys(uniquePrefix());
  let store = createWindowStore(redis, keys);
  const conv = { platform: "messenger" as const, channelId: "page-1", userId: "psid-1" };

  beforeEach(() => {
    keys = createKeys(uniquePrefix());
    store = createWindowStore(redis, keys);
  });
  afterAll(() => closeRedis(redis));

  it("keeps the newest event time and never moves back", async () => {
    expect(await store.lastCustomerMessageAt(conv)).toBeNull();
    expect(await store.recordCustomerActions([action({ timestampMs: NOW - 5_000 })])).toBe(1);
    expect(await store.lastCustomerMessageAt(conv)).toBe(NOW - 5_000);
    expect(await store.recordCustomerActions([action({ timestampMs: NOW - 9_000 })])).toBe(0);
    expect(await store.recordCustomerActions([action({ timestampMs: NOW - 5_000 })])).toBe(0);
    expect(await store.lastCustomerMessageAt(conv)).toBe(NOW - 5_000);
    expect(await store.recordCustomerActions([action({ timestampMs: NOW - 1_000 })])).toBe(1);
    expect(await store.lastCustomerMessageAt(conv)).toBe(NOW - 1_000);
  });

  it("expires a record 8 days after the event that set it, not after its arrival", async () => {
    const at = NOW - 2 * DAY_MS;
    await store.recordCustomerActions([action({ timestampMs: at })]);
    expect(await redis.pexpiretime(keys.window(conv))).toBe(at + WINDOW_RECORD_TTL_MS);
    // A replay of an older event leaves the expiry where the newer event put it.
    await store.recordCustomerActions([action({ timestampMs: at - DAY_MS })]);
    expect(await redis.pexpiretime(keys.window(conv))).toBe(at + WINDOW_RECORD_TTL_MS);
  });

  it("keeps the id of the latest WhatsApp message in the same call, and none elsewhere", async () => {
    const wa = { platform: "whatsapp" as const, channelId: "pn-1", userId: "15550001" };
    const at = (timestampMs: number, metaMessageId: string) =>
      action({ ...wa, userIds: [wa.userId], timestampMs, metaMessageId });
    await store.recordCustomerActions([at(NOW - 5_000, "wamid.B")]);
    expect(await store.lastCustomerMessageId(wa)).toBe("wamid.B");
    // An older message arriving late leaves the newer id; one in the same second replaces it.
    await store.recordCustomerActions([at(NOW - 9_000, "wamid.A")]);
    expect(await store.lastCustomerMessageId(wa)).toBe("wamid.B");
    await store.recordCustomerActions([at(NOW - 5_000, "wamid.C")]);
    expect(await store.lastCustomerMessageId(wa)).toBe("wamid.C");
    // Within one batch the newest wins.
    await store.recordCustomerActions([at(NOW - 1_000, "wamid.E"), at(NOW - 2_000, "wamid.D")]);
    expect(await store.lastCustomerMessageId(wa)).toBe("wamid.E");
    expect(await redis.pexpiretime(keys.lastCustomerMessage(wa))).toBe(
      NOW - 1_000 + WINDOW_RECORD_TTL_MS,
    );
    await store.recordCustomerActions([action({ metaMessageId: "m_1" })]);
    expect(await store.lastCustomerMessageId(conv)).toBeNull();
  });

  it("does not keep an event older than the record's lifetime", async () => {
    await store.recordCustomerActions([action({ timestampMs: NOW - 9 * DAY_MS })]);
    expect(await store.lastCustomerMessageAt(conv)).toBeNull();
  });

  it("records the window under each id of a customer", async () => {
    await store.recordCustomerActions([
      action({
        platform: "whatsapp",
        channelId: "106540352242922",
        userId: "4915112345678",
        userIds: ["4915112345678", "DE.88"],
      }),
    ]);
    for (const userId of ["4915112345678", "DE.88"]) {
      expect(
        await store.lastCustomerMessageAt({
          platform: "whatsapp",
          channelId: "106540352242922",
          userId,
        }),
      ).toBe(NOW - 60_000);
    }
  });

  it("records a batch of 50 actions across 10 conversations, newest time each", async () => {
    const batch = Array.from({ length: 50 }, (_, i) =>
      action({ userId: `u${i % 10}`, timestampMs: NOW - 100_000 + i * 1_000 }),
    );
    expect(await store.recordCustomerActions(batch)).toBe(10);
    for (let u = 0; u < 10; u++) {
      expect(await store.lastCustomerMessageAt({ ...conv, userId: `u${u}` })).toBe(
        NOW - 100_000 + (40 + u) * 1_000,
      );
    }
  });

  it("writes nothing for an action that opens no window", async () => {
    expect(await store.recordCustomerActions([action({ opensWindow: false })])).toBe(0);
    expect(await store.lastCustomerMessageAt(conv)).toBeNull();
  });

  it("records a time ahead of Redis's clock at that clock, its expiry moved back as far", async () => {
    const before = Date.now();
    const inAYear = Date.now() + 365 * DAY_MS;
    await store.recordCustomerActions([action({ timestampMs: inAYear })]);
    const after = Date.now();
    const at = await store.lastCustomerMessageAt(conv);
    // Redis's clock and this process's are the same machine's.
    expect(at).toBeGreaterThanOrEqual(before - 5);
    expect(at).toBeLessThanOrEqual(after + 5);
    expect(await redis.pexpiretime(keys.window(conv))).toBe((at ?? 0) + WINDOW_RECORD_TTL_MS);
    // A batch mixing it with a present-time action still keeps the later of the two, clamped.
    const other = { ...conv, userId: "psid-2" };
    await store.recordCustomerActions([
      action({ userId: "psid-2", timestampMs: Date.now() - 1_000 }),
      action({ userId: "psid-2", timestampMs: Date.now() * 1000 }),
    ]);
    expect(await store.lastCustomerMessageAt(other)).toBeLessThanOrEqual(Date.now() + 5);
  });

  it("does nothing for an empty batch", async () => {
    expect(await store.recordCustomerActions([])).toBe(0);
  });

  it("rejects quickly with UnavailableError when Redis is unreachable", async () => {
    const down = createRedis(
      { url: `redis://127.0.0.1:${await freePort()}`, clusterNodes: null },
      { mode: "fail-fast" },
    );
    try {
      const failing = createWindowStore(down, keys);
      await expect(failing.recordCustomerActions([action()])).rejects.toBeInstanceOf(
        UnavailableError,
      );
    } finally {
      down.disconnect();
    }
  });

  it("records a batch spanning channels on a Redis Cluster, one pipeline per slot", async () => {
    const cluster = await startRedisCluster(3);
    const client = createRedis({ url: "", clusterNodes: cluster.nodes }, { mode: "fail-fast" });
    try {
      const deadline = Date.now() + 20_000;
      while (client.status !== "ready" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const clusterStore = createWindowStore(client, keys);
      const batch = Array.from({ length: 40 }, (_, i) =>
        action({ channelId: `page-${i % 8}`, userId: `u${i % 5}`, timestampMs: NOW - 1_000 + i }),
      );
      expect(await clusterStore.recordCustomerActions(batch)).toBe(40);
      expect(
        await clusterStore.lastCustomerMessageAt({ ...conv, channelId: "page-7", userId: "u4" }),
      ).toBe(NOW - 1_000 + 39);
    } finally {
      client.disconnect();
      await cluster.stop();
    }
  }, 60_000);
});
