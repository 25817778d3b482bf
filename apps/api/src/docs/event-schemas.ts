import {
  CHANNEL_SOURCES,
  CHANNEL_STATUSES,
  CUSTOMER_ACTION_KINDS,
  FAILURE_REASONS,
  SENDER_TYPES,
} from "@meta-relay/core";
import { z } from "zod";
import { conversationSchema, platformSchema } from "../v1/schemas";

// The `data` of the events, as zod schemas for the reference. The producers build events with core's
// TypeScript interfaces; event-catalog.ts makes the compiler refuse any difference between the two.

const iso = (what: string) => z.iso.datetime().describe(what);

const metaErrorSchema = z
  .object({
    code: z.number().describe("Meta's error code"),
    subcode: z.number().optional().describe("Meta's error subcode"),
    message: z.string().describe("Meta's error message"),
  })
  .describe("Meta's answer when it refused the message");

const attachmentSchema = z
  .object({
    type: z
      .string()
      .describe(
        "Meta's type: image, video, audio, file, sticker, fallback, share, story_mention, reel, ig_reel (Messenger, Instagram); image, video, audio, document, sticker (WhatsApp)",
      ),
    url: z.string().optional().describe("Messenger/Instagram: Meta's URL of the file (it expires)"),
    mediaId: z
      .string()
      .optional()
      .describe(
        "WhatsApp: fetch the bytes with GET /v1/channels/whatsapp/{channelId}/media/{mediaId}",
      ),
    mimeType: z.string().optional(),
    sha256: z.string().optional().describe("WhatsApp: Meta's SHA-256 of the file"),
    filename: z.string().optional().describe("WhatsApp documents"),
    caption: z.string().optional().describe("WhatsApp media"),
    title: z.string().optional().describe("A shared link's or reel's title"),
  })
  .describe("A file, sticker, share or story the customer sent");

const locationSchema = z
  .object({
    latitude: z.number(),
    longitude: z.number(),
    name: z.string().optional(),
    address: z.string().optional(),
    url: z.string().optional(),
  })
  .describe("A WhatsApp location");

const replyToSchema = z
  .union([
    z.object({ metaMessageId: z.string().describe("The message answered") }),
    z.object({
      story: z.object({ id: z.string().optional(), url: z.string().optional() }),
    }),
  ])
  .describe("Messenger/Instagram `reply_to`, WhatsApp `context`: a message, or a story");

const referralSchema = z
  .object({
    source: z
      .string()
      .describe("`ADS`, `SHORTLINK`… (Messenger, Instagram); `ad`, `post` (WhatsApp)"),
    type: z.string().optional(),
    ref: z.string().optional(),
    adId: z.string().optional(),
    sourceUrl: z.string().optional(),
    headline: z.string().optional(),
    body: z.string().optional(),
    ctwaClid: z.string().optional().describe("WhatsApp's click-to-WhatsApp click id"),
  })
  .describe("An m.me/ig.me/ad referral, or the ad the message came from");

const reactionSchema = z.object({
  emoji: z.string().optional().describe("Empty on a WhatsApp removal"),
  action: z.enum(["react", "unreact"]),
  targetMetaMessageId: z.string().optional().describe("The message reacted to"),
});

const raw = z
  .unknown()
  .describe(
    "Meta's item exactly as received: the `messaging`/`standby` item, or the WhatsApp `messages[]` object",
  );

const messageReceivedDataSchema = z.object({
  platform: platformSchema,
  channelId: z.string().describe("The channel the customer wrote to"),
  userId: z.string().describe("The customer: where replies go (recipient.id)"),
  metaMessageId: z.string().describe("Meta's id of the message or action"),
  kind: z.enum(CUSTOMER_ACTION_KINDS),
  timestamp: iso("Meta's time of the action (the arrival, when Meta's lies in the future)"),
  opensWindow: z
    .boolean()
    .describe(
      "Whether this action opened or renewed the window (false for WhatsApp reactions and their removal, reactions taken back, WhatsApp group messages)",
    ),
  userIds: z
    .array(z.string())
    .optional()
    .describe("WhatsApp: every id of the customer (phone number and business-scoped id)"),
  profile: z
    .object({ name: z.string().optional(), username: z.string().optional() })
    .optional()
    .describe("WhatsApp `contacts[].profile`"),
  groupId: z.string().optional().describe("WhatsApp: the group the message was written in"),
  standby: z
    .literal(true)
    .optional()
    .describe("Arrived under `standby`: another app holds the thread"),
  text: z
    .string()
    .optional()
    .describe("The text; also a WhatsApp caption, a postback's or reply's title, a reaction"),
  payload: z
    .string()
    .optional()
    .describe(
      "The payload or reply id a bot set: postback, quick reply, WhatsApp button, list or button reply",
    ),
  attachments: z.array(attachmentSchema).optional(),
  location: locationSchema.optional(),
  contacts: z.array(z.unknown()).optional().describe("WhatsApp contact cards, as Meta sent them"),
  replyTo: replyToSchema.optional(),
  referral: referralSchema.optional(),
  reaction: reactionSchema.optional(),
  raw,
});

const messageEditedDataSchema = z.object({
  platform: platformSchema,
  channelId: z.string(),
  userId: z.string(),
  metaMessageId: z.string().describe("The message that was edited"),
  text: z.string().optional().describe("Its text after the edit"),
  attachments: z.array(attachmentSchema).optional(),
  timestamp: iso("Meta's time of the edit"),
  raw,
});

const messageDeletedDataSchema = z.object({
  platform: platformSchema,
  channelId: z.string(),
  userId: z.string(),
  metaMessageId: z.string().describe("The message that was deleted"),
  timestamp: iso("Meta's time of the deletion"),
  raw,
});

const messageSentDataSchema = z.object({
  id: z.string().describe("The relay's message id, as POST /v1/messages returned it"),
  platform: platformSchema,
  channelId: z.string(),
  userId: z.string(),
  metaMessageId: z.string().nullable().describe("Meta's id of the sent message, when it gave one"),
  messagingType: z
    .enum(["RESPONSE", "MESSAGE_TAG", "UTILITY", "SERVICE", "TEMPLATE"])
    .describe(
      "RESPONSE, MESSAGE_TAG or UTILITY (a utility template) on Messenger and Instagram, SERVICE or TEMPLATE on WhatsApp",
    ),
  tag: z.literal("HUMAN_AGENT").optional().describe("Present when the 7-day window was used"),
});

const messageStatusDataSchema = z.object({
  id: z.string().describe("The relay's message id"),
  metaMessageId: z.string(),
  timestamp: iso("Meta's time of the receipt"),
});

export const messageFailedDataSchema = z.object({
  id: z.string().describe("The relay's message id"),
  platform: platformSchema,
  channelId: z.string(),
  userId: z.string(),
  sender: z.object({ type: z.enum(SENDER_TYPES), id: z.string().optional() }),
  reason: z.enum(FAILURE_REASONS),
  message: z.string().describe("The sentence an agent reads: why, and what to do"),
  window: conversationSchema,
  meta: metaErrorSchema.optional(),
});

const windowExpiringDataSchema = z.object({
  platform: platformSchema,
  channelId: z.string(),
  userId: z.string().describe("The customer waiting for a reply"),
  window: z
    .enum(["standard", "human_agent"])
    .describe(
      "standard (24 hours, or the ad window), or human_agent (7 days, humanAgent channels)",
    ),
  endsAt: iso("When that window ends: Meta's deadline, without the safety margin"),
  lastCustomerMessageAt: iso("The customer's action that window is counted from"),
  minutesLeft: z.int().min(0).describe("Minutes from this event to endsAt"),
});

const channelEventDataSchema = z.object({
  platform: platformSchema,
  channelId: z.string(),
  status: z
    .enum(CHANNEL_STATUSES)
    .describe("The channel's status after the change: active, restricted or auth_failed"),
  reason: z.string().optional().describe("Meta's words or error, when there are any"),
  source: z
    .enum(CHANNEL_SOURCES)
    .describe(
      "How the relay learnt it: a policy_enforcement or account_update webhook, a graph_error on a send, a token_refresh, the watchdog, or an api PUT",
    ),
  raw: z.unknown().optional().describe("The webhook item that caused it, exactly as Meta sent it"),
});

/** Named schemas of event data (several event types may share one). */
export const EVENT_DATA_SCHEMAS = {
  MessageReceivedData: messageReceivedDataSchema,
  MessageSentData: messageSentDataSchema,
  MessageStatusData: messageStatusDataSchema,
  MessageFailedData: messageFailedDataSchema,
  MessageEditedData: messageEditedDataSchema,
  MessageDeletedData: messageDeletedDataSchema,
  WindowExpiringData: windowExpiringDataSchema,
  ChannelEventData: channelEventDataSchema,
} satisfies Record<string, z.ZodType>;

export type EventDataSchemaName = keyof typeof EVENT_DATA_SCHEMAS;
