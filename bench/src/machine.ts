import { cpus, release, totalmem, type as osType } from "node:os";

/** Where the figures came from; written into results.json next to them. */
export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  redisVersion: string;
  /** "own": a redis-server the bench started; "external": the one REDIS_URL named. */
  redis: "own" | "external";
}

export function describeMachine(redisVersion: string, ownRedis: boolean): Machine {
  const cpuList = cpus();
  return {
    cores: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${osType()} ${release()}`,
    redisVersion,
    redis: ownRedis ? "own" : "external",
  };
}
