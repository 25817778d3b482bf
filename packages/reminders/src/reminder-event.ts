import { MINUTE_MS, toIso, type ChannelRef, type RelayEvent } from "@meta-relay/core";
import { reminderEventId } from "@meta-relay/queues";
import type { DueReminder } from "@meta-relay/store";

/**
 * The `conversation.window_expiring` event of a due reminder. Its id comes from the reminder
 * itself (conversation, window, lead time, customer action), so that however often it is found —
 * a second sweeper, a re-scan after a crash — the events queue takes it once.
 */
export function windowExpiringEvent(
  channel: ChannelRef,
  reminder: DueReminder,
  nowMs: number,
): RelayEvent<"conversation.window_expiring"> {
  return {
    id: reminderEventId({ ...channel, userId: reminder.userId }, reminder.entry),
    type: "conversation.window_expiring",
    occurredAt: toIso(nowMs),
    data: {
      platform: channel.platform,
      channelId: channel.channelId,
      userId: reminder.userId,
      window: reminder.window,
      endsAt: toIso(reminder.endsAt),
      lastCustomerMessageAt: toIso(reminder.lastCustomerMessageAt),
      minutesLeft: Math.max(0, Math.round((reminder.endsAt - nowMs) / MINUTE_MS)),
    },
  };
}
