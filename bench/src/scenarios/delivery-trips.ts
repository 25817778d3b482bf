import type { Redis } from "ioredis";
import { clientNames, recordCommands } from "../monitor";
import { runPaced } from "../paced";
import { round } from "../stats";

export interface TripCount {
  /** Replies sent while MONITOR was on. */
  replies: number;
  /** Commands (= round trips: nothing pipelines across awaits) per reply, by Redis client name. */
  perReply: Record<string, number>;
  /** Commands Lua scripts ran inside Redis, per reply (no network cost, but Redis CPU). */
  insideScriptsPerReply: number;
  /** The commands the product's processes sent most often, per reply. */
  topCommands: { command: string; perReply: number }[];
}

export interface TripOptions {
  redisUrl: string;
  redis: Redis;
  apiUrl: string;
  replies: number;
  nextReply: () => { body: string; headers: Record<string, string> };
  /** Resolves once every reply sent so far has reached the Graph API. */
  settle: (acknowledged: number) => Promise<void>;
}

/**
 * Sends a few hundred replies at a gentle rate with MONITOR on and counts the commands each
 * product process sent per reply: the network round trips a delivery costs, where they come from.
 */
export async function countDeliveryTrips(options: TripOptions): Promise<TripCount> {
  const recorder = await recordCommands(options.redisUrl, options.redis);
  const load = await runPaced({
    url: options.apiUrl,
    path: "/v1/messages",
    rate: 100,
    seconds: options.replies / 100,
    nextRequest: options.nextReply,
  });
  await options.settle(load.ok);
  // Names are read while every connection is still open; MONITOR knows only addresses.
  const names = await clientNames(options.redis);
  const commands = await recorder.stop();
  const perName = new Map<string, number>();
  const perCommand = new Map<string, number>();
  let inside = 0;
  for (const c of commands) {
    if (c.source === "lua") {
      inside += 1;
      continue;
    }
    const name = names.get(c.source) || "unnamed";
    if (name.startsWith("bench")) continue;
    perName.set(name, (perName.get(name) ?? 0) + 1);
    const label = c.name === "evalsha" || c.name === "eval" ? `${c.name} (script)` : c.name;
    perCommand.set(label, (perCommand.get(label) ?? 0) + 1);
  }
  const per = (n: number) => round(n / Math.max(1, load.ok), 2);
  return {
    replies: load.ok,
    perReply: Object.fromEntries([...perName.entries()].map(([name, n]) => [name, per(n)])),
    insideScriptsPerReply: per(inside),
    topCommands: [...perCommand.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([command, n]) => ({ command, perReply: per(n) })),
  };
}
