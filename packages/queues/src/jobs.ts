import { EVENT_TYPES, HOUR_MS, PLATFORMS } from "@meta-relay/core";
import type { JobsOptions } from "bullmq";
import { z } from "zod";

/** Outbound job: drain one conversation's mailbox, oldest reply first. */
export const drainJobSchema = z.object({
  platform: z.enum(PLATFORMS),
  channelId: z.string().min(1),
  userId: z.string().min(1),
});
export type DrainJob = z.infer<typeof drainJobSchema>;
export const DRAIN_JOB_NAME = "drain";

/**
 * A drain job per conversation: at most one running and one waiting (keepLastIfActive), so replies to
 * one customer are never sent in parallel. A failing drain (Redis trouble) is retried every few seconds.
 */
export const DRAIN_JOB_OPTIONS: JobsOptions = {
  attempts: 1_000_000,
  backoff: { type: "fixed", delay: 5_000, jitter: 0.5 },
  removeOnComplete: { age: HOUR_MS / 1000, count: 1_000 },
  removeOnFail: { age: (7 * 24 * HOUR_MS) / 1000, count: 10_000 },
};

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
