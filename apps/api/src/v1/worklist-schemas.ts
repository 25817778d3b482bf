import { z } from "zod";
import { conversationSchema } from "./schemas";

// The worklist's query and answer: they validate the route and are the source of /openapi.json.

const WORKLIST_MAX_LIMIT = 200;

export const worklistQuerySchema = z
  .object({
    state: z.literal("unanswered").describe("Only `unanswered` (the customer wrote last)"),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(WORKLIST_MAX_LIMIT)
      .default(50)
      .describe(`Conversations per page, 1-${WORKLIST_MAX_LIMIT} (default 50)`),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,300}$/, "is not a cursor this API returned")
      .optional()
      .describe("The `nextCursor` of the previous page"),
  })
  .strict();

const worklistEntrySchema = conversationSchema.extend({
  userId: z.string(),
  lastCustomerMessageAt: z.iso.datetime(),
  standardWindowEndsAt: z.iso.datetime(),
});

export const worklistSchema = z.object({
  conversations: z.array(worklistEntrySchema),
  nextCursor: z.string().nullable().describe("Null on the last page"),
});
