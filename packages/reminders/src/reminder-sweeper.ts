import { randomUUID } from "node:crypto";
import type { ChannelRef, RelayEvent } from "@meta-relay/core";
import type { Logger, RelayMetrics } from "@meta-relay/observability";
import type { ReminderStore } from "@meta-relay/store";
import { windowExpiringEvent } from "./reminder-event";

/** How often each worker process looks for due reminders (ms). */
export const DEFAULT_TICK_MS = 5_000;
/**
 * How long the sweep lease lasts without renewal (ms). A killed sweeper's reminders are taken over
 * within this plus a tick, well inside the 30 seconds a reminder may be late.
 */
export const DEFAULT_LEASE_MS = 12_000;
/** Scan steps per channel and sweep; the rest waits for the next tick. */
const MAX_STEPS_PER_CHANNEL = 20;

export interface ReminderSweeperDeps {
  store: ReminderStore;
  /** Puts events on the events queue (deduplicated by event id). */
  publish: (events: RelayEvent[]) => Promise<void>;
  /** WINDOW_REMINDER_MINUTES; the sweeper does nothing when empty. */
  leadMinutes: readonly number[];
  log: Logger;
  metrics: Pick<RelayMetrics, "windowReminders">;
  tickMs?: number;
  leaseMs?: number;
}

export interface ReminderSweeper {
  /** One sweep now, if this process holds (or takes) the lease; resolves when it is done. */
  sweepOnce(): Promise<void>;
  isLive(): boolean;
  /** Stops ticking, waits for a sweep in progress and gives the lease up. */
  close(): Promise<void>;
}

/**
 * Every worker process runs one; the one holding the lease sweeps every channel each tick. A
 * reminder is in its channel's outbox until its event is on the events queue, so a sweeper killed
 * at any point loses none, and the event id makes the next sweeper's re-publication a no-op.
 */
export function startReminderSweeper(deps: ReminderSweeperDeps): ReminderSweeper {
  const token = randomUUID();
  const tickMs = deps.tickMs ?? DEFAULT_TICK_MS;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;

  const sweepOnce = (): Promise<void> => {
    if (current) return current;
    current = sweep(deps, token, leaseMs).finally(() => {
      current = null;
    });
    return current;
  };

  const loop = () => {
    timer = null;
    sweepOnce()
      .catch((err: unknown) => deps.log.warn({ err }, "reminder sweep failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, tickMs);
      });
  };

  if (deps.leadMinutes.length > 0) {
    timer = setTimeout(loop, 0);
    deps.log.info({ leadMinutes: deps.leadMinutes }, "window reminders on");
  } else {
    deps.log.info({}, "window reminders off (WINDOW_REMINDER_MINUTES is empty)");
  }

  return {
    sweepOnce,
    isLive: () => !stopped,
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current?.catch(() => undefined);
      await deps.store.releaseLease(token).catch(() => undefined);
    },
  };
}

async function sweep(deps: ReminderSweeperDeps, token: string, leaseMs: number): Promise<void> {
  if (deps.leadMinutes.length === 0) return;
  const held = await deps.store.holdLease(token, leaseMs);
  if (!held) return;
  if (held === "taken") deps.log.info({ lease: token }, "reminder sweep lease taken");
  let renewedAt = Date.now();
  for (const channel of await deps.store.channels()) {
    if (Date.now() - renewedAt > leaseMs / 3) {
      // Another process took over while this one stalled: leave the rest to it.
      if (!(await deps.store.holdLease(token, leaseMs))) return;
      renewedAt = Date.now();
    }
    await sweepChannel(deps, channel);
  }
}

async function sweepChannel(deps: ReminderSweeperDeps, channel: ChannelRef): Promise<void> {
  for (let step = 0; step < MAX_STEPS_PER_CHANNEL; step++) {
    const scan = await deps.store.scan(channel, deps.leadMinutes);
    if (scan.due.length > 0) {
      await deps.publish(scan.due.map((due) => windowExpiringEvent(channel, due, scan.now)));
      await deps.store.acknowledge(
        channel,
        scan.due.map((due) => due.entry),
      );
      for (const due of scan.due) {
        deps.metrics.windowReminders.inc({ platform: channel.platform, window: due.window });
      }
    }
    if (!scan.more) return;
  }
}
