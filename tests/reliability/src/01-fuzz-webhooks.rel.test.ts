import { signWebhookBody } from "@meta-relay/testkit";
import { createKeys } from "@meta-relay/store";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { webhookCase, type WebhookCase } from "./fuzz/webhook-cases";
import { createDeployment, type Deployment } from "./support/deployment";
import { mib, percent, report } from "./support/figures";
import { memoryGrowth, memoryRows, sampleMemory } from "./support/memory-sampler";
import { startPrivateRedis, type PrivateRedis } from "./support/private-redis";
import { startRelayFor, type RelayProcess } from "./support/relay-process";
import { runSettings } from "./support/run-settings";
import { mapLimit } from "./support/wait";

// 10 000 generated and mutated webhooks, every one validly signed, against the built ingress:
// each gets exactly the answer its bytes call for (never a 5xx), the process survives, its memory
// stays put, and only the well-formed customer actions move window records — each to its own time.

const CASES = 10_000;
const CHUNK = 250;
const SEED = 20_261_121;

describe("fuzzed webhooks", () => {
  let redis: PrivateRedis;
  let d: Deployment;
  let relay: RelayProcess;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    d = createDeployment({ redisUrl: redis.server.url, graphUrl: "http://127.0.0.1:9" });
    relay = await startRelayFor(d, "fuzz-webhooks", ["ingress"]);
  });
  afterAll(async () => {
    await relay?.dispose();
    await redis?.stop();
  });

  it("answers every one as its bytes call for and records only well-formed customer actions", async () => {
    const expected = new Map<string, number>();
    const tolerated = new Map<string, number>();
    const keys = createKeys(d.prefix);
    const statuses = new Map<number, number>();
    const wrong: { label: string; expected: number; got: number; seed: number; index: number }[] =
      [];
    const labels = new Map<string, number>();
    let bytes = 0;
    const started = Date.now();

    const small: { seed: number; index: number; label: string; raw: string }[] = [];
    const failures = new Map<string, number>();
    const post = async (c: WebhookCase): Promise<number> => {
      const res = await fetch(`${relay.url("ingress")}/webhooks/meta`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": signWebhookBody(c.raw, d.appSecret),
        },
        body: c.raw,
      });
      await res.arrayBuffer();
      return res.status;
    };

    let done = 0;
    const memory = sampleMemory(relay, "ingress", () => done);
    const samples = memory.samples;
    for (let chunk = 0; chunk < CASES / CHUNK; chunk++) {
      const cases = fc.sample(webhookCase(d.textMarker), { seed: SEED + chunk, numRuns: CHUNK });
      await mapLimit(cases, 8, async (c, i) => {
        const status = await post(c).catch((err: Error) => {
          const why = `${c.label} (expected ${c.expectStatus}): ${String((err.cause as Error | undefined)?.message ?? err.message)}`;
          failures.set(why, (failures.get(why) ?? 0) + 1);
          return 0;
        });
        if (typeof c.raw === "string" && c.raw.length < 8_000)
          small.push({ seed: SEED + chunk, index: i, label: c.label, raw: c.raw });
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        labels.set(c.label, (labels.get(c.label) ?? 0) + 1);
        bytes += Buffer.byteLength(c.raw);
        if (status !== c.expectStatus) {
          wrong.push({
            label: c.label,
            expected: c.expectStatus,
            got: status,
            seed: SEED + chunk,
            index: i,
          });
          return;
        }
        // A webhook answered otherwise may still have written (a write can land after a 503).
        const into = status === 200 ? expected : tolerated;
        for (const w of c.writes) {
          const key = normaliseKey(keys.window(w));
          into.set(key, Math.max(into.get(key) ?? 0, w.atMs));
        }
      });
      done = (chunk + 1) * CHUNK;
    }
    memory.stop();
    const seconds = (Date.now() - started) / 1000;

    // The window records: exactly the well-formed actions' keys, each at its latest action's time.
    const stored = await redis.keys(`${d.prefix}:w:*`);
    const values = stored.length > 0 ? await redis.client.mget(...stored) : [];
    const unexpectedKeys = stored.filter((key) => !expected.has(key) && !tolerated.has(key));
    const wrongTimes = stored.filter((key, i) => {
      const at = Number(values[i]);
      const required = expected.get(key);
      if (required === undefined) return false;
      return at !== required && !(at > required && at <= (tolerated.get(key) ?? 0));
    });
    const storedSet = new Set(stored);
    const missing = [...expected.keys()].filter((key) => !storedSet.has(key));

    if (unexpectedKeys.length + wrongTimes.length + missing.length > 0) {
      writeDiagnostics(
        [...unexpectedKeys, ...wrongTimes, ...missing],
        stored,
        values,
        expected,
        small,
      );
    }
    const growth = memoryGrowth(samples);
    const health = await fetch(`${relay.url("ingress")}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    report({
      section: "01 fuzz: webhooks",
      table: {
        header: ["webhooks", "RSS MiB", "heap used MiB", "outside the heap MiB"],
        rows: memoryRows(samples),
      },
      figures: {
        "payloads (fast-check seed)": `${CASES} (seeds ${SEED}..${SEED + CASES / CHUNK - 1})`,
        "bytes posted": mib(bytes),
        answers: [...statuses]
          .sort()
          .map(([s, n]) => `${s}: ${n}`)
          .join(", "),
        "answers not as expected": wrong.length,
        "5xx": [...statuses].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0),
        kinds: [...labels].map(([l, n]) => `${l} ${n}`).join(", "),
        "windows expected / stored": `${expected.size} / ${stored.length}`,
        "windows touched by anything else": unexpectedKeys.length,
        "windows at a wrong time / missing": `${wrongTimes.length} / ${missing.length}`,
        "relay crashes": relay.crashes.length,
        "RSS floor, after warm-up → second half": `${mib(growth.rss.from)} → ${mib(growth.rss.to)} (${percent(growth.rss.to - growth.rss.from, growth.rss.from)})`,
        "heap floor, after warm-up → second half": `${mib(growth.heap.from)} → ${mib(growth.heap.to)} (${percent(growth.heap.to - growth.heap.from, growth.heap.from)})`,
        "outside the V8 heap, floor, after warm-up → second half": `${mib(growth.outsideHeap.from)} → ${mib(growth.outsideHeap.to)} (${percent(growth.outsideHeap.to - growth.outsideHeap.from, growth.outsideHeap.from)})`,
        "transport failures": [...failures].map(([w, n]) => `${w} ×${n}`).join("; ") || "none",
        rate: `${(CASES / seconds).toFixed(0)} webhooks/s over ${seconds.toFixed(0)} s`,
      },
    });
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(relay.crashes).toEqual([]);
    expect(relay.alive()).toBe(true);
    expect(health).toBe(200);
    expect(unexpectedKeys.slice(0, 5)).toEqual([]);
    expect(wrongTimes.slice(0, 5)).toEqual([]);
    expect(missing.slice(0, 5)).toEqual([]);
    // Stable memory: after the first fifth, neither the live heap nor the memory outside it keeps growing.
    expect(growth.heap.to).toBeLessThan(growth.heap.from * 1.5);
    expect(growth.outsideHeap.to).toBeLessThan(growth.outsideHeap.from * 1.25);
  });
});

/** Writes, for each window that is wrong, its stored and expected times and every small case naming its user. */
function writeDiagnostics(
  badKeys: string[],
  stored: string[],
  values: (string | null)[],
  expected: Map<string, number>,
  small: { seed: number; index: number; label: string; raw: string }[],
): void {
  const details = badKeys.slice(0, 20).map((key) => {
    const user = key.split("}:").slice(1).join("}:");
    const needle = JSON.stringify(user).slice(1, -1);
    return {
      key,
      stored: values[stored.indexOf(key)] ?? null,
      expected: expected.get(key) ?? null,
      cases: small.filter((c) => c.raw.includes(`"${needle}"`)).slice(0, 10),
    };
  });
  const file = join(runSettings().runDir, "fuzz-webhooks-window-mismatches.json");
  writeFileSync(file, JSON.stringify(details, null, 2));
  process.stdout.write(`window mismatches written to ${file}\n`);
}

/** A key as SCAN returns it: Redis stores the UTF-8 bytes, and a lone surrogate cannot survive that. */
function normaliseKey(key: string): string {
  return Buffer.from(key, "utf8").toString("utf8");
}
