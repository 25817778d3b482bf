import {
  CHANNEL_SOURCES,
  CHANNEL_STATUSES,
  FAILURE_REASONS,
  INSTAGRAM_APIS,
  MESSAGE_STATUSES,
  PLATFORMS,
  SENDER_TYPES,
} from "@meta-relay/core";
import { MESSAGE_ID_PATTERN } from "@meta-relay/store";
import { z } from "zod";
import { MESSAGE_EXAMPLES } from "./message-examples";
import {
  messageContentSchema,
  refinePlatformLimits,
  replyToSchema,
  senderActionBodySchema,
} from "./message-schemas";

export { MAX_COMPONENT_DEPTH, senderActionBodySchema } from "./message-schemas";

// The /v1 schemas: they validate every request and are the source of /openapi.json.

/** Ids end up in Redis keys and BullMQ ids: no spaces, braces or colons. */
export const ID_PATTERN = /^[A-Za-z0-9._+-]{1,128}$/;
const id = (what: string) =>
  z
    .string()
    .regex(ID_PATTERN, `must be 1-128 letters, digits, '.', '_', '+' or '-'`)
    .describe(what);

export const platformSchema = z.enum(PLATFORMS).describe("messenger, instagram or whatsapp");

export const channelParamsSchema = z.object({
  platform: platformSchema,
  channelId: id("Page id, Instagram account id or WhatsApp phone number id"),
});

export const conversationParamsSchema = channelParamsSchema.extend({
  userId: id("PSID, IGSID, wa_id or WhatsApp business-scoped user id"),
});

export const mediaParamsSchema = z.object({
  channelId: id("WhatsApp phone number id"),
  mediaId: id("Meta's media id: an attachment's `mediaId` in `message.received`"),
});

export const messageParamsSchema = z.object({
  id: z
    .string()
    .regex(MESSAGE_ID_PATTERN, "is not a message id")
    .describe("The id POST /v1/messages returned"),
});

const pacingSchema = z
  .object({
    perSecond: z
      .number()
      .positive()
      .max(1_000)
      .optional()
      .describe("Messages per second, sustained"),
    burst: z.int().min(1).max(1_000).optional().describe("Messages that may leave back to back"),
    perRecipientIntervalMs: z
      .int()
      .min(0)
      .max(3_600_000)
      .nullable()
      .optional()
      .describe("WhatsApp pair limit: ms between two messages to one recipient (null: none)"),
    perRecipientBurst: z
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe("Messages to one recipient that may leave back to back"),
  })
  .strict()
  .describe("Overrides of the platform's default pacing");

export const channelPutBodySchema = z
  .object({
    accessToken: z
      .string()
      .min(1)
      .max(4_096)
      .describe("Page or system-user token; stored encrypted, never returned"),
    humanAgent: z
      .boolean()
      .optional()
      .describe("Approved for Meta's 7-day HUMAN_AGENT tag (default false)"),
    utilityMessages: z
      .boolean()
      .optional()
      .describe("Messenger: the page may send Meta utility templates at any age (default false)"),
    adsWindow: z
      .boolean()
      .optional()
      .describe(
        "Messenger/Instagram: a customer's first message after a click-to-Messenger/Direct ad opens a 7-day standard window (default false)",
      ),
    name: z.string().min(1).max(200).optional(),
    pageId: id("Instagram: the linked page used for sending").optional(),
    pacing: pacingSchema.optional(),
    api: z
      .enum(INSTAGRAM_APIS)
      .optional()
      .describe(
        "Instagram: messenger (default; through the linked page) or instagram_login (Instagram API with Instagram Login, no page)",
      ),
    wabaId: id(
      "WhatsApp: the WhatsApp Business Account id, to subscribe and check webhooks",
    ).optional(),
    verify: z
      .boolean()
      .optional()
      .describe("Check the token with Meta before storing anything (default true)"),
    subscribe: z
      .boolean()
      .optional()
      .describe("Subscribe the app to the channel's webhooks on connect (default true)"),
  })
  .strict();

export const messageBodySchema = z
  .object({
    channel: z.object({ platform: platformSchema, id: id("The channel's id") }).strict(),
    recipient: z.object({ id: id("PSID, IGSID, wa_id or WhatsApp user id") }).strict(),
    sender: z
      .object({
        type: z.enum(SENDER_TYPES).describe("agent: a person; bot: anything automated"),
        id: z.string().min(1).max(128).optional(),
      })
      .strict(),
    message: messageContentSchema,
    replyTo: replyToSchema.optional(),
    idempotencyKey: z
      .string()
      .min(1)
      .max(255)
      .optional()
      .describe("Same key within 24 h: the first message's id, nothing enqueued"),
  })
  .strict()
  .superRefine(refinePlatformLimits)
  .meta({ examples: MESSAGE_EXAMPLES });

// --- responses ---

export const channelSchema = z.object({
  platform: platformSchema,
  channelId: z.string(),
  name: z.string().nullable(),
  pageId: z.string().nullable(),
  api: z.enum(INSTAGRAM_APIS).nullable().describe("Instagram: how the account is reached"),
  wabaId: z.string().nullable(),
  status: z
    .enum(CHANNEL_STATUSES)
    .describe("active; restricted: Meta stopped it from sending; auth_failed: its token fails"),
  restriction: z
    .object({
      since: z.iso.datetime(),
      reason: z.string(),
      source: z.enum(CHANNEL_SOURCES),
      until: z.iso.datetime().optional(),
    })
    .optional(),
  subscription: z
    .object({
      checkedAt: z.iso.datetime(),
      subscribed: z.boolean(),
      fields: z.array(z.string()).optional(),
      error: z.string().optional(),
    })
    .optional()
    .describe("What the relay last saw of the app's webhook subscription"),
  lastWebhookAt: z.iso.datetime().optional(),
  tokenExpiresAt: z.iso.datetime().optional().describe("Instagram Login: when the token expires"),
  humanAgent: z.boolean(),
  utilityMessages: z.boolean(),
  adsWindow: z.boolean(),
  pacing: z.object({
    perSecond: z.number(),
    burst: z.number(),
    perRecipientIntervalMs: z.number().nullable(),
    perRecipientBurst: z.number(),
  }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const channelListSchema = z.object({ channels: z.array(channelSchema) });

export const messageAcceptedSchema = z.object({ id: z.string(), status: z.literal("queued") });

export const senderActionAcceptedSchema = z.object({
  action: senderActionBodySchema.shape.action,
  status: z.literal("sent"),
});

const metaErrorSchema = z.object({
  code: z.number(),
  subcode: z.number().optional(),
  message: z.string(),
});

export const messageSchema = z.object({
  id: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  channel: z.object({ platform: platformSchema, id: z.string() }),
  recipient: z.object({ id: z.string() }),
  sender: z.object({ type: z.enum(SENDER_TYPES), id: z.string().optional() }),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().optional(),
  metaMessageId: z.string().optional(),
  attempts: z.int(),
  failure: z
    .object({
      reason: z.enum(FAILURE_REASONS),
      message: z.string(),
      meta: metaErrorSchema.optional(),
    })
    .optional(),
});

export const conversationSchema = z.object({
  lastCustomerMessageAt: z.iso.datetime().nullable(),
  standardWindowEndsAt: z.iso.datetime().nullable(),
  humanAgentWindowEndsAt: z.iso.datetime().nullable(),
  canSend: z.object({ bot: z.boolean(), agent: z.boolean(), template: z.boolean() }),
  adWindow: z
    .literal(true)
    .optional()
    .describe("Present while an ad holds the standard window open past 24 hours"),
});

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional().describe("The request's X-Request-Id"),
  }),
});
