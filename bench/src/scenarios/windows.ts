import type { ChannelRef, ConversationRef, CustomerAction } from "@meta-relay/core";
import {
  closeRedis,
  createChannelStore,
  createDrainStore,
  createKeys,
  createMessageStore,
  createRedis,
  createReminderStore,
  createTokenCipher,
  createWindowStore,
  newMessageId,
  type Keys,
  type RedisClient,
} from "@meta-relay/store";
import type { Redis } from "ioredis";
import { deleteByPattern, infoField } from "../bench-redis";
import { clientAddress, recordCommands } from "../monitor";
import { BENCH_ENV, type BenchSettings } from "../settings";
import { round } from "../stats";

export interface WindowFigures {
  /** used_memory growth per conversation the customer wrote to and nobody answered yet. */
  unansweredBytesPerConversation: number;
  /** used_memory growth per conversation after a reply was sent (its message records excluded). */
  answeredBytesPerConversation: number;
  /** MEMORY USAGE of the channel's unanswered index, per member. */
  indexMemoryUsagePerConversation: number;
  conversations: number;
  /** Client commands (= round trips) per single-message window write of the ingress. */
  roundTripsPerWindowWrite: number;
  windowWrites: number;
  /** Client commands one reminder scan step of a channel costs, while reminders fall due. */
  roundTripsPerReminderScan: number;
  /** Reminders that scan step found (each conversation's window ending within the lead time). */
  remindersPerScan: number;
  method: string;
}

type Log = (line: string) => void;

/** Meta's real id lengths (15-digit page, 16-digit PSID): keys as in production. */
const UNANSWERED_PAGE = "104712345678911";
const ANSWERED_PAGE = "104712345678912";
const TRIPS_PAGE = "104712345678913";
const psid = (n: number) => String(7_100_000_000_000_000 + n);
const BATCH = 1_000;

/**
 * Redis cost of the unanswered index: bytes per unanswered and per answered conversation, and
 * round trips of the ingress's window write (one, index included) and of a reminder scan step.
 */
export async function benchWindows(
  settings: BenchSettings,
  client: Redis,
  log: Log,
): Promise<WindowFigures> {
  const redis = createRedis({ url: settings.redisUrl, clusterNodes: null }, { mode: "patient" });
  const keys = createKeys(settings.keyPrefix);
  try {
    const total = settings.memoryConversations;
    const unanswered = await measureUnanswered(client, redis, keys, total, log);
    const answered = await measureAnswered(client, redis, keys, total, log);
    const trips = await measureTrips(settings, client, keys, log);
    return {
      ...unanswered,
      answeredBytesPerConversation: answered,
      conversations: total,
      ...trips,
      method:
        "memory: INFO used_memory before and after N conversations, each from an empty keyspace, / N; answered = recorded, then a reply enqueued and marked sent through the store (its message hash, id indexes, mailbox and sent-unread entry deleted: they belong to the reply); trips: MONITOR, commands sent by the measuring connection",
    };
  } finally {
    await closeRedis(redis);
  }
}

async function measureUnanswered(
  client: Redis,
  redis: RedisClient,
  keys: Keys,
  total: number,
  log: Log,
): Promise<
  Pick<WindowFigures, "unansweredBytesPerConversation" | "indexMemoryUsagePerConversation">
> {
  const channel: ChannelRef = { platform: "messenger", channelId: UNANSWERED_PAGE };
  const before = await settledMemory(client);
  await recordConversations(redis, keys, channel, total);
  const after = await usedMemory(client);
  const members = await client.zcard(keys.unanswered(channel));
  if (members !== total) throw new Error(`expected ${total} unanswered, found ${members}`);
  const usage = Number(
    await client.call("MEMORY", "USAGE", keys.unanswered(channel), "SAMPLES", "0"),
  );
  const bytes = round((after - before) / total, 1);
  log(
    `windows: ${total} unanswered conversations, ${bytes} bytes each (index ${round(usage / total, 1)})`,
  );
  await deleteByPattern(client, `${keys.prefix}:*{m:${UNANSWERED_PAGE}}*`);
  return {
    unansweredBytesPerConversation: bytes,
    indexMemoryUsagePerConversation: round(usage / total, 1),
  };
}

async function measureAnswered(
  client: Redis,
  redis: RedisClient,
  keys: Keys,
  total: number,
  log: Log,
): Promise<number> {
  const channel: ChannelRef = { platform: "messenger", channelId: ANSWERED_PAGE };
  const cipher = createTokenCipher(Buffer.from(BENCH_ENV.RELAY_ENCRYPTION_KEY, "hex"));
  await createChannelStore(redis, keys, cipher).put({ ...channel, accessToken: "bench-token" });
  const messages = createMessageStore(redis, keys, { retentionMs: 3_600_000 });
  const drain = createDrainStore(redis, keys, { leaseMs: 60_000 });
  const before = await settledMemory(client);
  await recordConversations(redis, keys, channel, total);
  for (let start = 0; start < total; start += BATCH) {
    const convs = range(start, Math.min(total, start + BATCH)).map((n) => conv(channel, n));
    await Promise.all(convs.map((c) => answer(client, keys, messages, drain, c)));
  }
  const after = await usedMemory(client);
  if ((await client.exists(keys.unanswered(channel))) !== 0) {
    throw new Error("answered conversations are still in the unanswered index");
  }
  const bytes = round((after - before) / total, 1);
  log(`windows: ${total} answered conversations, ${bytes} bytes each`);
  await deleteByPattern(client, `${keys.prefix}:*{m:${ANSWERED_PAGE}}*`);
  return bytes;
}

/** A reply through the store, as the worker sends one; then its own records go. */
async function answer(
  client: Redis,
  keys: Keys,
  messages: ReturnType<typeof createMessageStore>,
  drain: ReturnType<typeof createDrainStore>,
  c: ConversationRef,
): Promise<void> {
  const id = newMessageId();
  const outcome = await messages.enqueue({
    id,
    ...c,
    sender: { type: "agent", id: "agent-7" },
    content: { text: "Your parcel left the warehouse this morning." },
  });
  if (outcome !== "created") throw new Error(`enqueue: ${outcome}`);
  const metaId = `m_${id}`;
  if (!(await drain.settleSent(c, id, metaId)).changed) throw new Error("not marked sent");
  await client.unlink(
    keys.message(c, id),
    keys.messageIndex(id),
    keys.metaMessage(c, metaId),
    keys.mailbox(c),
    keys.sentUnread(c),
  );
}

async function measureTrips(
  settings: BenchSettings,
  client: Redis,
  keys: Keys,
  log: Log,
): Promise<
  Omit<
    WindowFigures,
    | "unansweredBytesPerConversation"
    | "answeredBytesPerConversation"
    | "indexMemoryUsagePerConversation"
    | "conversations"
    | "method"
  >
> {
  const channel: ChannelRef = { platform: "messenger", channelId: TRIPS_PAGE };
  const writer = createRedis(
    { url: settings.redisUrl, clusterNodes: null },
    { mode: "patient", name: "bench-windows" },
  );
  try {
    const windows = createWindowStore(writer, keys);
    const cipher = createTokenCipher(Buffer.from(BENCH_ENV.RELAY_ENCRYPTION_KEY, "hex"));
    await createChannelStore(writer, keys, cipher).put({ ...channel, accessToken: "bench-token" });
    const reminders = createReminderStore(writer, keys);
    // The first scan loads the scripts and starts the channel's cursor; the first write loads its script.
    await reminders.scan(channel, [60]);
    await windows.recordCustomerActions([action(channel, 0, Date.now() - 60_000)]);
    const writes = Math.min(2_000, settings.decisions);
    const address = await clientAddress(writer as Redis);
    const now = Date.now();
    let recorder = await recordCommands(settings.redisUrl, client);
    // Windows end within the hour: each one's reminder is due at the next scan.
    for (let n = 1; n <= writes; n++) {
      await windows.recordCustomerActions([action(channel, n, now - 23.5 * 3_600_000 + n)]);
    }
    const written = (await recorder.stop()).filter((c) => c.source === address).length;
    recorder = await recordCommands(settings.redisUrl, client);
    const scan = await reminders.scan(channel, [60]);
    const scanned = (await recorder.stop()).filter((c) => c.source === address).length;
    log(
      `windows: ${writes} window writes sent ${written} commands; a scan step ${scanned} for ${scan.due.length} reminders`,
    );
    return {
      roundTripsPerWindowWrite: round(written / writes, 3),
      windowWrites: writes,
      roundTripsPerReminderScan: scanned,
      remindersPerScan: scan.due.length,
    };
  } finally {
    await closeRedis(writer);
    await deleteByPattern(client, `${keys.prefix}:*{m:${TRIPS_PAGE}}*`);
  }
}

async function recordConversations(
  redis: RedisClient,
  keys: Keys,
  channel: ChannelRef,
  total: number,
): Promise<void> {
  const windows = createWindowStore(redis, keys);
  const now = Date.now();
  for (let start = 0; start < total; start += BATCH) {
    const actions = range(start, Math.min(total, start + BATCH)).map((n) =>
      action(channel, n, now - (n % 3_600_000)),
    );
    await windows.recordCustomerActions(actions);
  }
}

function action(channel: ChannelRef, n: number, atMs: number): CustomerAction {
  const userId = psid(n);
  return {
    type: "customer_action",
    ...channel,
    userId,
    userIds: [userId],
    metaMessageId: `m_${userId}_${atMs}`,
    kind: "message",
    timestampMs: atMs,
    opensWindow: true,
    raw: {},
  };
}

function conv(channel: ChannelRef, n: number): ConversationRef {
  return { ...channel, userId: psid(n) };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

async function usedMemory(client: Redis): Promise<number> {
  return Number(await infoField(client, "memory", "used_memory"));
}

/**
 * used_memory once Redis has shrunk its tables after the previous measurement's keys were deleted
 * (it does so in its background cron), so that each figure starts from the same state.
 */
async function settledMemory(client: Redis): Promise<number> {
  let previous = await usedMemory(client);
  for (let i = 0; i < 30; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await usedMemory(client);
    if (Math.abs(now - previous) < 4_096) return now;
    previous = now;
  }
  return previous;
}
