import { Agent, request } from "node:http";

export interface PacedOptions {
  url: string;
  path: string;
  /** Requests per second, spread evenly (open loop: a slow answer does not slow the sending). */
  rate: number;
  seconds: number;
  /** Builds each request at the moment it is sent. */
  nextRequest: () => { body: string; headers: Record<string, string> };
}

export interface PacedResult {
  sent: number;
  ok: number;
  failed: number;
}

const TICK_MS = 2;

/**
 * A fixed offered load, evenly spaced. autocannon's rate limit sends each second's quota in a burst
 * at the start of the second, which measures a burst, not a steady 500/s; this sends on schedule.
 */
export async function runPaced(options: PacedOptions): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(options.url);
  const total = Math.round(options.rate * options.seconds);
  const result: PacedResult = { sent: 0, ok: 0, failed: 0 };
  const pending = new Set<Promise<void>>();
  const started = performance.now();
  const send = () => {
    const next = options.nextRequest();
    const done = post(agent, target, options.path, next).then(
      (status) => {
        if (status >= 200 && status < 300) result.ok += 1;
        else result.failed += 1;
      },
      () => {
        result.failed += 1;
      },
    );
    pending.add(done);
    void done.finally(() => pending.delete(done));
    result.sent += 1;
  };
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(
        total,
        Math.floor(((performance.now() - started) * options.rate) / 1000),
      );
      while (result.sent < due) send();
      if (result.sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  await Promise.all(pending);
  agent.destroy();
  return result;
}

function post(
  agent: Agent,
  target: URL,
  path: string,
  next: { body: string; headers: Record<string, string> },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path,
        method: "POST",
        headers: { ...next.headers, "content-length": Buffer.byteLength(next.body) },
      },
      (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode ?? 0));
        res.once("error", reject);
      },
    );
    req.once("error", reject);
    req.end(next.body);
  });
}
