import { EVENT_TYPES, PLATFORMS } from "@meta-relay/core";
import { z } from "zod";

/** Outbound job: drain one conversation's mailbox, oldest reply first. */
export const drainJobSchema = z.object({
  platform: z.enum(PLATFORMS),
  channelId: z.string().min(1),
  userId: z.string().min(1),
});
export type DrainJob = z.infer<typeof drainJobSchema>;
export const DRAIN_JOB_NAME = "drain";

/** Events job: one event for the agent platform; the job id is the event id. */
export const eventJobSchema = z.object({
  id: z.string().min(1),
  type: z.enum(EVENT_TYPES),
  occurredAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});

/** The stable dedupe key of a conversation (BullMQ deduplication ids may not contain ":"). */
export function conversationKey(job: DrainJob): string {
  return `${job.platform}.${job.channelId}.${job.userId}`;
}
