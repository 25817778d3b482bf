import { metaSignature } from "./signature";
import { acceptsObject, verifyWebhookSignature } from "./webhook-signature";

const body = Buffer.from('{"object":"instagram","entry":[]}');
const secrets = { appSecrets: ["app-secret"], instagramAppSecrets: ["ig-old", "ig-new"] };

describe("verifyWebhookSignature", () => {
  it("accepts the Meta app secret for any object", () => {
    const check = verifyWebhookSignature(body, metaSignature(body, "app-secret"), secrets);
    expect(check).toEqual({ valid: true, signedBy: "app" });
    if (check.valid) expect(acceptsObject(check, "page")).toBe(true);
  });

  it("accepts an Instagram app secret, for instagram payloads only", () => {
    const check = verifyWebhookSignature(body, metaSignature(body, "ig-new"), secrets);
    expect(check).toEqual({ valid: true, signedBy: "instagram" });
    if (!check.valid) throw new Error("expected a valid signature");
    expect(acceptsObject(check, "instagram")).toBe(true);
    expect(acceptsObject(check, "page")).toBe(false);
    expect(acceptsObject(check, "whatsapp_business_account")).toBe(false);
  });

  it("refuses other secrets, and Instagram secrets when none are configured", () => {
    expect(verifyWebhookSignature(body, metaSignature(body, "nope"), secrets)).toEqual({
      valid: false,
      reason: "mismatch",
    });
    expect(
      verifyWebhookSignature(body, metaSignature(body, "ig-new"), {
        appSecrets: ["app-secret"],
        instagramAppSecrets: [],
      }),
    ).toEqual({ valid: false, reason: "mismatch" });
    expect(verifyWebhookSignature(body, undefined, secrets)).toEqual({
      valid: false,
      reason: "missing",
    });
  });
});
