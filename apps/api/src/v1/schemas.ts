import {
  ATTACHMENT_TYPES,
  FAILURE_REASONS,
  MESSAGE_STATUSES,
  PLATFORMS,
  SENDER_TYPES,
} from "@meta-relay/core";
import { MESSAGE_ID_PATTERN } from "@meta-relay/store";
import { z } from "zod";

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

export const messageParamsSchema = z.object({
  id: z
    .string()
    .regex(MESSAGE_ID_PATTERN, "is not a message id")
    .describe("The id POST /v1/messages returned"),
});

export const pacingSchema = z
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
    name: z.string().min(1).max(200).optional(),
    pageId: id("Instagram: the linked page used for sending").optional(),
    pacing: pacingSchema.optional(),
  })
  .strict();

const textContent = z.string().min(1).max(4_096);
const attachmentContent = z
  .object({
    type: z.enum(ATTACHMENT_TYPES),
    url: z.url({ protocol: /^https?$/ }).max(2_048),
  })
  .strict();
/**
 * WhatsApp's template components are a few levels deep; far deeper JSON (thousands of levels fit in
 * the body limit) could not even be stored, so it is refused as invalid.
 */
export const MAX_COMPONENT_DEPTH = 16;

const templateContent = z
  .object({
    name: z.string().min(1).max(512),
    language: z.string().min(2).max(15).describe("e.g. en_US"),
    components: z
      .array(z.unknown())
      .max(50)
      .refine(
        (components) => nestingDepth(components, MAX_COMPONENT_DEPTH) <= MAX_COMPONENT_DEPTH,
        {
          message: `must be nested at most ${MAX_COMPONENT_DEPTH} levels deep`,
        },
      )
      .optional()
      .describe("Passed to WhatsApp as is"),
  })
  .strict();

/** How deeply arrays and objects nest in `value`, counted without recursion; stops past `limit`. */
function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next || typeof next.value !== "object" || next.value === null) continue;
    const depth = next.depth + 1;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(next.value)) stack.push({ value: child, depth });
  }
  return deepest;
}

export const messageContentSchema = z
  .object({
    text: textContent.optional(),
    attachment: attachmentContent.optional(),
    template: templateContent.optional().describe("WhatsApp only"),
  })
  .strict()
  .refine((m) => [m.text, m.attachment, m.template].filter((v) => v !== undefined).length === 1, {
    message: "must have exactly one of text, attachment or template",
  });

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
    idempotencyKey: z
      .string()
      .min(1)
      .max(255)
      .optional()
      .describe("Same key within 24 h: the first message's id, nothing enqueued"),
  })
  .strict()
  .superRefine((body, ctx) => {
    const { platform } = body.channel;
    if (body.message.template !== undefined && platform !== "whatsapp") {
      ctx.addIssue({
        code: "custom",
        path: ["message", "template"],
        message: "templates are sent on WhatsApp only",
      });
    }
    const text = body.message.text;
    if (text !== undefined && platform === "messenger" && text.length >= 2_000) {
      ctx.addIssue({
        code: "custom",
        path: ["message", "text"],
        message: "Messenger takes under 2000 characters",
      });
    }
    if (text !== undefined && platform === "instagram" && Buffer.byteLength(text, "utf8") > 1_000) {
      ctx.addIssue({
        code: "custom",
        path: ["message", "text"],
        message: "Instagram takes at most 1000 bytes",
      });
    }
  });

export type MessageBody = z.infer<typeof messageBodySchema>;

// --- responses ---

export const channelSchema = z.object({
  platform: platformSchema,
  channelId: z.string(),
  name: z.string().nullable(),
  pageId: z.string().nullable(),
  humanAgent: z.boolean(),
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
});

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional().describe("The request's X-Request-Id"),
  }),
});
