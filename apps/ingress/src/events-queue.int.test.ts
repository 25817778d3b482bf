import { UnavailableError, type RelayEvent } from "@meta-relay/core";
import { createLogger } from "@meta-relay/observability";
import { EVENTS_QUEUE, openQueue } from "@meta-relay/queues";
import { closeRedis, createRedis, type RedisClient } from "@meta-relay/store";
import { freePort, startRedisServer, uniquePrefix, type RedisServer } from "@meta-relay/testkit";
import { EventsQueue } from "./events-queue";
import { waitFor } from "./testing";

function received(id: string): RelayEvent<"message.received"> {
  const at = new Date().toISOString();
  return {
    id,
    type: "message.received",
    occurredAt: at,
    data: {
      platform: "messenger",
      channelId: "100",
      userId: "200",
      metaMessageId: id,
      kind: "message",
      timestamp: at,
      opensWindow: true,
      raw: {},
    },
  };
}

async function timed<T>(work: Promise<T>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  try {
    await work;
    return { error: null, ms: Date.now() - started };
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
}

describe("EventsQueue on a fail-fast connection", () => {
  const log = createLogger({ level: "silent" });
  let server: RedisServer | undefined;
  let redis: RedisClient | undefined;
  let events: EventsQueue | undefined;
  const prefix = uniquePrefix();

  afterEach(async () => {
    await events?.close();
    if (redis) await closeRedis(redis);
    await server?.stop("SIGTERM");
    server = undefined;
  });

  async function countJobs(url: string): Promise<number> {
    const reader = createRedis({ url, clusterNodes: null }, { mode: "patient" });
    const queue = openQueue(EVENTS_QUEUE, { connection: reader, keyPrefix: prefix });
    try {
      return (await queue.getJobCounts("waiting")).waiting ?? 0;
    } finally {
      await queue.close();
      await closeRedis(reader);
    }
  }

  it("rejects adds quickly while Redis is down and adds again once it is back", async () => {
    server = await startRedisServer();
    redis = createRedis({ url: server.url, clusterNodes: null }, { mode: "fail-fast" });
    events = new EventsQueue(redis, prefix, log);
    const client = redis;
    await waitFor(() => Promise.resolve(client.status === "ready"));
    await (await events.publisher()).publish([received("evt_one")]);

    await server.stop("SIGKILL");
    for (const id of ["evt_two", "evt_three"]) {
      const queue = events;
      const down = await timed(queue.publisher().then((p) => p.publish([received(id)])));
      expect(down.error).toBeInstanceOf(Error);
      expect(down.ms).toBeLessThan(2_000);
    }

    await server.restart();
    const queue = events;
    await waitFor(async () => {
      await (await queue.publisher()).publish([received("evt_two")]);
      return true;
    });
    // The restarted server starts empty: only the event added after the restart is there.
    expect(await countJobs(server.url)).toBe(1);
  });

  it("refuses at once before Redis was ever up, and builds the queue once it is", async () => {
    const port = await freePort();
    redis = createRedis(
      { url: `redis://127.0.0.1:${port}`, clusterNodes: null },
      { mode: "fail-fast" },
    );
    events = new EventsQueue(redis, prefix, log);
    const down = await timed(events.publisher());
    expect(down.error).toBeInstanceOf(UnavailableError);
    expect(down.ms).toBeLessThan(500);
    expect(events.started).toBe(false);

    server = await startRedisServer({ port });
    const queue = events;
    await waitFor(async () => {
      await (await queue.publisher()).publish([received("evt_late")]);
      return true;
    });
    expect(events.started).toBe(true);
    expect(await countJobs(server.url)).toBe(1);
  });
});
