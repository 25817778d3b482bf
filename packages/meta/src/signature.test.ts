import { createHmac } from "node:crypto";
import { metaSignature, verifyMetaSignature } from "./signature";

const body = Buffer.from('{"object":"page","entry":[{"id":"1","messaging":[]}]}', "utf8");

function hmacHex(bytes: Buffer, secret: string): string {
  return createHmac("sha256", secret).update(bytes).digest("hex");
}

describe("verifyMetaSignature", () => {
  it("accepts the HMAC-SHA256 of the raw body", () => {
    expect(verifyMetaSignature(body, `sha256=${hmacHex(body, "s1")}`, ["s1"])).toEqual({
      valid: true,
    });
  });

  it("accepts any secret of a rotation list", () => {
    const header = `sha256=${hmacHex(body, "new")}`;
    expect(verifyMetaSignature(body, header, ["old", "new"]).valid).toBe(true);
    expect(verifyMetaSignature(body, header, ["old"])).toEqual({
      valid: false,
      reason: "mismatch",
    });
  });

  it("accepts an upper-case hex digest", () => {
    const header = `sha256=${hmacHex(body, "s1").toUpperCase()}`;
    expect(verifyMetaSignature(body, header, ["s1"]).valid).toBe(true);
  });

  it("refuses a tampered body", () => {
    const header = metaSignature(body, "s1");
    const tampered = Buffer.from(body.toString("utf8").replace('"1"', '"2"'), "utf8");
    expect(verifyMetaSignature(tampered, header, ["s1"])).toEqual({
      valid: false,
      reason: "mismatch",
    });
  });

  it("signs the bytes, not a re-encoding of the text", () => {
    const raw = Buffer.from('{"text":"Grüße 👋"}', "utf8");
    const escaped = Buffer.from('{"text":"Gr\\u00fc\\u00dfe \\ud83d\\udc4b"}', "utf8");
    const header = metaSignature(escaped, "s1");
    expect(verifyMetaSignature(escaped, header, ["s1"]).valid).toBe(true);
    expect(verifyMetaSignature(raw, header, ["s1"]).valid).toBe(false);
  });

  it.each([
    [undefined, "missing"],
    ["", "missing"],
    [hmacHex(body, "s1"), "malformed"],
    ["sha1=" + hmacHex(body, "s1").slice(0, 40), "malformed"],
    ["sha256=abc", "malformed"],
    ["sha256=" + "z".repeat(64), "malformed"],
  ])("refuses the header %p as %s", (header, reason) => {
    expect(verifyMetaSignature(body, header, ["s1"])).toEqual({ valid: false, reason });
  });

  it("refuses everything when no secret is configured", () => {
    expect(verifyMetaSignature(body, metaSignature(body, "s1"), [])).toEqual({
      valid: false,
      reason: "no_secret",
    });
  });
});

describe("metaSignature", () => {
  it("formats Meta's header from a string or a buffer", () => {
    expect(metaSignature("{}", "k")).toBe(`sha256=${hmacHex(Buffer.from("{}"), "k")}`);
    expect(metaSignature(Buffer.from("{}"), "k")).toBe(metaSignature("{}", "k"));
  });
});
