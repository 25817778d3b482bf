import { verifyMetaSignature, type SignatureCheck } from "./signature";

export interface WebhookSecrets {
  /** META_APP_SECRET: signs every webhook object. */
  appSecrets: readonly string[];
  /** META_INSTAGRAM_APP_SECRET: signs Instagram Login webhooks only (`object: "instagram"`). */
  instagramAppSecrets: readonly string[];
}

/** A signature check that also says which app's secret matched. */
export type WebhookSignatureCheck =
  { valid: true; signedBy: "app" | "instagram" } | Extract<SignatureCheck, { valid: false }>;

/**
 * Checks `X-Hub-Signature-256` under the Meta app secrets and the Instagram app secrets. Which
 * secret Meta uses for Instagram Login webhooks is not settled in Meta's text, so both are tried;
 * a body signed by an Instagram secret is valid only for `object: "instagram"` (see
 * `acceptsObject`). Both lists are always tried, so timing does not tell which one matched.
 */
export function verifyWebhookSignature(
  rawBody: Buffer,
  header: string | undefined,
  secrets: WebhookSecrets,
): WebhookSignatureCheck {
  const app = verifyMetaSignature(rawBody, header, secrets.appSecrets);
  const instagram =
    secrets.instagramAppSecrets.length > 0
      ? verifyMetaSignature(rawBody, header, secrets.instagramAppSecrets)
      : null;
  if (app.valid) return { valid: true, signedBy: "app" };
  if (instagram?.valid) return { valid: true, signedBy: "instagram" };
  return app;
}

/** Whether a webhook signed as `check` says may carry `object`. */
export function acceptsObject(check: { signedBy: "app" | "instagram" }, object: unknown): boolean {
  return check.signedBy === "app" || object === "instagram";
}
