import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import {
  standardWebhookHeaders,
  verifyStandardWebhook,
  webhookSecretKey,
  WEBHOOK_SIGNATURE_HEADER,
} from "./standard-webhooks";

// Checked against `standardwebhooks`, the reference library of the specification (not ours).

const whsec = () => `whsec_${randomBytes(24).toString("base64")}`;
const BODY = Buffer.from('{"id":"evt_1","type":"message.read","occurredAt":"x","data":{"t":"é"}}');
const now = () => Math.floor(Date.now() / 1000);

function headersFor(secrets: string[], timestamp = now(), body: Buffer = BODY) {
  return standardWebhookHeaders({ id: "evt_1", timestamp, body, secrets });
}

describe("standardWebhookHeaders", () => {
  it("is what the reference library signs and accepts", () => {
    const secret = whsec();
    const stamp = now();
    const headers = headersFor([secret], stamp);
    expect(headers["webhook-id"]).toBe("evt_1");
    expect(headers["webhook-timestamp"]).toBe(String(stamp));
    const library = new Webhook(secret);
    expect(headers[WEBHOOK_SIGNATURE_HEADER]).toBe(
      library.sign("evt_1", new Date(stamp * 1000), BODY),
    );
    expect(library.verify(BODY, headers)).toEqual(JSON.parse(BODY.toString("utf8")));
  });

  it("is refused by the library for a changed byte, a stale timestamp or another secret", () => {
    const secret = whsec();
    const library = new Webhook(secret);
    const changed = Buffer.from(BODY);
    changed[10] = changed[10]! ^ 1;
    expect(() => library.verify(changed, headersFor([secret]))).toThrow(
      "No matching signature found",
    );
    expect(() => library.verify(BODY, headersFor([secret], now() - 600))).toThrow(
      "Message timestamp too old",
    );
    expect(() => new Webhook(whsec()).verify(BODY, headersFor([secret]))).toThrow(
      "No matching signature found",
    );
  });

  it("signs once per secret during a rotation; each secret alone verifies", () => {
    const [older, newer] = [whsec(), whsec()];
    const headers = headersFor([newer, older]);
    expect(headers[WEBHOOK_SIGNATURE_HEADER]?.split(" ")).toHaveLength(2);
    expect(() => new Webhook(older).verify(BODY, headers)).not.toThrow();
    expect(() => new Webhook(newer).verify(BODY, headers)).not.toThrow();
  });

  it("keys a secret without the prefix with its UTF-8 bytes", () => {
    const plain = "release-1-secret-ünïcode-0123";
    expect(webhookSecretKey(plain)).toEqual(Buffer.from(plain, "utf8"));
    const library = new Webhook(Buffer.from(plain, "utf8"), { format: "raw" });
    expect(() => library.verify(BODY, headersFor([plain]))).not.toThrow();
  });

  it("refuses a whsec_ secret that is not base64", () => {
    expect(() => webhookSecretKey("whsec_not base64!")).toThrow("base64");
    expect(() => webhookSecretKey("whsec_")).toThrow("base64");
  });
});

describe("verifyStandardWebhook", () => {
  const secret = whsec();

  it("accepts what the reference library signs, with header names in any case", () => {
    const library = new Webhook(secret);
    const stamp = now();
    const headers = {
      "Webhook-Id": "evt_1",
      "Webhook-Timestamp": String(stamp),
      "Webhook-Signature": library.sign("evt_1", new Date(stamp * 1000), BODY),
    };
    expect(verifyStandardWebhook(BODY, headers, secret)).toBe(true);
    expect(verifyStandardWebhook(BODY, headers, [whsec(), secret])).toBe(true);
  });

  it("refuses a changed body, id or time, a stale or future timestamp, other secrets", () => {
    const headers = headersFor([secret]);
    expect(verifyStandardWebhook(BODY, headers, secret)).toBe(true);
    expect(verifyStandardWebhook(Buffer.concat([BODY, Buffer.from(" ")]), headers, secret)).toBe(
      false,
    );
    expect(verifyStandardWebhook(BODY, { ...headers, "webhook-id": "evt_2" }, secret)).toBe(false);
    const stamp = Number(headers["webhook-timestamp"]);
    expect(
      verifyStandardWebhook(BODY, { ...headers, "webhook-timestamp": String(stamp + 1) }, secret),
    ).toBe(false);
    expect(verifyStandardWebhook(BODY, headersFor([secret], now() - 301), secret)).toBe(false);
    expect(verifyStandardWebhook(BODY, headersFor([secret], now() + 301), secret)).toBe(false);
    expect(verifyStandardWebhook(BODY, headers, whsec())).toBe(false);
    expect(verifyStandardWebhook(BODY, headers, [])).toBe(false);
    expect(verifyStandardWebhook(BODY, {}, secret)).toBe(false);
    const v2 = headers[WEBHOOK_SIGNATURE_HEADER]?.replace("v1,", "v2,");
    expect(
      verifyStandardWebhook(BODY, { ...headers, [WEBHOOK_SIGNATURE_HEADER]: v2 }, secret),
    ).toBe(false);
  });
});
