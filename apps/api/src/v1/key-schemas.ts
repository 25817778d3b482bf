import { CHANNEL_SCOPE_PATTERN } from "@meta-relay/access";
import { API_KEY_ACCESS } from "@meta-relay/store";
import { z } from "zod";

// The /v1/keys schemas: they validate the requests and are the source of /openapi.json.

/** Channel scopes one key may carry. */
const MAX_KEY_SCOPES = 100;

export const keyParamsSchema = z.object({
  id: z
    .string()
    .regex(/^key_[0-9a-f]{20}$/, "is not a key id")
    .describe("The id POST /v1/keys returned"),
});

const accessSchema = z
  .enum(API_KEY_ACCESS)
  .describe("send: read and write on its channels; read: read only");
const channelScopesSchema = z
  .array(
    z
      .string()
      .regex(CHANNEL_SCOPE_PATTERN, "must be <platform>/<channelId> or <platform>/*")
      .describe(
        "messenger/<pageId>, instagram/<accountId>, whatsapp/<phoneNumberId> or <platform>/*",
      ),
  )
  .min(1)
  .max(MAX_KEY_SCOPES)
  .describe("The channels the key sees and uses; any other answers 404 channel_not_found");

export const keyInputSchema = z
  .object({
    name: z.string().min(1).max(200).describe("Who or what holds the key"),
    access: accessSchema,
    channels: channelScopesSchema,
  })
  .strict();

export const keySchema = z.object({
  id: z.string(),
  name: z.string(),
  access: accessSchema,
  channels: z.array(z.string()),
  createdAt: z.iso.datetime(),
});

export const keyCreatedSchema = keySchema.extend({
  key: z.string().describe("The bearer key: shown this once, stored only as a hash"),
});

export const keyListSchema = z.object({ keys: z.array(keySchema) });
