import { decide, type ConversationRef, type CustomerAction } from "@meta-relay/core";
import {
  closeRedis,
  createChannelStore,
  createDrainStore,
  createKeys,
  createMessageStore,
  createRedis,
  createTokenCipher,
  createWindowStore,
  newMessageId,
  type DrainStore,
  type RedisClient,
} from "@meta-relay/store";
import type { Redis } from "ioredis";
import { countKeys, deleteByPattern, infoField } from "../bench-redis";
import { clientAddress, recordCommands } from "../monitor";
import { BENCH_ENV, type BenchSettings } from "../settings";
import { round } from "../stats";

export interface RedisFigures {
  /** Client commands (= round trips) the worker's decision inputs cost, per decision. */
  roundTripsPerDecision: number;
  /** Commands the decision's script ran inside Redis, per decision (no network cost). */
  commandsInsideScriptPerDecision: number;
  decisions: number;
  /**
   * used_memory growth per conversation recorded through the window store: its window record and
   * its entry in the unanswered index (no reply was sent). The windows scenario splits the two.
   */
  bytesPerConversation: number;
  /** MEMORY USAGE of one window key (key, value and its main-table entry; not the expiry entry). */
  memoryUsagePerKey: number;
  conversations: number;
  /** Length of RELAY_KEY_PREFIX during the run (part of every window key). */
  keyPrefixLength: number;
  method: string;
}

type Log = (line: string) => void;

/** A Messenger page id and PSIDs of Meta's real lengths (15 and 16 digits): keys as in production. */
const MEMORY_PAGE = "104712345678901";
const DECISION_PAGE = "104712345678902";
const psid = (n: number) => String(7_000_000_000_000_000 + n);

/** Redis cost of the window: round trips per decision and bytes per tracked conversation. */
export async function benchRedis(
  settings: BenchSettings,
  client: Redis,
  log: Log,
): Promise<RedisFigures> {
  const redis = createRedis({ url: settings.redisUrl, clusterNodes: null }, { mode: "patient" });
  try {
    const memory = await measureMemory(settings, client, redis, log);
    const trips = await measureDecisionTrips(settings, client, redis, log);
    return {
      ...trips,
      ...memory,
      keyPrefixLength: settings.keyPrefix.length,
      method:
        "MONITOR: commands sent by the deciding connection (one per round trip, no pipelining) / decisions; memory: INFO memory used_memory before and after recording, / conversations",
    };
  } finally {
    await closeRedis(redis);
  }
}

async function measureMemory(
  settings: BenchSettings,
  client: Redis,
  redis: RedisClient,
  log: Log,
): Promise<Pick<RedisFigures, "bytesPerConversation" | "memoryUsagePerKey" | "conversations">> {
  const keys = createKeys(settings.keyPrefix);
  const windows = createWindowStore(redis, keys);
  const total = settings.memoryConversations;
  const batch = 1_000;
  const before = await usedMemory(client);
  const now = Date.now();
  for (let start = 0; start < total; start += batch) {
    const actions: CustomerAction[] = [];
    for (let n = start; n < Math.min(total, start + batch); n++) {
      actions.push(customerMessage(MEMORY_PAGE, psid(n), now - (n % 3_600_000)));
    }
    await windows.recordCustomerActions(actions);
    if ((start + batch) % 25_000 === 0)
      log(`redis: ${start + batch} of ${total} conversations recorded`);
  }
  const after = await usedMemory(client);
  const pattern = `${settings.keyPrefix}:w:{m:${MEMORY_PAGE}}:*`;
  const recorded = await countKeys(client, pattern);
  if (recorded !== total) throw new Error(`expected ${total} window keys, found ${recorded}`);
  const bytes = round((after - before) / total, 1);
  const sample = keys.window({ platform: "messenger", channelId: MEMORY_PAGE, userId: psid(0) });
  const usage = Number(await client.call("MEMORY", "USAGE", sample, "SAMPLES", "0"));
  log(
    `redis: ${total} conversations took ${after - before} bytes (${bytes} per conversation; MEMORY USAGE of one key ${usage})`,
  );
  await deleteByPattern(client, pattern);
  return { bytesPerConversation: bytes, memoryUsagePerKey: usage, conversations: total };
}

/**
 * Runs the worker's decision path — the drain store's head read, then core's decide() — for
 * `settings.decisions` conversations on a connection of its own, and counts with MONITOR what that
 * connection sent.
 */
async function measureDecisionTrips(
  settings: BenchSettings,
  client: Redis,
  redis: RedisClient,
  log: Log,
): Promise<
  Pick<RedisFigures, "roundTripsPerDecision" | "commandsInsideScriptPerDecision" | "decisions">
> {
  const keys = createKeys(settings.keyPrefix);
  const conversations = await prepareConversations(settings, redis, settings.decisions + 1);
  const decider = createRedis(
    { url: settings.redisUrl, clusterNodes: null },
    { mode: "blocking", name: "bench-decide" },
  );
  try {
    const drain = createDrainStore(decider, keys, { leaseMs: 60_000 });
    const [first, ...measured] = conversations;
    // The first call loads the script on the node (EVALSHA, NOSCRIPT, EVAL); later calls are steady state.
    await decideOnce(drain, first as ConversationRef);
    const address = await clientAddress(decider as Redis);
    const recorder = await recordCommands(settings.redisUrl, client);
    for (const conv of measured) await decideOnce(drain, conv);
    const commands = await recorder.stop();
    const sent = commands.filter((c) => c.source === address).length;
    const inside = commands.filter((c) => c.source === "lua").length;
    log(
      `redis: ${measured.length} decisions sent ${sent} commands (${inside} more ran inside scripts)`,
    );
    return {
      roundTripsPerDecision: round(sent / measured.length, 3),
      commandsInsideScriptPerDecision: round(inside / measured.length, 2),
      decisions: measured.length,
    };
  } finally {
    await closeRedis(decider);
    await deleteByPattern(client, `${settings.keyPrefix}:*{m:${DECISION_PAGE}}*`);
  }
}

async function decideOnce(drain: DrainStore, conv: ConversationRef): Promise<void> {
  const head = await drain.head(conv, "bench-lease", null);
  if (head.kind !== "head" || !head.channel) throw new Error(`no reply queued for ${conv.userId}`);
  const decision = decide({
    platform: head.message.platform,
    kind: head.message.kind,
    sender: head.message.sender.type,
    humanAgent: head.channel.humanAgent,
    lastCustomerMessageAt: head.lastCustomerMessageAt,
    now: head.now,
    marginMs: 60_000,
  });
  if (decision.outcome !== "send") throw new Error(`the window of ${conv.userId} was not open`);
}

/** A channel, open windows and one queued reply per conversation, written through the product's stores. */
async function prepareConversations(
  settings: BenchSettings,
  redis: RedisClient,
  count: number,
): Promise<ConversationRef[]> {
  const keys = createKeys(settings.keyPrefix);
  const cipher = createTokenCipher(Buffer.from(BENCH_ENV.RELAY_ENCRYPTION_KEY, "hex"));
  const channel = { platform: "messenger" as const, channelId: DECISION_PAGE };
  await createChannelStore(redis, keys, cipher).put({ ...channel, accessToken: "bench-token" });
  const messages = createMessageStore(redis, keys, { retentionMs: 3_600_000 });
  const conversations = Array.from({ length: count }, (_, n) => ({ ...channel, userId: psid(n) }));
  const now = Date.now();
  await createWindowStore(redis, keys).recordCustomerActions(
    conversations.map((c) => customerMessage(c.channelId, c.userId, now - 60_000)),
  );
  for (const conv of conversations) {
    await messages.enqueue({
      id: newMessageId(),
      ...conv,
      sender: { type: "agent", id: "agent-7" },
      content: { text: "Your parcel left the warehouse this morning." },
    });
  }
  return conversations;
}

function customerMessage(pageId: string, userId: string, atMs: number): CustomerAction {
  return {
    type: "customer_action",
    platform: "messenger",
    channelId: pageId,
    userId,
    userIds: [userId],
    metaMessageId: `m_${userId}_${atMs}`,
    kind: "message",
    timestampMs: atMs,
    opensWindow: true,
    raw: {},
  };
}

async function usedMemory(client: Redis): Promise<number> {
  return Number(await infoField(client, "memory", "used_memory"));
}
