import { metricValue } from "./metrics";
import type { RelayProcess } from "./relay-process";
import type { RelayRole } from "./deployment";

export interface MemorySample {
  /** Work done when the sample was taken (the caller's progress counter). */
  done: number;
  atMs: number;
  rss: number;
  heap: number;
}

/** Reads a relay process's RSS and heap from its /metrics every `everyMs` until stopped. */
export function sampleMemory(
  relay: RelayProcess,
  role: RelayRole,
  progress: () => number,
  everyMs = 500,
): { samples: MemorySample[]; stop(): void } {
  const samples: MemorySample[] = [];
  const timer = setInterval(() => {
    void relay.metrics(role).then(
      (text) =>
        samples.push({
          done: progress(),
          atMs: Date.now(),
          rss: metricValue(text, "relay_process_resident_memory_bytes"),
          heap: metricValue(text, "relay_nodejs_heap_size_used_bytes"),
        }),
      () => undefined,
    );
  }, everyMs);
  return { samples, stop: () => clearInterval(timer) };
}

/**
 * Memory after the warm-up (the second fifth to the second quarter of the samples) against the last
 * quarter, both by their floor. A leak lifts the floor of both; a peak of the RSS is one large
 * request in flight (a 3 MiB webhook parsed twice over), which the allocator returns later or not at
 * all, so comparing peaks measured which case happened to come last rather than growth.
 */
export function memoryGrowth(samples: MemorySample[]) {
  const part = (from: number, to: number) =>
    samples.slice(Math.floor(samples.length * from), Math.max(Math.floor(samples.length * to), 1));
  const warm = part(0.2, 0.45);
  const end = part(0.75, 1);
  return {
    rss: { from: Math.min(...warm.map((s) => s.rss)), to: Math.min(...end.map((s) => s.rss)) },
    heap: { from: Math.min(...warm.map((s) => s.heap)), to: Math.min(...end.map((s) => s.heap)) },
  };
}

/** Every nth sample as table rows: progress, RSS and heap in MiB. */
export function memoryRows(samples: MemorySample[], rows = 20): (string | number)[][] {
  const step = Math.max(1, Math.ceil(samples.length / rows));
  return samples
    .filter((_, i) => i % step === 0 || i === samples.length - 1)
    .map((m) => [m.done, (m.rss / 2 ** 20).toFixed(1), (m.heap / 2 ** 20).toFixed(1)]);
}
