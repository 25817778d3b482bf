import type { z } from "zod";
import {
  keyCreatedSchema,
  keyInputSchema,
  keyListSchema,
  keyParamsSchema,
  keySchema,
} from "../v1/key-schemas";
import {
  channelListSchema,
  channelParamsSchema,
  channelPutBodySchema,
  channelSchema,
  conversationParamsSchema,
  conversationSchema,
  errorSchema,
  mediaParamsSchema,
  messageAcceptedSchema,
  messageBodySchema,
  messageParamsSchema,
  messageSchema,
  senderActionAcceptedSchema,
  senderActionBodySchema,
} from "../v1/schemas";
import { worklistQuerySchema, worklistSchema } from "../v1/worklist-schemas";

// The route registry of the reference: one entry per /v1 route, with the very zod schemas the route
// validates with. A route of the agent API is documented by adding its entry to API_ROUTES (and its
// named schemas below); a test fails while a /v1 route of the router has no entry, or an entry no route.

/** Named request schemas, documented as accepted (zod's input side). */
export const REQUEST_SCHEMAS = {
  ChannelInput: channelPutBodySchema,
  MessageInput: messageBodySchema,
  SenderActionInput: senderActionBodySchema,
  KeyInput: keyInputSchema,
} satisfies Record<string, z.ZodType>;

/** Named response schemas, documented as returned (zod's output side). */
export const RESPONSE_SCHEMAS = {
  Channel: channelSchema,
  ChannelList: channelListSchema,
  MessageAccepted: messageAcceptedSchema,
  Message: messageSchema,
  Conversation: conversationSchema,
  SenderActionAccepted: senderActionAcceptedSchema,
  Worklist: worklistSchema,
  Error: errorSchema,
  Key: keySchema,
  KeyCreated: keyCreatedSchema,
  KeyList: keyListSchema,
} satisfies Record<string, z.ZodType>;

type RequestSchemaName = keyof typeof REQUEST_SCHEMAS;
type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS;

/** The groups of the reference, in the order it shows them. */
export const API_TAGS = {
  Channels: "Connected Facebook pages, Instagram accounts and WhatsApp numbers",
  Messages: "Replies to customers, checked against Meta's windows when they are sent",
  Conversations: "Each customer's messaging window",
  Keys: "Scoped API keys: limited to some channels, and to sending or reading",
} as const;

export interface RouteResponse {
  description: string;
  /** A named schema (JSON body); omitted for an answer without a body. */
  schema?: ResponseSchemaName;
  /** A content type for an answer that is not JSON (its body is then documented as bytes). */
  contentType?: string;
}

/** One /v1 route. Every one takes `Authorization: Bearer <key>`. */
export interface ApiRoute {
  method: "get" | "put" | "post" | "patch" | "delete";
  /** OpenAPI path template, e.g. /v1/channels/{platform}/{channelId}. */
  path: `/v1/${string}`;
  /** Unique, camelCase: the client and the reference's anchors use it. */
  operationId: string;
  tag: keyof typeof API_TAGS;
  summary: string;
  description?: string;
  /** The path parameters, as the route parses `req.params`. */
  params?: z.ZodObject;
  /** The query parameters, as the route parses `req.query`. */
  query?: z.ZodObject;
  body?: RequestSchemaName;
  /** A valid body for "Try it out" (checked against the schema by the reference's lint). */
  bodyExample?: unknown;
  /** Its successes and its own errors; COMMON_V1_ERRORS are added unless the route names them. */
  responses: Record<number, RouteResponse>;
}

const error = (description: string): RouteResponse => ({ description, schema: "Error" });

/** What every /v1 route can answer, from the middleware in front of the routes (v1-router.ts). */
export const COMMON_V1_ERRORS: Record<number, RouteResponse> = {
  400: error(
    "Invalid input (`invalid_request`; `details` name each field), or a body that is not JSON (`invalid_json`)",
  ),
  401: error("Missing or unknown API key (`unauthorized`)"),
  413: error("The body is larger than API_BODY_LIMIT_BYTES (`payload_too_large`)"),
  500: error(
    "Something went wrong on the relay's side (`internal_error`); the call can be retried",
  ),
  503: error("Redis is not reachable (`unavailable`); retry shortly"),
};

const channelMissing = error(
  "No such channel is connected, or it is outside the key's scope (`channel_not_found`)",
);
const readOnly = error("A `read` key may not change anything (`forbidden`)");
const adminOnly = error("Only an admin key (RELAY_API_KEYS) manages keys (`forbidden`)");

export const API_ROUTES: ApiRoute[] = [
  {
    method: "put",
    path: "/v1/channels/{platform}/{channelId}",
    operationId: "putChannel",
    tag: "Channels",
    summary: "Connect or update a channel",
    description:
      "A Facebook page, Instagram account or WhatsApp phone number. Unless `verify: false`, the token is checked with Meta before anything is stored (the name Meta gives fills `name` when none is sent); unless `subscribe: false`, the app is subscribed to the channel's webhooks (a failure shows in `subscription` and does not stop the connect). A successful PUT makes a restricted or auth_failed channel `active` again. Changes, `humanAgent` included, apply from the next delivery attempt. The access token is stored encrypted and never returned. Instagram channels need `pageId`, the linked page that sends, unless `api` is `instagram_login`.",
    params: channelParamsSchema,
    body: "ChannelInput",
    bodyExample: { accessToken: "EAAG…", name: "Support page", humanAgent: true },
    responses: {
      200: { description: "Updated", schema: "Channel" },
      201: { description: "Created", schema: "Channel" },
      403: readOnly,
      422: error(
        "Meta refused the token (`channel_auth_failed`, with Meta's message); nothing stored",
      ),
      502: error(
        "Meta could not be reached to check the token (`meta_unreachable`); nothing stored",
      ),
    },
  },
  {
    method: "get",
    path: "/v1/channels",
    operationId: "listChannels",
    tag: "Channels",
    summary: "List connected channels",
    description: "A scoped key sees only the channels of its scope.",
    responses: { 200: { description: "Every channel the key may see", schema: "ChannelList" } },
  },
  {
    method: "get",
    path: "/v1/channels/{platform}/{channelId}",
    operationId: "getChannel",
    tag: "Channels",
    summary: "Read a channel",
    params: channelParamsSchema,
    responses: { 200: { description: "The channel", schema: "Channel" }, 404: channelMissing },
  },
  {
    method: "delete",
    path: "/v1/channels/{platform}/{channelId}",
    operationId: "deleteChannel",
    tag: "Channels",
    summary: "Disconnect a channel",
    description: "Replies still waiting for this channel fail with `channel_not_configured`.",
    params: channelParamsSchema,
    responses: { 204: { description: "Deleted" }, 403: readOnly, 404: channelMissing },
  },
  {
    method: "post",
    path: "/v1/messages",
    operationId: "sendMessage",
    tag: "Messages",
    summary: "Queue a reply to a customer",
    description:
      "`message` is exactly one kind: `text` (with `quickReplies`), `attachment`, `buttons` (Messenger, WhatsApp), `list` (WhatsApp), `reaction`, `location` (WhatsApp), `template` (WhatsApp; Messenger utility templates on a channel with `utilityMessages`) or `raw` (Meta's own message object). `replyTo` makes it a reply. A kind the platform cannot carry, or a count or length over Meta's limits (text: Instagram 1000 bytes, Messenger under 2000 characters, WhatsApp 4096), is refused with `400` naming the field, and nothing is queued. Every kind but a template is decided by the window rules on every attempt, exactly as text; templates are sent at any age. A message that may not be sent ends `failed` with a reason, and a `message.failed` event says why. The same `idempotencyKey` within 24 h returns the first message and queues nothing.",
    body: "MessageInput",
    responses: {
      202: {
        description: "Queued (or the first message of this idempotencyKey)",
        schema: "MessageAccepted",
      },
      403: readOnly,
      404: channelMissing,
      503: error(
        "Redis is not reachable, or the message could not be queued (`unavailable`); retry with the same idempotencyKey",
      ),
    },
  },
  {
    method: "get",
    path: "/v1/messages/{id}",
    operationId: "getMessage",
    tag: "Messages",
    summary: "Read a message's status",
    params: messageParamsSchema,
    responses: {
      200: { description: "The message", schema: "Message" },
      404: error(
        "Unknown, or older than MESSAGE_RETENTION_DAYS (`message_not_found`); a message of a channel outside the key's scope answers `channel_not_found`",
      ),
    },
  },
  {
    method: "get",
    path: "/v1/conversations/{platform}/{channelId}/{userId}",
    operationId: "getConversation",
    tag: "Conversations",
    summary: "Read a conversation's window",
    description:
      "Meta's own deadlines (last customer action + 24 h, + 7 days) and what the worker would decide now, safety margin included: the countdown an agent's screen shows.",
    params: conversationParamsSchema,
    responses: { 200: { description: "The window", schema: "Conversation" }, 404: channelMissing },
  },
  {
    method: "get",
    path: "/v1/channels/{platform}/{channelId}/conversations",
    operationId: "listUnansweredConversations",
    tag: "Conversations",
    summary: "The worklist: unanswered conversations by deadline",
    description:
      "Conversations whose customer wrote after the relay's latest reply, ordered by the end of the standard window, soonest first (ties in a fixed order): what an agent must answer before it is too late. Conversations an agent can no longer answer are left out; on a humanAgent channel those in their 7-day window stay. Pages follow `nextCursor`; the order is the same across pages and no conversation appears twice.",
    params: channelParamsSchema,
    query: worklistQuerySchema,
    responses: {
      200: { description: "A page of the worklist", schema: "Worklist" },
      404: channelMissing,
    },
  },
  {
    method: "post",
    path: "/v1/conversations/{platform}/{channelId}/{userId}/actions",
    operationId: "sendSenderAction",
    tag: "Conversations",
    summary: "Show typing or mark the conversation seen",
    description:
      "Sent to Meta at once (not queued) when the standard 24-hour window is open. On WhatsApp, `mark_seen` marks the customer's latest message read and `typing_on` shows the typing indicator under it (WhatsApp has no `typing_off`). Outside the window `409`, with the refusal reason as the error code.",
    params: conversationParamsSchema,
    body: "SenderActionInput",
    responses: {
      202: { description: "Meta took it", schema: "SenderActionAccepted" },
      404: channelMissing,
      409: error(
        "The window does not allow it (`no_customer_message`, `window_closed`): the code is the reason",
      ),
      502: error("Meta refused or failed; the code is the reason"),
    },
  },
  {
    method: "get",
    path: "/v1/channels/whatsapp/{channelId}/media/{mediaId}",
    operationId: "getMedia",
    tag: "Channels",
    summary: "Download a file a WhatsApp customer sent",
    description:
      "The `mediaId` of an attachment in `message.received`. The relay asks the Graph API for the file with the channel's token and streams Meta's bytes, with Meta's `Content-Type` and `Content-Length`, never holding the whole file (WhatsApp documents reach 100 MB). Files larger than MEDIA_MAX_BYTES are refused. Meta keeps media for 30 days.",
    params: mediaParamsSchema,
    responses: {
      200: { description: "The file's bytes", contentType: "application/octet-stream" },
      404: error(
        "Meta does not know the id, it expired, or it was sent to another number (`media_not_found`); or no such channel is connected, or it is outside the key's scope (`channel_not_found`)",
      ),
      502: error(
        "Meta failed or could not be reached (`meta_error`; `details` carry Meta's `code`), or the file is larger than MEDIA_MAX_BYTES (`media_too_large`)",
      ),
    },
  },
  {
    method: "post",
    path: "/v1/keys",
    operationId: "createKey",
    tag: "Keys",
    summary: "Create a scoped key",
    description:
      "A key limited to some channels (`messenger/<id>`, `whatsapp/*`…) and to `send` (read and write) or `read`. The key is in this answer only; the relay keeps its SHA-256 hash. Admin keys only.",
    body: "KeyInput",
    responses: {
      201: { description: "Created; `key` is shown this once", schema: "KeyCreated" },
      403: adminOnly,
      409: error("Too many keys exist (`key_limit_reached`)"),
    },
  },
  {
    method: "get",
    path: "/v1/keys",
    operationId: "listKeys",
    tag: "Keys",
    summary: "List scoped keys",
    description: "Names, access and scopes; never the keys. Admin keys only.",
    responses: {
      200: { description: "Every scoped key", schema: "KeyList" },
      403: adminOnly,
    },
  },
  {
    method: "delete",
    path: "/v1/keys/{id}",
    operationId: "deleteKey",
    tag: "Keys",
    summary: "Delete a scoped key",
    description:
      "Effective at once: every API process refuses the key within a quarter of a second. Admin keys only.",
    params: keyParamsSchema,
    responses: {
      204: { description: "Deleted" },
      403: adminOnly,
      404: error("No such key (`key_not_found`)"),
    },
  },
];
