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
     * @description A Facebook page, Instagram account or WhatsApp phone number. Unless `verify: false`, the token is checked with Meta before anything is stored (the name Meta gives fills `name` when none is sent); unless `subscribe: false`, the app is subscribed to the channel's webhooks (a failure shows in `subscription` and does not stop the connect). A successful PUT makes a restricted or auth_failed channel `active` again. Changes, `humanAgent` included, apply from the next delivery attempt. The access token is stored encrypted and never returned. Instagram channels need `pageId`, the linked page that sends, unless `api` is `instagram_login`.
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
    /**
     * List connected channels
     * @description A scoped key sees only the channels of its scope.
     */
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
     * @description `message` is exactly one kind: `text` (with `quickReplies`), `attachment`, `buttons` (Messenger, WhatsApp), `list` (WhatsApp), `reaction`, `location` (WhatsApp), `template` (WhatsApp; Messenger utility templates on a channel with `utilityMessages`) or `raw` (Meta's own message object). `replyTo` makes it a reply. A kind the platform cannot carry, or a count or length over Meta's limits (text: Instagram 1000 bytes, Messenger under 2000 characters, WhatsApp 4096), is refused with `400` naming the field, and nothing is queued. Every kind but a template is decided by the window rules on every attempt, exactly as text; templates are sent at any age. A message that may not be sent ends `failed` with a reason, and a `message.failed` event says why. The same `idempotencyKey` within 24 h returns the first message and queues nothing.
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
  "/v1/channels/{platform}/{channelId}/conversations": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The worklist: unanswered conversations by deadline
     * @description Conversations whose customer wrote after the relay's latest reply, ordered by the end of the standard window, soonest first (ties in a fixed order): what an agent must answer before it is too late. Conversations an agent can no longer answer are left out; on a humanAgent channel those in their 7-day window stay. Pages follow `nextCursor`; the order is the same across pages and no conversation appears twice.
     */
    get: operations["listUnansweredConversations"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/conversations/{platform}/{channelId}/{userId}/actions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Show typing or mark the conversation seen
     * @description Sent to Meta at once (not queued) when the standard 24-hour window is open. On WhatsApp, `mark_seen` marks the customer's latest message read and `typing_on` shows the typing indicator under it (WhatsApp has no `typing_off`). Outside the window `409`, with the refusal reason as the error code.
     */
    post: operations["sendSenderAction"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/channels/whatsapp/{channelId}/media/{mediaId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Download a file a WhatsApp customer sent
     * @description The `mediaId` of an attachment in `message.received`. The relay asks the Graph API for the file with the channel's token and streams Meta's bytes, with Meta's `Content-Type` and `Content-Length`, never holding the whole file (WhatsApp documents reach 100 MB). Files larger than MEDIA_MAX_BYTES are refused. Meta keeps media for 30 days.
     */
    get: operations["getMedia"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/keys": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List scoped keys
     * @description Names, access and scopes; never the keys. Admin keys only.
     */
    get: operations["listKeys"];
    put?: never;
    /**
     * Create a scoped key
     * @description A key limited to some channels (`messenger/<id>`, `whatsapp/*`…) and to `send` (read and write) or `read`. The key is in this answer only; the relay keeps its SHA-256 hash. Admin keys only.
     */
    post: operations["createKey"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/keys/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Delete a scoped key
     * @description Effective at once: every API process refuses the key within a quarter of a second. Admin keys only.
     */
    delete: operations["deleteKey"];
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
     * @description Everything the customer sent, with Meta's item as `raw`. Sent once per Meta message id, however often Meta redelivers the webhook. `opensWindow` says whether it opened or renewed the conversation's window (not for WhatsApp reactions, reactions taken back, WhatsApp group messages).
     */
    post: operations["onMessageReceived"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "message.edited": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A customer edited an earlier message
     * @description Messenger/Instagram `message_edit`, WhatsApp `edit`: one event per edit, never opening a window.
     */
    post: operations["onMessageEdited"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "message.deleted": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A customer unsent or deleted a message
     * @description Instagram `is_deleted`, WhatsApp `revoke`; it opens no window.
     */
    post: operations["onMessageDeleted"];
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
  "conversation.window_expiring": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A window of an unanswered conversation closes in WINDOW_REMINDER_MINUTES
     * @description Once per conversation, window, lead time and customer action, within 30 seconds of `endsAt` minus the lead time; none once a reply was sent; a new customer message brings a new one for its new deadline.
     */
    post: operations["onConversationWindowExpiring"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "channel.restricted": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Meta restricted a page, account or number from sending
     * @description A policy-enforcement block, error 10/1893063 on a send, or a WhatsApp account restriction. Every reply of the channel fails at once with `channel_restricted` until the restriction lifts. One id per change, however often it is reported.
     */
    post: operations["onChannelRestricted"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "channel.unrestricted": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A channel's restriction was lifted
     * @description Meta's unblock, the end Meta announced, or a successful PUT of the channel.
     */
    post: operations["onChannelUnrestricted"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "channel.warning": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Meta warned about a channel's conduct
     * @description Nothing else changes; the channel still sends.
     */
    post: operations["onChannelWarning"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "channel.auth_failed": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Meta refused a channel's access token
     * @description On a send or an Instagram Login token refresh. Replies fail at once with `channel_auth_failed` until the channel is PUT again with a working token.
     */
    post: operations["onChannelAuthFailed"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "channel.resubscribed": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The watchdog subscribed the app to a channel's webhooks again
     * @description Meta had dropped the app's subscription (it does so after an hour of failed webhooks).
     */
    post: operations["onChannelResubscribed"];
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
      /** @description Messenger: the page may send Meta utility templates at any age (default false) */
      utilityMessages?: boolean;
      /** @description Messenger/Instagram: a customer's first message after a click-to-Messenger/Direct ad opens a 7-day standard window (default false) */
      adsWindow?: boolean;
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
      /**
       * @description Instagram: messenger (default; through the linked page) or instagram_login (Instagram API with Instagram Login, no page)
       * @enum {string}
       */
      api?: "messenger" | "instagram_login";
      /** @description WhatsApp: the WhatsApp Business Account id, to subscribe and check webhooks */
      wabaId?: string;
      /** @description Check the token with Meta before storing anything (default true) */
      verify?: boolean;
      /** @description Subscribe the app to the channel's webhooks on connect (default true) */
      subscribe?: boolean;
    };
    /**
     * @example {
     *       "channel": {
     *         "platform": "messenger",
     *         "id": "PAGE_ID"
     *       },
     *       "recipient": {
     *         "id": "PSID"
     *       },
     *       "sender": {
     *         "type": "bot",
     *         "id": "order-bot"
     *       },
     *       "message": {
     *         "text": "Did this answer your question?",
     *         "quickReplies": [
     *           {
     *             "title": "Yes",
     *             "payload": "ANSWERED"
     *           },
     *           {
     *             "title": "Talk to a person",
     *             "payload": "HANDOVER"
     *           }
     *         ]
     *       }
     *     }
     * @example {
     *       "channel": {
     *         "platform": "whatsapp",
     *         "id": "PHONE_NUMBER_ID"
     *       },
     *       "recipient": {
     *         "id": "16505551234"
     *       },
     *       "sender": {
     *         "type": "agent",
     *         "id": "agent-7"
     *       },
     *       "message": {
     *         "attachment": {
     *           "type": "file",
     *           "url": "https://shop.example/invoices/A-1043.pdf",
     *           "caption": "Your invoice",
     *           "filename": "A-1043.pdf"
     *         }
     *       }
     *     }
     * @example {
     *       "channel": {
     *         "platform": "messenger",
     *         "id": "PAGE_ID"
     *       },
     *       "recipient": {
     *         "id": "PSID"
     *       },
     *       "sender": {
     *         "type": "bot",
     *         "id": "order-bot"
     *       },
     *       "message": {
     *         "buttons": {
     *           "text": "What would you like to do?",
     *           "buttons": [
     *             {
     *               "type": "postback",
     *               "title": "Track my order",
     *               "payload": "TRACK"
     *             },
     *             {
     *               "type": "url",
     *               "title": "Open help center",
     *               "url": "https://shop.example/help"
     *             }
     *           ]
     *         }
     *       }
     *     }
     * @example {
     *       "channel": {
     *         "platform": "whatsapp",
     *         "id": "PHONE_NUMBER_ID"
     *       },
     *       "recipient": {
     *         "id": "16505551234"
     *       },
     *       "sender": {
     *         "type": "bot",
     *         "id": "order-bot"
     *       },
     *       "message": {
     *         "list": {
     *           "text": "What is your question about?",
     *           "button": "Topics",
     *           "sections": [
     *             {
     *               "title": "Orders",
     *               "rows": [
     *                 {
     *                   "id": "late",
     *                   "title": "Late parcel",
     *                   "description": "It has not arrived yet"
     *                 },
     *                 {
     *                   "id": "return",
     *                   "title": "Return an item"
     *                 }
     *               ]
     *             },
     *             {
     *               "title": "Billing",
     *               "rows": [
     *                 {
     *                   "id": "refund",
     *                   "title": "Refund"
     *                 }
     *               ]
     *             }
     *           ]
     *         }
     *       }
     *     }
     * @example {
     *       "channel": {
     *         "platform": "instagram",
     *         "id": "IG_ACCOUNT_ID"
     *       },
     *       "recipient": {
     *         "id": "IGSID"
     *       },
     *       "sender": {
     *         "type": "agent",
     *         "id": "agent-7"
     *       },
     *       "message": {
     *         "reaction": {
     *           "metaMessageId": "MID_OF_CUSTOMER_MESSAGE",
     *           "emoji": "❤️"
     *         }
     *       }
     *     }
     * @example {
     *       "channel": {
     *         "platform": "whatsapp",
     *         "id": "PHONE_NUMBER_ID"
     *       },
     *       "recipient": {
     *         "id": "16505551234"
     *       },
     *       "sender": {
     *         "type": "agent",
     *         "id": "agent-7"
     *       },
     *       "message": {
     *         "location": {
     *           "latitude": 52.5208,
     *           "longitude": 13.4094,
     *           "name": "Pick-up point",
     *           "address": "Alexanderplatz 1, Berlin"
     *         }
     *       },
     *       "replyTo": {
     *         "metaMessageId": "wamid.OF_CUSTOMER_QUESTION"
     *       }
     *     }
     * @example {
     *       "channel": {
     *         "platform": "messenger",
     *         "id": "PAGE_ID"
     *       },
     *       "recipient": {
     *         "id": "PSID"
     *       },
     *       "sender": {
     *         "type": "bot",
     *         "id": "order-bot"
     *       },
     *       "message": {
     *         "template": {
     *           "name": "order_shipped",
     *           "language": "en_US",
     *           "components": [
     *             {
     *               "type": "body",
     *               "parameters": [
     *                 {
     *                   "type": "text",
     *                   "text": "A-1043"
     *                 }
     *               ]
     *             }
     *           ]
     *         }
     *       },
     *       "idempotencyKey": "order-A-1043-shipped"
     *     }
     * @example {
     *       "channel": {
     *         "platform": "whatsapp",
     *         "id": "PHONE_NUMBER_ID"
     *       },
     *       "recipient": {
     *         "id": "16505551234"
     *       },
     *       "sender": {
     *         "type": "bot",
     *         "id": "order-bot"
     *       },
     *       "message": {
     *         "raw": {
     *           "type": "contacts",
     *           "contacts": [
     *             {
     *               "name": {
     *                 "formatted_name": "Support desk"
     *               }
     *             }
     *           ]
     *         }
     *       }
     *     }
     */
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
        /** @description With text: Messenger/Instagram up to 13, WhatsApp up to 3 (reply buttons) */
        quickReplies?: {
          /** @description At most 20 characters */
          title: string;
          /** @description Comes back in the customer's answer; WhatsApp: at most 256 characters */
          payload: string;
        }[];
        attachment?: {
          /** @enum {string} */
          type: "image" | "video" | "audio" | "file";
          /** Format: uri */
          url: string;
          /** @description WhatsApp only; not on audio */
          caption?: string;
          /** @description WhatsApp files only */
          filename?: string;
        };
        /** @description Messenger, WhatsApp */
        buttons?: {
          /** @description Messenger: 640 characters; WhatsApp: 1024 */
          text: string;
          /** @description At most 3. WhatsApp: postback buttons (reply buttons), or exactly one url button (cta_url) */
          buttons: (
            | {
                /** @constant */
                type: "postback";
                /** @description At most 20 characters */
                title: string;
                payload: string;
              }
            | {
                /** @constant */
                type: "url";
                /** @description At most 20 characters */
                title: string;
                /** Format: uri */
                url: string;
              }
          )[];
        };
        /** @description WhatsApp */
        list?: {
          text: string;
          /** @description The label that opens the list; 20 characters */
          button: string;
          /** @description At most 10 rows in all */
          sections: {
            /** @description 24 characters; required with several sections */
            title?: string;
            rows: {
              id: string;
              /** @description 24 characters */
              title: string;
              /** @description 72 characters */
              description?: string;
            }[];
          }[];
        };
        reaction?: {
          /** @description Meta's id of the message (mid or wamid) */
          metaMessageId: string;
          /** @description One emoji; empty removes the reaction */
          emoji: string;
        };
        /** @description WhatsApp */
        location?: {
          latitude: number;
          longitude: number;
          name?: string;
          address?: string;
        };
        /** @description WhatsApp; Messenger on a channel with utilityMessages (a utility template) */
        template?: {
          name: string;
          /** @description e.g. en_US */
          language: string;
          /** @description Passed to Meta as is */
          components?: unknown[];
        };
        /** @description Meta's own message object. Messenger/Instagram: the `message` field; WhatsApp: everything but `to`, `recipient` and `messaging_product` (not `type: template`) */
        raw?: {
          [key: string]: unknown;
        };
      };
      /** @description Makes the message a reply to this one (not on a reaction) */
      replyTo?: {
        /** @description Meta's id of the message (mid or wamid) */
        metaMessageId: string;
      };
      /** @description Same key within 24 h: the first message's id, nothing enqueued */
      idempotencyKey?: string;
    };
    SenderActionInput: {
      /**
       * @description WhatsApp has no typing_off: its indicator ends with your reply or after 25 s
       * @enum {string}
       */
      action: "typing_on" | "typing_off" | "mark_seen";
    };
    KeyInput: {
      /** @description Who or what holds the key */
      name: string;
      /**
       * @description send: read and write on its channels; read: read only
       * @enum {string}
       */
      access: "send" | "read";
      /** @description The channels the key sees and uses; any other answers 404 channel_not_found */
      channels: string[];
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
      /** @description Instagram: how the account is reached */
      api: ("messenger" | "instagram_login") | null;
      wabaId: string | null;
      /**
       * @description active; restricted: Meta stopped it from sending; auth_failed: its token fails
       * @enum {string}
       */
      status: "active" | "restricted" | "auth_failed";
      restriction?: {
        /** Format: date-time */
        since: string;
        reason: string;
        /** @enum {string} */
        source:
          | "policy_enforcement"
          | "account_update"
          | "graph_error"
          | "token_refresh"
          | "watchdog"
          | "api";
        /** Format: date-time */
        until?: string;
      };
      /** @description What the relay last saw of the app's webhook subscription */
      subscription?: {
        /** Format: date-time */
        checkedAt: string;
        subscribed: boolean;
        fields?: string[];
        error?: string;
      };
      /** Format: date-time */
      lastWebhookAt?: string;
      /**
       * Format: date-time
       * @description Instagram Login: when the token expires
       */
      tokenExpiresAt?: string;
      humanAgent: boolean;
      utilityMessages: boolean;
      adsWindow: boolean;
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
          | "channel_restricted"
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
      /**
       * @description Present while an ad holds the standard window open past 24 hours
       * @constant
       */
      adWindow?: true;
    };
    SenderActionAccepted: {
      /**
       * @description WhatsApp has no typing_off: its indicator ends with your reply or after 25 s
       * @enum {string}
       */
      action: "typing_on" | "typing_off" | "mark_seen";
      /** @constant */
      status: "sent";
    };
    Worklist: {
      conversations: {
        /** Format: date-time */
        lastCustomerMessageAt: string;
        /** Format: date-time */
        standardWindowEndsAt: string;
        humanAgentWindowEndsAt: string | null;
        canSend: {
          bot: boolean;
          agent: boolean;
          template: boolean;
        };
        /**
         * @description Present while an ad holds the standard window open past 24 hours
         * @constant
         */
        adWindow?: true;
        userId: string;
      }[];
      /** @description Null on the last page */
      nextCursor: string | null;
    };
    Error: {
      error: {
        code: string;
        message: string;
        details?: {
          path: string;
          message: string;
        }[];
        /** @description The request's X-Request-Id */
        requestId?: string;
      };
    };
    Key: {
      id: string;
      name: string;
      /**
       * @description send: read and write on its channels; read: read only
       * @enum {string}
       */
      access: "send" | "read";
      channels: string[];
      /** Format: date-time */
      createdAt: string;
    };
    KeyCreated: {
      id: string;
      name: string;
      /**
       * @description send: read and write on its channels; read: read only
       * @enum {string}
       */
      access: "send" | "read";
      channels: string[];
      /** Format: date-time */
      createdAt: string;
      /** @description The bearer key: shown this once, stored only as a hash */
      key: string;
    };
    KeyList: {
      keys: components["schemas"]["Key"][];
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
      /**
       * Format: date-time
       * @description Meta's time of the action (the arrival, when Meta's lies in the future)
       */
      timestamp: string;
      /** @description Whether this action opened or renewed the window (false for WhatsApp reactions and their removal, reactions taken back, WhatsApp group messages) */
      opensWindow: boolean;
      /** @description WhatsApp: every id of the customer (phone number and business-scoped id) */
      userIds?: string[];
      /** @description WhatsApp `contacts[].profile` */
      profile?: {
        name?: string;
        username?: string;
      };
      /** @description WhatsApp: the group the message was written in */
      groupId?: string;
      /**
       * @description Arrived under `standby`: another app holds the thread
       * @constant
       */
      standby?: true;
      /** @description The text; also a WhatsApp caption, a postback's or reply's title, a reaction */
      text?: string;
      /** @description The payload or reply id a bot set: postback, quick reply, WhatsApp button, list or button reply */
      payload?: string;
      attachments?: {
        /** @description Meta's type: image, video, audio, file, sticker, fallback, share, story_mention, reel, ig_reel (Messenger, Instagram); image, video, audio, document, sticker (WhatsApp) */
        type: string;
        /** @description Messenger/Instagram: Meta's URL of the file (it expires) */
        url?: string;
        /** @description WhatsApp: fetch the bytes with GET /v1/channels/whatsapp/{channelId}/media/{mediaId} */
        mediaId?: string;
        mimeType?: string;
        /** @description WhatsApp: Meta's SHA-256 of the file */
        sha256?: string;
        /** @description WhatsApp documents */
        filename?: string;
        /** @description WhatsApp media */
        caption?: string;
        /** @description A shared link's or reel's title */
        title?: string;
      }[];
      /** @description A WhatsApp location */
      location?: {
        latitude: number;
        longitude: number;
        name?: string;
        address?: string;
        url?: string;
      };
      /** @description WhatsApp contact cards, as Meta sent them */
      contacts?: unknown[];
      /** @description Messenger/Instagram `reply_to`, WhatsApp `context`: a message, or a story */
      replyTo?:
        | {
            /** @description The message answered */
            metaMessageId: string;
          }
        | {
            story: {
              id?: string;
              url?: string;
            };
          };
      /** @description An m.me/ig.me/ad referral, or the ad the message came from */
      referral?: {
        /** @description `ADS`, `SHORTLINK`… (Messenger, Instagram); `ad`, `post` (WhatsApp) */
        source: string;
        type?: string;
        ref?: string;
        adId?: string;
        sourceUrl?: string;
        headline?: string;
        body?: string;
        /** @description WhatsApp's click-to-WhatsApp click id */
        ctwaClid?: string;
      };
      reaction?: {
        /** @description Empty on a WhatsApp removal */
        emoji?: string;
        /** @enum {string} */
        action: "react" | "unreact";
        /** @description The message reacted to */
        targetMetaMessageId?: string;
      };
      /** @description Meta's item exactly as received: the `messaging`/`standby` item, or the WhatsApp `messages[]` object */
      raw: unknown;
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
       * @description RESPONSE, MESSAGE_TAG or UTILITY (a utility template) on Messenger and Instagram, SERVICE or TEMPLATE on WhatsApp
       * @enum {string}
       */
      messagingType: "RESPONSE" | "MESSAGE_TAG" | "UTILITY" | "SERVICE" | "TEMPLATE";
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
        | "channel_restricted"
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
    MessageEditedData: {
      /**
       * @description messenger, instagram or whatsapp
       * @enum {string}
       */
      platform: "messenger" | "instagram" | "whatsapp";
      channelId: string;
      userId: string;
      /** @description The message that was edited */
      metaMessageId: string;
      /** @description Its text after the edit */
      text?: string;
      attachments?: {
        /** @description Meta's type: image, video, audio, file, sticker, fallback, share, story_mention, reel, ig_reel (Messenger, Instagram); image, video, audio, document, sticker (WhatsApp) */
        type: string;
        /** @description Messenger/Instagram: Meta's URL of the file (it expires) */
        url?: string;
        /** @description WhatsApp: fetch the bytes with GET /v1/channels/whatsapp/{channelId}/media/{mediaId} */
        mediaId?: string;
        mimeType?: string;
        /** @description WhatsApp: Meta's SHA-256 of the file */
        sha256?: string;
        /** @description WhatsApp documents */
        filename?: string;
        /** @description WhatsApp media */
        caption?: string;
        /** @description A shared link's or reel's title */
        title?: string;
      }[];
      /**
       * Format: date-time
       * @description Meta's time of the edit
       */
      timestamp: string;
      /** @description Meta's item exactly as received: the `messaging`/`standby` item, or the WhatsApp `messages[]` object */
      raw: unknown;
    };
    MessageDeletedData: {
      /**
       * @description messenger, instagram or whatsapp
       * @enum {string}
       */
      platform: "messenger" | "instagram" | "whatsapp";
      channelId: string;
      userId: string;
      /** @description The message that was deleted */
      metaMessageId: string;
      /**
       * Format: date-time
       * @description Meta's time of the deletion
       */
      timestamp: string;
      /** @description Meta's item exactly as received: the `messaging`/`standby` item, or the WhatsApp `messages[]` object */
      raw: unknown;
    };
    WindowExpiringData: {
      /**
       * @description messenger, instagram or whatsapp
       * @enum {string}
       */
      platform: "messenger" | "instagram" | "whatsapp";
      channelId: string;
      /** @description The customer waiting for a reply */
      userId: string;
      /**
       * @description standard (24 hours, or the ad window), or human_agent (7 days, humanAgent channels)
       * @enum {string}
       */
      window: "standard" | "human_agent";
      /**
       * Format: date-time
       * @description When that window ends: Meta's deadline, without the safety margin
       */
      endsAt: string;
      /**
       * Format: date-time
       * @description The customer's action that window is counted from
       */
      lastCustomerMessageAt: string;
      /** @description Minutes from this event to endsAt */
      minutesLeft: number;
    };
    ChannelEventData: {
      /**
       * @description messenger, instagram or whatsapp
       * @enum {string}
       */
      platform: "messenger" | "instagram" | "whatsapp";
      channelId: string;
      /**
       * @description The channel's status after the change: active, restricted or auth_failed
       * @enum {string}
       */
      status: "active" | "restricted" | "auth_failed";
      /** @description Meta's words or error, when there are any */
      reason?: string;
      /**
       * @description How the relay learnt it: a policy_enforcement or account_update webhook, a graph_error on a send, a token_refresh, the watchdog, or an api PUT
       * @enum {string}
       */
      source:
        | "policy_enforcement"
        | "account_update"
        | "graph_error"
        | "token_refresh"
        | "watchdog"
        | "api";
      /** @description The webhook item that caused it, exactly as Meta sent it */
      raw?: unknown;
    };
    /**
     * @description A customer action arrived: a message, a postback, a reaction or a referral
     * @example {
     *       "id": "evt_FTLf_ol4oZYKuMMYE3ww0SIm_o-TpDPy",
     *       "type": "message.received",
     *       "occurredAt": "2026-11-21T11:20:00.000Z",
     *       "data": {
     *         "platform": "whatsapp",
     *         "channelId": "106540352242922",
     *         "userId": "15550100001",
     *         "userIds": [
     *           "15550100001"
     *         ],
     *         "metaMessageId": "wamid.HBgLMTU1NTAxMDAwMDEVAgASGBQzQTdGRjY0MkE4QjNGMTJCM0UyMgA=",
     *         "kind": "message",
     *         "opensWindow": true,
     *         "text": "the damaged box",
     *         "attachments": [
     *           {
     *             "type": "image",
     *             "mediaId": "1037543291543636",
     *             "mimeType": "image/jpeg",
     *             "sha256": "zUNi2xwxNuS0ZQCiMTFMCXOGqLkC8iRjzfmjnS0eJFE=",
     *             "caption": "the damaged box"
     *           }
     *         ],
     *         "profile": {
     *           "name": "Carla"
     *         },
     *         "timestamp": "2026-11-21T11:20:00.000Z",
     *         "raw": {
     *           "from": "15550100001",
     *           "id": "wamid.HBgLMTU1NTAxMDAwMDEVAgASGBQzQTdGRjY0MkE4QjNGMTJCM0UyMgA=",
     *           "timestamp": "1795260000",
     *           "type": "image",
     *           "image": {
     *             "caption": "the damaged box",
     *             "mime_type": "image/jpeg",
     *             "sha256": "zUNi2xwxNuS0ZQCiMTFMCXOGqLkC8iRjzfmjnS0eJFE=",
     *             "id": "1037543291543636"
     *           }
     *         }
     *       }
     *     }
     * @example {
     *       "id": "evt_oYvDTxgm9rY_pJfyMH7aAg8-8BUbThNk",
     *       "type": "message.received",
     *       "occurredAt": "2026-11-21T11:20:00.007Z",
     *       "data": {
     *         "platform": "messenger",
     *         "channelId": "104512345678901",
     *         "userId": "7100000000000002",
     *         "metaMessageId": "m_AaZ7Qk3pSi3e2VwqLx2lYh5p0mQf8d1XyBn",
     *         "kind": "message",
     *         "opensWindow": true,
     *         "text": "Size M",
     *         "payload": "SIZE_M",
     *         "timestamp": "2026-11-21T11:20:00.007Z",
     *         "raw": {
     *           "sender": {
     *             "id": "7100000000000002"
     *           },
     *           "recipient": {
     *             "id": "104512345678901"
     *           },
     *           "timestamp": 1795260000007,
     *           "message": {
     *             "mid": "m_AaZ7Qk3pSi3e2VwqLx2lYh5p0mQf8d1XyBn",
     *             "text": "Size M",
     *             "quick_reply": {
     *               "payload": "SIZE_M"
     *             }
     *           }
     *         }
     *       }
     *     }
     * @example {
     *       "id": "evt_uZepTSv5gpeLx52BRVpUd26M6qH70yCg",
     *       "type": "message.received",
     *       "occurredAt": "2026-11-21T11:20:00.001Z",
     *       "data": {
     *         "platform": "instagram",
     *         "channelId": "17841400000000001",
     *         "userId": "5510000000000004",
     *         "metaMessageId": "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDAx",
     *         "kind": "message",
     *         "opensWindow": true,
     *         "text": "love this",
     *         "replyTo": {
     *           "story": {
     *             "id": "17900000000000001",
     *             "url": "https://lookaside.fbsbx.com/story/1"
     *           }
     *         },
     *         "timestamp": "2026-11-21T11:20:00.001Z",
     *         "raw": {
     *           "sender": {
     *             "id": "5510000000000004"
     *           },
     *           "recipient": {
     *             "id": "17841400000000001"
     *           },
     *           "timestamp": 1795260000001,
     *           "message": {
     *             "mid": "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDAx",
     *             "text": "love this",
     *             "reply_to": {
     *               "story": {
     *                 "id": "17900000000000001",
     *                 "url": "https://lookaside.fbsbx.com/story/1"
     *               }
     *             }
     *           }
     *         }
     *       }
     *     }
     * @example {
     *       "id": "evt__2nPuRrUP2fAde9sP6d8op4puLKDsMwH",
     *       "type": "message.received",
     *       "occurredAt": "2026-11-21T11:20:00.000Z",
     *       "data": {
     *         "platform": "whatsapp",
     *         "channelId": "106540352242922",
     *         "userId": "15550100014",
     *         "userIds": [
     *           "15550100014"
     *         ],
     *         "metaMessageId": "wamid.HBgLMTU1NTAxMDAwMTQVAgASGBQzQUJDRDEyMzQ1Njc4OTBBQkNERUYA",
     *         "kind": "reaction",
     *         "opensWindow": false,
     *         "reaction": {
     *           "emoji": "",
     *           "action": "unreact",
     *           "targetMetaMessageId": "wamid.HBgLMTU1NTAxMDAwMTQVAgARGBI5QjM0RkE2QUJEMkY3RDc2"
     *         },
     *         "profile": {
     *           "name": "Sim Customer"
     *         },
     *         "timestamp": "2026-11-21T11:20:00.000Z",
     *         "raw": {
     *           "from": "15550100014",
     *           "id": "wamid.HBgLMTU1NTAxMDAwMTQVAgASGBQzQUJDRDEyMzQ1Njc4OTBBQkNERUYA",
     *           "timestamp": "1795260000",
     *           "type": "reaction",
     *           "reaction": {
     *             "message_id": "wamid.HBgLMTU1NTAxMDAwMTQVAgARGBI5QjM0RkE2QUJEMkY3RDc2",
     *             "emoji": ""
     *           }
     *         }
     *       }
     *     }
     */
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
    /**
     * @description A customer edited an earlier message
     * @example {
     *       "id": "evt_iozaMVAlAU5xrg9-DJOrK-3ypnlea0fA",
     *       "type": "message.edited",
     *       "occurredAt": "2026-11-21T11:20:00.000Z",
     *       "data": {
     *         "platform": "whatsapp",
     *         "channelId": "106540352242922",
     *         "userId": "15550100016",
     *         "metaMessageId": "wamid.HBgLMTU1NTAxMDAwMTYVAgASGBQzT1JJRzEyMzQ1Njc4OTBBQkNERUYA",
     *         "text": "Rua Augusta 12",
     *         "timestamp": "2026-11-21T11:20:00.000Z",
     *         "raw": {
     *           "from": "15550100016",
     *           "id": "wamid.HBgLMTU1NTAxMDAwMTYVAgASGBQzRUQxVDEyMzQ1Njc4OTBBQkNERUYA",
     *           "timestamp": "1795260000",
     *           "type": "edit",
     *           "edit": {
     *             "original_message_id": "wamid.HBgLMTU1NTAxMDAwMTYVAgASGBQzT1JJRzEyMzQ1Njc4OTBBQkNERUYA",
     *             "message": {
     *               "type": "text",
     *               "text": {
     *                 "body": "Rua Augusta 12"
     *               }
     *             }
     *           }
     *         }
     *       }
     *     }
     * @example {
     *       "id": "evt_MjM-3Ku9Ut9bicVcqY5zGNTLyTyEsvuN",
     *       "type": "message.edited",
     *       "occurredAt": "2026-11-21T11:20:00.005Z",
     *       "data": {
     *         "platform": "messenger",
     *         "channelId": "104512345678901",
     *         "userId": "7100000000000010",
     *         "metaMessageId": "m_Vq0Ze3Lk8Rt1Xb6Nm4Hs9Gd2Yw7Pf5Jc",
     *         "text": "Where is my parcel?",
     *         "timestamp": "2026-11-21T11:20:00.005Z",
     *         "raw": {
     *           "sender": {
     *             "id": "7100000000000010"
     *           },
     *           "recipient": {
     *             "id": "104512345678901"
     *           },
     *           "timestamp": 1795260000005,
     *           "message_edit": {
     *             "mid": "m_Vq0Ze3Lk8Rt1Xb6Nm4Hs9Gd2Yw7Pf5Jc",
     *             "text": "Where is my parcel?",
     *             "num_edit": 1
     *           }
     *         }
     *       }
     *     }
     */
    MessageEditedEvent: {
      /** @description The event id: the same on every retry, the dedupe key */
      id: string;
      /** @constant */
      type: "message.edited";
      /**
       * Format: date-time
       * @description When the event was created
       */
      occurredAt: string;
      data: components["schemas"]["MessageEditedData"];
    };
    /**
     * @description A customer unsent or deleted a message
     * @example {
     *       "id": "evt_xZSF-YEVK4c8M4bWNCiUYDLmKE_UMNG-",
     *       "type": "message.deleted",
     *       "occurredAt": "2026-11-21T11:20:00.005Z",
     *       "data": {
     *         "platform": "instagram",
     *         "channelId": "17841400000000001",
     *         "userId": "5510000000000011",
     *         "metaMessageId": "aWdfZAG1fmsgMTc4NDE0MDAwMDAwMDAwMDE",
     *         "timestamp": "2026-11-21T11:20:00.005Z",
     *         "raw": {
     *           "sender": {
     *             "id": "5510000000000011"
     *           },
     *           "recipient": {
     *             "id": "17841400000000001"
     *           },
     *           "timestamp": 1795260000005,
     *           "message": {
     *             "mid": "aWdfZAG1fmsgMTc4NDE0MDAwMDAwMDAwMDE",
     *             "is_deleted": true
     *           }
     *         }
     *       }
     *     }
     */
    MessageDeletedEvent: {
      /** @description The event id: the same on every retry, the dedupe key */
      id: string;
      /** @constant */
      type: "message.deleted";
      /**
       * Format: date-time
       * @description When the event was created
       */
      occurredAt: string;
      data: components["schemas"]["MessageDeletedData"];
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
    /** @description A window of an unanswered conversation closes in WINDOW_REMINDER_MINUTES */
    ConversationWindowExpiringEvent: {
      /** @description The event id: the same on every retry, the dedupe key */
      id: string;
      /** @constant */
      type: "conversation.window_expiring";
      /**
       * Format: date-time
       * @description When the event was created
       */
      occurredAt: string;
      data: components["schemas"]["WindowExpiringData"];
    };
    /** @description Meta restricted a page, account or number from sending */
    ChannelRestrictedEvent: {
      /** @description The event id: the same on every retry, the dedupe key */
      id: string;
      /** @constant */
      type: "channel.restricted";
      /**
       * Format: date-time
       * @description When the event was created
       */
      occurredAt: string;
      data: components["schemas"]["ChannelEventData"];
    };
    /** @description A channel's restriction was lifted */
    ChannelUnrestrictedEvent: {
      /** @description The event id: the same on every retry, the dedupe key */
      id: string;
      /** @constant */
      type: "channel.unrestricted";
      /**
       * Format: date-time
       * @description When the event was created
       */
      occurredAt: string;
      data: components["schemas"]["ChannelEventData"];
    };
    /** @description Meta warned about a channel's conduct */
    ChannelWarningEvent: {
      /** @description The event id: the same on every retry, the dedupe key */
      id: string;
      /** @constant */
      type: "channel.warning";
      /**
       * Format: date-time
       * @description When the event was created
       */
      occurredAt: string;
      data: components["schemas"]["ChannelEventData"];
    };
    /** @description Meta refused a channel's access token */
    ChannelAuthFailedEvent: {
      /** @description The event id: the same on every retry, the dedupe key */
      id: string;
      /** @constant */
      type: "channel.auth_failed";
      /**
       * Format: date-time
       * @description When the event was created
       */
      occurredAt: string;
      data: components["schemas"]["ChannelEventData"];
    };
    /** @description The watchdog subscribed the app to a channel's webhooks again */
    ChannelResubscribedEvent: {
      /** @description The event id: the same on every retry, the dedupe key */
      id: string;
      /** @constant */
      type: "channel.resubscribed";
      /**
       * Format: date-time
       * @description When the event was created
       */
      occurredAt: string;
      data: components["schemas"]["ChannelEventData"];
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
      /** @description No such channel is connected, or it is outside the key's scope (`channel_not_found`) */
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
      /** @description A `read` key may not change anything (`forbidden`) */
      403: {
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
      /** @description Meta refused the token (`channel_auth_failed`, with Meta's message); nothing stored */
      422: {
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
      /** @description Meta could not be reached to check the token (`meta_unreachable`); nothing stored */
      502: {
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
      /** @description A `read` key may not change anything (`forbidden`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such channel is connected, or it is outside the key's scope (`channel_not_found`) */
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
      /** @description Every channel the key may see */
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
      /** @description A `read` key may not change anything (`forbidden`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such channel is connected, or it is outside the key's scope (`channel_not_found`) */
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
      /** @description Unknown, or older than MESSAGE_RETENTION_DAYS (`message_not_found`); a message of a channel outside the key's scope answers `channel_not_found` */
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
      /** @description No such channel is connected, or it is outside the key's scope (`channel_not_found`) */
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
  listUnansweredConversations: {
    parameters: {
      query: {
        /** @description Only `unanswered` (the customer wrote last) */
        state: "unanswered";
        /** @description Conversations per page, 1-200 (default 50) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
      };
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
      /** @description A page of the worklist */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Worklist"];
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
      /** @description No such channel is connected, or it is outside the key's scope (`channel_not_found`) */
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
  sendSenderAction: {
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
    requestBody: {
      content: {
        "application/json": components["schemas"]["SenderActionInput"];
      };
    };
    responses: {
      /** @description Meta took it */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["SenderActionAccepted"];
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
      /** @description No such channel is connected, or it is outside the key's scope (`channel_not_found`) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description The window does not allow it (`no_customer_message`, `window_closed`): the code is the reason */
      409: {
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
      /** @description Meta refused or failed; the code is the reason */
      502: {
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
  getMedia: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description WhatsApp phone number id */
        channelId: string;
        /** @description Meta's media id: an attachment's `mediaId` in `message.received` */
        mediaId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file's bytes */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/octet-stream": string;
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
      /** @description Meta does not know the id, it expired, or it was sent to another number (`media_not_found`); or no such channel is connected, or it is outside the key's scope (`channel_not_found`) */
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
      /** @description Meta failed or could not be reached (`meta_error`; `details` carry Meta's `code`), or the file is larger than MEDIA_MAX_BYTES (`media_too_large`) */
      502: {
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
  listKeys: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every scoped key */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["KeyList"];
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
      /** @description Only an admin key (RELAY_API_KEYS) manages keys (`forbidden`) */
      403: {
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
  createKey: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["KeyInput"];
      };
    };
    responses: {
      /** @description Created; `key` is shown this once */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["KeyCreated"];
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
      /** @description Only an admin key (RELAY_API_KEYS) manages keys (`forbidden`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description Too many keys exist (`key_limit_reached`) */
      409: {
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
  deleteKey: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The id POST /v1/keys returned */
        id: string;
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
      /** @description Only an admin key (RELAY_API_KEYS) manages keys (`forbidden`) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Error"];
        };
      };
      /** @description No such key (`key_not_found`) */
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
  onMessageEdited: {
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
        "application/json": components["schemas"]["MessageEditedEvent"];
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
  onMessageDeleted: {
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
        "application/json": components["schemas"]["MessageDeletedEvent"];
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
  onConversationWindowExpiring: {
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
        "application/json": components["schemas"]["ConversationWindowExpiringEvent"];
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
  onChannelRestricted: {
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
        "application/json": components["schemas"]["ChannelRestrictedEvent"];
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
  onChannelUnrestricted: {
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
        "application/json": components["schemas"]["ChannelUnrestrictedEvent"];
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
  onChannelWarning: {
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
        "application/json": components["schemas"]["ChannelWarningEvent"];
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
  onChannelAuthFailed: {
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
        "application/json": components["schemas"]["ChannelAuthFailedEvent"];
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
  onChannelResubscribed: {
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
        "application/json": components["schemas"]["ChannelResubscribedEvent"];
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
