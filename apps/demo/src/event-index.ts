import type {
  ChannelEventData,
  MessageFailedData,
  MessageReceivedData,
  MessageSentData,
  RelayEvent,
  WindowExpiringData,
} from "@meta-relay/core";
import type { EventsReceiver } from "./events-receiver";

/** The events the demo's receiver got, indexed the way the scenario looks them up. */
export class EventIndex {
  /** By our message id. */
  readonly sent = new Map<string, MessageSentData>();
  readonly failed = new Map<string, MessageFailedData>();
  /** By Meta's message id of the customer's message. */
  readonly received = new Map<string, MessageReceivedData>();
  /** By `channelId userId`: every reminder for that conversation, in arrival order. */
  readonly reminders = new Map<string, WindowExpiringData[]>();
  /** `channel.*` events, by "type platform channelId", in arrival order. */
  readonly channel = new Map<string, ChannelEventData[]>();

  /** Key of `channel` for one channel and event type. */
  static channelKey(type: string, platform: string, channelId: string): string {
    return `${type} ${platform} ${channelId}`;
  }

  /** Indexes what the receiver already has and everything it gets from now on. */
  static follow(receiver: EventsReceiver): { index: EventIndex; stop: () => void } {
    const index = new EventIndex();
    for (const event of receiver.events) index.add(event);
    return { index, stop: receiver.onEvent((event) => index.add(event)) };
  }

  add(event: RelayEvent): void {
    switch (event.type) {
      case "message.received": {
        const data = event.data as MessageReceivedData;
        this.received.set(data.metaMessageId, data);
        return;
      }
      case "message.sent": {
        const data = event.data as MessageSentData;
        this.sent.set(data.id, data);
        return;
      }
      case "message.failed": {
        const data = event.data as MessageFailedData;
        this.failed.set(data.id, data);
        return;
      }
      case "conversation.window_expiring": {
        const data = event.data as WindowExpiringData;
        const key = `${data.channelId} ${data.userId}`;
        this.reminders.set(key, [...(this.reminders.get(key) ?? []), data]);
        return;
      }
      default: {
        if (event.type.startsWith("channel.")) {
          const data = event.data as ChannelEventData;
          const key = EventIndex.channelKey(event.type, data.platform, data.channelId);
          this.channel.set(key, [...(this.channel.get(key) ?? []), data]);
        }
        // Receipts: the message's status is read back through GET /v1/messages/{id}.
        return;
      }
    }
  }
}
