import type { z } from "zod";
import {
  channelListSchema,
  channelParamsSchema,
  channelPutBodySchema,
  channelSchema,
  conversationParamsSchema,
  conversationSchema,
  errorSchema,
  messageAcceptedSchema,
  messageBodySchema,
  messageParamsSchema,
  messageSchema,
  senderActionAcceptedSchema,
  senderActionBodySchema,
} from "../v1/schemas";

/** Named schemas of the reference: requests are documented as accepted, responses as returned. */
export const REQUEST_SCHEMAS = {
  ChannelInput: channelPutBodySchema,
  MessageInput: messageBodySchema,
  SenderActionInput: senderActionBodySchema,
} satisfies Record<string, z.ZodType>;
export const RESPONSE_SCHEMAS = {
  Channel: channelSchema,
  ChannelList: channelListSchema,
  MessageAccepted: messageAcceptedSchema,
  Message: messageSchema,
  Conversation: conversationSchema,
  SenderActionAccepted: senderActionAcceptedSchema,
  Error: errorSchema,
} satisfies Record<string, z.ZodType>;

type SchemaName = keyof typeof REQUEST_SCHEMAS | keyof typeof RESPONSE_SCHEMAS;

interface RouteResponse {
  description: string;
  /** A named schema (JSON body), or a content type for non-JSON answers. */
  schema?: SchemaName;
  contentType?: string;
}

/** One documented route; the schemas are the very ones the route validates with. */
export interface ApiRoute {
  method: "get" | "put" | "post" | "delete";
  /** OpenAPI path template, e.g. /v1/channels/{platform}/{channelId}. */
  path: string;
  operationId: string;
  tag: "Channels" | "Messages" | "Conversations" | "Operations";
  summary: string;
  description?: string;
  auth: "bearer" | "basic" | "none";
  params?: z.ZodObject;
  body?: SchemaName;
  responses: Record<number, RouteResponse>;
}

const invalid: RouteResponse = {
  description: "Invalid input; details name the fields",
  schema: "Error",
};
const unauthorized: RouteResponse = { description: "Missing or unknown API key", schema: "Error" };
const channelMissing: RouteResponse = {
  description: "No such channel is connected (`channel_not_found`)",
  schema: "Error",
};

export const API_ROUTES: ApiRoute[] = [
  {
    method: "put",
    path: "/v1/channels/{platform}/{channelId}",
    operationId: "putChannel",
    tag: "Channels",
    summary: "Connect or update a channel",
    description:
      "A Facebook page, Instagram account or WhatsApp phone number. Changes, `humanAgent` included, apply from the next delivery attempt. The access token is stored encrypted and never returned.",
    auth: "bearer",
    params: channelParamsSchema,
    body: "ChannelInput",
    responses: {
      200: { description: "Updated", schema: "Channel" },
      201: { description: "Created", schema: "Channel" },
      400: invalid,
      401: unauthorized,
    },
  },
  {
    method: "get",
    path: "/v1/channels",
    operationId: "listChannels",
    tag: "Channels",
    summary: "List connected channels",
    auth: "bearer",
    responses: { 200: { description: "Every channel", schema: "ChannelList" }, 401: unauthorized },
  },
  {
    method: "get",
    path: "/v1/channels/{platform}/{channelId}",
    operationId: "getChannel",
    tag: "Channels",
    summary: "Read a channel",
    auth: "bearer",
    params: channelParamsSchema,
    responses: {
      200: { description: "The channel", schema: "Channel" },
      400: invalid,
      401: unauthorized,
      404: channelMissing,
    },
  },
  {
    method: "delete",
    path: "/v1/channels/{platform}/{channelId}",
    operationId: "deleteChannel",
    tag: "Channels",
    summary: "Disconnect a channel",
    description: "Replies still waiting for this channel fail with `channel_not_configured`.",
    auth: "bearer",
    params: channelParamsSchema,
    responses: {
      204: { description: "Deleted" },
      400: invalid,
      401: unauthorized,
      404: channelMissing,
    },
  },
  {
    method: "post",
    path: "/v1/messages",
    operationId: "sendMessage",
    tag: "Messages",
    summary: "Queue a reply to a customer",
    description:
      "`message` is exactly one kind: `text` (with `quickReplies`), `attachment`, `buttons` (Messenger, WhatsApp), `list` (WhatsApp), `reaction`, `location` (WhatsApp), `template` (WhatsApp; Messenger utility templates on a channel with `utilityMessages`) or `raw` (Meta's own message object). `replyTo` makes it a reply. A kind the platform cannot carry, or a count or length over Meta's limits (text: Instagram 1000 bytes, Messenger under 2000 characters, WhatsApp 4096), is refused with `400` naming the field, and nothing is queued. Every kind but a template is decided by the window rules on every attempt, exactly as text; templates are sent at any age. A message that may not be sent ends `failed` with a reason, and a `message.failed` event says why. The same `idempotencyKey` within 24 h returns the first message and queues nothing.",
    auth: "bearer",
    body: "MessageInput",
    responses: {
      202: {
        description: "Queued (or the first message of this idempotencyKey)",
        schema: "MessageAccepted",
      },
      400: invalid,
      401: unauthorized,
      404: channelMissing,
      503: {
        description: "Could not be queued; retry with the same idempotencyKey",
        schema: "Error",
      },
    },
  },
  {
    method: "get",
    path: "/v1/messages/{id}",
    operationId: "getMessage",
    tag: "Messages",
    summary: "Read a message's status",
    auth: "bearer",
    params: messageParamsSchema,
    responses: {
      200: { description: "The message", schema: "Message" },
      400: invalid,
      401: unauthorized,
      404: {
        description: "Unknown or older than the retention (`message_not_found`)",
        schema: "Error",
      },
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
    auth: "bearer",
    params: conversationParamsSchema,
    responses: {
      200: { description: "The window", schema: "Conversation" },
      400: invalid,
      401: unauthorized,
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
    auth: "bearer",
    params: conversationParamsSchema,
    body: "SenderActionInput",
    responses: {
      202: { description: "Meta took it", schema: "SenderActionAccepted" },
      400: invalid,
      401: unauthorized,
      404: channelMissing,
      409: {
        description:
          "The window does not allow it (`no_customer_message`, `window_closed`): the code is the reason",
        schema: "Error",
      },
      502: { description: "Meta refused or failed; the code is the reason", schema: "Error" },
    },
  },
  {
    method: "get",
    path: "/healthz",
    operationId: "health",
    tag: "Operations",
    summary: "Liveness: the process serves requests",
    auth: "none",
    responses: { 200: { description: "Alive" }, 503: { description: "Not live" } },
  },
  {
    method: "get",
    path: "/readyz",
    operationId: "ready",
    tag: "Operations",
    summary: "Readiness: Redis answers",
    auth: "none",
    responses: { 200: { description: "Ready" }, 503: { description: "Redis unreachable" } },
  },
  {
    method: "get",
    path: "/metrics",
    operationId: "metrics",
    tag: "Operations",
    summary: "Prometheus metrics",
    auth: "none",
    responses: { 200: { description: "Prometheus text format", contentType: "text/plain" } },
  },
  {
    method: "get",
    path: "/admin/queues",
    operationId: "queueDashboard",
    tag: "Operations",
    summary: "Queue dashboard (DASHBOARD_USERNAME / DASHBOARD_PASSWORD)",
    description: "Read-only unless DASHBOARD_ALLOW_RETRIES lets operators retry failed jobs.",
    auth: "basic",
    responses: {
      200: { description: "The dashboard", contentType: "text/html" },
      401: { description: "Credentials missing or wrong", schema: "Error" },
    },
  },
  {
    method: "get",
    path: "/openapi.json",
    operationId: "openapi",
    tag: "Operations",
    summary: "This reference as OpenAPI 3.1",
    auth: "none",
    responses: { 200: { description: "The OpenAPI document", contentType: "application/json" } },
  },
  {
    method: "get",
    path: "/docs",
    operationId: "docs",
    tag: "Operations",
    summary: "This reference as a web page",
    auth: "none",
    responses: { 200: { description: "The API reference", contentType: "text/html" } },
  },
];
