import { loadConfig } from "@meta-relay/config";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { EVENTS_QUEUE, openQueue, OUTBOUND_QUEUE } from "@meta-relay/queues";
import {
  testRedisClient,
  testRedisEnv,
  uniquePrefix,
  type TestRedisClient,
} from "@meta-relay/testkit";
import { type Queue, Worker } from "bullmq";
import { startApi, type RunningApi } from "../api";

const USER = "ops";
const PASSWORD = "s3cret-dashboard-pass";
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

interface Fixture {
  api: RunningApi;
  base: string;
  outbound: Queue;
  events: Queue;
  close(): Promise<void>;
}

async function startFixture(connection: TestRedisClient, allowRetries: boolean): Promise<Fixture> {
  const prefix = uniquePrefix();
  const config = loadConfig(
    {
      ...testRedisEnv(),
      RELAY_KEY_PREFIX: prefix,
      API_PORT: "0",
      RELAY_API_KEYS: "key-aaaaaaaaaaaaaaaa",
      RELAY_ENCRYPTION_KEY: "d".repeat(64),
      DASHBOARD_USERNAME: USER,
      DASHBOARD_PASSWORD: PASSWORD,
      DASHBOARD_ALLOW_RETRIES: String(allowRetries),
    },
    ["api"],
  );
  const api = await startApi({
    config,
    logger: createLogger({ level: "silent" }),
    metrics: createMetrics(),
  });
  const outbound = openQueue(OUTBOUND_QUEUE, { connection, keyPrefix: prefix });
  const events = openQueue(EVENTS_QUEUE, { connection, keyPrefix: prefix });
  return {
    api,
    base: `http://127.0.0.1:${api.port}/admin/queues`,
    outbound,
    events,
    async close() {
      await api.close(2_000);
      for (const queue of [outbound, events]) {
        await queue.obliterate({ force: true });
        await queue.close();
      }
    },
  };
}

/** Fails one job of the events queue for real, through a worker. */
async function failOneEvent(connection: TestRedisClient, events: Queue): Promise<string> {
  const job = await events.add("message.sent", { id: "evt_x" }, { attempts: 1 });
  const worker = new Worker(
    EVENTS_QUEUE,
    () => Promise.reject(new Error("receiver answered 400")),
    {
      connection,
      prefix: events.opts.prefix ?? "",
    },
  );
  try {
    for (let i = 0; i < 200 && (await events.getJobState(job.id ?? "")) !== "failed"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await worker.close();
  }
  expect(await events.getJobState(job.id ?? "")).toBe("failed");
  return job.id ?? "";
}

describe("/admin/queues", () => {
  let connection: TestRedisClient;
  beforeAll(() => {
    connection = testRedisClient({ maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    await connection.quit();
  });

  it("refuses requests without the right credentials, in constant shape", async () => {
    const f = await startFixture(connection, false);
    try {
      for (const authorization of [
        undefined,
        basic(USER, "wrong-password"),
        basic("someone", PASSWORD),
        basic(USER, PASSWORD.slice(0, -1)),
        "Basic not-base64!",
        `Bearer ${PASSWORD}`,
      ]) {
        const res = await fetch(`${f.base}/api/queues`, {
          headers: authorization ? { authorization } : {},
        });
        expect(res.status).toBe(401);
        expect(res.headers.get("www-authenticate")).toBe(
          'Basic realm="meta-relay", charset="UTF-8"',
        );
        expect(await res.json()).toEqual({
          error: {
            code: "unauthorized",
            message: expect.any(String),
            requestId: res.headers.get("x-request-id"),
          },
        });
      }
      const page = await fetch(f.base);
      expect(page.status).toBe(401);
    } finally {
      await f.close();
    }
  });

  it("shows both queues with their counts to the operator", async () => {
    const f = await startFixture(connection, false);
    try {
      await f.outbound.add("drain", { platform: "messenger", channelId: "1", userId: "2" });
      await f.outbound.add("drain", { platform: "messenger", channelId: "1", userId: "3" });
      await f.events.add("message.sent", { id: "evt_1" }, { delay: 60_000 });
      const headers = { authorization: basic(USER, PASSWORD) };
      const page = await fetch(f.base, { headers });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<html");
      const res = await fetch(`${f.base}/api/queues`, { headers });
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        queues: { name: string; readOnlyMode: boolean; counts: Record<string, number> }[];
      };
      const byName = Object.fromEntries(body.queues.map((q) => [q.name, q]));
      expect(Object.keys(byName).sort()).toEqual([EVENTS_QUEUE, OUTBOUND_QUEUE].sort());
      expect(byName[OUTBOUND_QUEUE]?.counts["waiting"]).toBe(2);
      expect(byName[EVENTS_QUEUE]?.counts["delayed"]).toBe(1);
      expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
    } finally {
      await f.close();
    }
  });

  it("is read-only by default: every change is refused", async () => {
    const f = await startFixture(connection, false);
    try {
      const failed = await failOneEvent(connection, f.events);
      const headers = { authorization: basic(USER, PASSWORD) };
      for (const [method, path] of [
        ["PUT", "/api/queues/events/retry/failed"],
        ["PUT", `/api/queues/events/${failed}/retry`],
        ["PUT", "/api/queues/events/clean/failed"],
        ["PUT", "/api/queues/events/empty"],
        ["PUT", "/api/queues/events/pause"],
        ["POST", "/api/queues/events/add"],
      ] as const) {
        const res = await fetch(`${f.base}${path}`, { method, headers });
        expect({ path, status: res.status }).toEqual({ path, status: 405 });
      }
      expect(await f.events.getJobState(failed)).toBe("failed");
      expect(await f.events.isPaused()).toBe(false);
    } finally {
      await f.close();
    }
  });

  it("with DASHBOARD_ALLOW_RETRIES, retries failed jobs and nothing else", async () => {
    const f = await startFixture(connection, true);
    try {
      const failed = await failOneEvent(connection, f.events);
      const waiting = await f.outbound.add("drain", { n: 1 });
      const headers = { authorization: basic(USER, PASSWORD) };
      const refused = [
        ["PUT", "/api/queues/events/clean/failed"],
        ["PUT", "/api/queues/events/empty"],
        ["PUT", "/api/queues/events/pause"],
        ["PUT", "/api/queues/outbound/retry/completed"],
        ["POST", "/api/queues/events/add"],
        ["PUT", `/api/queues/events/${failed}/clean`],
        ["PUT", `/api/queues/outbound/${waiting.id}/retry`],
      ] as const;
      for (const [method, path] of refused) {
        const res = await fetch(`${f.base}${path}`, { method, headers });
        expect({ path, status: res.status }).toEqual({ path, status: 405 });
      }
      const retried = await fetch(`${f.base}/api/queues/events/${failed}/retry`, {
        method: "PUT",
        headers,
      });
      expect(retried.status).toBe(204);
      expect(await f.events.getJobState(failed)).toBe("waiting");
    } finally {
      await f.close();
    }
  });
});
