import type { Redis } from "ioredis";
import { commandStats, commandStatsDelta, type CommandStat } from "./bench-redis";
import { CpuMeter } from "./cpu";
import { round } from "./stats";

/** Where the time of a measured piece of work went: CPU per process and Redis commands, per unit. */
export interface CostProfile {
  /** Units (replies, requests, jobs) the figures are divided by. */
  units: number;
  /** CPU ms per 1 000 units, by process (null: not measurable, e.g. a Redis on another host). */
  cpuMsPer1000: Record<string, number | null>;
  /** Redis commands per unit (calls) and µs of Redis time per unit, most expensive first. */
  redisPerUnit: { command: string; calls: number; usec: number }[];
}

/** Accumulates CPU and Redis command costs over several measured stretches (e.g. rounds). */
export class CostRecorder {
  private readonly cpu: Record<string, number | null> = {};
  private readonly commands = new Map<string, CommandStat>();
  private units = 0;
  private meter: CpuMeter;
  private statsBefore: Map<string, CommandStat> | null = null;

  constructor(
    private readonly redis: Redis,
    pids: Record<string, number>,
  ) {
    this.meter = new CpuMeter(pids);
  }

  async start(): Promise<void> {
    this.statsBefore = await commandStats(this.redis);
    this.meter.start();
  }

  async stop(units: number): Promise<void> {
    const used = this.meter.stop();
    const after = await commandStats(this.redis);
    for (const [name, ms] of Object.entries(used)) {
      const sum = this.cpu[name];
      this.cpu[name] = ms === null || sum === null ? null : (sum ?? 0) + ms;
    }
    for (const d of commandStatsDelta(this.statsBefore ?? new Map<string, CommandStat>(), after)) {
      const sum = this.commands.get(d.command) ?? { calls: 0, usec: 0 };
      this.commands.set(d.command, { calls: sum.calls + d.calls, usec: sum.usec + d.usec });
    }
    this.units += units;
  }

  profile(top = 8): CostProfile {
    const per = (value: number, scale: number, digits: number) =>
      round((value / Math.max(1, this.units)) * scale, digits);
    const cpuMsPer1000: Record<string, number | null> = {};
    for (const [name, ms] of Object.entries(this.cpu)) {
      cpuMsPer1000[name] = ms === null ? null : per(ms, 1000, 0);
    }
    const redisPerUnit = [...this.commands.entries()]
      .sort((a, b) => b[1].usec - a[1].usec)
      .slice(0, top)
      .map(([command, s]) => ({ command, calls: per(s.calls, 1, 2), usec: per(s.usec, 1, 1) }));
    return { units: this.units, cpuMsPer1000, redisPerUnit };
  }
}

/** One line for the progress log: "api 812, worker 1630, redis 905 ms CPU per 1000 replies". */
export function describeCpu(profile: CostProfile, unit: string): string {
  const parts = Object.entries(profile.cpuMsPer1000)
    .filter(([, ms]) => ms !== null)
    .map(([name, ms]) => `${name} ${ms}`);
  return `${parts.join(", ")} ms CPU per 1000 ${unit}`;
}
