import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { readProcessEnv } from "@meta-relay/config";
import { openBenchRedis, type BenchRedis } from "./bench-redis";
import { setChildExecArgv } from "./child";
import { describeMachine } from "./machine";
import { formatTable, resultRows, TARGETS, type BenchResults } from "./results";
import { benchDelivery } from "./scenarios/delivery";
import { benchIngress, benchIngressBatched } from "./scenarios/ingress";
import { benchRedis } from "./scenarios/redis";
import { benchWindows } from "./scenarios/windows";
import { timing, type BenchSettings } from "./settings";

/**
 * `npm run bench`: every scenario against its baseline in the same run, a table on stdout and
 * bench/results.json. Flags (after `--`): `--quick` (about a minute, same fields), `--profile` (CPU
 * profiles of every server process in bench/profiles/), `--out <file>`, and `--only <names>` (a
 * comma list of redis, windows, ingress, batched, delivery; writes bench/results.local.json instead).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const outIndex = args.indexOf("--out");
  const out = resolve(
    outIndex >= 0 ? (args[outIndex + 1] ?? "") : join(__dirname, "..", "results.json"),
  );
  const began = Date.now();
  const log = (line: string) =>
    process.stdout.write(`[${((Date.now() - began) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
  if (args.includes("--profile")) {
    const dir = join(__dirname, "..", "profiles");
    mkdirSync(dir, { recursive: true });
    setChildExecArgv(["--cpu-prof", `--cpu-prof-dir=${dir}`]);
    log(`CPU profiles of the server processes go to ${dir}`);
  }
  const redis = await openBenchRedis(readProcessEnv().REDIS_URL);
  stopOnSignal(redis, log);
  log(
    redis.owned
      ? `started redis-server ${redis.version} at ${redis.url}`
      : `using the Redis at REDIS_URL (${redis.version}) under the key prefix ${redis.keyPrefix}`,
  );
  const settings: BenchSettings = {
    quick,
    ...timing(quick),
    redisUrl: redis.url,
    keyPrefix: redis.keyPrefix,
  };
  try {
    const results = await runScenarios(settings, redis, log, onlyOption(args));
    results.durationSeconds = Math.round((Date.now() - began) / 1000);
    const complete = isComplete(results);
    // A partial run (--only) never replaces the committed figures.
    const file = complete ? out : join(__dirname, "..", "results.local.json");
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    if (complete) process.stdout.write(`\n${formatTable(resultRows(results))}\n\n`);
    log(`results written to ${file}`);
  } finally {
    await redis.close(log);
  }
}

const SCENARIOS = ["redis", "windows", "ingress", "batched", "delivery"] as const;
type ScenarioName = (typeof SCENARIOS)[number];

/** `--only delivery,redis`: run just those scenarios (for profiling one of them). */
function onlyOption(args: string[]): Set<ScenarioName> | null {
  const index = args.indexOf("--only");
  if (index < 0) return null;
  const names = (args[index + 1] ?? "").split(",").filter((n) => n !== "");
  const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`--only takes a comma list of ${SCENARIOS.join(", ")}`);
  }
  return new Set(names as ScenarioName[]);
}

type Scenarios = "ingress" | "ingressBatched" | "delivery" | "redis" | "windows";
type PartialResults = Omit<BenchResults, Scenarios> & Partial<Pick<BenchResults, Scenarios>>;

function isComplete(results: PartialResults): results is BenchResults {
  return Boolean(
    results.ingress &&
    results.ingressBatched &&
    results.delivery &&
    results.redis &&
    results.windows,
  );
}

async function runScenarios(
  settings: BenchSettings,
  redis: BenchRedis,
  log: (line: string) => void,
  only: Set<ScenarioName> | null,
): Promise<PartialResults> {
  const { quick: _quick, redisUrl: _url, ...knobs } = settings;
  const runs = (name: ScenarioName) => only === null || only.has(name);
  log(
    `${settings.quick ? "quick" : "full"} run: ${settings.rounds} rounds of ${settings.roundSeconds} s per scenario`,
  );
  // Redis first, on an empty keyspace: the memory figure is then not skewed by a hash table resize.
  const redisFigures = runs("redis") ? await benchRedis(settings, redis.client, log) : undefined;
  const windows = runs("windows") ? await benchWindows(settings, redis.client, log) : undefined;
  const ingress = runs("ingress") ? await benchIngress(settings, redis, log) : undefined;
  const ingressBatched = runs("batched")
    ? await benchIngressBatched(settings, redis, log)
    : undefined;
  const delivery = runs("delivery") ? await benchDelivery(settings, redis, log) : undefined;
  return {
    generatedAt: new Date().toISOString(),
    mode: settings.quick ? "quick" : "full",
    command: settings.quick ? "npm run bench -- --quick" : "npm run bench",
    machine: describeMachine(redis.version, redis.owned),
    settings: knobs,
    targets: TARGETS,
    ...(ingress ? { ingress } : {}),
    ...(ingressBatched ? { ingressBatched } : {}),
    ...(delivery ? { delivery } : {}),
    ...(redisFigures ? { redis: redisFigures } : {}),
    ...(windows ? { windows } : {}),
    durationSeconds: 0,
  };
}

/** Ctrl-C: stop our redis-server (the server children exit when their stdin closes). */
function stopOnSignal(redis: BenchRedis, log: (line: string) => void): void {
  const stop = () => {
    void redis.close(log).finally(() => process.exit(130));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
