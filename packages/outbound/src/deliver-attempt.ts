import {
  channelCarries,
  channelRefusal,
  decide,
  describeWindow,
  type Decision,
  failureSentence,
  type FailureCause,
  type FailureReason,
  type MessageFailure,
  type MetaErrorInfo,
  type WindowDocument,
} from "@meta-relay/core";
import {
  buildSendRequest,
  classifyGraphFailure,
  type GraphFailure,
  type GraphSendResult,
} from "@meta-relay/meta";
import {
  TokenUnreadableError,
  type HeadResult,
  type MessageRecord,
  type StoredChannel,
} from "@meta-relay/store";
import { retryDelayMs } from "./retry-backoff";
import { failedEvent, sentEvent, settledEvent } from "./outbound-events";
import type { DrainRun, OutboundDeps, Step } from "./outbound-deps";

type Head = Extract<HeadResult, { kind: "head" }>;

/**
 * One attempt at the conversation's oldest reply: decide the window again with fresh inputs, then
 * fail it, send it, or keep it at the head for later. Never throws for Meta's answers.
 */
export async function deliverHead(deps: OutboundDeps, run: DrainRun, head: Head): Promise<Step> {
  const { message, channel, now } = head;
  if (message.status !== "queued") return replaySettled(deps, message, now);
  if (message.nextAttemptAt !== null && now < message.nextAttemptAt) {
    return { kind: "later", delayMs: message.nextAttemptAt - now };
  }
  const { window, decision } = judge(deps, head);
  if (!channel || !decision) return fail(deps, message, window, "channel_not_configured");
  if (decision.outcome === "refuse") return fail(deps, message, window, decision.reason);
  // A restricted channel, or one whose token Meta refused, sends nothing: fail at once, no call.
  // The window's own refusals come first: they hold whatever Meta thinks of the channel.
  const blocked = channelRefusal(channel.status, channel.restriction ?? null, now);
  if (blocked) return fail(deps, message, window, blocked);
  // The API refuses what a channel cannot carry; a record that outlived a change of the channel
  // (utilityMessages turned off) cannot be sent.
  if (!channelCarries(channel, message.kind)) return fail(deps, message, window, "invalid_message");
  if (message.sending !== null && message.platform !== "whatsapp") {
    // A worker died during this call: give Meta's echo time to confirm it before sending again.
    return awaitEcho(deps, run, message, channel);
  }
  if (message.attempts >= deps.maxAttempts) return fail(deps, message, window, "meta_error");
  const attempt = message.attempts + 1;
  const begin = await deps.drain.begin(run.conv, run.lease, {
    id: message.id,
    attempt,
    messagingType: decision.messagingType,
    tag: decision.tag ?? null,
    pacing: channel.pacing,
  });
  if (begin.kind === "wait") return { kind: "later", delayMs: begin.waitMs };
  if (begin.kind === "settled") return { kind: "again" };
  if (begin.kind === "lost") return { kind: "lost" };
  const sending = {
    ...message,
    attempts: attempt,
    messagingType: decision.messagingType,
    tag: decision.tag ?? null,
  };
  if (message.sending !== null || message.unknownOutcome) {
    // The last attempt may have reached Meta: this send may be a duplicate.
    deps.metrics.outboundResends.inc({ platform: message.platform });
    deps.log.warn({ messageId: message.id, attempt }, "re-sending after an unknown outcome");
  }
  const result = await callGraph(deps, run, sending, channel);
  return settle(deps, run, sending, channel, window, result);
}

async function awaitEcho(
  deps: OutboundDeps,
  run: DrainRun,
  message: MessageRecord,
  channel: StoredChannel,
): Promise<Step> {
  const retry = await deps.drain.settleRetry(run.conv, message.id, {
    delayMs: deps.echoGraceMs,
    unknownOutcome: true,
    push: null,
    pacing: channel.pacing,
  });
  return retry.changed ? { kind: "later", delayMs: deps.echoGraceMs } : { kind: "again" };
}

/** The window document and the decision, from this attempt's fresh inputs (none without a channel). */
function judge(
  deps: OutboundDeps,
  head: Head,
): { window: WindowDocument; decision: Decision | null } {
  const { message, channel, now, lastCustomerMessageAt, adWindowStartedAt } = head;
  const inputs = {
    platform: message.platform,
    humanAgent: channel?.humanAgent ?? false,
    lastCustomerMessageAt,
    adWindowStartedAt,
    now,
    marginMs: deps.marginMs,
  };
  const window = describeWindow(inputs);
  if (!channel) return { window, decision: null };
  const decision = decide({ ...inputs, kind: message.kind, sender: message.sender.type });
  deps.metrics.windowDecisions.inc({
    platform: message.platform,
    outcome: decision.outcome,
    reason: decision.outcome === "refuse" ? decision.reason : "",
  });
  return { window, decision };
}

async function callGraph(
  deps: OutboundDeps,
  run: DrainRun,
  message: MessageRecord,
  channel: StoredChannel,
): Promise<GraphSendResult | "unreadable_token"> {
  let token: string;
  try {
    token = deps.channels.token(channel);
  } catch (error) {
    if (error instanceof TokenUnreadableError) return "unreadable_token";
    throw error;
  }
  const request = buildSendRequest(
    {
      platform: message.platform,
      channelId: message.channelId,
      pageId: channel.pageId,
      api: channel.api,
      userId: message.userId,
      messageId: message.id,
      content: message.content,
      messagingType: message.messagingType ?? "RESPONSE",
      tag: message.tag,
    },
    deps.graphVersion,
  );
  const started = process.hrtime.bigint();
  const result = await deps.graph.send(request, token, run.signal);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  deps.metrics.graphDuration.observe({ platform: message.platform }, seconds);
  deps.metrics.graphRequests.inc({
    platform: message.platform,
    outcome: result.ok
      ? "accepted"
      : classifyGraphFailure(result.failure, { messagingType: message.messagingType }).action,
    code: result.ok ? "" : failureCode(result.failure),
  });
  return result;
}

async function settle(
  deps: OutboundDeps,
  run: DrainRun,
  message: MessageRecord,
  channel: StoredChannel,
  window: WindowDocument,
  result: GraphSendResult | "unreadable_token",
): Promise<Step> {
  if (result === "unreadable_token") {
    deps.log.error({ channelId: message.channelId }, "channel token cannot be decrypted");
    await deps.channelNews?.authFailed(channel, "the stored token cannot be decrypted");
    return fail(deps, message, window, "channel_auth_failed");
  }
  if (result.ok) return markSent(deps, run, message, result.metaMessageId);
  const verdict = classifyGraphFailure(result.failure, { messagingType: message.messagingType });
  const meta = metaInfo(result.failure);
  if (verdict.action === "sent") return markSent(deps, run, message, null);
  if (verdict.action === "fail") {
    if (verdict.windowDisagreement) {
      deps.metrics.metaDisagreements.inc({ platform: message.platform });
      // Meta's ad window "may" last 7 days; when Meta says no, the conversation is back to 24 hours.
      if (window.adWindow) await deps.drain.dropAdWindow(message);
    }
    await tellChannelNews(deps, channel, verdict.reason, meta);
    return fail(deps, message, window, verdict.reason, meta, verdict.cause);
  }
  if (message.attempts >= deps.maxAttempts)
    return fail(deps, message, window, verdict.exhaustedReason, meta);
  // Messenger and Instagram echo what they sent: give the echo time to confirm before re-sending.
  const echoWait = verdict.outcomeUnknown && message.platform !== "whatsapp" ? deps.echoGraceMs : 0;
  const delayMs = Math.max(retryDelayMs(message.attempts, deps.retry), echoWait);
  const retry = await deps.drain.settleRetry(run.conv, message.id, {
    delayMs,
    unknownOutcome: verdict.outcomeUnknown,
    push: verdict.throttle,
    pacing: channel.pacing,
  });
  deps.log.info(
    {
      messageId: message.id,
      attempt: message.attempts,
      delayMs,
      code: failureCode(result.failure),
    },
    "graph send will be retried",
  );
  return retry.changed ? { kind: "later", delayMs } : { kind: "again" };
}

async function markSent(
  deps: OutboundDeps,
  run: DrainRun,
  message: MessageRecord,
  metaMessageId: string | null,
): Promise<Step> {
  // Without a receiver no event follows the outcome, so the reply leaves the head in the same trip.
  const popLease = deps.events.queuesEvents ? null : run.lease;
  const settled = await deps.drain.settleSent(message, message.id, metaMessageId, popLease);
  // An echo may have confirmed the send first (and announced it); the outcome is counted here only.
  if (settled.changed) {
    const sent = { ...message, status: "sent" as const, sentAt: settled.now, metaMessageId };
    await deps.events.publish([sentEvent(sent, settled.now)]);
  }
  deps.metrics.outboundMessages.inc({ platform: message.platform, status: "sent", reason: "" });
  deps.metrics.outboundLatency.observe(
    { platform: message.platform },
    Math.max(0, settled.now - message.createdAt) / 1000,
  );
  if (settled.popped) return { kind: "popped", empty: settled.popped === "empty" };
  return { kind: "next", popId: message.id };
}

async function fail(
  deps: OutboundDeps,
  message: MessageRecord,
  window: WindowDocument,
  reason: FailureReason,
  meta?: MetaErrorInfo,
  cause?: FailureCause,
): Promise<Step> {
  const failure: MessageFailure = {
    reason,
    message: failureSentence({ reason, platform: message.platform, window, meta, cause }),
    ...(meta ? { meta } : {}),
  };
  const settled = await deps.drain.settleFailed(message, message.id, failure, window);
  if (settled.changed) {
    await deps.events.publish([failedEvent(message, failure, window, settled.now)]);
    deps.metrics.outboundMessages.inc({ platform: message.platform, status: "failed", reason });
    deps.log.info({ messageId: message.id, reason }, "message failed");
  }
  return { kind: "next", popId: message.id };
}

async function replaySettled(
  deps: OutboundDeps,
  message: MessageRecord,
  now: number,
): Promise<Step> {
  const event = settledEvent(message, now);
  if (event) await deps.events.publish([event]);
  return { kind: "next", popId: message.id };
}

/** Meta's refusal says the channel, not this reply, is the problem: its state changes first. */
async function tellChannelNews(
  deps: OutboundDeps,
  channel: StoredChannel,
  reason: FailureReason,
  meta: MetaErrorInfo | undefined,
): Promise<void> {
  if (!deps.channelNews) return;
  const said = meta
    ? `Meta error ${meta.code}${meta.subcode === undefined ? "" : `/${meta.subcode}`}: ${meta.message}`
    : reason;
  if (reason === "channel_restricted") await deps.channelNews.restricted(channel, said);
  if (reason === "channel_auth_failed") await deps.channelNews.authFailed(channel, said);
}

function metaInfo(failure: GraphFailure): MetaErrorInfo | undefined {
  if (failure.kind !== "meta") return undefined;
  return {
    code: failure.code,
    ...(failure.subcode !== undefined ? { subcode: failure.subcode } : {}),
    message: failure.message,
  };
}

function failureCode(failure: GraphFailure): string {
  switch (failure.kind) {
    case "meta":
      return failure.subcode === undefined
        ? String(failure.code)
        : `${failure.code}/${failure.subcode}`;
    case "http":
      return `http_${failure.httpStatus}`;
    case "timeout":
      return "timeout";
    case "network":
      return "network";
  }
}
