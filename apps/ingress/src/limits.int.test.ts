import { metaSignature } from "@meta-relay/meta";
import {
  fromCustomer,
  messagingWebhook,
  NEW_SECRET,
  startTestIngress,
  type TestIngress,
} from "./testing";

const PAGE = "104512345678901";
const MIB = 1024 * 1024;

describe("POST /webhooks/meta: limits and odd bodies", () => {
  let t: TestIngress;
  beforeAll(async () => {
    t = await startTestIngress();
  });
  afterAll(() => t.close());

  it("answers 413 to a body over 3 MiB, before looking at the signature", async () => {
    const big = JSON.stringify({ object: "page", entry: [], pad: "x".repeat(3 * MIB) });
    const signed = await t.post(big);
    expect(signed.status).toBe(413);
    const unsigned = await t.post(big, { signature: null });
    expect(unsigned.status).toBe(413);
    expect(await t.keyCount()).toBe(0);
  });

  it("accepts a body just under 3 MiB", async () => {
    const body = JSON.stringify({ object: "page", entry: [], pad: "" });
    const padded = body.replace('"pad":""', `"pad":"${"x".repeat(3 * MIB - body.length)}"`);
    expect(Buffer.byteLength(padded)).toBe(3 * MIB);
    expect((await t.post(padded)).status).toBe(200);
  });

  it("answers 400 to invalid JSON with a valid signature", async () => {
    const res = await t.post('{"object":"page","entry":[');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
    expect((await t.post("")).status).toBe(400);
  });

  it("answers 400 to JSON that is not a webhook", async () => {
    const res = await t.post({ hello: "world" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_payload");
  });

  it("acknowledges an unknown object with 200 and records nothing", async () => {
    const res = await t.post({
      object: "permissions",
      entry: [{ id: "1", time: 1, changes: [{ field: "email", value: { verb: "granted" } }] }],
    });
    expect(res.status).toBe(200);
    expect(await t.keyCount()).toBe(0);
    expect(await t.eventCount()).toBe(0);
  });

  it("skips a malformed item, records the rest, and counts it", async () => {
    const at = Date.now() - 60_000;
    const res = await t.post(
      messagingWebhook("page", [
        {
          id: PAGE,
          messaging: [
            fromCustomer(PAGE, "good-1", at, { message: { mid: "m_good_1", text: "a" } }),
            fromCustomer(PAGE, "bad", at, { message: { text: "no mid" } }),
            fromCustomer(PAGE, "bad", "yesterday" as unknown as number, { message: { mid: "x" } }),
          ],
        },
        { id: PAGE, messaging: [fromCustomer(PAGE, "good-2", at, { message: { mid: "m_g2" } })] },
      ]),
    );
    expect(res.status).toBe(200);
    const conv = (userId: string) => ({ platform: "messenger" as const, channelId: PAGE, userId });
    expect(await t.lastCustomerMessageAt(conv("good-1"))).toBe(at);
    expect(await t.lastCustomerMessageAt(conv("good-2"))).toBe(at);
    expect(await t.lastCustomerMessageAt(conv("bad"))).toBeNull();
    expect(await t.eventCount()).toBe(2);
    const metrics = await (await fetch(`${t.base}/metrics`)).text();
    expect(metrics).toContain('relay_webhook_items_total{platform="messenger",kind="malformed"} 2');
    expect(metrics).toContain('relay_webhook_items_total{platform="messenger",kind="message"} 2');
  });

  it("serves health, readiness and the webhook metrics", async () => {
    expect((await fetch(`${t.base}/healthz`)).status).toBe(200);
    expect((await fetch(`${t.base}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${t.base}/metrics`)).text();
    expect(metrics).toContain('relay_webhooks_total{object="unknown",outcome="too_large"} 2');
    expect(metrics).toContain('relay_webhooks_total{object="unknown",outcome="invalid_json"} 2');
    expect(metrics).toContain('relay_webhooks_total{object="other",outcome="ignored"} 1');
    expect(metrics).toContain('relay_webhooks_total{object="page",outcome="accepted"}');
    expect(metrics).toMatch(
      /relay_webhook_handler_duration_seconds_count\{outcome="accepted"\} \d+/,
    );
  });

  it("signs over the bytes sent, whatever the content type", async () => {
    const body = JSON.stringify({ object: "page", entry: [] });
    const res = await fetch(`${t.base}/webhooks/meta`, {
      method: "POST",
      headers: {
        "content-type": "text/plain",
        "x-hub-signature-256": metaSignature(body, NEW_SECRET),
      },
      body,
    });
    expect(res.status).toBe(200);
  });
});
