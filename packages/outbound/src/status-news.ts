import {
  canAdvanceStatus,
  describeWindow,
  failureSentence,
  isPlatform,
  type ChannelRef,
  type ConversationRef,
  type Echo,
  type MessageFailure,
  type MessageStatus,
  type RelayEvent,
  type StatusUpdate,
  type WindowDocument,
} from "@meta-relay/core";
import { isWindowRefusal, reasonForStatusErrors } from "@meta-relay/meta";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import {
  createStatusStore,
  MESSAGE_ID_PATTERN,
  type Keys,
  type MessageRecord,
  type RedisClient,
  type StatusStore,
} from "@meta-relay/store";
import { deliveredEvent, failedEvent, readEvent, sentEvent } from "./outbound-events";

export interface StatusNewsDeps {
  redis: RedisClient;
  keys: Keys;
  /** WINDOW_SAFETY_MARGIN_SECONDS in ms (for the window document of a failure). */
  marginMs: number;
  /** Puts events on the events queue; rejects when Redis did not take them. */
  publish: (events: RelayEvent[]) => Promise<void>;
  metrics: RelayMetrics;
  log: Logger;
}

/** Takes Meta's news about our messages; rejects when its writes were not acknowledged. */
export interface StatusNews {
  apply(items: (StatusUpdate | Echo)[]): Promise<void>;
}

/** A message whose status moved because of what Meta reported. */
type StatusChange =
  | { type: "sent"; message: MessageRecord }
  | { type: "delivered" | "read"; message: MessageRecord; timestampMs: number }
  | { type: "failed"; message: MessageRecord; failure: MessageFailure; window: WindowDocument };

/**
 * Updates our message records from Meta's news: WhatsApp statuses by wamid, Messenger delivery
 * mids and watermarks, read watermarks, and echoes carrying our id (which confirm a send whose
 * answer was lost). Statuses only move forward; each change is announced once (`message.sent`,
 * `message.delivered`, `message.read`, `message.failed`).
 */
export function createStatusNews(deps: StatusNewsDeps): StatusNews {
  const store = createStatusStore(deps.redis, deps.keys);
  return {
    async apply(items) {
      if (items.length === 0) return;
      const changes: StatusChange[] = [];
      for (const item of items) {
        if (item.type === "echo") {
          const change = await applyEcho(store, item);
          if (change) changes.push(change);
        } else {
          changes.push(...(await applyStatus(store, deps.marginMs, item)));
        }
      }
      if (changes.length === 0) return;
      for (const change of changes) observe(deps, change);
      const at = Date.now();
      await deps.publish(changes.map((change) => eventOf(change, at)));
    },
  };
}

async function applyStatus(
  store: StatusStore,
  marginMs: number,
  update: StatusUpdate,
): Promise<StatusChange[]> {
  if (update.status === "sent") return [];
  const changes: StatusChange[] = [];
  for (const id of await idsOf(store, update)) {
    const change =
      update.status === "failed"
        ? await applyFailed(store, marginMs, update, id)
        : await applyReceipt(store, update, id);
    if (change) changes.push(change);
  }
  const conv = conversationOf(update);
  if (update.status === "read" && update.watermarkMs !== undefined && conv) {
    await store.forgetReadUpTo(conv, update.watermarkMs);
  }
  return changes;
}

async function idsOf(store: StatusStore, update: StatusUpdate): Promise<string[]> {
  const ids = new Set(await store.idsByMetaMessageIds(update, update.metaMessageIds));
  const conv = conversationOf(update);
  if (update.watermarkMs !== undefined && conv) {
    for (const id of await store.sentUnreadUpTo(conv, update.watermarkMs)) ids.add(id);
  }
  return [...ids];
}

function conversationOf(update: StatusUpdate): ConversationRef | null {
  return update.userId ? { ...update, userId: update.userId } : null;
}

async function applyReceipt(
  store: StatusStore,
  update: StatusUpdate,
  id: string,
): Promise<StatusChange | null> {
  const next = update.status === "read" ? "read" : "delivered";
  const at = next === "read" ? "readAt" : "deliveredAt";
  const message = await advance(store, update, id, next, [at, update.timestampMs]);
  return message ? { type: next, message, timestampMs: update.timestampMs } : null;
}

async function applyFailed(
  store: StatusStore,
  marginMs: number,
  update: StatusUpdate,
  id: string,
): Promise<StatusChange | null> {
  const errors = update.errors ?? [];
  const reason = reasonForStatusErrors(errors);
  const record = await store.read(update, id);
  if (!record) return null;
  const window = describeWindow({
    platform: record.platform,
    ...(await store.windowInputs(record)),
    marginMs,
  });
  const meta = errors[0];
  const failure: MessageFailure = {
    reason,
    message: failureSentence({ reason, platform: record.platform, window, meta }),
    ...(meta ? { meta } : {}),
  };
  const message = await advance(store, update, id, "failed", [
    "failure",
    JSON.stringify(failure),
    "failureWindow",
    JSON.stringify(window),
    "failedAt",
    update.timestampMs,
  ]);
  return message ? { type: "failed", message: { ...message, failure }, failure, window } : null;
}

/** Moves a status forward only; a few tries when another webhook moved it meanwhile. */
async function advance(
  store: StatusStore,
  ref: ChannelRef,
  id: string,
  next: MessageStatus,
  fields: (string | number)[],
): Promise<MessageRecord | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await store.read(ref, id);
    if (!current || !canAdvanceStatus(current.status, next)) return null;
    if (await store.advance(ref, id, current.status, next, fields)) {
      return { ...current, status: next };
    }
  }
  return null;
}

async function applyEcho(store: StatusStore, echo: Echo): Promise<StatusChange | null> {
  const id = echo.metadata;
  if (!id || !MESSAGE_ID_PATTERN.test(id) || !isPlatform(echo.platform)) return null;
  const settled = await store.confirmSent(echo, id, echo.metaMessageId);
  if (!settled.changed) return null;
  const message = await store.read(echo, id);
  return message ? { type: "sent", message } : null;
}

function observe(deps: StatusNewsDeps, change: StatusChange): void {
  const { message } = change;
  if (change.type === "failed") {
    // WhatsApp accepted, then refused as outside the window: Meta disagreed with our record.
    if (
      message.platform === "whatsapp" &&
      isWindowRefusal(change.failure.meta ? [change.failure.meta] : [])
    ) {
      deps.metrics.metaDisagreements.inc({ platform: message.platform });
    }
    deps.log.info(
      { messageId: message.id, reason: change.failure.reason },
      "message failed after acceptance",
    );
  }
  if (change.type === "sent") deps.log.info({ messageId: message.id }, "echo confirmed a send");
}

function eventOf(change: StatusChange, at: number): RelayEvent {
  const { message } = change;
  switch (change.type) {
    case "sent":
      return sentEvent(message, message.sentAt ?? at);
    case "delivered":
      return deliveredEvent(message, change.timestampMs, at);
    case "read":
      return readEvent(message, change.timestampMs, at);
    case "failed":
      return failedEvent(message, change.failure, change.window, at);
  }
}
