import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { freePort } from "@meta-relay/testkit";
import type { RelayEvent } from "@meta-relay/core";
import {
  sleep,
  startEventsReceiver as startReceiver,
  waitFor,
  type EventsReceiver as Receiver,
} from "@meta-relay/testkit/testing";

// What the scale-out tests share: worker processes started from the build, as `npm start` runs them
// in production, with their output kept for assertions and their metrics read over HTTP.

const ROOT = resolve(__dirname, "../../../..");
const MAIN = join(ROOT, "apps/relay/dist/main.js");

/** Builds the relay and what it depends on; turbo skips what is up to date. */
export function buildRelay(): void {
  const build = spawnSync(
    "npx",
    ["turbo", "run", "build", "--filter=@meta-relay/relay...", "--output-logs=errors-only"],
    { cwd: ROOT, encoding: "utf8", timeout: 300_000 },
  );
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  if (!existsSync(MAIN)) throw new Error(`${MAIN} was not built`);
}

export interface WorkerProcess {
  name: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr, in chunks. */
  output: string[];
  /** The process's exit code; null when a signal ended it. */
  exited: Promise<number | null>;
  /** Replies this process delivered: its `relay_outbound_messages_total{status="sent"}`. */
  sentCount(): Promise<number>;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<number | null>;
}

/**
 * `node apps/relay/dist/main.js` with RELAY_ROLES=worker and exactly `env` (nothing inherited), on a
 * WORKER_PORT of its own; resolves once its /readyz answers 200.
 */
export async function startWorkerProcess(
  name: string,
  env: Record<string, string>,
): Promise<WorkerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { LOG_LEVEL: "info", ...env, RELAY_ROLES: "worker", WORKER_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString("utf8")));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const worker: WorkerProcess = {
    name,
    port,
    child,
    output,
    exited,
    sentCount: async () => sentIn(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited:\n${output.join("")}`);
      return fetch(`http://127.0.0.1:${port}/readyz`).then(
        (res) => res.ok,
        () => false,
      );
    },
    60_000,
    `${name} to be ready`,
  );
  return worker;
}

/** Kills what is still running (after a failed test); never throws. */
export async function killAll(workers: WorkerProcess[]): Promise<void> {
  for (const worker of workers) {
    if (worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.child.kill("SIGKILL");
      await worker.exited;
    }
  }
}

function sentIn(metrics: string): number {
  let sum = 0;
  for (const line of metrics.split("\n")) {
    if (line.startsWith("relay_outbound_messages_total{") && line.includes('status="sent"')) {
      sum += Number(line.slice(line.lastIndexOf(" ") + 1));
    }
  }
  return sum;
}

/**
 * The workers' sent counts once they add up to `atLeast`, or as they are after `timeoutMs`. A worker
 * counts a send after it settled it in Redis, a moment after Meta answered it.
 */
export async function sentCounts(
  workers: readonly WorkerProcess[],
  atLeast: number,
  timeoutMs = 10_000,
): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all(workers.map((w) => w.sentCount()));
    if (counts.reduce((sum, n) => sum + n, 0) >= atLeast || Date.now() > deadline) return counts;
    await sleep(100);
  }
}

/** Lines of any output that report a command touching keys of more than one slot. */
export function crossSlotErrors(output: readonly string[]): string[] {
  return output
    .join("")
    .split("\n")
    .filter((line) => /CROSSSLOT|non local key|do not hash to the same slot/i.test(line));
}

/** The agent platform's side: takes every event with 200 and keeps the signed ones. */
export type EventsReceiver = Receiver<RelayEvent>;

export function startEventsReceiver(secret: string): Promise<EventsReceiver> {
  return startReceiver<RelayEvent>(secret);
}

export { sleep, waitFor };
