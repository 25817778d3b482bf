import type { CustomerAction } from "@meta-relay/core";
import { closeRedis, createKeys, createRedis, createWindowStore } from "@meta-relay/store";
import { startChild, type ChildServer } from "../child";
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
 * opens every conversation's window: in the product through its window store, and in the fake
 * Graph API, which keeps its own record and would refuse a send outside it.
 */
export async function prepareDeliveryWorld(
  settings: BenchSettings,
  graph: FakeGraph,
  apiUrl: string,
): Promise<BenchConversation[]> {
  const conversations: BenchConversation[] = [];
  const channels: { platform: "messenger"; channelId: string; accessToken: string }[] = [];
  for (let i = 0; i < settings.deliveryChannels; i++) {
    const id = channelId(i);
    const accessToken = `bench-page-token-${i}`;
    channels.push({ platform: "messenger", channelId: id, accessToken });
    for (let u = 0; u < settings.customersPerChannel; u++) {
      conversations.push({ channelId: id, userId: userId(i * settings.customersPerChannel + u) });
    }
  }
  const wroteAt = Date.now() - 60_000;
  // The fake knows the channels first: PUT /v1/channels verifies each token with it.
  await graph.world({ channels, conversations, wroteAt });
  for (const c of channels) await putChannel(apiUrl, c.channelId, c.accessToken);
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

/** What the fake Graph API has answered since it started. */
export interface SendCounts {
  accepted: number;
  other: number;
  lastAcceptedAt: number;
}

/**
 * The fake Graph API (`servers/fake-graph`) in its own process, so that neither its work nor its
 * garbage collection shares an event loop with the load that stamps each reply's enqueue time.
 */
export class FakeGraph {
  private constructor(
    private readonly child: ChildServer,
    /** META_GRAPH_URL for the product. */
    readonly graphUrl: string,
  ) {}

  static async start(): Promise<FakeGraph> {
    const child = await startChild("fake-graph", {});
    return new FakeGraph(child, child.info.graphUrl as string);
  }

  get pid(): number {
    return this.child.pid;
  }

  async world(world: {
    channels: { platform: "messenger"; channelId: string; accessToken: string }[];
    conversations: BenchConversation[];
    wroteAt: number;
  }): Promise<void> {
    await this.ask("world", JSON.stringify(world), "WORLD");
  }

  async counts(): Promise<SendCounts> {
    return (await this.ask("count", "", "COUNT")) as unknown as SendCounts;
  }

  /** Starts recording enqueue → request times of accepted sends. */
  async recordLatencies(): Promise<void> {
    await this.ask("latency", "on", "LATENCY");
  }

  /** Stops recording and returns the times recorded since `recordLatencies`. */
  async latencies(): Promise<number[]> {
    return (await this.ask("latency", "off", "LATENCY")).ms as number[];
  }

  /** Forgets the recorded sends (the counts go on), so the fake's memory stays flat between rounds. */
  async reset(): Promise<void> {
    await this.ask("reset", "", "RESET");
  }

  stop(): Promise<void> {
    return this.child.stop();
  }

  private ask(command: string, argument: string, answer: string) {
    this.child.send(argument === "" ? command : `${command} ${argument}`);
    return this.child.next(answer, 60_000);
  }
}
