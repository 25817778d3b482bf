import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** A server the bench started in its own process, so load and server never share an event loop. */
export interface ChildServer {
  /** What the child printed after READY, e.g. its port. */
  info: Record<string, unknown>;
  pid: number;
  /** Writes one line to the child's stdin (a command for children that take any). */
  send(line: string): void;
  /** The JSON of the next `WORD {json}` line the child prints, e.g. `DONE {...}`. */
  next(word: string, timeoutMs: number): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export interface ChildOptions {
  /** Extra node flags, e.g. `--cpu-prof` when the bench runs with `--profile`. */
  execArgv?: string[];
}

let defaultExecArgv: string[] = [];
let spawned = 0;

/** Node flags every child gets from now on (the `--profile` switch sets `--cpu-prof`). */
export function setChildExecArgv(execArgv: string[]): void {
  defaultExecArgv = execArgv;
}

/**
 * Starts `dist/servers/<name>.js` with `settings` (JSON in argv) and waits for its `READY {json}` line.
 * Children print only `WORD {json}` lines on stdout; their stderr is passed through.
 */
export function startChild(
  name: string,
  settings: Record<string, unknown>,
  options: ChildOptions = {},
): Promise<ChildServer> {
  const script = join(__dirname, "servers", `${name}.js`);
  const execArgv = [...(options.execArgv ?? defaultExecArgv)];
  spawned += 1;
  // Profiles named after the server, so the hot spots can be told apart.
  if (execArgv.includes("--cpu-prof"))
    execArgv.push(`--cpu-prof-name=${spawned}-${name}.cpuprofile`);
  const child = spawn(process.execPath, [...execArgv, script, JSON.stringify(settings)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const mailbox = new LineMailbox(name);
  const lines = createInterface({ input: child.stdout });
  lines.on("line", (line) => mailbox.push(line));
  child.once("exit", (code, signal) => mailbox.close(code, signal));
  return mailbox.next("READY", 30_000).then((info) => ({
    info,
    pid: child.pid ?? 0,
    send: (line) => {
      child.stdin?.write(`${line}\n`);
    },
    next: (word, timeoutMs) => mailbox.next(word, timeoutMs),
    stop: () => stopChild(child),
  }));
}

/** Lines a child printed, handed out in order to whoever waits for their word. */
class LineMailbox {
  private readonly lines: string[] = [];
  private waiter: (() => void) | null = null;
  private exit: string | null = null;

  constructor(private readonly name: string) {}

  push(line: string): void {
    this.lines.push(line);
    this.waiter?.();
  }

  close(code: number | null, signal: NodeJS.Signals | null): void {
    this.exit = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    this.waiter?.();
  }

  async next(word: string, timeoutMs: number): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.lines.findIndex((line) => line.startsWith(`${word} `));
      if (index >= 0) {
        const [line] = this.lines.splice(index, 1);
        return JSON.parse((line as string).slice(word.length + 1)) as Record<string, unknown>;
      }
      if (this.exit) throw new Error(`${this.name} ${this.exit} before it printed ${word}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.name} did not print ${word} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = null;
    }
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** For the child side: parse the settings and announce readiness. */
export function childSettings<T>(): T {
  return JSON.parse(process.argv[2] ?? "{}") as T;
}

/** For the child side: prints one `WORD {json}` line for the bench. */
export function announce(word: string, info: Record<string, unknown>): void {
  process.stdout.write(`${word} ${JSON.stringify(info)}\n`);
}

export function announceReady(info: Record<string, unknown>): void {
  announce("READY", info);
}

/** For the child side: each line the bench writes to stdin. */
export function onCommand(handle: (line: string) => void): void {
  createInterface({ input: process.stdin }).on("line", handle);
}

/**
 * For the child side: closes on SIGTERM, and also when stdin ends (the bench died), so no server
 * outlives the run.
 */
export function onTerminate(close: () => Promise<void>): void {
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void close().finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.stdin.once("end", stop);
  process.stdin.resume();
}
