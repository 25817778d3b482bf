import { randomBytes } from "node:crypto";
import type { ConversationRef } from "@meta-relay/core";
import { deliverHead } from "./deliver-attempt";
import type { DrainRun, OutboundDeps } from "./outbound-deps";

export interface DrainControl {
  /** True once the processor is closing: stop between messages and hand the conversation back. */
  stopping(): boolean;
}

/** How one drain run ended. */
export type DrainOutcome =
  /** The mailbox is empty, or another run holds the conversation now. */
  | { kind: "done" }
  /** Run the drain again after `delayMs`: the head must wait, or another run is on it. */
  | { kind: "later"; delayMs: number };

export interface DrainRequest {
  conv: ConversationRef;
  /** Names this run in its lease token (the job id). */
  runId: string;
  signal?: AbortSignal | undefined;
}

/**
 * Drains one conversation: sends its replies oldest first until its mailbox is empty, or gives the
 * conversation up when the head must wait. The head leaves the mailbox only after its outcome and
 * event are recorded, so a crash anywhere resumes at the same reply.
 */
export async function drainConversation(
  deps: OutboundDeps,
  control: DrainControl,
  request: DrainRequest,
): Promise<DrainOutcome> {
  const { conv } = request;
  const run: DrainRun = {
    conv,
    lease: `${request.runId}.${randomBytes(8).toString("hex")}`,
    signal: request.signal,
  };
  let popId: string | null = null;
  try {
    for (;;) {
      if (control.stopping()) return await handBack(deps, run, 0);
      const head = await deps.drain.head(conv, run.lease, popId);
      popId = null;
      if (head.kind === "empty") return { kind: "done" };
      if (head.kind === "busy") return { kind: "later", delayMs: head.retryInMs };
      const step = await deliverHead(deps, run, head);
      if (step.kind === "lost") return { kind: "done" };
      if (step.kind === "popped" && step.empty) return { kind: "done" };
      if (step.kind === "next") popId = step.popId;
      if (step.kind === "later") return await handBack(deps, run, step.delayMs);
    }
  } catch (error) {
    await deps.drain.release(conv, run.lease).catch(() => undefined);
    throw error;
  }
}

/** Gives up the conversation so that the next run (after `delayMs`) may take it. */
async function handBack(deps: OutboundDeps, run: DrainRun, delayMs: number): Promise<DrainOutcome> {
  await deps.drain.release(run.conv, run.lease);
  return { kind: "later", delayMs };
}
