import crypto, { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { EventVerificationError, verifyEvent, type VerificationFailure } from "./verify-event";

// Events are signed here with `standardwebhooks`, the specification's own library, not with our code.
const SECRET = `whsec_${randomBytes(24).toString("base64")}`;
const OTHER = `whsec_${randomBytes(24).toString("base64")}`;
const EVENT = {
  id: "evt_msg_01kb2x7s3q9yv4c8e1tz6n0hrd.sent",
  type: "message.sent",
  occurredAt: new Date().toISOString(),
  data: {
    id: "msg_01kb2x7s3q9yv4c8e1tz6n0hrd",
    platform: "messenger",
    channelId: "100",
    userId: "psid-1",
    metaMessageId: "m_1",
    messagingType: "RESPONSE",
  },
};
const BODY = JSON.stringify(EVENT);

function signed(options: { secrets?: string[]; at?: Date; body?: string; id?: string } = {}) {
  const at = options.at ?? new Date();
  const id = options.id ?? EVENT.id;
  const body = options.body ?? BODY;
  const signatures = (options.secrets ?? [SECRET]).map((secret) =>
    new Webhook(secret).sign(id, at, body),
  );
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}

function refusal(run: () => unknown): VerificationFailure | "accepted" {
  try {
    run();
    return "accepted";
  } catch (error) {
    if (error instanceof EventVerificationError) return error.reason;
    throw error;
  }
}

describe("verifyEvent", () => {
  it("accepts a Standard Webhooks event and returns it, typed", () => {
    const event = verifyEvent(signed(), BODY, SECRET);
    expect(event).toEqual(EVENT);
    if (event.type === "message.sent") expect(event.data.messagingType).toBe("RESPONSE");
  });

  it("reads fetch Headers, node's header records in any case, and raw body bytes", () => {
    const headers = signed();
    expect(verifyEvent(new Headers(headers), Buffer.from(BODY), SECRET).id).toBe(EVENT.id);
    const shouting = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name.toUpperCase(), value]),
    );
    expect(verifyEvent(shouting, new TextEncoder().encode(BODY), SECRET).id).toBe(EVENT.id);
  });

  it("refuses a body changed by one byte, another secret, or no signature", () => {
    const tampered = BODY.replace('"RESPONSE"', '"RESPONSF"');
    expect(refusal(() => verifyEvent(signed(), tampered, SECRET))).toBe("invalid_signature");
    expect(refusal(() => verifyEvent(signed(), BODY, OTHER))).toBe("invalid_signature");
    const { "webhook-signature": _s, ...unsigned } = signed();
    expect(refusal(() => verifyEvent(unsigned, BODY, SECRET))).toBe("missing_headers");
    const wrongScheme = {
      ...signed(),
      "webhook-signature": signed()["webhook-signature"].replace("v1,", "v2,"),
    };
    expect(refusal(() => verifyEvent(wrongScheme, BODY, SECRET))).toBe("invalid_signature");
  });

  it("refuses a timestamp more than 5 minutes away, either way, and accepts one within", () => {
    const now = Date.now();
    const old = new Date(now - 10 * 60_000);
    const ahead = new Date(now + 6 * 60_000);
    const recent = new Date(now - 4 * 60_000);
    expect(refusal(() => verifyEvent(signed({ at: old }), BODY, SECRET))).toBe(
      "timestamp_out_of_tolerance",
    );
    expect(refusal(() => verifyEvent(signed({ at: ahead }), BODY, SECRET))).toBe(
      "timestamp_out_of_tolerance",
    );
    expect(refusal(() => verifyEvent(signed({ at: recent }), BODY, SECRET))).toBe("accepted");
    // The library agrees on what is stale.
    expect(() => new Webhook(SECRET).verify(BODY, signed({ at: old }))).toThrow();
  });

  it("accepts during a rotation: several signatures in the header, or several secrets held", () => {
    const both = signed({ secrets: [OTHER, SECRET] });
    expect(both["webhook-signature"].split(" ")).toHaveLength(2);
    expect(refusal(() => verifyEvent(both, BODY, SECRET))).toBe("accepted");
    expect(refusal(() => verifyEvent(signed({ secrets: [OTHER] }), BODY, [SECRET, OTHER]))).toBe(
      "accepted",
    );
  });

  it("uses a secret without the whsec_ prefix as its UTF-8 bytes", () => {
    const raw = "a-plain-secret-of-the-receiver";
    const headers = signed({ secrets: [`whsec_${Buffer.from(raw).toString("base64")}`] });
    expect(verifyEvent(headers, BODY, raw).id).toBe(EVENT.id);
  });

  it("refuses a signed body whose id is not the signed webhook-id", () => {
    const headers = signed({ id: "evt_other" });
    expect(refusal(() => verifyEvent(headers, BODY, SECRET))).toBe("invalid_body");
  });

  it("compares every signature with every secret in constant time, match or not", () => {
    const spy = jest.spyOn(crypto, "timingSafeEqual");
    try {
      const lengths = () => spy.mock.calls.map(([a, b]) => [a.byteLength, b.byteLength]);
      const twoSignatures = signed({ secrets: [SECRET, OTHER] });
      verifyEvent(twoSignatures, BODY, [SECRET, OTHER]);
      expect(lengths()).toEqual(Array.from({ length: 4 }, () => [32, 32]));
      spy.mockClear();
      const third = `whsec_${randomBytes(24).toString("base64")}`;
      expect(refusal(() => verifyEvent(twoSignatures, BODY, [third, third]))).toBe(
        "invalid_signature",
      );
      expect(lengths()).toEqual(Array.from({ length: 4 }, () => [32, 32]));
    } finally {
      spy.mockRestore();
    }
  });
});
