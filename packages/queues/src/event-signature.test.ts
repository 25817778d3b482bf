import { createHmac } from "node:crypto";
import { signEventBody, verifyEventSignature } from "./event-signature";

const SECRET = "receiver-secret-0123456789";
const BODY = Buffer.from('{"id":"evt_1","type":"message.read","occurredAt":"x","data":{}}');

describe("signEventBody", () => {
  it("is sha256= and the hex HMAC-SHA256 of the raw bytes", () => {
    const expected = createHmac("sha256", SECRET).update(BODY).digest("hex");
    expect(signEventBody(BODY, SECRET)).toBe(`sha256=${expected}`);
    expect(signEventBody(BODY.toString("utf8"), SECRET)).toBe(`sha256=${expected}`);
  });
});

describe("verifyEventSignature", () => {
  const header = signEventBody(BODY, SECRET);

  it("accepts the signature of the same bytes under the same secret", () => {
    expect(verifyEventSignature(BODY, header, SECRET)).toBe(true);
  });

  it("accepts upper-case hex", () => {
    expect(verifyEventSignature(BODY, `sha256=${header.slice(7).toUpperCase()}`, SECRET)).toBe(
      true,
    );
  });

  it("refuses a tampered body, a wrong secret, a missing or malformed header", () => {
    const tampered = Buffer.from(BODY.toString("utf8").replace("evt_1", "evt_2"));
    expect(verifyEventSignature(tampered, header, SECRET)).toBe(false);
    expect(verifyEventSignature(BODY, header, "another-secret-0123456789")).toBe(false);
    expect(verifyEventSignature(BODY, undefined, SECRET)).toBe(false);
    expect(verifyEventSignature(BODY, "", SECRET)).toBe(false);
    expect(verifyEventSignature(BODY, header.slice(7), SECRET)).toBe(false);
    expect(verifyEventSignature(BODY, `sha1=${header.slice(7)}`, SECRET)).toBe(false);
    expect(verifyEventSignature(BODY, `${header}00`, SECRET)).toBe(false);
    expect(verifyEventSignature(BODY, `sha256=${"z".repeat(64)}`, SECRET)).toBe(false);
  });

  it("refuses a re-serialised body even when it is the same JSON", () => {
    const reformatted = JSON.stringify(JSON.parse(BODY.toString("utf8")), null, 2);
    expect(verifyEventSignature(reformatted, header, SECRET)).toBe(false);
  });

  it("accepts any of several secrets during a rotation", () => {
    expect(verifyEventSignature(BODY, header, ["new-secret-0123456789", SECRET])).toBe(true);
    expect(verifyEventSignature(BODY, header, ["new-secret-0123456789"])).toBe(false);
    expect(verifyEventSignature(BODY, header, [])).toBe(false);
  });
});
