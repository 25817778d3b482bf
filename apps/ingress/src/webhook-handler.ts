import {
  HOUR_MS,
  UnavailableError,
  type ChannelNotice,
  type CustomerAction,
  type Echo,
  type InboundItem,
  type StatusUpdate,
} from "@meta-relay/core";
import { normaliseWebhook, UNADDRESSABLE_KIND, type NormalisedWebhook } from "@meta-relay/meta";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import { RECEIVED_DEDUPE_TTL_MS } from "@meta-relay/queues";
import type { WindowStore } from "@meta-relay/store";
import type { EventsQueue } from "./events-queue";
import { inboundEvent, type CustomerItem } from "./inbound-events";
import { statusItemKind, type StatusSink } from "./status-sink";

/**
 * How long the ingress waits for Redis to acknowledge a webhook's writes before it answers 503.
 * Product promise: 503 within 2 s; the fail-fast connection usually refuses far sooner.
 */
const WRITE_DEADLINE_MS = 1_500;

export interface WebhookHandlerDeps {
  windows: WindowStore;
  events: EventsQueue;
  statusSink: StatusSink;
  /** Meta's news about channels (policy enforcement, account updates): restrict, lift, warn. */
  channelNotices?: { applyNotices(notices: readonly ChannelNotice[]): Promise<void> } | undefined;
  /** Notes that webhooks arrive for the channels named (never awaited: off the hot path). */
  activity?: { seen(items: readonly InboundItem[]): void } | undefined;
  metrics: RelayMetrics;
  log: Logger;
}

export interface WebhookResult {
  normalised: NormalisedWebhook;
  /** Customer actions, edits and deletions announced (or already announced: redeliveries). */
  actions: number;
  statusItems: number;
}

/**
 * Records one verified, parsed webhook: window updates first, then the events of the customers'
 * actions (received, edited, deleted), then status items. Resolves only after Redis acknowledged
 * all of it; a crash between the steps is repaired by Meta's redelivery, since the window max is
 * idempotent and the event claim atomic. Throws InvalidWebhookError for a body that is not a
 * webhook, UnavailableError when Redis cannot take the writes in time.
 */
export function createWebhookHandler(deps: WebhookHandlerDeps) {
  // `requestLog`: the request's logger, whose lines carry its request id, made only if a line is written.
  return async (payload: unknown, requestLog?: () => Logger): Promise<WebhookResult> => {
    const log = requestLog ?? (() => deps.log);
    const normalised = normaliseWebhook(payload);
    countItems(deps, normalised, log);
    const customerItems = withoutStale(deps, normalised.items.filter(isCustomerItem), log);
    const statusItems = normalised.items.filter(isStatusItem);
    const notices = normalised.items.filter(isChannelNotice);
    deps.activity?.seen(normalised.items);
    if (customerItems.length > 0 || statusItems.length > 0) {
      await withDeadline(record(deps, customerItems, statusItems), WRITE_DEADLINE_MS);
    }
    if (notices.length > 0 && deps.channelNotices) {
      // Rare and decisive (a restriction stops every reply): recorded before the 200, so a
      // failure makes Meta deliver the notice again.
      await withDeadline(applyNotices(deps.channelNotices, notices), WRITE_DEADLINE_MS);
    }
    return { normalised, actions: customerItems.length, statusItems: statusItems.length };
  };
}

async function record(
  deps: WebhookHandlerDeps,
  customerItems: CustomerItem[],
  statusItems: (StatusUpdate | Echo)[],
): Promise<void> {
  try {
    if (customerItems.length > 0) {
      const openers = customerItems.filter(opensWindow);
      if (openers.length > 0) await deps.windows.recordCustomerActions(openers);
      const publisher = await deps.events.publisher();
      const now = Date.now();
      await publisher.publish(customerItems.map((item) => inboundEvent(item, now)));
    }
    if (statusItems.length > 0) await deps.statusSink.apply(statusItems);
  } catch (error) {
    if (error instanceof UnavailableError) throw error;
    throw new UnavailableError("Redis did not acknowledge the webhook.", error);
  }
}

/**
 * A customer action older than this is neither recorded nor announced. Its event's dedupe claim
 * lives RECEIVED_DEDUPE_TTL_MS from the first delivery, so a webhook replayed later than that would
 * otherwise announce the action a second time (Meta stops redelivering days earlier, and the window
 * of such an action is long over). The hour of margin covers clock skew between Meta and us.
 */
const STALE_ACTION_MS = RECEIVED_DEDUPE_TTL_MS - HOUR_MS;

function withoutStale(
  deps: WebhookHandlerDeps,
  actions: CustomerItem[],
  log: () => Logger,
): CustomerItem[] {
  const oldest = Date.now() - STALE_ACTION_MS;
  const fresh = actions.filter((action) => action.timestampMs >= oldest);
  const stale = actions.length - fresh.length;
  if (stale > 0) {
    const platform = actions[0]?.platform ?? "unknown";
    deps.metrics.webhookItems.inc({ platform, kind: "ignored_stale" }, stale);
    log().info({ platform, stale }, "customer actions older than the dedupe horizon ignored");
  }
  return fresh;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    // Timers run before I/O in each turn of the event loop: after a stall of this process, Redis's
    // answer may already be read off the socket yet not handled. One I/O pass (setImmediate runs
    // after it) lets such an answer win, so only a Redis that really did not answer gives a 503.
    timer = setTimeout(
      () =>
        setImmediate(() => reject(new UnavailableError(`Redis did not answer within ${ms} ms.`))),
      ms,
    );
  });
  // A write still in flight after the deadline may land; the redelivery repeats it harmlessly.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function countItems(
  deps: WebhookHandlerDeps,
  normalised: NormalisedWebhook,
  log: () => Logger,
): void {
  // One increment per label: a batch of thousands of items costs a handful of counter updates.
  const counts = new Map<string, { platform: string; kind: string; n: number }>();
  for (const item of normalised.items) {
    const kind = itemKind(item);
    const key = `${item.platform}\n${kind}`;
    const known = counts.get(key);
    if (known) known.n += 1;
    else counts.set(key, { platform: item.platform, kind, n: 1 });
  }
  for (const { platform, kind, n } of counts.values()) {
    deps.metrics.webhookItems.inc({ platform, kind }, n);
    if (kind === `ignored_${UNADDRESSABLE_KIND}`) {
      // Never the ids themselves: they may be anything, of any length.
      log().warn({ platform, skipped: n }, "webhook items naming unaddressable ids skipped");
    }
  }
  if (normalised.platform && normalised.malformedCount > 0) {
    deps.metrics.webhookItems.inc(
      { platform: normalised.platform, kind: "malformed" },
      normalised.malformedCount,
    );
  }
  for (const bad of normalised.malformed) {
    log().warn(
      { platform: bad.platform, path: bad.path, issue: bad.issue },
      "malformed webhook item skipped",
    );
  }
  const undescribed = normalised.malformedCount - normalised.malformed.length;
  if (undescribed > 0) {
    log().warn(
      { platform: normalised.platform, skipped: undescribed },
      "further malformed webhook items skipped",
    );
  }
}

async function applyNotices(
  sink: NonNullable<WebhookHandlerDeps["channelNotices"]>,
  notices: ChannelNotice[],
): Promise<void> {
  try {
    await sink.applyNotices(notices);
  } catch (error) {
    throw new UnavailableError("Redis did not acknowledge the channel notice.", error);
  }
}

function itemKind(item: InboundItem): string {
  switch (item.type) {
    case "customer_action":
      return item.kind;
    case "customer_edit":
      return "edit";
    case "customer_deletion":
      return "deletion";
    case "ignored":
      return `ignored_${item.kind}`;
    case "channel_notice":
      return `${item.source}_${item.action}`;
    default:
      return statusItemKind(item);
  }
}

function isCustomerItem(item: InboundItem): item is CustomerItem {
  return (
    item.type === "customer_action" ||
    item.type === "customer_edit" ||
    item.type === "customer_deletion"
  );
}

function opensWindow(item: CustomerItem): item is CustomerAction {
  return item.type === "customer_action" && item.opensWindow;
}

function isChannelNotice(item: InboundItem): item is ChannelNotice {
  return item.type === "channel_notice";
}

function isStatusItem(item: InboundItem): item is StatusUpdate | Echo {
  return item.type === "status" || item.type === "echo";
}
