import { readFileSync } from "node:fs";

/** CPU time (ms, user + system) a process has used so far; null where /proc is not available. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS : null;
  } catch {
    return null;
  }
}

/** USER_HZ: 100 on every Linux this runs on (sysconf is not reachable from node). */
const CLOCK_TICKS = 100;

/** CPU used by several processes between `start()` and `stop()`, in ms per process. */
export class CpuMeter {
  private readonly before = new Map<string, number | null>();

  constructor(private readonly pids: Record<string, number>) {}

  start(): void {
    for (const [name, pid] of Object.entries(this.pids)) this.before.set(name, processCpuMs(pid));
  }

  /** ms of CPU each process used since `start()`; null for a process that could not be read. */
  stop(): Record<string, number | null> {
    const used: Record<string, number | null> = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      const start = this.before.get(name) ?? null;
      const end = processCpuMs(pid);
      used[name] = start === null || end === null ? null : end - start;
    }
    return used;
  }
}
