import { z } from "zod";

// Every object schema is loose: Meta adds fields without notice, and an unknown field must never
// turn a customer's message into a rejected webhook. Nested arrays are `unknown[]` here and parsed
// item by item, so one malformed item is skipped without failing its siblings.

/** Meta's webhook objects this product handles. */
export const WEBHOOK_OBJECTS = ["page", "instagram", "whatsapp_business_account"] as const;
export type WebhookObject = (typeof WEBHOOK_OBJECTS)[number];

/** The envelope of every webhook. `entry` may be absent on an object we do not handle. */
export const webhookEnvelopeSchema = z.looseObject({
  object: z.string(),
  entry: z.array(z.unknown()).optional(),
});

/** A time in ms as Messenger and Instagram send it (a number; a digit string is tolerated). */
const millis = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,16}$/)
    .transform(Number),
]);

/** A time in seconds as WhatsApp sends it (a digit string), converted to ms. */
const secondsAsMillis = z
  .union([z.string().regex(/^\d{1,12}$/), z.number().int().nonnegative()])
  .transform((value) => Number(value) * 1000);

// --- Messenger and Instagram (`object: "page"` / `"instagram"`) ---

export const messagingEntrySchema = z.looseObject({
  id: z.string().min(1),
  time: millis.optional(),
  messaging: z.array(z.unknown()).optional(),
  standby: z.array(z.unknown()).optional(),
  changes: z.array(z.unknown()).optional(),
});

const party = z.looseObject({ id: z.string().min(1).optional(), user_ref: z.string().optional() });

const messagingAttachmentSchema = z.looseObject({
  type: z.string(),
  payload: z.looseObject({ url: z.string().optional() }).nullish(),
});

export const messagingMessageSchema = z.looseObject({
  mid: z.string().min(1),
  text: z.string().optional(),
  is_echo: z.boolean().optional(),
  is_deleted: z.boolean().optional(),
  /** What the sender put in `message.metadata` (echoes of our sends carry our message id). */
  metadata: z.string().optional(),
  quick_reply: z.looseObject({ payload: z.string().optional() }).optional(),
  attachments: z.array(messagingAttachmentSchema).optional(),
  /** Filled on the first message after a click-to-Messenger/Direct ad (`source: "ADS"`). */
  referral: z.lazy(() => referralSchema).optional(),
});

export const postbackSchema = z.looseObject({
  mid: z.string().min(1).optional(),
  title: z.string().optional(),
  payload: z.string().optional(),
});

export const reactionSchema = z.looseObject({
  /** The message reacted to, not an id of the reaction itself. */
  mid: z.string().optional(),
  action: z.string(),
  reaction: z.string().optional(),
  emoji: z.string().optional(),
});

export const referralSchema = z.looseObject({
  ref: z.string().optional(),
  source: z.string().optional(),
  type: z.string().optional(),
  ad_id: z.union([z.string(), z.number()]).optional(),
});

export const deliverySchema = z.looseObject({
  mids: z.array(z.string()).optional(),
  watermark: millis,
});

/** Messenger `message_reads` (a watermark) and Instagram `messaging_seen` (a mid). */
export const readSchema = z.looseObject({
  watermark: millis.optional(),
  mid: z.string().optional(),
});

/** One item of `entry[].messaging` or `entry[].standby`. */
export const messagingEventSchema = z.looseObject({
  sender: party,
  recipient: party,
  timestamp: millis,
  message: messagingMessageSchema.optional(),
  postback: postbackSchema.optional(),
  reaction: reactionSchema.optional(),
  referral: referralSchema.optional(),
  delivery: deliverySchema.optional(),
  read: readSchema.optional(),
});
export type MessagingEvent = z.output<typeof messagingEventSchema>;

// --- WhatsApp (`object: "whatsapp_business_account"`) ---

export const whatsappEntrySchema = z.looseObject({
  id: z.string().min(1),
  changes: z.array(z.unknown()).optional(),
});

export const whatsappChangeSchema = z.looseObject({
  field: z.string(),
  value: z.unknown(),
});

/** `changes[].value` of the `messages` field. */
export const whatsappValueSchema = z.looseObject({
  metadata: z.looseObject({
    phone_number_id: z.string().min(1),
    display_phone_number: z.string().optional(),
  }),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});

export const whatsappContactSchema = z.looseObject({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
});

const replyChoice = z.looseObject({ id: z.string().optional(), title: z.string().optional() });

export const whatsappMessageSchema = z.looseObject({
  id: z.string().min(1),
  /** The phone number (wa_id); may be absent for a user known only by a username. */
  from: z.string().optional(),
  /** The business-scoped user id (BSUID). */
  from_user_id: z.string().optional(),
  timestamp: secondsAsMillis,
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  interactive: z
    .looseObject({
      type: z.string().optional(),
      button_reply: replyChoice.optional(),
      list_reply: replyChoice.optional(),
    })
    .optional(),
  button: z.looseObject({ payload: z.string().optional(), text: z.string().optional() }).optional(),
});
export type WhatsAppMessage = z.output<typeof whatsappMessageSchema>;

export const whatsappErrorSchema = z.looseObject({
  code: z.number().int(),
  title: z.string().optional(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
});
export type WhatsAppError = z.output<typeof whatsappErrorSchema>;

export const whatsappStatusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  timestamp: secondsAsMillis,
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  errors: z.array(whatsappErrorSchema).optional(),
});
export type WhatsAppStatus = z.output<typeof whatsappStatusSchema>;
