import { metricValue } from "./metrics";
import type { RelayProcess } from "./relay-process";
import type { RelayRole } from "./deployment";

export interface MemorySample {
  /** Work done when the sample was taken (the caller's progress counter). */
  done: number;
  atMs: number;
  rss: number;
  heap: number;
  /**
   * The part of `heap` in the young generation (new and new large-object spaces): emptied by every
   * scavenge, many times a second under load, so it is noise of up to tens of MiB on any reading
   * and never where a leak stays (what survives two scavenges moves to the old generation).
   */
  young: number;
  /** What V8 has reserved for its heap, used or not: part of the RSS that only a major GC gives back. */
  heapTotal: number;
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
          young:
            metricValue(text, "relay_nodejs_heap_space_size_used_bytes", { space: "new" }) +
            metricValue(text, "relay_nodejs_heap_space_size_used_bytes", {
              space: "new_large_object",
            }),
          heapTotal: metricValue(text, "relay_nodejs_heap_size_total_bytes"),
        }),
      () => undefined,
    );
  }, everyMs);
  return { samples, stop: () => clearInterval(timer) };
}

/**
 * Memory after the warm-up (the second fifth to the second quarter of the samples) against the second
 * half, each by its floor: the RSS (reported), the live heap (what survives GC), and the memory
 * outside the V8 heap (RSS minus the heap V8 has reserved: buffers, sockets, native code). A leak
 * lifts the floor of the live heap or of the outside memory. The live heap is read as the old
 * generation (the heap without its young generation, whose garbage at the moment of a reading is
 * chance: on a 30 MiB heap it moved the floor by more than 10 % between two runs of the same tree).
 * Its floor is only the live heap where a major GC ran inside the window: a short run (the /v1 fuzz
 * takes 16 s on a quiet machine) may have no major GC in its last quarter, whose floor is then
 * garbage, so the end window is the whole second half. The RSS itself also rises while V8,
 * collecting lazily, reserves a larger heap before its first major GC, so it is not what to judge.
 */
export function memoryGrowth(samples: MemorySample[]) {
  const part = (from: number, to: number) =>
    samples.slice(Math.floor(samples.length * from), Math.max(Math.floor(samples.length * to), 1));
  const floor = (of: MemorySample[], value: (s: MemorySample) => number) =>
    Math.min(...of.map(value));
  const warm = part(0.2, 0.45);
  const end = part(0.5, 1);
  const growth = (value: (s: MemorySample) => number) => ({
    from: floor(warm, value),
    to: floor(end, value),
  });
  return {
    rss: growth((s) => s.rss),
    heap: growth((s) => s.heap - s.young),
    outsideHeap: growth((s) => s.rss - s.heapTotal),
  };
}

/** Every nth sample as table rows: progress, RSS, live heap and memory outside the heap in MiB. */
export function memoryRows(samples: MemorySample[], rows = 20): (string | number)[][] {
  const step = Math.max(1, Math.ceil(samples.length / rows));
  return samples
    .filter((_, i) => i % step === 0 || i === samples.length - 1)
    .map((m) => [
      m.done,
      (m.rss / 2 ** 20).toFixed(1),
      (m.heap / 2 ** 20).toFixed(1),
      ((m.rss - m.heapTotal) / 2 ** 20).toFixed(1),
    ]);
}
