import { pageBody } from "./page-body";
import type { GraphRequest, SendSpec } from "./send-spec";
import { whatsappBody } from "./whatsapp-body";

export { isBusinessScopedUserId } from "./send-spec";
export type { GraphHost, GraphRequest, SendSpec } from "./send-spec";

/** Builds the Send API (Messenger, Instagram) or Cloud API (WhatsApp) request for one message of any kind. */
export function buildSendRequest(spec: SendSpec, version: string): GraphRequest {
  if (spec.platform === "whatsapp") {
    return { path: `/${version}/${spec.channelId}/messages`, body: whatsappBody(spec) };
  }
  if (spec.platform === "instagram" && spec.api === "instagram_login") {
    // Instagram Login takes the Messenger Platform body (HUMAN_AGENT as messaging_type plus tag,
    // as peers send it in production; Meta's page gives no syntax) on the account's own path.
    return {
      path: `/${version}/${spec.channelId}/messages`,
      body: pageBody(spec),
      host: "instagram",
    };
  }
  const sender = spec.platform === "instagram" ? (spec.pageId ?? spec.channelId) : spec.channelId;
  return { path: `/${version}/${sender}/messages`, body: pageBody(spec) };
}
