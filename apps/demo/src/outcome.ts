import type {
  FailureReason,
  MessageFailedData,
  MessageReceivedData,
  MessageSentData,
  MessagingType,
  WindowExpiringData,
} from "@meta-relay/core";
import { describeReceived } from "./received-format";
import type { MessageView } from "./relay-client";

/** What a reply should come to: accepted by Meta (sent the given way), or refused for a reason. */
export type Expectation =
  | { outcome: "delivered"; messagingType: MessagingType; tag?: "HUMAN_AGENT" }
  | { outcome: "refused"; reason: FailureReason };

/** Everything the demo has learnt about one reply so far, from the API and from the events. */
export interface ReplyObservation {
  /** The latest GET /v1/messages/{id} (or the 202 of the POST); null before it was posted. */
  record: MessageView | null;
  sent: MessageSentData | null;
  failed: MessageFailedData | null;
}

/** A customer's webhook as the ingress answered it, and the event the agent platform got. */
export interface WriteObservation {
  /** HTTP status the ingress answered; null before it answered. */
  webhookStatus: number | null;
  received: MessageReceivedData | null;
}

/** How a row of the progress display stands. */
export interface Verdict {
  /** No more news is needed to judge it. */
  settled: boolean;
  /** Settled and as expected. */
  ok: boolean;
  /** Short state, e.g. "delivered · status sent · RESPONSE" or "refused · window_closed". */
  summary: string;
  /** The sentence an agent reads, for refusals. */
  sentence?: string;
  /** What differed, for the closing report; set when settled and not ok. */
  difference?: string;
}

/** "Delivered" in the demo: Meta accepted the message. */
const ACCEPTED = new Set(["sent", "delivered", "read"]);

export function describeExpectation(expect: Expectation): string {
  if (expect.outcome === "refused") return `refused · ${expect.reason}`;
  return `delivered · ${wireMode(expect.messagingType, expect.tag)}`;
}

/** Judges a reply; `timedOut` turns a row still waiting into a difference. */
export function judgeReply(expect: Expectation, obs: ReplyObservation, timedOut = false): Verdict {
  const status = obs.record?.status ?? null;
  if (status === "failed" && obs.failed) return judgeRefusal(expect, obs.failed);
  if (status !== null && ACCEPTED.has(status) && obs.sent) {
    return judgeDelivery(expect, status, obs.sent);
  }
  const summary =
    status === null
      ? "not posted yet"
      : status === "queued"
        ? "queued"
        : `${status}, waiting for its event`;
  if (!timedOut) return { settled: false, ok: false, summary };
  return differs(`${summary} (no outcome in time)`, expect);
}

function judgeRefusal(expect: Expectation, failed: MessageFailedData): Verdict {
  const meta = failed.meta ? ` (Meta error ${failed.meta.code})` : "";
  const summary = `refused · ${failed.reason}${meta}`;
  const ok = expect.outcome === "refused" && expect.reason === failed.reason;
  const verdict = ok ? { settled: true, ok, summary } : differs(summary, expect);
  return { ...verdict, sentence: failed.message };
}

function judgeDelivery(expect: Expectation, status: string, sent: MessageSentData): Verdict {
  const mode = wireMode(sent.messagingType, sent.tag);
  const summary = `delivered · status ${status} · ${mode}`;
  const ok =
    expect.outcome === "delivered" &&
    expect.messagingType === sent.messagingType &&
    (expect.tag ?? null) === (sent.tag ?? null);
  return ok ? { settled: true, ok, summary } : differs(summary, expect);
}

/** Meta's policy webhook as the ingress answered it, and the channel event it should cause. */
export interface NoticeObservation {
  webhookStatus: number | null;
  /** The `channel.*` event expected: "channel.restricted" or "channel.unrestricted". */
  expectedEvent: string;
  /** Whether that event reached the agent platform. */
  announced: boolean;
}

export function judgeNotice(obs: NoticeObservation, timedOut = false): Verdict {
  if (obs.webhookStatus !== null && obs.webhookStatus !== 200) {
    const summary = `ingress answered ${obs.webhookStatus}`;
    return { settled: true, ok: false, summary, difference: `${summary}, expected 200` };
  }
  if (obs.webhookStatus === 200 && obs.announced) {
    return { settled: true, ok: true, summary: `webhook 200 · ${obs.expectedEvent}` };
  }
  const summary = obs.webhookStatus === null ? "posting the webhook" : "webhook 200";
  if (!timedOut) return { settled: false, ok: false, summary };
  return {
    settled: true,
    ok: false,
    summary: `${summary} (no ${obs.expectedEvent} event in time)`,
    difference: `no ${obs.expectedEvent} event arrived`,
  };
}

export function judgeWrite(obs: WriteObservation, timedOut = false): Verdict {
  if (obs.webhookStatus !== null && obs.webhookStatus !== 200) {
    const summary = `ingress answered ${obs.webhookStatus}`;
    return { settled: true, ok: false, summary, difference: `${summary}, expected 200` };
  }
  if (obs.webhookStatus === 200 && obs.received) {
    return {
      settled: true,
      ok: true,
      summary: `webhook 200 · message.received · ${describeReceived(obs.received)}`,
    };
  }
  const summary = obs.webhookStatus === null ? "posting the webhook" : "webhook 200";
  if (!timedOut) return { settled: false, ok: false, summary };
  return {
    settled: true,
    ok: false,
    summary: `${summary} (no message.received event in time)`,
    difference: "no message.received event arrived",
  };
}

function differs(summary: string, expect: Expectation): Verdict {
  return {
    settled: true,
    ok: false,
    summary: `${summary} — expected ${describeExpectation(expect)}`,
    difference: `expected ${describeExpectation(expect)}, got ${summary}`,
  };
}

function wireMode(messagingType: MessagingType, tag: string | undefined): string {
  return tag ? `${messagingType} + ${tag}` : messagingType;
}

/** Judges the reminders of one conversation: exactly one, for the expected window and lead time. */
export function judgeReminder(
  expect: { window: string; minutesLeft: number },
  got: WindowExpiringData[],
  timedOut = false,
): Verdict {
  const [first] = got;
  if (!first) {
    const summary = "waiting for conversation.window_expiring";
    if (!timedOut) return { settled: false, ok: false, summary };
    return { settled: true, ok: false, summary, difference: "no reminder arrived in time" };
  }
  const summary = `conversation.window_expiring · ${first.window} · ${first.minutesLeft} min left`;
  // A reminder found a few seconds after it fell due rounds to the lead time or a minute less.
  const close =
    first.minutesLeft <= expect.minutesLeft && first.minutesLeft >= expect.minutesLeft - 1;
  if (got.length === 1 && first.window === expect.window && close) {
    return { settled: true, ok: true, summary };
  }
  const wanted = `one ${expect.window} reminder with ${expect.minutesLeft} min left`;
  return {
    settled: true,
    ok: false,
    summary: `${got.length} reminder(s), first: ${summary}`,
    difference: `expected ${wanted}, got ${got.length}: ${summary}`,
  };
}

/** Judges the worklist read: the expected customers, in the expected order. */
export function judgeWorklist(expect: string[], got: string[] | null): Verdict {
  if (got === null) return { settled: false, ok: false, summary: "reading the worklist" };
  const summary = got.length === 0 ? "empty" : got.join(", ");
  if (got.join("\n") === expect.join("\n")) return { settled: true, ok: true, summary };
  return {
    settled: true,
    ok: false,
    summary: `${summary} — expected ${expect.join(", ")}`,
    difference: `expected ${expect.join(", ")}, got ${summary}`,
  };
}
