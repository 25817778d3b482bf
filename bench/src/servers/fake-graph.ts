import { startMetaSimulator, type SimChannel, type SimSend } from "@meta-relay/testkit";
import { announce, announceReady, onCommand, onTerminate } from "../child";

/**
 * The fake Graph API of the delivery scenario, in its own process: its work and its garbage
 * collection never stall the load generator, which stamps each reply's enqueue time, so a pause
 * here shows in the latency only as long as it delays a send, as a slow Meta would.
 *
 * Commands on stdin, each answered by one line:
 * - `world {"channels":[…],"conversations":[…],"wroteAt":ms}` → `WORLD {}`: channels connected and
 *   every conversation's window opened at `wroteAt`;
 * - `count` → `COUNT {"accepted","other","lastAcceptedAt"}`: sends since the start;
 * - `latency on` → `LATENCY {}`, then `latency off` → `LATENCY {"ms":[…]}`: enqueue → request
 *   times of the sends accepted in between;
 * - `reset` → `RESET {}`: forgets the recorded sends (the counts go on).
 */
const STAMP = /\[bench (\d+) \d+\]/;

interface World {
  channels: SimChannel[];
  conversations: { channelId: string; userId: string }[];
  wroteAt: number;
}

let accepted = 0;
let other = 0;
let lastAcceptedAt = 0;
let latencies: number[] | null = null;

function record(send: SimSend): void {
  if (send.outcome !== "accepted") {
    other += 1;
    return;
  }
  accepted += 1;
  lastAcceptedAt = Date.now();
  if (!latencies) return;
  const stamp = STAMP.exec(textOf(send.body) ?? "");
  if (stamp) latencies.push(send.at - Number(stamp[1]));
}

function textOf(body: unknown): string | undefined {
  const message = (body as { message?: { text?: unknown } } | null)?.message;
  return typeof message?.text === "string" ? message.text : undefined;
}

void startMetaSimulator().then((sim) => {
  sim.onSend(record);
  onCommand((line) => {
    const space = line.indexOf(" ");
    const command = space < 0 ? line : line.slice(0, space);
    const argument = space < 0 ? "" : line.slice(space + 1);
    if (command === "world") {
      const world = JSON.parse(argument) as World;
      for (const channel of world.channels) sim.addChannel(channel);
      for (const c of world.conversations) {
        sim.customerWrote({ platform: "messenger", ...c, atMs: world.wroteAt });
      }
      announce("WORLD", {});
    } else if (command === "count") {
      announce("COUNT", { accepted, other, lastAcceptedAt });
    } else if (command === "latency") {
      const ms = latencies ?? [];
      latencies = argument === "on" ? [] : null;
      announce("LATENCY", argument === "on" ? {} : { ms });
    } else if (command === "reset") {
      sim.reset();
      announce("RESET", {});
    }
  });
  announceReady({ graphUrl: sim.graphUrl });
  onTerminate(() => sim.close());
});
