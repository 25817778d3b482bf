/** Replies to customers: one drain job per conversation with replies waiting. */
export const OUTBOUND_QUEUE = "outbound";
/** Events for the agent platform, one job per event. */
export const EVENTS_QUEUE = "events";

/**
 * Queue names. Renaming one strands the jobs already in it: add a new queue and drain the old one.
 */
export const QUEUE_NAMES = [OUTBOUND_QUEUE, EVENTS_QUEUE] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * The queue of the channel watchdog's scheduled job (one at a time, whatever the number of
 * workers). Not in QUEUE_NAMES: it holds one job per period and never scales workers.
 */
export const CHANNELS_QUEUE = "channels";

/**
 * BullMQ key prefix of a queue. The braces make it a Redis Cluster hash tag, so every key of one
 * queue lives in one slot while different queues spread over the cluster.
 */
export function queuePrefix(keyPrefix: string, queue: QueueName | typeof CHANNELS_QUEUE): string {
  return `{${keyPrefix}:${queue}}`;
}
