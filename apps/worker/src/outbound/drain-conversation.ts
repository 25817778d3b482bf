import { randomBytes } from "node:crypto";
import { drainJobSchema, type DrainJob } from "@meta-relay/queues";
import { DelayedError, type Job } from "bullmq";
import { deliverHead } from "./deliver";
import type { DrainRun, OutboundDeps } from "./outbound-deps";

/** A little slack so a delayed job wakes after the wait, not a hair before it. */
const WAKE_SLACK_MS = 25;

export interface DrainControl {
  /** True once the processor is closing: stop between messages and hand the job back. */
  stopping(): boolean;
}

/**
 * Processes one `drain` job: sends the conversation's replies oldest first until its mailbox is
 * empty, or hands the job back (delayed) when the head must wait. The head leaves the mailbox only
 * after its outcome and event are recorded, so a crash anywhere resumes at the same reply.
 */
export async function drainConversation(
  deps: OutboundDeps,
  control: DrainControl,
  job: Job<DrainJob>,
  token: string | undefined,
  signal?: AbortSignal,
): Promise<void> {
  const conv = drainJobSchema.parse(job.data);
  const run: DrainRun = {
    conv,
    lease: `${job.id ?? "job"}.${randomBytes(8).toString("hex")}`,
    signal,
  };
  let popId: string | null = null;
  try {
    for (;;) {
      if (control.stopping()) return await handBack(deps, run, job, token, 0);
      const head = await deps.drain.head(conv, run.lease, popId);
      popId = null;
      if (head.kind === "empty") return;
      if (head.kind === "busy") return await postpone(job, token, head.retryInMs);
      const step = await deliverHead(deps, run, head);
      if (step.kind === "lost") return;
      if (step.kind === "next") popId = step.popId;
      if (step.kind === "later") return await handBack(deps, run, job, token, step.delayMs);
    }
  } catch (error) {
    if (!(error instanceof DelayedError))
      await deps.drain.release(conv, run.lease).catch(() => undefined);
    throw error;
  }
}

/** Gives up the conversation and asks BullMQ to run this job again after `delayMs`. */
async function handBack(
  deps: OutboundDeps,
  run: DrainRun,
  job: Job<DrainJob>,
  token: string | undefined,
  delayMs: number,
): Promise<never> {
  await deps.drain.release(run.conv, run.lease);
  return postpone(job, token, delayMs);
}

async function postpone(
  job: Job<DrainJob>,
  token: string | undefined,
  delayMs: number,
): Promise<never> {
  // DelayedError tells BullMQ the job moved itself: no attempt is counted, no backoff applies.
  await job.moveToDelayed(Date.now() + Math.max(0, delayMs) + WAKE_SLACK_MS, token);
  throw new DelayedError();
}
