import type { SimCustomers } from "@meta-relay/testkit";
import { EventIndex } from "./event-index";
import type { EventsReceiver } from "./events-receiver";
import {
  noticeLabel,
  reminderLabel,
  replyLabel,
  stepLines,
  worklistLabel,
  writeLabel,
  type Row,
} from "./format";
import { judgeNotice, judgeReminder, judgeReply, judgeWorklist, judgeWrite } from "./outcome";
import type { Display } from "./progress";
import type { MessageView, RelayClient } from "./relay-client";
import {
  CUSTOMERS,
  type ChannelNotice,
  type CustomerWrite,
  type DemoReply,
  type DemoStep,
} from "./scenario";

/** What the scenario talks to: the real API and ingress, the simulated customers, the events. */
export interface ScenarioContext {
  client: RelayClient;
  customers: SimCustomers;
  receiver: EventsReceiver;
  events: EventIndex;
  display: Display;
  /** How long a step may wait for its outcomes before the missing ones count as differences. */
  stepTimeoutMs: number;
}

export interface StepResult {
  step: DemoStep;
  rows: Row[];
  ok: boolean;
}

/** How often a step asks GET /v1/messages/{id} while it waits. */
const POLL_MS = 100;

interface WriteState {
  write: CustomerWrite;
  status: number | null;
  metaId: string | null;
}

interface NoticeState {
  notice: ChannelNotice;
  status: number | null;
}

interface ReplyState {
  reply: DemoReply;
  id: string | null;
  record: MessageView | null;
}

/** Plays the steps one after the other; each step's block updates live as its outcomes arrive. */
export async function playScenario(
  ctx: ScenarioContext,
  steps: readonly DemoStep[],
): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const step of steps) results.push(await playStep(ctx, step));
  return results;
}

async function playStep(ctx: ScenarioContext, step: DemoStep): Promise<StepResult> {
  const notices: NoticeState[] = (step.notices ?? []).map((notice) => ({ notice, status: null }));
  const writes: WriteState[] = step.writes.map((write) => ({ write, status: null, metaId: null }));
  const replies: ReplyState[] = step.replies.map((reply) => ({ reply, id: null, record: null }));
  let timedOut = false;
  let worklist: string[] | null = null;
  const rows = (): Row[] => [
    // In the story's order: Meta's news about the channel, the customers write, the reminder and
    // the worklist warn, the replies go.
    ...notices.map((n) => noticeRow(ctx.events, n, timedOut)),
    ...writes.map((w) => writeRow(ctx.events, w, timedOut)),
    ...reminderRows(ctx.events, step, timedOut),
    ...(step.worklist ? [worklistRow(step, worklist)] : []),
    ...replies.map((r) => replyRow(ctx.events, r, timedOut)),
  ];
  const block = ctx.display.live((frame) => stepLines(step, rows(), ctx.display.style, frame));
  const stopListening = ctx.receiver.onEvent(() => block.refresh());
  try {
    for (const state of notices) {
      await postNotice(ctx, state);
      block.refresh();
    }
    // The channel's new state must be in place before the replies that depend on it.
    await waitForNotices(ctx, notices, () => block.refresh());
    for (const state of writes) {
      await customerWrites(ctx, state);
      block.refresh();
    }
    if (step.worklist) {
      const { platform, channelId } = step.worklist.channel;
      worklist = (await ctx.client.unanswered(platform, channelId)).map(nameOf);
      block.refresh();
    }
    // One after the other: replies to one customer leave in the order they were posted.
    for (const state of replies) {
      const id = await ctx.client.sendReply(replyInput(state.reply));
      // The API answered 202 "queued": that is the message's state until the first read-back.
      state.id = id;
      state.record = { id, status: "queued", attempts: 0 };
      block.refresh();
    }
    timedOut = !(await waitForOutcomes(ctx, replies, rows, () => block.refresh()));
    // Meta's follow-ups (statuses, echoes) move accepted messages on to "delivered".
    await ctx.customers.settled();
    await refreshRecords(ctx.client, replies);
  } finally {
    stopListening();
    block.done();
  }
  const final = rows();
  return { step, rows: final, ok: final.every((row) => row.verdict.ok) };
}

async function customerWrites(ctx: ScenarioContext, state: WriteState): Promise<void> {
  const { customer, text, ageMs } = state.write;
  const post = await ctx.customers.message(
    { platform: customer.platform, channelId: customer.channelId, userId: customer.userId },
    { text, atMs: Date.now() - ageMs },
  );
  state.status = post.status;
  state.metaId = post.id;
}

async function postNotice(ctx: ScenarioContext, state: NoticeState): Promise<void> {
  const { channel, action, reason } = state.notice;
  if (channel.platform === "whatsapp") throw new Error("policy enforcement is a page webhook");
  const post = await ctx.customers.policyEnforcement({
    platform: channel.platform,
    channelId: channel.channelId,
    action,
    ...(reason !== undefined ? { reason } : {}),
  });
  state.status = post.status;
}

async function waitForNotices(
  ctx: ScenarioContext,
  notices: NoticeState[],
  refresh: () => void,
): Promise<void> {
  const deadline = Date.now() + ctx.stepTimeoutMs;
  while (!notices.every((n) => noticeRow(ctx.events, n, false).verdict.settled)) {
    if (Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    refresh();
  }
}

/** Polls the API until every row is settled; false when the step ran out of time. */
async function waitForOutcomes(
  ctx: ScenarioContext,
  replies: ReplyState[],
  rows: () => Row[],
  refresh: () => void,
): Promise<boolean> {
  const deadline = Date.now() + ctx.stepTimeoutMs;
  for (;;) {
    const current = rows();
    if (current.every((row) => row.verdict.settled)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    await refreshRecords(
      ctx.client,
      replies.filter((r) => r.record === null || r.record.status === "queued"),
    );
    refresh();
  }
}

async function refreshRecords(client: RelayClient, replies: ReplyState[]): Promise<void> {
  await Promise.all(
    replies.map(async (state) => {
      if (state.id !== null) state.record = await client.getMessage(state.id);
    }),
  );
}

function noticeRow(events: EventIndex, state: NoticeState, timedOut: boolean): Row {
  const { channel, action } = state.notice;
  const expectedEvent = action === "block" ? "channel.restricted" : "channel.unrestricted";
  const seen = events.channel.get(
    EventIndex.channelKey(expectedEvent, channel.platform, channel.channelId),
  );
  return {
    label: noticeLabel(state.notice),
    verdict: judgeNotice(
      { webhookStatus: state.status, expectedEvent, announced: (seen?.length ?? 0) > 0 },
      timedOut,
    ),
  };
}

function writeRow(events: EventIndex, state: WriteState, timedOut: boolean): Row {
  const received = state.metaId === null ? null : (events.received.get(state.metaId) ?? null);
  return {
    label: writeLabel(state.write),
    verdict: judgeWrite({ webhookStatus: state.status, received }, timedOut),
  };
}

function replyRow(events: EventIndex, state: ReplyState, timedOut: boolean): Row {
  const id = state.id;
  const observation = {
    record: state.record,
    sent: id === null ? null : (events.sent.get(id) ?? null),
    failed: id === null ? null : (events.failed.get(id) ?? null),
  };
  return {
    label: replyLabel(state.reply),
    verdict: judgeReply(state.reply.expect, observation, timedOut),
  };
}

function worklistRow(step: DemoStep, got: string[] | null): Row {
  const expected = step.worklist?.expect.map((c) => c.name) ?? [];
  return {
    label: step.worklist ? worklistLabel(step.worklist) : "worklist",
    verdict: judgeWorklist(expected, got),
  };
}

function reminderRows(events: EventIndex, step: DemoStep, timedOut: boolean): Row[] {
  return (step.reminders ?? []).map((reminder) => {
    const { channelId, userId } = reminder.customer;
    const got = events.reminders.get(`${channelId} ${userId}`) ?? [];
    return { label: reminderLabel(reminder), verdict: judgeReminder(reminder, got, timedOut) };
  });
}

/** A demo customer's name for a user id the API returned (the id itself for anyone else). */
function nameOf(userId: string): string {
  return Object.values(CUSTOMERS).find((c) => c.userId === userId)?.name ?? userId;
}

function replyInput(reply: DemoReply) {
  return {
    platform: reply.customer.platform,
    channelId: reply.customer.channelId,
    recipientId: reply.customer.userId,
    sender: reply.sender,
    message: reply.message,
  };
}
