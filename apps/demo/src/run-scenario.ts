import type { MetaSimulator, SimCustomers, SimMediaFile, SimPost } from "@meta-relay/testkit";
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
  /** The fake Meta: it keeps the files customers send. */
  sim: MetaSimulator;
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
  /** A photo: the file Meta holds, and what fetching it back through the relay showed. */
  media: { file: SimMediaFile; fetched: string | null; ok: boolean } | null;
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
  const writes: WriteState[] = step.writes.map((write) => ({
    write,
    status: null,
    metaId: null,
    media: null,
  }));
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
    await fetchMedia(ctx, writes);
    block.refresh();
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
  const post = await postWrite(ctx, state);
  state.status = post.status;
  state.metaId = post.id;
}

function postWrite(ctx: ScenarioContext, state: WriteState): Promise<SimPost> {
  const { customer, text, ageMs, extra } = state.write;
  const who = {
    platform: customer.platform,
    channelId: customer.channelId,
    userId: customer.userId,
    name: customer.name,
  };
  const atMs = Date.now() - ageMs;
  switch (extra?.kind) {
    case "photo": {
      const file = ctx.sim.addMedia({
        channelId: customer.channelId,
        mimeType: "image/jpeg",
        size: extra.bytes,
      });
      state.media = { file, fetched: null, ok: false };
      return ctx.customers.message(who, {
        media: { type: "image", id: file.id, caption: text },
        atMs,
      });
    }
    case "quickReply":
      return ctx.customers.message(who, { text, quickReply: extra.payload, atMs });
    case "storyReply":
      return ctx.customers.message(who, {
        text,
        storyReply: {
          id: extra.storyId,
          url: `https://lookaside.fbsbx.com/story/${extra.storyId}`,
        },
        atMs,
      });
    case "reaction":
      return ctx.customers.react(who, {
        to: latestReplyTo(ctx, customer.userId),
        emoji: extra.emoji,
        atMs,
      });
    default:
      return ctx.customers.message(who, { text, atMs });
  }
}

/** Meta's id of the relay's latest reply to this customer (what the customer reacts to). */
function latestReplyTo(ctx: ScenarioContext, userId: string): string {
  const sent = [...ctx.events.sent.values()].filter((s) => s.userId === userId && s.metaMessageId);
  return sent[sent.length - 1]?.metaMessageId ?? "unknown";
}

/** Fetches each photo back through the API once its event arrived, as an agent's screen would. */
async function fetchMedia(ctx: ScenarioContext, writes: WriteState[]): Promise<void> {
  const deadline = Date.now() + ctx.stepTimeoutMs;
  for (const state of writes) {
    const media = state.media;
    if (!media) continue;
    let received = state.metaId ? ctx.events.received.get(state.metaId) : undefined;
    while (!received && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      received = state.metaId ? ctx.events.received.get(state.metaId) : undefined;
    }
    const mediaId = received?.attachments?.[0]?.mediaId;
    if (!mediaId) {
      media.fetched = "no media id in the event";
      continue;
    }
    const got = await ctx.client.fetchMedia(state.write.customer.channelId, mediaId);
    media.ok = got.bytes === media.file.size && got.sha256 === media.file.sha256();
    media.fetched = media.ok
      ? `fetched through the relay: ${Math.round(got.bytes / 1000)} kB, SHA-256 as Meta's`
      : `fetched ${got.bytes} bytes, not the file Meta holds`;
  }
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
  const verdict = judgeWrite({ webhookStatus: state.status, received }, timedOut);
  const media = state.media;
  if (!media || !verdict.settled) return { label: writeLabel(state.write), verdict };
  if (media.fetched === null) {
    return {
      label: writeLabel(state.write),
      verdict: { ...verdict, settled: timedOut, ok: false },
    };
  }
  const summary = `${verdict.summary} · ${media.fetched}`;
  return {
    label: writeLabel(state.write),
    verdict: media.ok
      ? { ...verdict, summary }
      : { ...verdict, ok: false, summary, difference: media.fetched },
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
