import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import { createKeys, createMessageStore, createRedis, type RedisClient } from "@meta-relay/store";
import {
  createSimCustomers,
  freePort,
  startMetaSimulator,
  testRedisEnv,
  testRedisSettings,
  uniquePrefix,
  type MetaSimulator,
} from "@meta-relay/testkit";
import { waitFor } from "@meta-relay/testkit/testing";

const ROOT = resolve(__dirname, "../../..");
const MAIN = join(ROOT, "apps/relay/dist/main.js");
const API_KEY = "key-shutdown-aaaaaaaa";
const APP_SECRET = "shutdown-app-secret";
const PAGE = "page-shutdown";
const TOKEN = "EAAG-shutdown-token";
const SHUTDOWN_TIMEOUT_SECONDS = 10;
const USERS = 50;
const PER_USER = 4;

interface RelayChild {
  child: ChildProcess;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** `node apps/relay/dist/main.js` with exactly this environment (nothing inherited). */
function startChild(env: Record<string, string>): RelayChild {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>(
    (resolveExit) =>
      child.once("exit", (code, signal) => resolveExit({ code, signal, at: Date.now() })),
  );
  return { child, output, exited };
}

async function waitHealthy(port: number, child: RelayChild): Promise<void> {
  await waitFor(
    async () => {
      if (child.child.exitCode !== null) throw new Error(`relay exited:\n${child.output.join("")}`);
      return fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    30_000,
    `the relay on port ${port}`,
  );
}

interface Deployment {
  env: Record<string, string>;
  ports: { ingress: number; api: number; worker: number };
  prefix: string;
}

async function deployment(sim: MetaSimulator, shutdownSeconds: number): Promise<Deployment> {
  const prefix = uniquePrefix();
  const ports = { ingress: await freePort(), api: await freePort(), worker: await freePort() };
  const env = {
    ...testRedisEnv(),
    RELAY_KEY_PREFIX: prefix,
    INGRESS_PORT: String(ports.ingress),
    API_PORT: String(ports.api),
    WORKER_PORT: String(ports.worker),
    META_APP_SECRET: APP_SECRET,
    META_VERIFY_TOKEN: "verify-shutdown",
    META_GRAPH_URL: sim.graphUrl,
    GRAPH_TIMEOUT_MS: "30000",
    RELAY_API_KEYS: API_KEY,
    RELAY_ENCRYPTION_KEY: "7".repeat(64),
    DASHBOARD_USERNAME: "ops",
    DASHBOARD_PASSWORD: "password-shutdown",
    SHUTDOWN_TIMEOUT_SECONDS: String(shutdownSeconds),
    LOG_LEVEL: "info",
  };
  return { env, ports, prefix };
}

/** Connects the channel, lets every customer write, and queues `perUser` replies to each. */
async function queueReplies(
  sim: MetaSimulator,
  d: Deployment,
  users: string[],
  perUser: number,
): Promise<string[]> {
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${d.ports.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as { id: string } };
  };
  const channel = await api("PUT", `/v1/channels/messenger/${PAGE}`, { accessToken: TOKEN });
  expect(channel.status).toBe(201);
  // A signed webhook per customer to the ingress; the fake Meta opens its own window too.
  const customers = createSimCustomers({
    ingressUrl: `http://127.0.0.1:${d.ports.ingress}`,
    appSecret: APP_SECRET,
    simulator: sim,
  });
  for (const userId of users) {
    const post = await customers.message({ platform: "messenger", channelId: PAGE, userId });
    expect(post.status).toBe(200);
  }
  await customers.close();
  const ids: string[] = [];
  // Conversations in parallel, each one's replies in order.
  for (let round = 0; round < perUser; round++) {
    const posted = await Promise.all(
      users.map((userId) =>
        api("POST", "/v1/messages", {
          channel: { platform: "messenger", id: PAGE },
          recipient: { id: userId },
          sender: { type: "agent", id: "agent-1" },
          message: { text: `reply ${round} to ${userId}` },
        }),
      ),
    );
    for (const res of posted) {
      expect(res.status).toBe(202);
      ids.push(res.body.id);
    }
  }
  return ids;
}

/** Our message ids of the sends the fake Meta accepted (Messenger carries them in `metadata`). */
function acceptedIds(sim: MetaSimulator): string[] {
  return sim.sends
    .filter((s) => s.outcome === "accepted")
    .map((s) => (s.body as { message: { metadata?: string } }).message.metadata ?? "");
}

describe("SIGTERM while replies are in flight", () => {
  let sim: MetaSimulator;
  let redis: RedisClient;
  const children: RelayChild[] = [];
  const start = (env: Record<string, string>) => {
    const child = startChild(env);
    children.push(child);
    return child;
  };
  const statusesOf = (prefix: string, ids: string[]) => {
    const store = createMessageStore(redis, createKeys(prefix), { retentionMs: 3_600_000 });
    return Promise.all(ids.map(async (id) => (await store.get(id))?.status ?? "missing"));
  };

  beforeAll(async () => {
    const build = spawnSync(
      "npx",
      ["turbo", "run", "build", "--filter=@meta-relay/relay...", "--output-logs=errors-only"],
      { cwd: ROOT, encoding: "utf8", timeout: 300_000 },
    );
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
    sim = await startMetaSimulator();
    sim.addChannel({ platform: "messenger", channelId: PAGE, accessToken: TOKEN });
    redis = createRedis(testRedisSettings(), { mode: "patient" });
  }, 320_000);

  beforeEach(() => sim.reset());

  afterAll(async () => {
    for (const { child } of children) if (child.exitCode === null) child.kill("SIGKILL");
    await sim?.close();
    redis?.disconnect();
  });

  it("exits 0 within the deadline and loses no reply: each is sent or left queued for the next worker", async () => {
    const d = await deployment(sim, SHUTDOWN_TIMEOUT_SECONDS);
    const first = start(d.env);
    await waitHealthy(d.ports.api, first);
    await waitHealthy(d.ports.ingress, first);
    const users = Array.from({ length: USERS }, (_, n) => `psid-${n}`);
    // Meta answers each send after 0.8-1.2 s: plenty of replies are in flight at the SIGTERM.
    sim.chaos({ minDelayMs: 800, maxDelayMs: 1_200 });
    const ids = await queueReplies(sim, d, users, PER_USER);
    expect(ids).toHaveLength(USERS * PER_USER);
    await waitFor(() => sim.sends.length >= 20, 30_000, "the first sends");

    const signalledAt = Date.now();
    first.child.kill("SIGTERM");
    const exit = await first.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_SECONDS * 1000 + 1_500);
    expect(first.output.join("")).toContain('"msg":"stopped"');

    const afterFirst = await statusesOf(d.prefix, ids);
    const sentByFirst = afterFirst.filter((s) => s === "sent").length;
    process.stdout.write(
      `shutdown: exit ${exit.code} after ${exit.at - signalledAt} ms, ${sentByFirst}/${ids.length} sent, the rest queued\n`,
    );
    expect(afterFirst.filter((s) => s !== "sent" && s !== "queued")).toEqual([]);
    expect(sentByFirst).toBeGreaterThan(0);
    // The shutdown really happened mid-delivery: some replies are left for the next worker.
    expect(sentByFirst).toBeLessThan(ids.length);
    // Every send Meta accepted is recorded as sent: nothing was sent and forgotten.
    expect(new Set(acceptedIds(sim)).size).toBe(sentByFirst);

    // A second worker process takes over what was left and sends all of it, exactly once.
    const second = start({ ...d.env, RELAY_ROLES: "worker" });
    await waitHealthy(d.ports.worker, second);
    await waitFor(
      async () => (await statusesOf(d.prefix, ids)).every((s) => s === "sent"),
      90_000,
      "every reply to be sent by the second worker",
    );
    expect(new Set(acceptedIds(sim))).toEqual(new Set(ids));
    expect(acceptedIds(sim)).toHaveLength(ids.length);
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
  }, 240_000);

  it("still exits 0 within the deadline when Meta holds sends past it; those replies stay queued", async () => {
    const d = await deployment(sim, 3);
    const first = start(d.env);
    await waitHealthy(d.ports.api, first);
    await waitHealthy(d.ports.ingress, first);
    // Meta takes 20 s per send: longer than the whole shutdown deadline.
    sim.chaos({ minDelayMs: 20_000, maxDelayMs: 20_000 });
    const ids = await queueReplies(sim, d, ["psid-a", "psid-b", "psid-c"], 2);
    // The fake Meta records a send once it answers: the first attempts show in our records instead.
    const store = createMessageStore(redis, createKeys(d.prefix), { retentionMs: 3_600_000 });
    const attempted = async () =>
      (await Promise.all(ids.map((id) => store.get(id)))).filter((m) => (m?.attempts ?? 0) > 0);
    await waitFor(async () => (await attempted()).length === 3, 30_000, "three sends in flight");

    const signalledAt = Date.now();
    first.child.kill("SIGTERM");
    const exit = await first.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    process.stdout.write(
      `shutdown with Meta holding sends: exit ${exit.code} after ${exit.at - signalledAt} ms\n`,
    );
    expect(exit.at - signalledAt).toBeLessThan(3_000 + 1_500);
    // The aborted sends have an unknown outcome: their replies wait for the next worker.
    expect(await statusesOf(d.prefix, ids)).toEqual(ids.map(() => "queued"));

    sim.chaos(null);
    const second = start({ ...d.env, RELAY_ROLES: "worker" });
    await waitHealthy(d.ports.worker, second);
    await waitFor(
      async () => (await statusesOf(d.prefix, ids)).every((s) => s === "sent"),
      90_000,
      "every reply to be sent by the second worker",
    );
    expect(new Set(acceptedIds(sim))).toEqual(new Set(ids));
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
  }, 240_000);
});
