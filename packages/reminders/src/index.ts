export {
  startReminderSweeper,
  DEFAULT_TICK_MS,
  DEFAULT_LEASE_MS,
  type ReminderSweeper,
  type ReminderSweeperDeps,
} from "./reminder-sweeper";
export { windowExpiringEvent } from "./reminder-event";
