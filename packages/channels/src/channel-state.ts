import type {
  ChannelEventType,
  ChannelNotice,
  ChannelRef,
  ChannelSource,
  RelayEvent,
} from "@meta-relay/core";
import type { Logger } from "@meta-relay/observability";
import type { ChannelStateStore, ChannelStore, TransitionResult } from "@meta-relay/store";
import { channelEvent, itemKey, type ChannelEventFacts } from "./channel-events";

/** Where channel events go: the events queue's publisher (or anything that takes events). */
export interface EventSink {
  publish(events: RelayEvent[]): Promise<void>;
}

export interface ChannelStateDeps {
  channels: ChannelStore;
  state: ChannelStateStore;
  events: EventSink;
  log: Logger;
}

export interface ChannelChange {
  source: ChannelSource;
  /** Meta's words or error. */
  reason?: string | undefined;
  /** Restrictions: when Meta said it ends (ms). */
  untilMs?: number | undefined;
  /** The webhook item, as Meta sent it. */
  raw?: unknown;
}

/**
 * Moves channels between `active`, `restricted` and `auth_failed` as Meta's news arrives, and
 * announces each change with its `channel.*` event. A change reported again (a redelivered
 * webhook, several sends refused at once) announces it again under the same event id, so an event
 * lost to a crash between the change and its publication is not lost for good.
 */
export function createChannelState(deps: ChannelStateDeps) {
  const announce = async (
    type: ChannelEventType,
    ref: ChannelRef,
    facts: ChannelEventFacts,
    key: string,
    atMs: number,
  ) => {
    await deps.events.publish([channelEvent(type, ref, facts, key, atMs)]);
  };
  const since = (result: TransitionResult) =>
    result.kind === "missing" ? Date.now() : (result.sinceMs ?? Date.now());

  return {
    /** Meta restricted the channel from sending (policy block, 10/1893063, WhatsApp restriction). */
    async restrict(ref: ChannelRef, change: ChannelChange): Promise<TransitionResult> {
      const result = await deps.state.transition(ref, {
        to: "restricted",
        restriction: {
          reason: change.reason ?? "",
          source: change.source,
          ...(change.untilMs !== undefined ? { untilMs: change.untilMs } : {}),
        },
      });
      if (result.kind !== "missing" && result.status === "restricted") {
        if (result.kind === "changed") logChange(deps.log, ref, "restricted", change);
        const at = since(result);
        await announce("channel.restricted", ref, facts("restricted", change), `${at}`, at);
      }
      return result;
    },

    /** Meta lifted the restriction (`unblock`, a reinstatement, its announced end). */
    async lift(ref: ChannelRef, change: ChannelChange): Promise<TransitionResult> {
      const result = await deps.state.transition(ref, { to: "active", onlyFrom: "restricted" });
      const lifted =
        result.kind === "changed" ||
        (result.kind === "unchanged" &&
          result.status === "active" &&
          result.previous === "restricted");
      if (lifted) {
        if (result.kind === "changed") logChange(deps.log, ref, "active", change);
        const at = since(result);
        await announce("channel.unrestricted", ref, facts("active", change), `${at}`, at);
      }
      return result;
    },

    /** A restriction a PUT lifted (the channel is active again from `atMs`). */
    async liftedByPut(ref: ChannelRef, atMs: number): Promise<void> {
      logChange(deps.log, ref, "active", { source: "api" });
      await announce(
        "channel.unrestricted",
        ref,
        { status: "active", source: "api" },
        `${atMs}`,
        atMs,
      );
    },

    /** Meta warned about the channel's conduct: announced, nothing else changes. */
    async warn(ref: ChannelRef, change: ChannelChange): Promise<void> {
      const channel = await deps.channels.get(ref);
      if (!channel) return;
      const at = Date.now();
      deps.log.warn(
        { platform: ref.platform, channelId: ref.channelId },
        "meta warned the channel",
      );
      await announce(
        "channel.warning",
        ref,
        facts(channel.status, change),
        itemKey(change.raw ?? change.reason),
        at,
      );
    },

    /** The channel's token no longer works: its replies fail fast until it is PUT again. */
    async authFailed(ref: ChannelRef, change: ChannelChange): Promise<TransitionResult> {
      const result = await deps.state.transition(ref, { to: "auth_failed" });
      if (result.kind !== "missing" && result.status === "auth_failed") {
        if (result.kind === "changed") logChange(deps.log, ref, "auth_failed", change);
        const at = since(result);
        await announce("channel.auth_failed", ref, facts("auth_failed", change), `${at}`, at);
      }
      return result;
    },

    /** The watchdog found the app unsubscribed and subscribed it again. */
    async resubscribed(ref: ChannelRef, checkedAtMs: number): Promise<void> {
      const channel = await deps.channels.get(ref);
      deps.log.warn(
        { platform: ref.platform, channelId: ref.channelId },
        "webhook subscription repaired",
      );
      await announce(
        "channel.resubscribed",
        ref,
        { status: channel?.status ?? "active", source: "watchdog" },
        `${checkedAtMs}`,
        checkedAtMs,
      );
    },

    /** Applies Meta's channel notices from one webhook (policy enforcement, account updates). */
    async applyNotices(notices: readonly ChannelNotice[]): Promise<void> {
      for (const notice of notices) {
        for (const ref of await refsOf(deps.channels, notice)) {
          const change: ChannelChange = {
            source: notice.source,
            reason: notice.reason,
            untilMs: notice.untilMs,
            raw: notice.raw,
          };
          if (notice.action === "block") await this.restrict(ref, change);
          else if (notice.action === "unblock") await this.lift(ref, change);
          else await this.warn(ref, change);
        }
      }
    },
  };
}

export type ChannelState = ReturnType<typeof createChannelState>;

function facts(status: ChannelEventFacts["status"], change: ChannelChange): ChannelEventFacts {
  return { status, source: change.source, reason: change.reason, raw: change.raw };
}

/** The channels a notice is about: the page or account, or every number of a WhatsApp account. */
async function refsOf(channels: ChannelStore, notice: ChannelNotice): Promise<ChannelRef[]> {
  if (notice.platform !== "whatsapp") {
    return [{ platform: notice.platform, channelId: notice.channelId }];
  }
  if (!notice.wabaId) return [];
  // Rare news: a scan of the registry is cheaper than an index kept on every connect.
  const all = await channels.list();
  return all
    .filter((c) => c.platform === "whatsapp" && c.wabaId === notice.wabaId)
    .map((c) => ({ platform: c.platform, channelId: c.channelId }));
}

function logChange(log: Logger, ref: ChannelRef, status: string, change: ChannelChange): void {
  log.warn(
    { platform: ref.platform, channelId: ref.channelId, status, source: change.source },
    "channel status changed",
  );
}
