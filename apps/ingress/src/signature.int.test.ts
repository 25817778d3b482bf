import { createHmac } from "node:crypto";
import {
  fromCustomer,
  messagingWebhook,
  NEW_SECRET,
  OLD_SECRET,
  startTestIngress,
  type TestIngress,
} from "./testing";

const PAGE = "104512345678901";

describe("POST /webhooks/meta: signatures", () => {
  let t: TestIngress;
  beforeAll(async () => {
    t = await startTestIngress();
  });
  afterAll(() => t.close());

  let seq = 0;
  function payload(userId: string, text = "hello") {
    seq += 1;
    return JSON.stringify(
      messagingWebhook("page", [
        {
          id: PAGE,
          messaging: [
            fromCustomer(PAGE, userId, Date.now() - 1_000, {
              message: { mid: `m_sig_${seq}`, text },
            }),
          ],
        },
      ]),
    );
  }
  const conv = (userId: string) => ({ platform: "messenger" as const, channelId: PAGE, userId });

  async function expectRefused(res: Response, userId: string, keysBefore: number) {
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        code: "invalid_signature",
        message: expect.any(String),
        requestId: expect.any(String),
      },
    });
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    expect(await t.lastCustomerMessageAt(conv(userId))).toBeNull();
    expect(await t.keyCount()).toBe(keysBefore);
  }

  it("accepts a body signed with the current secret", async () => {
    const res = await t.post(payload("u-valid"), { secret: NEW_SECRET });
    expect(res.status).toBe(200);
    expect(await t.lastCustomerMessageAt(conv("u-valid"))).not.toBeNull();
  });

  it("accepts a body signed with the other secret of the rotation list", async () => {
    const res = await t.post(payload("u-old"), { secret: OLD_SECRET });
    expect(res.status).toBe(200);
    expect(await t.lastCustomerMessageAt(conv("u-old"))).not.toBeNull();
  });

  it("accepts emoji and umlauts signed over the raw bytes", async () => {
    const body = payload("u-utf8", "Grüße aus Köln 👋🏽 — naïve café");
    const res = await t.post(Buffer.from(body, "utf8"));
    expect(res.status).toBe(200);
    expect(await t.lastCustomerMessageAt(conv("u-utf8"))).not.toBeNull();
    const texts = (await t.events.getJobs(["waiting"])).map((j) => j.data.data.text);
    expect(texts).toContain("Grüße aus Köln 👋🏽 — naïve café");
  });

  it("refuses a tampered body", async () => {
    const before = await t.keyCount();
    const body = payload("u-tampered");
    const signature = `sha256=${createHmac("sha256", NEW_SECRET).update(body).digest("hex")}`;
    const res = await t.post(body.replace('"hello"', '"hellO"'), { signature });
    await expectRefused(res, "u-tampered", before);
  });

  it("refuses a body signed with a wrong secret", async () => {
    const before = await t.keyCount();
    const res = await t.post(payload("u-wrong"), { secret: "not-our-secret" });
    await expectRefused(res, "u-wrong", before);
  });

  it("refuses a body without the header", async () => {
    const before = await t.keyCount();
    const res = await t.post(payload("u-missing"), { signature: null });
    await expectRefused(res, "u-missing", before);
  });

  it("refuses a header without the sha256= prefix", async () => {
    const before = await t.keyCount();
    const body = payload("u-prefix");
    const bare = createHmac("sha256", NEW_SECRET).update(body).digest("hex");
    const res = await t.post(body, { signature: bare });
    await expectRefused(res, "u-prefix", before);
  });

  it("refuses a signature of the body re-encoded as escaped unicode", async () => {
    const before = await t.keyCount();
    const body = payload("u-reencoded", "Grüße 👋");
    // Meta's own form: every non-ASCII UTF-16 unit as \uXXXX. Hashing it instead of the bytes fails.
    const escaped = body.replace(
      /[^\x20-\x7e]/g,
      (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
    const signature = `sha256=${createHmac("sha256", NEW_SECRET).update(escaped).digest("hex")}`;
    const res = await t.post(Buffer.from(body, "utf8"), { signature });
    await expectRefused(res, "u-reencoded", before);
  });

  it("counts refusals by reason", async () => {
    const text = await (await fetch(`${t.base}/metrics`)).text();
    expect(text).toContain('relay_webhook_signature_failures_total{reason="mismatch"} 3');
    expect(text).toContain('relay_webhook_signature_failures_total{reason="missing"} 1');
    expect(text).toContain('relay_webhook_signature_failures_total{reason="malformed"} 1');
    expect(text).toContain('relay_webhooks_total{object="unknown",outcome="unauthorized"} 5');
    expect(text).toContain('relay_webhooks_total{object="page",outcome="accepted"} 3');
  });
});
