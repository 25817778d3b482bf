import { CHANNEL_SOURCES, CHANNEL_STATUSES, FAILURE_REASONS, SENDER_TYPES } from "@meta-relay/core";
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

export const messageReceivedDataSchema = z.object({
  platform: platformSchema,
  channelId: z.string().describe("The channel the customer wrote to"),
  userId: z.string().describe("The customer: where replies go (recipient.id)"),
  metaMessageId: z.string().describe("Meta's id of the message or action"),
  kind: z.enum(["message", "postback", "reaction", "referral"]),
  text: z.string().optional(),
  attachments: z
    .array(z.object({ type: z.string(), url: z.string().optional() }))
    .optional()
    .describe("Media the customer sent; Meta's URLs expire"),
  timestamp: iso("Meta's time of the action"),
});

export const messageSentDataSchema = z.object({
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

export const messageStatusDataSchema = z.object({
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

export const windowExpiringDataSchema = z.object({
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

export const channelEventDataSchema = z.object({
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
  WindowExpiringData: windowExpiringDataSchema,
  ChannelEventData: channelEventDataSchema,
} satisfies Record<string, z.ZodType>;

export type EventDataSchemaName = keyof typeof EVENT_DATA_SCHEMAS;
