// What the integration tests of event delivery share: a receiver, configs, sample events.
import { loadConfig, type RelayConfig } from "@meta-relay/config";
import {
  CHANNEL_EVENT_TYPES,
  type ChannelEventType,
  type RelayEvent,
  type WindowDocument,
} from "@meta-relay/core";
import type { RelayMetrics } from "@meta-relay/observability";
import { EventPublisher, EVENTS_QUEUE, openQueue, verifyEventSignature } from "@meta-relay/queues";
import { closeRedis, createRedis } from "@meta-relay/store";
import { testRedisEnv, uniquePrefix } from "@meta-relay/testkit";
import {
  startEventsReceiver,
  waitFor,
  type EventsReceiver,
  type ReceivedRequest,
} from "@meta-relay/testkit/testing";
import { type Queue } from "bullmq";

/** A receiver holding the tests' events secret (see @meta-relay/testkit/testing). */
export function startTestReceiver(): Promise<EventsReceiver> {
  return startEventsReceiver(TEST_EVENTS_SECRET);
}

export type { EventsReceiver as TestReceiver, ReceivedRequest };

/** The channel's status after each `channel.*` event of the samples. */
const STATUS_AFTER = {
  "channel.restricted": "restricted",
  "channel.unrestricted": "active",
  "channel.warning": "active",
  "channel.auth_failed": "auth_failed",
  "channel.resubscribed": "active",
} as const satisfies Record<ChannelEventType, string>;

/** The EVENTS_WEBHOOK_SECRET of the tests' configs. */
export const TEST_EVENTS_SECRET = "events-secret-0123456789";

/** A worker-only config on the test Redis, under a key prefix of its own. */
export function testRelayConfig(env: Record<string, string>): RelayConfig {
  return loadConfig(
    {
      ...testRedisEnv(),
      RELAY_KEY_PREFIX: uniquePrefix("ev"),
      WORKER_PORT: "0",
      RELAY_ENCRYPTION_KEY: "b".repeat(64),
      EVENTS_WEBHOOK_SECRET: TEST_EVENTS_SECRET,
      ...env,
    },
    ["worker"],
  );
}

/** True when the request carries a valid X-Relay-Signature over its raw body. */
export function isSigned(request: ReceivedRequest): boolean {
  const header = request.headers["x-relay-signature"];
  return verifyEventSignature(request.rawBody, header as string, TEST_EVENTS_SECRET);
}

export interface EventsQueue {
  queue: Queue;
  publisher: EventPublisher;
  /** Removes the queue's keys and closes the connection. */
  close(): Promise<void>;
}

/** The producer side of the events queue of `config`, on a connection of its own. */
export function openEventsQueue(config: RelayConfig): EventsQueue {
  const redis = createRedis(config.redis, { mode: "patient" });
  const queue = openQueue(EVENTS_QUEUE, { connection: redis, keyPrefix: config.redis.keyPrefix });
  return {
    queue,
    publisher: new EventPublisher(queue),
    async close() {
      await queue.obliterate({ force: true });
      await queue.close();
      await closeRedis(redis);
    },
  };
}

export { waitFor };

/** The value of relay_events_total{type,outcome}. */
export async function eventCount(
  metrics: RelayMetrics,
  type: string,
  outcome: string,
): Promise<number> {
  const { values } = await metrics.events.get();
  const found = values.find((v) => v.labels.type === type && v.labels.outcome === outcome);
  return found?.value ?? 0;
}

const HOUR = 3_600_000;
const NOW = Math.floor(Date.now() / 1000) * 1000;
const AT = new Date(NOW).toISOString();

const WINDOW: WindowDocument = {
  lastCustomerMessageAt: new Date(NOW - 48 * HOUR).toISOString(),
  standardWindowEndsAt: new Date(NOW - 24 * HOUR).toISOString(),
  humanAgentWindowEndsAt: null,
  canSend: { bot: false, agent: false, template: false },
};

/** One realistic event of every type, with ids made unique by `suffix`. */
export function sampleEvents(suffix: string): RelayEvent[] {
  const received: RelayEvent<"message.received"> = {
    id: `evt_received${suffix}`,
    type: "message.received",
    occurredAt: AT,
    data: {
      platform: "messenger",
      channelId: "104857600000001",
      userId: "7391020000000042",
      metaMessageId: "m_AbCdEf0123",
      kind: "message",
      opensWindow: true,
      text: "Where is my parcel? Ünïcödé ✓",
      timestamp: AT,
      raw: {
        sender: { id: "7391020000000042" },
        recipient: { id: "104857600000001" },
        message: { mid: "m_AbCdEf0123", text: "Where is my parcel? Ünïcödé ✓" },
      },
    },
  };
  const sent: RelayEvent<"message.sent"> = {
    id: `evt_msg${suffix}.sent`,
    type: "message.sent",
    occurredAt: AT,
    data: {
      id: `msg${suffix}`,
      platform: "instagram",
      channelId: "17841400000000001",
      userId: "6402000000000007",
      metaMessageId: "aWdfZAG1faXRlbToxOklH",
      messagingType: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
    },
  };
  const delivered: RelayEvent<"message.delivered"> = {
    id: `evt_msg${suffix}.delivered`,
    type: "message.delivered",
    occurredAt: AT,
    data: { id: `msg${suffix}`, metaMessageId: "wamid.HBgLMTU1NTAwMDAwMDAVAgARGBI", timestamp: AT },
  };
  const read: RelayEvent<"message.read"> = {
    ...delivered,
    id: `evt_msg${suffix}.read`,
    type: "message.read",
  };
  const failed: RelayEvent<"message.failed"> = {
    id: `evt_msg${suffix}.failed`,
    type: "message.failed",
    occurredAt: AT,
    data: {
      id: `msg${suffix}`,
      platform: "whatsapp",
      channelId: "106540000000001",
      userId: "15550000001",
      sender: { type: "bot", id: "faq-bot" },
      reason: "window_closed",
      message: "Not delivered: the customer's last message is older than 24 hours.",
      window: WINDOW,
      meta: { code: 131047, message: "Re-engagement message" },
    },
  };
  const expiring: RelayEvent<"conversation.window_expiring"> = {
    id: `evt_rem${suffix}`,
    type: "conversation.window_expiring",
    occurredAt: AT,
    data: {
      platform: "messenger",
      channelId: "104857600000001",
      userId: "7391020000000042",
      window: "standard",
      endsAt: AT,
      lastCustomerMessageAt: AT,
      minutesLeft: 60,
    },
  };
  const edited: RelayEvent<"message.edited"> = {
    id: `evt_edited${suffix}`,
    type: "message.edited",
    occurredAt: AT,
    data: {
      platform: "whatsapp",
      channelId: "106540000000001",
      userId: "15550000001",
      metaMessageId: "wamid.HBgLMTU1NTAwMDAwMDEVAgASGBQ",
      text: "Rua Augusta 12, 2º",
      timestamp: AT,
      raw: {
        from: "15550000001",
        id: "wamid.HBgLMTU1NTAwMDAwMDEVAgASGBY",
        timestamp: String(NOW / 1000),
        type: "edit",
        edit: {
          original_message_id: "wamid.HBgLMTU1NTAwMDAwMDEVAgASGBQ",
          message: { type: "text", text: { body: "Rua Augusta 12, 2º" } },
        },
      },
    },
  };
  const deleted: RelayEvent<"message.deleted"> = {
    id: `evt_deleted${suffix}`,
    type: "message.deleted",
    occurredAt: AT,
    data: {
      platform: "instagram",
      channelId: "17841400000000001",
      userId: "6402000000000007",
      metaMessageId: "aWdfZAG1faXRlbToxOklHTWVzc2FnZQ",
      timestamp: AT,
      raw: {
        sender: { id: "6402000000000007" },
        recipient: { id: "17841400000000001" },
        timestamp: NOW,
        message: { mid: "aWdfZAG1faXRlbToxOklHTWVzc2FnZQ", is_deleted: true },
      },
    },
  };
  const channelEvents = CHANNEL_EVENT_TYPES.map((type, i): RelayEvent<ChannelEventType> => ({
    id: `evt_ch${suffix}_${i}`,
    type,
    occurredAt: AT,
    data: {
      platform: "messenger",
      channelId: "104857600000001",
      status: STATUS_AFTER[type],
      reason: "The Page was restricted for repeated policy violations.",
      source: "policy_enforcement",
      raw: { recipient: { id: "104857600000001" }, policy_enforcement: { action: "block" } },
    },
  }));
  return [received, edited, deleted, sent, delivered, read, failed, expiring, ...channelEvents];
}
