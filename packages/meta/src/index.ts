// Public API of @meta-relay/meta: webhook signatures, payloads and the Graph API client.

// --- webhooks: signature, payload schemas, normalisation into core items ---
export {
  verifyMetaSignature,
  metaSignature,
  SIGNATURE_HEADER,
  type SignatureCheck,
  type SignatureFailure,
} from "./signature";
export {
  verifyWebhookSignature,
  acceptsObject,
  type WebhookSecrets,
  type WebhookSignatureCheck,
} from "./webhook-signature";
export {
  normaliseWebhook,
  platformOfObject,
  InvalidWebhookError,
  WEBHOOK_OBJECTS,
  type WebhookObject,
  type NormalisedWebhook,
} from "./normalise";
export { UNADDRESSABLE_KIND, type MalformedItem } from "./item-collector";
export { syntheticActionId, type SyntheticIdInput } from "./synthetic-id";

// --- Graph API: send requests, the client, and the classification of its errors ---
export {
  buildSendRequest,
  isBusinessScopedUserId,
  type SendSpec,
  type GraphRequest,
  type GraphHost,
} from "./graph/send-request";
export {
  SENDER_ACTIONS,
  senderActionCarried,
  buildSenderActionRequest,
  type SenderAction,
  type SenderActionSpec,
} from "./graph/sender-action";
export {
  classifyGraphFailure,
  reasonForStatusErrors,
  isWindowRefusal,
  type GraphCallContext,
  type GraphFailure,
  type GraphVerdict,
} from "./graph/classify";
export {
  createMediaClient,
  type MediaClient,
  type MediaClientOptions,
  type MediaRequest,
  type MediaDownload,
} from "./graph/media-client";
export {
  MediaNotFoundError,
  MediaMetaError,
  MediaTooLargeError,
  type MediaFailure,
} from "./graph/media-errors";
export {
  createGraphClient,
  type GraphClient,
  type GraphClientOptions,
  type GraphSendResult,
} from "./graph/graph-client";
export {
  createChannelClient,
  PAGE_WEBHOOK_FIELDS,
  INSTAGRAM_LOGIN_WEBHOOK_FIELDS,
  type ChannelClient,
  type ChannelClientOptions,
  type ChannelTarget,
  type ChannelIdentity,
  type SubscribedApp,
  type RefreshedToken,
  type MetaCall,
  type MetaCallFailure,
} from "./graph/channel-client";
