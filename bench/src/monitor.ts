import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

/** One command Redis executed, as MONITOR reports it. */
interface MonitoredCommand {
  /** Lower-case command name. */
  name: string;
  args: string[];
  /** "ip:port" of the client that sent it, or "lua" for a command a script ran. */
  source: string;
}

export interface CommandRecorder {
  /** Stops recording and returns every command seen since the start, in execution order. */
  stop(): Promise<MonitoredCommand[]>;
}

/**
 * Records the commands Redis executes with MONITOR. MONITOR tells a command a client sent (one
 * network round trip for a connection that does not pipeline) from one a Lua script ran inside a
 * single call (source "lua"), which INFO commandstats cannot.
 */
export async function recordCommands(url: string, marker: Redis): Promise<CommandRecorder> {
  const connection = new Redis(url, { connectionName: "bench-monitor" });
  const monitor = await connection.monitor();
  const seen: MonitoredCommand[] = [];
  const sentinel = `bench-monitor-end-${randomBytes(4).toString("hex")}`;
  let ended: (() => void) | null = null;
  monitor.on("monitor", (_time: string, args: string[], source: string) => {
    const [name = "", ...rest] = args;
    if (name.toLowerCase() === "echo" && rest[0] === sentinel) {
      ended?.();
      return;
    }
    seen.push({ name: name.toLowerCase(), args: rest, source });
  });
  return {
    async stop() {
      // MONITOR reports in execution order: once the sentinel arrives, everything before it has.
      const done = new Promise<void>((resolve) => {
        ended = resolve;
      });
      await marker.echo(sentinel);
      await done;
      monitor.disconnect();
      connection.disconnect();
      return seen;
    },
  };
}

/** The "ip:port" Redis sees for a connection (its own CLIENT INFO). */
export async function clientAddress(client: Redis): Promise<string> {
  const info = (await client.call("CLIENT", "INFO")) as string;
  const match = /(?:^|\s)addr=(\S+)/.exec(info);
  if (!match?.[1]) throw new Error("CLIENT INFO did not name the address");
  return match[1];
}

/** addr → client name for every connection Redis has now (CLIENT LIST). */
export async function clientNames(client: Redis): Promise<Map<string, string>> {
  const list = (await client.call("CLIENT", "LIST")) as string;
  const names = new Map<string, string>();
  for (const line of list.split("\n")) {
    const addr = /(?:^|\s)addr=(\S+)/.exec(line)?.[1];
    const name = /(?:^|\s)name=(\S*)/.exec(line)?.[1];
    if (addr) names.set(addr, name ?? "");
  }
  return names;
}
