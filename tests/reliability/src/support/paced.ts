/**
 * An open-loop load at a steady rate: the nth call starts at n / rate seconds whatever the answers
 * do, so a slow relay shows up as calls in flight, not as a lower offered rate.
 */
export interface PacedLoad {
  launched(): number;
  inFlight(): number;
  maxInFlight(): number;
  /** Stops launching and waits for the calls in flight. */
  stop(): Promise<void>;
}

export function startPaced(ratePerSecond: number, call: (n: number) => Promise<void>): PacedLoad {
  const started = performance.now();
  const pending = new Set<Promise<void>>();
  let launched = 0;
  let maxInFlight = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) * ratePerSecond) / 1000);
    while (launched < due) {
      const running = call(launched).catch(() => undefined);
      launched += 1;
      pending.add(running);
      void running.finally(() => pending.delete(running));
    }
    maxInFlight = Math.max(maxInFlight, pending.size);
  }, 10);
  return {
    launched: () => launched,
    inFlight: () => pending.size,
    maxInFlight: () => maxInFlight,
    async stop() {
      clearInterval(timer);
      await Promise.all([...pending]);
    },
  };
}
