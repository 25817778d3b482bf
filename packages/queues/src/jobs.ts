import { EVENT_TYPES, PLATFORMS } from "@meta-relay/core";
import type { Job, Queue } from "bullmq";
import { z } from "zod";
import { DRAIN_JOB_OPTIONS } from "./catalog";

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

/** Makes sure the conversation has a drain job waiting (at most one waits beside a running one). */
export async function queueDrain(queue: Queue, conv: DrainJob): Promise<void> {
  await queue.add(DRAIN_JOB_NAME, conv, {
    ...DRAIN_JOB_OPTIONS,
    deduplication: { id: conversationKey(conv), keepLastIfActive: true },
  });
}

/** A job that is not kept once completed (an event dropped for want of a receiver). */
export function discardWhenCompleted(job: Job): void {
  job.opts.removeOnComplete = true;
}
