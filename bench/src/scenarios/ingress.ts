import { countKeys, type BenchRedis } from "../bench-redis";
import { startChild } from "../child";
import { CostRecorder, describeCpu, type CostProfile } from "../cost";
import { runLoad, type LoadResult } from "../load";
import { BENCH_APP_SECRET, productEnv, type BenchSettings } from "../settings";
import { median, round } from "../stats";
import { messengerWebhook, signedHeaders, whatsappBatch } from "../webhooks";

export interface IngressFigures {
  rps: number;
  baselineRps: number;
  ratio: number;
  p50Ms: number;
  p99Ms: number;
  baselineP50Ms: number;
  baselineP99Ms: number;
  /** Product responses other than 2xx, and connection errors, over every round (should be 0). */
  rejected: number;
  /** Where the time went in the product's rounds, per request ("bench" is autocannon). */
  cost: CostProfile;
  /** The same for the baseline's rounds. */
  baselineCost: CostProfile;
}

type Log = (line: string) => void;

function messengerLoad(
  port: number,
  seconds: number,
  settings: BenchSettings,
): Promise<LoadResult> {
  return runLoad({
    url: `http://127.0.0.1:${port}`,
    path: "/webhooks/meta",
    seconds,
    connections: settings.connections,
    nextRequest: () => {
      const body = messengerWebhook("bench-page");
      return { body, headers: signedHeaders(body, BENCH_APP_SECRET) };
    },
  });
}

/**
 * Signed single-message Messenger webhooks with unique ids, at saturation: the product's ingress
 * against a bare express app that only checks the HMAC and parses, alternating rounds.
 */
export async function benchIngress(
  settings: BenchSettings,
  redis: BenchRedis,
  log: Log,
): Promise<IngressFigures> {
  const [product, baseline] = await Promise.all([
    startChild("product-ingress", { env: productEnv(settings) }),
    startChild("baseline-ingress", { secret: BENCH_APP_SECRET }),
  ]);
  const redisPid: Record<string, number> = redis.pid === null ? {} : { redis: redis.pid };
  const productCost = new CostRecorder(redis.client, {
    ingress: product.pid,
    bench: process.pid,
    ...redisPid,
  });
  const baselineCost = new CostRecorder(redis.client, {
    baseline: baseline.pid,
    bench: process.pid,
    ...redisPid,
  });
  try {
    const productPort = product.info.port as number;
    const baselinePort = baseline.info.port as number;
    log(`ingress: warming up ${settings.warmupSeconds} s each`);
    await messengerLoad(baselinePort, settings.warmupSeconds, settings);
    await messengerLoad(productPort, settings.warmupSeconds, settings);
    const ours: LoadResult[] = [];
    const theirs: LoadResult[] = [];
    for (let i = 1; i <= settings.rounds; i++) {
      await baselineCost.start();
      const base = await messengerLoad(baselinePort, settings.roundSeconds, settings);
      await baselineCost.stop(base.requests);
      await productCost.start();
      const mine = await messengerLoad(productPort, settings.roundSeconds, settings);
      await productCost.stop(mine.requests);
      theirs.push(base);
      ours.push(mine);
      log(
        `ingress round ${i}/${settings.rounds}: product ${round(mine.rps, 0)} req/s (p99 ${mine.p99Ms} ms), baseline ${round(base.rps, 0)} req/s (p99 ${base.p99Ms} ms)`,
      );
    }
    const rps = median(ours.map((r) => r.rps));
    const baselineRps = median(theirs.map((r) => r.rps));
    const cost = productCost.profile();
    const base = baselineCost.profile();
    log(
      `ingress: product ${describeCpu(cost, "requests")}; baseline ${describeCpu(base, "requests")}`,
    );
    return {
      rps: round(rps, 0),
      baselineRps: round(baselineRps, 0),
      ratio: round(rps / baselineRps, 3),
      p50Ms: median(ours.map((r) => r.p50Ms)),
      p99Ms: median(ours.map((r) => r.p99Ms)),
      baselineP50Ms: median(theirs.map((r) => r.p50Ms)),
      baselineP99Ms: median(theirs.map((r) => r.p99Ms)),
      rejected: ours.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
      cost,
      baselineCost: base,
    };
  } finally {
    await Promise.all([product.stop(), baseline.stop()]);
  }
}

export interface IngressBatchedFigures {
  actionsPerSec: number;
  requestsPerSec: number;
  p99Ms: number;
  rejected: number;
  /** Window keys found in Redis afterwards for the batches' customers (each customer is new). */
  windowKeys: number;
  /** Customer actions in the webhooks the ingress answered 2xx. */
  acknowledgedActions: number;
}

const BATCH_PHONE = "106540000000001";
const BATCH_SIZE = 100;

/**
 * WhatsApp payloads of 100 messages each, every message from a new customer: customer actions
 * recorded per second. Afterwards the window keys are counted, so that an answered webhook whose
 * windows were not written cannot pass.
 */
export async function benchIngressBatched(
  settings: BenchSettings,
  redis: BenchRedis,
  log: Log,
): Promise<IngressBatchedFigures> {
  const product = await startChild("product-ingress", { env: productEnv(settings) });
  let generated = 0;
  const load = (seconds: number) =>
    runLoad({
      url: `http://127.0.0.1:${product.info.port as number}`,
      path: "/webhooks/meta",
      seconds,
      connections: Math.max(4, Math.floor(settings.connections / 5)),
      nextRequest: () => {
        generated += 1;
        const body = whatsappBatch(BATCH_PHONE, BATCH_SIZE);
        return { body, headers: signedHeaders(body, BENCH_APP_SECRET) };
      },
    });
  const all: LoadResult[] = [];
  try {
    log(`ingress batched: warming up ${settings.warmupSeconds} s`);
    all.push(await load(settings.warmupSeconds));
    const rounds: LoadResult[] = [];
    for (let i = 1; i <= settings.rounds; i++) {
      const result = await load(settings.roundSeconds);
      rounds.push(result);
      log(
        `ingress batched round ${i}/${settings.rounds}: ${round(result.rps * BATCH_SIZE, 0)} actions/s (p99 ${result.p99Ms} ms)`,
      );
    }
    all.push(...rounds);
    const rps = median(rounds.map((r) => r.rps));
    const acknowledged = all.reduce((sum, r) => sum + r.ok, 0) * BATCH_SIZE;
    const windowKeys = await verifyWindows(settings, redis, acknowledged, generated * BATCH_SIZE);
    log(`ingress batched: ${windowKeys} window keys for ${acknowledged} acknowledged actions`);
    return {
      actionsPerSec: round(rps * BATCH_SIZE, 0),
      requestsPerSec: round(rps, 1),
      p99Ms: median(rounds.map((r) => r.p99Ms)),
      rejected: rounds.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
      windowKeys,
      acknowledgedActions: acknowledged,
    };
  } finally {
    await product.stop();
  }
}

/**
 * Every acknowledged action must have its window key; requests cut off when a round ended may have
 * been recorded without their answer being counted, so up to every generated one may exist.
 */
async function verifyWindows(
  settings: BenchSettings,
  redis: BenchRedis,
  acknowledged: number,
  generated: number,
): Promise<number> {
  const found = await countKeys(redis.client, `${settings.keyPrefix}:w:{w:${BATCH_PHONE}}:*`);
  if (found < acknowledged || found > generated) {
    throw new Error(
      `window keys do not match the webhooks: ${found} keys, ${acknowledged} actions acknowledged, ${generated} sent`,
    );
  }
  return found;
}
