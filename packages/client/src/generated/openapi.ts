// Generated from /openapi.json by `npm run generate -w @meta-relay/client`: do not edit.
// A test fails when this file differs from what the API's document generates.
export interface paths {
  "/v1/channels/{platform}/{channelId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a channel */
    get: operations["getChannel"];
    /**
     * Connect or update a channel
     * @description A Facebook page, Instagram account or WhatsApp phone number. Changes, `humanAgent` included, apply from the next delivery attempt. The access token is stored encrypted and never returned. Instagram channels need `pageId`, the linked page that sends.
     */
    put: operations["putChannel"];
    post?: never;
    /**
     * Disconnect a channel
     * @description Replies still waiting for this channel fail with `channel_not_configured`.
     */
    delete: operations["deleteChannel"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/channels": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List connected channels */
    get: operations["listChannels"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/messages": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Queue a reply to a customer
     * @description The window is checked by the worker at the moment of sending, on every attempt. A message that may not be sent ends `failed` with a reason, and a `message.failed` event says why. The same `idempotencyKey` within 24 h returns the first message and queues nothing. `message` holds exactly one of `text`, `attachment` or `template`.
     */
    post: operations["sendMessage"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/messages/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a message's status */
    get: operations["getMessage"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/conversations/{platform}/{channelId}/{userId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Read a conversation's window
     * @description Meta's own deadlines (last customer action + 24 h, + 7 days) and what the worker would decide now, safety margin included: the countdown an agent's screen shows.
     */
    get: operations["getConversation"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface webhooks {
  "message.received": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A customer action arrived: a message, a postback, a reaction or a referral
     * @description Sent once per Meta message id, however often Meta redelivers the webhook. Each one opened or renewed the conversation's window.
     */
    post: operations["onMessageReceived"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "message.sent": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Meta accepted a reply
     * @description `tag` is `HUMAN_AGENT` when the reply used the 7-day window of a human agent.
     */
    post: operations["onMessageSent"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "message.delivered": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Meta reported a reply delivered */
    post: operations["onMessageDelivered"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "message.read": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Meta reported a reply read */
    post: operations["onMessageRead"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "message.failed": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A reply will not be delivered; `reason` says why
     * @description `message` is the sentence to show the agent; `window` is the conversation's window at that moment, and `meta` Meta's error when Meta refused.
     */
    post: operations["onMessageFailed"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export interface components {
  schemas: {
    ChannelInput: {
      /** @description Page or system-user token; stored encrypted, never returned */
      accessToken: string;
      /** @description Approved for Meta's 7-day HUMAN_AGENT tag (default false) */
      humanAgent?: boolean;
      name?: string;
      /** @description Instagram: the linked page used for sending */
      pageId?: string;
      /** @description Overrides of the platform's default pacing */
      pacing?: {
        /** @description Messages per second, sustained */
        perSecond?: number;
        /** @description Messages that may leave back to back */
        burst?: number;
        /** @description WhatsApp pair limit: ms between two messages to one recipient (null: none) */
        perRecipientIntervalMs?: number | null;
        /** @description Messages to one recipient that may leave back to back */
        perRecipientBurst?: number;
      };
    };
    MessageInput: {
      channel: {
        /**
         * @description messenger, instagram or whatsapp
         * @enum {string}
         */
        platform: "messenger" | "instagram" | "whatsapp";
        /** @description The channel's id */
        id: string;
      };
      recipient: {
        /** @description PSID, IGSID, wa_id or WhatsApp user id */
        id: string;
      };
      sender: {
        /**
         * @description agent: a person; bot: anything automated
         * @enum {string}
         */
        type: "agent" | "bot";
        id?: string;
      };
      message: {
        text?: string;
        attachment?: {
          /** @enum {string} */
          type: "image" | "video" | "audio" | "file";
          /** Format: uri */
          url: string;
        };
        /** @description WhatsApp only */
        template?: {
          name: string;
          /** @description e.g. en_US */
          language: string;
          /** @description Passed to WhatsApp as is */
          components?: unknown[];
        };
      };
      /** @description Same key within 24 h: the first message's id, nothing enqueued */
      idempotencyKey?: string;
    };
    Channel: {
      /**
       * @description messenger, instagram or whatsapp
       * @enum {string}
       */
      platform: "messenger" | "instagram" | "whatsapp";
      channelId: string;
      name: string | null;
      pageId: string | null;
      humanAgent: boolean;
      pacing: {
        perSecond: number;
        burst: number;
        perRecipientIntervalMs: number | null;
        perRecipientBurst: number;
      };
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    ChannelList: {
      channels: components["schemas"]["Channel"][];
    };
    MessageAccepted: {
      id: string;
      /** @constant */
      status: "queued";
    };
    Message: {
      id: string;
      /** @enum {string} */
      status: "queued" | "sent" | "delivered" | "read" | "failed";
      channel: {
        /**
         * @description messenger, instagram or whatsapp
         * @enum {string}
         */
        platform: "messenger" | "instagram" | "whatsapp";
        id: string;
      };
      recipient: {
        id: string;
      };
      sender: {
        /** @enum {string} */
        type: "agent" | "bot";
        id?: string;
      };
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      sentAt?: string;
      metaMessageId?: string;
      attempts: number;
      failure?: {
        /** @enum {string} */
        reason:
          | "no_customer_message"
          | "window_closed"
          | "automated_reply_outside_window"
          | "human_agent_window_closed"
          | "recipient_unavailable"
          | "channel_not_configured"
          | "channel_auth_failed"
          | "rate_limited"
          | "invalid_message"
          | "meta_error";
        message: string;
        meta?: {
          code: number;
          subcode?: number;
          message: string;
        };
      };
    };
    Conversation: {
      lastCustomerMessageAt: string | null;
      standardWindowEndsAt: string | null;
      humanAgentWindowEndsAt: string | null;
      canSend: {
        bot: boolean;
        agent: boolean;
        template: boolean;
      };
    };
    Error: {
      error: {
        code: string;
        message: string;
        details?: {
          path: string;
          message: string;
        }[];
      };
    };
    MessageReceivedData: {
      /**
       * @description messenger, instagram or whatsapp
       * @enum {string}
       */
      platform: "messenger" | "instagram" | "whatsapp";
      /** @description The channel the customer wrote to */
      channelId: string;
      /** @description The customer: where replies go (recipient.id) */
      userId: string;
      /** @description Meta's id of the message or action */
      metaMessageId: string;
      /** @enum {string} */
      kind: "message" | "postback" | "reaction" | "referral";
      text?: string;
      /** @description Media the customer sent; Meta's URLs expire */
      attachments?: {
        type: string;
        url?: string;
      }[];
      /**
       * Format: date-time
       * @description Meta's time of the action
       */
      timestamp: string;
    };
    MessageSentData: {
      /** @description The relay's message id, as POST /v1/messages returned it */
      id: string;
      /**
       * @description messenger, instagram or whatsapp
       * @enum {string}
       */
      platform: "messenger" | "instagram" | "whatsapp";
      channelId: string;
      userId: string;
      /** @description Meta's id of the sent message, when it gave one */
      metaMessageId: string | null;
      /**
       * @description RESPONSE or MESSAGE_TAG on Messenger and Instagram, SERVICE or TEMPLATE on WhatsApp
       * @enum {string}
       */
      messagingType: "RESPONSE" | "MESSAGE_TAG" | "SERVICE" | "TEMPLATE";
      /**
       * @description Present when the 7-day window was used
       * @constant
       */
      tag?: "HUMAN_AGENT";
    };
    MessageStatusData: {
      /** @description The relay's message id */
      id: string;
      metaMessageId: string;
      /**
       * Format: date-time
       * @description Meta's time of the receipt
       */
      timestamp: string;
    };
    MessageFailedData: {
      /** @description The relay's message id */
      id: string;
      /**
       * @description messenger, instagram or whatsapp
       * @enum {string}
       */
      platform: "messenger" | "instagram" | "whatsapp";
      channelId: string;
      userId: string;
      sender: {
        /** @enum {string} */
        type: "agent" | "bot";
        id?: string;
      };
      /** @enum {string} */
      reason:
        | "no_customer_message"
        | "window_closed"
        | "automated_reply_outside_window"
        | "human_agent_window_closed"
        | "recipient_unavailable"
        | "channel_not_configured"
        | "channel_auth_failed"
        | "rate_limited"
        | "invalid_message"
        | "meta_error";
      /** @description The sentence an agent reads: why, and what to do */
      message: string;
      window: components["schemas"]["Conversation"];
      /** @description Meta's answer when it refused the message */
      meta?: {
        /** @description Meta's error code */
        code: number;
        /** @description Meta's error subcode */
        subcode?: number;
        /** @description Meta's error message */
        message: string;
      };
    };
    /** @description A customer action arrived: a message, a postback, a reaction or a referral */
    MessageReceivedEvent: {
      /** @description The event id: the same on every retry, the dedupe key */
      id: string;
      /** @constant */
      type: "message.received";
      /**
       * Format: date-time
       * @description When the event was created
       */
      occurredAt: string;
      data: components["schemas"]["MessageReceivedData"];
    };
    /** @description Meta accepted a reply */
    MessageSentEvent: {
      /** @description The event id: the same on every retry, the dedupe key */
      id: string;
      /** @constant */
      type: "message.sent";
      /**
       * Format: date-time
       * @description When the event was created
       */
      occurredAt: string;
      data: components["schemas"]["MessageSentData"];
    };
    /** @description Meta reported a reply delivered */
    MessageDeliveredEvent: {
      /** @description The event id: the same on every retry, the dedupe key */
      id: string;
      /** @constant */
      type: "message.delivered";
      /**
       * Format: date-time
       * @description When the event was created
       */
      occurredAt: string;
      data: components["schemas"]["MessageStatusData"];
    };
    /** @description Meta reported a reply read */
    MessageReadEvent: {
      /** @description The event id: the same on every retry, the dedupe key */
      id: string;
      /** @constant */
      type: "message.read";
      /**
       * Format: date-time
       * @description When the event was created
       */
      occurredAt: string;
      data: components["schemas"]["MessageStatusData"];
    };
    /** @description A reply will not be delivered; `reason` says why */
    MessageFailedEvent: {
      /** @description The event id: the same on every retry, the dedupe key */
      id: string;
      /** @constant */
      type: "message.failed";
      /**
       * Format: date-time
       * @description When the event was created
       */
      occurredAt: string;
      data: components["schemas"]["MessageFailedData"];
    };
  };
  responses: never;
  parameters: {
    /** @description The event id, the same as the body's `id`: stable across retries, the dedupe key. */
    WebhookId: string;
    /** @description Unix seconds of this attempt. Refuse an event more than 5 minutes from your clock: a replay. */
    WebhookTimestamp: string;
    /** @description Standard Webhooks: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part after `whsec_` of EVENTS_WEBHOOK_SECRET (a secret without the prefix is used as its UTF-8 bytes). Several signatures, space-separated, while a secret is rotated: one must verify. `verifyEvent` of @meta-relay/client checks it. */
    WebhookSignature: string;
    /** @description Release 1's signature, unchanged: `sha256=<lowercase hex HMAC-SHA256 of the raw body>` keyed with EVENTS_WEBHOOK_SECRET. */
    RelaySignature: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getChannel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description messenger, instagram or whatsapp */
        platform: "messenger" | "instagram" | "whatsapp";
        /** @description Page id, Instagram account id or WhatsApp phone number id */
        channelId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The channel */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Channel"];
        };
      };
      /** @description Invalid input (`invalid_request`; `details` name each field), or a body that is not JSON (`invalid_json`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing or unknown API key (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such channel is connected (`channel_not_found`) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than API_BODY_LIMIT_BYTES (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Something went wrong on the relay's side (`internal_error`); the call can be retried */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Redis is not reachable (`unavailable`); retry shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  putChannel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description messenger, instagram or whatsapp */
        platform: "messenger" | "instagram" | "whatsapp";
        /** @description Page id, Instagram account id or WhatsApp phone number id */
        channelId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "accessToken": "EAAG…",
         *       "name": "Support page",
         *       "humanAgent": true
         *     }
         */
        "application/json": components["schemas"]["ChannelInput"];
      };
    };
    responses: {
      /** @description Updated */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Channel"];
        };
      };
      /** @description Created */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Channel"];
        };
      };
      /** @description Invalid input (`invalid_request`; `details` name each field), or a body that is not JSON (`invalid_json`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing or unknown API key (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than API_BODY_LIMIT_BYTES (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Something went wrong on the relay's side (`internal_error`); the call can be retried */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Redis is not reachable (`unavailable`); retry shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  deleteChannel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description messenger, instagram or whatsapp */
        platform: "messenger" | "instagram" | "whatsapp";
        /** @description Page id, Instagram account id or WhatsApp phone number id */
        channelId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input (`invalid_request`; `details` name each field), or a body that is not JSON (`invalid_json`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing or unknown API key (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such channel is connected (`channel_not_found`) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than API_BODY_LIMIT_BYTES (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Something went wrong on the relay's side (`internal_error`); the call can be retried */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Redis is not reachable (`unavailable`); retry shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  listChannels: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every channel */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ChannelList"];
        };
      };
      /** @description Invalid input (`invalid_request`; `details` name each field), or a body that is not JSON (`invalid_json`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing or unknown API key (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than API_BODY_LIMIT_BYTES (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Something went wrong on the relay's side (`internal_error`); the call can be retried */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Redis is not reachable (`unavailable`); retry shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  sendMessage: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "channel": {
         *         "platform": "messenger",
         *         "id": "104857600000001"
         *       },
         *       "recipient": {
         *         "id": "7391020000000042"
         *       },
         *       "sender": {
         *         "type": "agent",
         *         "id": "agent-7"
         *       },
         *       "message": {
         *         "text": "Your parcel left the warehouse this morning."
         *       },
         *       "idempotencyKey": "ticket-4711-reply-1"
         *     }
         */
        "application/json": components["schemas"]["MessageInput"];
      };
    };
    responses: {
      /** @description Queued (or the first message of this idempotencyKey) */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["MessageAccepted"];
        };
      };
      /** @description Invalid input (`invalid_request`; `details` name each field), or a body that is not JSON (`invalid_json`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing or unknown API key (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such channel is connected (`channel_not_found`) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than API_BODY_LIMIT_BYTES (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Something went wrong on the relay's side (`internal_error`); the call can be retried */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Redis is not reachable, or the message could not be queued (`unavailable`); retry with the same idempotencyKey */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getMessage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The id POST /v1/messages returned */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The message */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Message"];
        };
      };
      /** @description Invalid input (`invalid_request`; `details` name each field), or a body that is not JSON (`invalid_json`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing or unknown API key (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Unknown, or older than MESSAGE_RETENTION_DAYS (`message_not_found`) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than API_BODY_LIMIT_BYTES (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Something went wrong on the relay's side (`internal_error`); the call can be retried */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Redis is not reachable (`unavailable`); retry shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  getConversation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description messenger, instagram or whatsapp */
        platform: "messenger" | "instagram" | "whatsapp";
        /** @description Page id, Instagram account id or WhatsApp phone number id */
        channelId: string;
        /** @description PSID, IGSID, wa_id or WhatsApp business-scoped user id */
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The window */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Conversation"];
        };
      };
      /** @description Invalid input (`invalid_request`; `details` name each field), or a body that is not JSON (`invalid_json`) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Missing or unknown API key (`unauthorized`) */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such channel is connected (`channel_not_found`) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The body is larger than API_BODY_LIMIT_BYTES (`payload_too_large`) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Something went wrong on the relay's side (`internal_error`); the call can be retried */
      500: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Redis is not reachable (`unavailable`); retry shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
    };
  };
  onMessageReceived: {
    parameters: {
      query?: never;
      header: {
        /** @description The event id, the same as the body's `id`: stable across retries, the dedupe key. */
        "webhook-id": components["parameters"]["WebhookId"];
        /** @description Unix seconds of this attempt. Refuse an event more than 5 minutes from your clock: a replay. */
        "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
        /** @description Standard Webhooks: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part after `whsec_` of EVENTS_WEBHOOK_SECRET (a secret without the prefix is used as its UTF-8 bytes). Several signatures, space-separated, while a secret is rotated: one must verify. `verifyEvent` of @meta-relay/client checks it. */
        "webhook-signature": components["parameters"]["WebhookSignature"];
        /** @description Release 1's signature, unchanged: `sha256=<lowercase hex HMAC-SHA256 of the raw body>` keyed with EVENTS_WEBHOOK_SECRET. */
        "X-Relay-Signature": components["parameters"]["RelaySignature"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["MessageReceivedEvent"];
      };
    };
    responses: {
      /** @description Retried */
      408: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Refused for good, like any other 4XX: not retried */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Retried, no sooner than `Retry-After` when the answer has one */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Delivered: the relay will not send this event again */
      "2XX": {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Refused for good (except 408 and 429): not retried */
      "4XX": {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Retried, like a redirect, a timeout (EVENTS_TIMEOUT_MS) or no connection */
      "5XX": {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onMessageSent: {
    parameters: {
      query?: never;
      header: {
        /** @description The event id, the same as the body's `id`: stable across retries, the dedupe key. */
        "webhook-id": components["parameters"]["WebhookId"];
        /** @description Unix seconds of this attempt. Refuse an event more than 5 minutes from your clock: a replay. */
        "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
        /** @description Standard Webhooks: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part after `whsec_` of EVENTS_WEBHOOK_SECRET (a secret without the prefix is used as its UTF-8 bytes). Several signatures, space-separated, while a secret is rotated: one must verify. `verifyEvent` of @meta-relay/client checks it. */
        "webhook-signature": components["parameters"]["WebhookSignature"];
        /** @description Release 1's signature, unchanged: `sha256=<lowercase hex HMAC-SHA256 of the raw body>` keyed with EVENTS_WEBHOOK_SECRET. */
        "X-Relay-Signature": components["parameters"]["RelaySignature"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["MessageSentEvent"];
      };
    };
    responses: {
      /** @description Retried */
      408: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Refused for good, like any other 4XX: not retried */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Retried, no sooner than `Retry-After` when the answer has one */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Delivered: the relay will not send this event again */
      "2XX": {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Refused for good (except 408 and 429): not retried */
      "4XX": {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Retried, like a redirect, a timeout (EVENTS_TIMEOUT_MS) or no connection */
      "5XX": {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onMessageDelivered: {
    parameters: {
      query?: never;
      header: {
        /** @description The event id, the same as the body's `id`: stable across retries, the dedupe key. */
        "webhook-id": components["parameters"]["WebhookId"];
        /** @description Unix seconds of this attempt. Refuse an event more than 5 minutes from your clock: a replay. */
        "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
        /** @description Standard Webhooks: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part after `whsec_` of EVENTS_WEBHOOK_SECRET (a secret without the prefix is used as its UTF-8 bytes). Several signatures, space-separated, while a secret is rotated: one must verify. `verifyEvent` of @meta-relay/client checks it. */
        "webhook-signature": components["parameters"]["WebhookSignature"];
        /** @description Release 1's signature, unchanged: `sha256=<lowercase hex HMAC-SHA256 of the raw body>` keyed with EVENTS_WEBHOOK_SECRET. */
        "X-Relay-Signature": components["parameters"]["RelaySignature"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["MessageDeliveredEvent"];
      };
    };
    responses: {
      /** @description Retried */
      408: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Refused for good, like any other 4XX: not retried */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Retried, no sooner than `Retry-After` when the answer has one */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Delivered: the relay will not send this event again */
      "2XX": {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Refused for good (except 408 and 429): not retried */
      "4XX": {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Retried, like a redirect, a timeout (EVENTS_TIMEOUT_MS) or no connection */
      "5XX": {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onMessageRead: {
    parameters: {
      query?: never;
      header: {
        /** @description The event id, the same as the body's `id`: stable across retries, the dedupe key. */
        "webhook-id": components["parameters"]["WebhookId"];
        /** @description Unix seconds of this attempt. Refuse an event more than 5 minutes from your clock: a replay. */
        "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
        /** @description Standard Webhooks: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part after `whsec_` of EVENTS_WEBHOOK_SECRET (a secret without the prefix is used as its UTF-8 bytes). Several signatures, space-separated, while a secret is rotated: one must verify. `verifyEvent` of @meta-relay/client checks it. */
        "webhook-signature": components["parameters"]["WebhookSignature"];
        /** @description Release 1's signature, unchanged: `sha256=<lowercase hex HMAC-SHA256 of the raw body>` keyed with EVENTS_WEBHOOK_SECRET. */
        "X-Relay-Signature": components["parameters"]["RelaySignature"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["MessageReadEvent"];
      };
    };
    responses: {
      /** @description Retried */
      408: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Refused for good, like any other 4XX: not retried */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Retried, no sooner than `Retry-After` when the answer has one */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Delivered: the relay will not send this event again */
      "2XX": {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Refused for good (except 408 and 429): not retried */
      "4XX": {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Retried, like a redirect, a timeout (EVENTS_TIMEOUT_MS) or no connection */
      "5XX": {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  onMessageFailed: {
    parameters: {
      query?: never;
      header: {
        /** @description The event id, the same as the body's `id`: stable across retries, the dedupe key. */
        "webhook-id": components["parameters"]["WebhookId"];
        /** @description Unix seconds of this attempt. Refuse an event more than 5 minutes from your clock: a replay. */
        "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
        /** @description Standard Webhooks: `v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the base64-decoded part after `whsec_` of EVENTS_WEBHOOK_SECRET (a secret without the prefix is used as its UTF-8 bytes). Several signatures, space-separated, while a secret is rotated: one must verify. `verifyEvent` of @meta-relay/client checks it. */
        "webhook-signature": components["parameters"]["WebhookSignature"];
        /** @description Release 1's signature, unchanged: `sha256=<lowercase hex HMAC-SHA256 of the raw body>` keyed with EVENTS_WEBHOOK_SECRET. */
        "X-Relay-Signature": components["parameters"]["RelaySignature"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["MessageFailedEvent"];
      };
    };
    responses: {
      /** @description Retried */
      408: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Refused for good, like any other 4XX: not retried */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Retried, no sooner than `Retry-After` when the answer has one */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Delivered: the relay will not send this event again */
      "2XX": {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Refused for good (except 408 and 429): not retried */
      "4XX": {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Retried, like a redirect, a timeout (EVENTS_TIMEOUT_MS) or no connection */
      "5XX": {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
}
