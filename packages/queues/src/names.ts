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
 * BullMQ key prefix of a queue. The braces make it a Redis Cluster hash tag, so every key of one
 * queue lives in one slot while different queues spread over the cluster.
 */
export function queuePrefix(keyPrefix: string, queue: QueueName): string {
  return `{${keyPrefix}:${queue}}`;
}
