import type { EventDataByType, EventType } from "@meta-relay/core";
import type { z } from "zod";
import { DELETED_EXAMPLE, EDITED_EXAMPLES, RECEIVED_EXAMPLES } from "./event-examples";
import type { EVENT_DATA_SCHEMAS, EventDataSchemaName } from "./event-schemas";

// The event registry of the reference: one entry per event type, each an OpenAPI 3.1 `webhooks`
// entry. A new event type in core does not compile until it has its entry here, and an entry's data
// schema must be exactly core's interface of that event's data.

export interface EventDoc {
  /** When the event is sent. */
  summary: string;
  description?: string;
  /** The named schema of the event's `data`. */
  data: EventDataSchemaName;
  /** Whole events (envelope and data), as the relay POSTs them; checked against the schema. */
  examples?: readonly unknown[];
}

export const EVENT_CATALOG = {
  "message.received": {
    summary: "A customer action arrived: a message, a postback, a reaction or a referral",
    description:
      "Everything the customer sent, with Meta's item as `raw`. Sent once per Meta message id, however often Meta redelivers the webhook. `opensWindow` says whether it opened or renewed the conversation's window (not for WhatsApp reactions, reactions taken back, WhatsApp group messages).",
    data: "MessageReceivedData",
    examples: RECEIVED_EXAMPLES,
  },
  "message.edited": {
    summary: "A customer edited an earlier message",
    description:
      "Messenger/Instagram `message_edit`, WhatsApp `edit`: one event per edit, never opening a window.",
    data: "MessageEditedData",
    examples: EDITED_EXAMPLES,
  },
  "message.deleted": {
    summary: "A customer unsent or deleted a message",
    description: "Instagram `is_deleted`, WhatsApp `revoke`; it opens no window.",
    data: "MessageDeletedData",
    examples: [DELETED_EXAMPLE],
  },
  "message.sent": {
    summary: "Meta accepted a reply",
    description: "`tag` is `HUMAN_AGENT` when the reply used the 7-day window of a human agent.",
    data: "MessageSentData",
  },
  "message.delivered": {
    summary: "Meta reported a reply delivered",
    data: "MessageStatusData",
  },
  "message.read": {
    summary: "Meta reported a reply read",
    data: "MessageStatusData",
  },
  "message.failed": {
    summary: "A reply will not be delivered; `reason` says why",
    description:
      "`message` is the sentence to show the agent; `window` is the conversation's window at that moment, and `meta` Meta's error when Meta refused.",
    data: "MessageFailedData",
  },
  "conversation.window_expiring": {
    summary: "A window of an unanswered conversation closes in WINDOW_REMINDER_MINUTES",
    description:
      "Once per conversation, window, lead time and customer action, within 30 seconds of `endsAt` minus the lead time; none once a reply was sent; a new customer message brings a new one for its new deadline.",
    data: "WindowExpiringData",
  },
  "channel.restricted": {
    summary: "Meta restricted a page, account or number from sending",
    description:
      "A policy-enforcement block, error 10/1893063 on a send, or a WhatsApp account restriction. Every reply of the channel fails at once with `channel_restricted` until the restriction lifts. One id per change, however often it is reported.",
    data: "ChannelEventData",
  },
  "channel.unrestricted": {
    summary: "A channel's restriction was lifted",
    description: "Meta's unblock, the end Meta announced, or a successful PUT of the channel.",
    data: "ChannelEventData",
  },
  "channel.warning": {
    summary: "Meta warned about a channel's conduct",
    description: "Nothing else changes; the channel still sends.",
    data: "ChannelEventData",
  },
  "channel.auth_failed": {
    summary: "Meta refused a channel's access token",
    description:
      "On a send or an Instagram Login token refresh. Replies fail at once with `channel_auth_failed` until the channel is PUT again with a working token.",
    data: "ChannelEventData",
  },
  "channel.resubscribed": {
    summary: "The watchdog subscribed the app to a channel's webhooks again",
    description:
      "Meta had dropped the app's subscription (it does so after an hour of failed webhooks).",
    data: "ChannelEventData",
  },
} as const satisfies { [T in EventType]: EventDoc };

/** True when X and Y are the same type: same fields, same optionality, same field types. */
type Same<X, Y> =
  (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
type NoneOf<T extends never> = T;
type DataOf<T extends EventType> = z.output<
  (typeof EVENT_DATA_SCHEMAS)[(typeof EVENT_CATALOG)[T]["data"]]
>;

/**
 * The compiler names here each event type whose documented data differs from core's interface.
 * Exported only so that it counts as used: the check is the compiling itself.
 * @public
 */
export type EventSchemasMatchCore = NoneOf<
  {
    [T in EventType]: Same<DataOf<T>, EventDataByType[T]> extends true ? never : T;
  }[EventType]
>;

/** The headers of every event request (product.md 4.5: Standard Webhooks, and release 1's). */
export const EVENT_HEADERS = {
  WebhookId: {
    name: "webhook-id",
    description:
      "The event id, the same as the body's `id`: stable across retries, the dedupe key.",
    schema: { type: "string" },
  },
  WebhookTimestamp: {
    name: "webhook-timestamp",
    description:
      "Unix seconds of this attempt. Refuse an event more than 5 minutes from your clock: a replay.",
    schema: { type: "string", pattern: "^[0-9]+$" },
  },
  WebhookSignature: {
    name: "webhook-signature",
    description:
      'Standard Webhooks: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part after `whsec_` of EVENTS_WEBHOOK_SECRET (a secret without the prefix is used as its UTF-8 bytes). Several signatures, space-separated, while a secret is rotated: one must verify. `verifyEvent` of @meta-relay/client checks it.',
    schema: { type: "string", pattern: "^v1,[A-Za-z0-9+/]+=*( v1,[A-Za-z0-9+/]+=*)*$" },
  },
  RelaySignature: {
    name: "X-Relay-Signature",
    description:
      "Release 1's signature, unchanged: `sha256=<lowercase hex HMAC-SHA256 of the raw body>` keyed with EVENTS_WEBHOOK_SECRET.",
    schema: { type: "string", pattern: "^sha256=[0-9a-f]{64}$" },
  },
} as const;
