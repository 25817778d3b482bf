import type { CustomerAction } from "@meta-relay/core";
import { closeRedis, createKeys, createRedis, createWindowStore } from "@meta-relay/store";
import type { MetaSimulator, SimSend } from "@meta-relay/testkit";
import { BENCH_API_KEY, type BenchSettings } from "../settings";

/** A conversation the delivery scenario replies to; its window is open on both sides. */
export interface BenchConversation {
  channelId: string;
  userId: string;
}

/** Pacing far above the load, within what the API accepts: Meta's per-page caps must not bind. */
const RAISED_PACING = { perSecond: 1_000, burst: 1_000 };

const channelId = (i: number) => String(104_720_000_000_000 + i);
const userId = (n: number) => String(7_100_000_000_000_000 + n);

/**
 * Connects the delivery channels (the fake Graph API and the product, through PUT /v1/channels) and
 * opens every conversation's window: in the product through its window store, and in the simulator,
 * which keeps its own record and would refuse a send outside it.
 */
export async function prepareDeliveryWorld(
  settings: BenchSettings,
  sim: MetaSimulator,
  apiUrl: string,
): Promise<BenchConversation[]> {
  const conversations: BenchConversation[] = [];
  for (let i = 0; i < settings.deliveryChannels; i++) {
    const id = channelId(i);
    const accessToken = `bench-page-token-${i}`;
    sim.addChannel({ platform: "messenger", channelId: id, accessToken });
    await putChannel(apiUrl, id, accessToken);
    for (let u = 0; u < settings.customersPerChannel; u++) {
      conversations.push({ channelId: id, userId: userId(i * settings.customersPerChannel + u) });
    }
  }
  const wroteAt = Date.now() - 60_000;
  for (const c of conversations) {
    sim.customerWrote({ platform: "messenger", ...c, atMs: wroteAt });
  }
  const redis = createRedis(
    { url: settings.redisUrl, clusterNodes: null },
    { mode: "patient", name: "bench-windows" },
  );
  try {
    await createWindowStore(redis, createKeys(settings.keyPrefix)).recordCustomerActions(
      conversations.map((c): CustomerAction => ({
        type: "customer_action",
        platform: "messenger",
        channelId: c.channelId,
        userId: c.userId,
        userIds: [c.userId],
        metaMessageId: `m_open_${c.userId}`,
        kind: "message",
        timestampMs: wroteAt,
        opensWindow: true,
        raw: {},
      })),
    );
  } finally {
    await closeRedis(redis);
  }
  return interleave(conversations, settings.deliveryChannels);
}

async function putChannel(apiUrl: string, id: string, accessToken: string): Promise<void> {
  const response = await fetch(`${apiUrl}/v1/channels/messenger/${id}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${BENCH_API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ accessToken, name: `bench page ${id}`, pacing: RAISED_PACING }),
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`PUT channel ${id} answered ${response.status}: ${await response.text()}`);
  }
}

/** Round-robin over channels, so consecutive replies go to different pages and customers. */
function interleave(conversations: BenchConversation[], channels: number): BenchConversation[] {
  const perChannel = conversations.length / channels;
  const out: BenchConversation[] = [];
  for (let u = 0; u < perChannel; u++) {
    for (let i = 0; i < channels; i++) {
      const c = conversations[i * perChannel + u];
      if (c) out.push(c);
    }
  }
  return out;
}

/** The body of one reply; its text carries the time it was enqueued, read back at the Graph API. */
export function replyRequest(conversation: BenchConversation, sequence: number) {
  return {
    body: JSON.stringify({
      channel: { platform: "messenger", id: conversation.channelId },
      recipient: { id: conversation.userId },
      sender: { type: "bot", id: "bench-bot" },
      message: { text: `Your parcel is on its way. [bench ${Date.now()} ${sequence}]` },
    }),
    headers: { authorization: `Bearer ${BENCH_API_KEY}`, "content-type": "application/json" },
  };
}

const STAMP = /\[bench (\d+) \d+\]/;

/** Counts what the fake Graph API accepted and, while `latencies` is set, enqueue→request times. */
export class SendTracker {
  accepted = 0;
  other = 0;
  lastAcceptedAt = 0;
  latencies: number[] | null = null;
  private readonly unsubscribe: () => void;

  constructor(sim: MetaSimulator) {
    this.unsubscribe = sim.onSend((send) => this.record(send));
  }

  private record(send: SimSend): void {
    if (send.outcome !== "accepted") {
      this.other += 1;
      return;
    }
    this.accepted += 1;
    this.lastAcceptedAt = Date.now();
    if (this.latencies) {
      const stamp = STAMP.exec(textOf(send.body) ?? "");
      if (stamp) this.latencies.push(send.at - Number(stamp[1]));
    }
  }

  close(): void {
    this.unsubscribe();
  }
}

function textOf(body: unknown): string | undefined {
  const message = (body as { message?: { text?: unknown } } | null)?.message;
  return typeof message?.text === "string" ? message.text : undefined;
}
