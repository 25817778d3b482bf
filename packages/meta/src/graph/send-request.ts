import { pageBody } from "./page-body";
import type { GraphRequest, SendSpec } from "./send-spec";
import { whatsappBody } from "./whatsapp-body";

export { isBusinessScopedUserId } from "./send-spec";
export type { GraphRequest, SendSpec } from "./send-spec";

/** Builds the Send API (Messenger, Instagram) or Cloud API (WhatsApp) request for one message of any kind. */
export function buildSendRequest(spec: SendSpec, version: string): GraphRequest {
  if (spec.platform === "whatsapp") {
    return { path: `/${version}/${spec.channelId}/messages`, body: whatsappBody(spec) };
  }
  const sender = spec.platform === "instagram" ? (spec.pageId ?? spec.channelId) : spec.channelId;
  return { path: `/${version}/${sender}/messages`, body: pageBody(spec) };
}
