import { EVENTS_QUEUE, EventPublisher, publisherOptions, openQueue } from "@meta-relay/queues";
import { startReminderSweeper } from "@meta-relay/reminders";
import { createKeys, createReminderStore } from "@meta-relay/store";
import type { RunningProcessor, WorkerContext } from "./processor";

/** Knobs tests may turn; the defaults suit production. */
export interface ReminderSweepOptions {
  tickMs?: number;
  leaseMs?: number;
}

/** The sweep that emits `conversation.window_expiring` (WINDOW_REMINDER_MINUTES) from this process. */
export async function startReminderSweep(
  context: WorkerContext,
  options: ReminderSweepOptions = {},
): Promise<RunningProcessor> {
  const { config } = context;
  const log = context.logger.child({ module: "reminders" });
  const events = openQueue(EVENTS_QUEUE, {
    connection: context.redis,
    keyPrefix: config.redis.keyPrefix,
    onError: (err) => log.warn({ err }, "events queue error"),
  });
  await events.waitUntilReady();
  const publisher = new EventPublisher(
    events,
    publisherOptions(config.events, context.metrics.events),
  );
  const sweeper = startReminderSweeper({
    store: createReminderStore(context.redis, createKeys(config.redis.keyPrefix)),
    publish: (list) => publisher.publish(list),
    leadMinutes: config.reminderLeadMinutes,
    log,
    metrics: context.metrics,
    ...options,
  });
  return {
    name: "reminders",
    isLive: () => sweeper.isLive(),
    async close() {
      await sweeper.close();
      await events.close();
    },
  };
}
