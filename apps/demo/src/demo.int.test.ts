import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createConnection } from "node:net";
import { join } from "node:path";
import { readProcessEnv } from "@meta-relay/config";
import { closeRedis, createRedis } from "@meta-relay/store";
import { testRedisUrl } from "@meta-relay/testkit";
import { waitFor } from "@meta-relay/testkit/testing";

// `npm run demo -- --once` end to end: the built CLI as a child process, with an environment of its own.

const ROOT = join(__dirname, "..", "..", "..");
const CLI = join(ROOT, "apps", "demo", "dist", "main.js");
const RUN_TIMEOUT_MS = 120_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Only what a shell would pass on: PATH (node, redis-server) and HOME, plus what the test adds. */
function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const host = readProcessEnv();
  return { PATH: host.PATH ?? "/usr/bin:/bin", HOME: host.HOME ?? "/tmp", ...extra };
}

interface StartedDemo {
  /** Everything written to stdout so far. */
  stdout(): string;
  signal(name: NodeJS.Signals): void;
  done: Promise<Run>;
}

function startDemo(args: string[], env: Record<string, string>): StartedDemo {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: "pipe" });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
  const done = new Promise<Run>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return { stdout: () => stdout, signal: (name) => child.kill(name), done };
}

function runDemo(args: string[], env: Record<string, string>): Promise<Run> {
  return startDemo(args, env).done;
}

/** The outcome lines of the scenario, as the plain-text (non-TTY) narration prints them. */
const EXPECTED_OUTCOMES: RegExp[] = [
  /\[ok\] Ana writes on Messenger \(2 min ago\)\s+webhook 200 · message\.received/,
  /\[ok\] Ben writes on Instagram \(5 min ago\)\s+webhook 200 · message\.received/,
  /\[ok\] Carla writes on WhatsApp \(1 min ago\)\s+webhook 200 · message\.received/,
  /\[ok\] agent → Ana, text\s+delivered · status (sent|delivered|read) · RESPONSE\n/,
  /\[ok\] bot → Ben, text\s+delivered · status (sent|delivered|read) · RESPONSE\n/,
  /\[ok\] bot → Carla, text\s+delivered · status (sent|delivered|read) · SERVICE\n/,
  /\[ok\] Dan writes on Messenger \(30 h ago\)\s+webhook 200 · message\.received/,
  /\[ok\] bot → Dan, text\s+refused · automated_reply_outside_window\n\s+"Not delivered: [^"]+"/,
  /\[ok\] agent → Dan, text\s+delivered · status (sent|delivered|read) · MESSAGE_TAG \+ HUMAN_AGENT\n/,
  /\[ok\] agent → Finn, text\s+refused · no_customer_message\n\s+"Not delivered: [^"]+"/,
  /\[ok\] Eva writes on WhatsApp \(25 h ago\)\s+webhook 200 · message\.received/,
  /\[ok\] bot → Eva, text\s+refused · window_closed\n\s+"Not delivered: [^"]+"/,
  /\[ok\] bot → Eva, template refund_update\s+delivered · status (sent|delivered|read) · TEMPLATE\n/,
  /\[ok\] Eva writes on WhatsApp \(now\)\s+webhook 200 · message\.received/,
  /\[ok\] agent → Eva, text\s+delivered · status (sent|delivered|read) · SERVICE\n/,
  /\[ok\] Hugo writes on Messenger \(63 h ago\)\s+webhook 200 · message\.received/,
  /\[ok\] Grace writes on Messenger \(23 h ago\)\s+webhook 200 · message\.received/,
  /\[ok\] worklist of Messenger page 1000000000000001\s+Hugo, Grace\n/,
  /\[ok\] bot → Hugo, text\s+refused · automated_reply_outside_window\n\s+"Not delivered: [^"]+"/,
  /\[ok\] agent → Hugo, text\s+delivered · status (sent|delivered|read) · MESSAGE_TAG \+ HUMAN_AGENT\n/,
  /\[ok\] reminder to the agents about Grace\s+conversation\.window_expiring · standard · (60|59) min left\n/,
  /\[ok\] Carla sends a photo on WhatsApp \(now\)\s+webhook 200 · message\.received · message · opens the window · "This is how the box arrived" · image \(media \d+\) · from Carla · fetched through the relay: 240 kB, SHA-256 as Meta's\n/,
  /\[ok\] Ana taps a quick reply on Messenger \(now\)\s+webhook 200 · message\.received · message · opens the window · "Track my order" · payload TRACK_ORDER\n/,
  /\[ok\] Ben answers a story on Instagram \(now\)\s+webhook 200 · message\.received · message · opens the window · "Is this one in stock\?" · reply to a story\n/,
  /\[ok\] Carla reacts on WhatsApp \(now\)\s+webhook 200 · message\.received · reaction · opens no window · react 👍 · from Carla\n/,
  /\[ok\] Meta restricts the Messenger page \(policy block\)\s+webhook 200 · channel\.restricted/,
  /\[ok\] agent → Ana, text\s+refused · channel_restricted\n\s+"Not delivered: Meta has restricted this page[^"]+"/,
  /\[ok\] Meta lifts the restriction of the Messenger page \(policy unblock\)\s+webhook 200 · channel\.unrestricted/,
];

function expectEveryOutcome(run: Run): void {
  const missing = EXPECTED_OUTCOMES.filter((line) => !line.test(run.stdout));
  expect({ missing: missing.map(String), stderr: run.stderr }).toEqual({ missing: [], stderr: "" });
  expect(run.stdout).not.toContain("[!!]");
  expect(run.stdout).toContain("Meta's refusal count: 0");
  expect(run.stdout).toMatch(
    /Dashboard {2}http:\/\/127\.0\.0\.1:\d+\/admin\/queues {2}user demo, password \S+/,
  );
  expect(run.stdout).toMatch(/API docs {3}http:\/\/127\.0\.0\.1:\d+\/docs/);
  expect(run.stdout).toMatch(/Every outcome was as expected/);
  expect(run.code).toBe(0);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("npm run demo (the built CLI as a child process)", () => {
  beforeAll(() => {
    if (existsSync(CLI)) return;
    const build = spawnSync("npx", ["turbo", "run", "build", "--filter=@meta-relay/demo..."], {
      cwd: ROOT,
      encoding: "utf8",
      env: childEnv(),
    });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  }, 300_000);

  it(
    "starts its own redis-server without REDIS_URL, plays every step as expected, and stops it",
    async () => {
      const run = await runDemo(["--once"], childEnv());
      const started = /started redis-server on 127\.0\.0\.1:(\d+) \(REDIS_URL is not set\)/.exec(
        run.stdout,
      );
      expect(started).not.toBeNull();
      expectEveryOutcome(run);
      expect(await canConnect(Number(started?.[1]))).toBe(false);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "uses the Redis REDIS_URL names, says so, and leaves none of its keys behind",
    async () => {
      const url = testRedisUrl();
      const run = await runDemo(["--once"], childEnv({ REDIS_URL: url }));
      expect(run.stdout).toContain(`Redis       using REDIS_URL ${url}`);
      expect(run.stdout).not.toContain("started redis-server");
      expectEveryOutcome(run);
      const prefix = /keys under (demo[0-9a-f]+), removed when the demo stops/.exec(
        run.stdout,
      )?.[1];
      expect(prefix).toBeDefined();
      const redis = createRedis({ url, clusterNodes: null }, { mode: "patient" });
      try {
        const [, own] = await redis.scan("0", "MATCH", `${prefix}:*`, "COUNT", 10_000);
        const [, queues] = await redis.scan("0", "MATCH", `{${prefix}:*`, "COUNT", 10_000);
        expect([...own, ...queues]).toEqual([]);
      } finally {
        await closeRedis(redis);
      }
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "keeps running after the scenario, serves the dashboard and docs, and stops cleanly on Ctrl-C",
    async () => {
      const demo = startDemo([], childEnv());
      await waitFor(() => demo.stdout().includes("Press Ctrl-C to stop."), 90_000, "the scenario");
      const out = demo.stdout();
      const dashboard = /Dashboard {2}(\S+) {2}user (\S+), password (\S+)/.exec(out);
      const docs = /API docs {3}(\S+)/.exec(out)?.[1];
      const redisPort = Number(/redis-server on 127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
      const [, dashboardUrl, user, password] = dashboard ?? [];
      const basic = Buffer.from(`${user}:${password}`).toString("base64");
      const withAuth = await fetch(`${dashboardUrl}`, {
        headers: { authorization: `Basic ${basic}` },
      });
      expect(withAuth.status).toBe(200);
      expect((await fetch(`${dashboardUrl}`)).status).toBe(401);
      expect((await fetch(`${docs}`)).status).toBe(200);
      expect(await canConnect(redisPort)).toBe(true);

      demo.signal("SIGINT");
      const run = await demo.done;
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("Stopping the demo");
      expect(await canConnect(redisPort)).toBe(false);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    "fails honestly when Meta refuses every send with error 190",
    async () => {
      const run = await runDemo(["--once", "--simulate-meta-error", "190"], childEnv());
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("refuses every send with error 190");
      // Every reply the rules let through fails: Meta refuses the first of each channel (the
      // token is "invalid"), which puts the channel in auth_failed, and its next replies fail at
      // once, without asking Meta again (Hugo's agent reply of step 6 among them).
      const authFailures = run.stdout.match(/\[!!\] .+refused · channel_auth_failed/g);
      expect(authFailures).toHaveLength(8);
      // The first reply of each channel, and the first after the page's restriction is lifted.
      const refusedByMeta = run.stdout.match(
        /\[!!\] .+refused · channel_auth_failed \(Meta error 190\)/g,
      );
      expect(refusedByMeta).toHaveLength(4);
      // The relay's own refusals do not depend on Meta, and Meta's rules were never broken.
      expect(run.stdout).toMatch(
        /\[ok\] bot → Dan, text\s+refused · automated_reply_outside_window/,
      );
      expect(run.stdout).toMatch(/\[ok\] agent → Finn, text\s+refused · no_customer_message/);
      expect(run.stdout).toContain("Meta's refusal count: 0");
      // Nothing was answered: the worklist holds Dan and Ana too (8 refusals + the worklist).
      expect(run.stdout).toMatch(/\[!!\] worklist of Messenger page \d+\s+Hugo, Dan, Grace, Ana/);
      expect(run.stdout).toContain("9 outcome(s) differed");
      expect(run.stdout).toMatch(
        /step 2, agent → Dan, text: expected delivered · MESSAGE_TAG \+ HUMAN_AGENT, got refused · channel_auth_failed/,
      );
    },
    RUN_TIMEOUT_MS,
  );
});
