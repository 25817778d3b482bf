import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port";

export interface RedisServerOptions {
  port?: number;
  /** Extra redis-server arguments, e.g. ["--appendonly", "yes"]. */
  args?: string[];
  /** Keep the data directory between restarts (for AOF crash tests). */
  dir?: string;
}

/** A redis-server child process on a free port, owned by the test that started it. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** SIGKILL (crash) or SIGTERM (clean stop), then wait for the exit. */
  stop(signal?: "SIGKILL" | "SIGTERM"): Promise<void>;
  /** Start again on the same port and data directory. */
  restart(): Promise<void>;
}

export const REDIS_SERVER_MISSING =
  "redis-server is not on PATH and REDIS_URL is not set. Install Redis 7 (Debian: `apt-get install -y redis-server`, macOS: `brew install redis`) or point REDIS_URL at a running Redis, e.g. REDIS_URL=redis://127.0.0.1:6379.";

export function hasRedisServer(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  if (!hasRedisServer()) throw new Error(REDIS_SERVER_MISSING);
  const port = options.port ?? (await freePort());
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "meta-relay-redis-"));
  let child: ChildProcess = await launch(port, dir, options.args ?? []);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    async stop(signal = "SIGTERM") {
      await kill(child, signal);
      if (ownsDir && signal === "SIGTERM") rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      child = await launch(port, dir, options.args ?? []);
    },
  };
}

async function launch(port: number, dir: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--dir",
      dir,
      "--appendonly",
      "no",
      ...args,
    ],
    { stdio: "ignore" },
  );
  child.unref();
  await waitForPort(port, child);
  return child;
}

async function kill(child: ChildProcess, signal: "SIGKILL" | "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // The child is unref'd so that a forgotten server never holds a test run open; while it stops,
  // it must hold the event loop, or a caller awaiting the exit (jest's global teardown) sees the
  // process end first, and jest's failure exit code is lost with it.
  child.ref();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  await exited;
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`redis-server exited with code ${child.exitCode} on port ${port}`);
    if (await answersPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`redis-server did not listen on port ${port} within 10 s`);
}

/** True once the server answers PING with PONG: listening is not enough, it may still be loading its AOF. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" }, () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.setTimeout(1_000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}
