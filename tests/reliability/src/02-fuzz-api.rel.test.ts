import fc from "fast-check";
import {
  API_CHANNELS,
  apiCase,
  FUZZ_KEY_SCOPES,
  type ApiCase,
  type FuzzKeys,
} from "./fuzz/api-cases";
import { createApiClient, type ApiClient } from "./support/api-client";
import { createDeployment, type Deployment } from "./support/deployment";
import { mib, percent, report } from "./support/figures";
import { memoryGrowth, memoryRows, sampleMemory } from "./support/memory-sampler";
import { startPrivateRedis, type PrivateRedis } from "./support/private-redis";
import { startRelayFor, type RelayProcess } from "./support/relay-process";
import { sensitive } from "./support/sensitive";
import { mapLimit } from "./support/wait";

// 10 000 generated /v1 requests — valid and broken bodies, garbage, oversized bodies, hostile path
// parameters, /v1/keys, with the admin key and with scoped keys — against the built API: only 2xx
// and 4xx answers, every 4xx in the error envelope, no access token in any answer and no API key
// outside its creation answer, the process alive and its memory flat; no window is touched.

const SCOPED_KEY = /mrk_[A-Za-z0-9_-]{43}/;

const CASES = 10_000;
const CHUNK = 250;
const SEED = 20_261_122;

describe("fuzzed /v1 requests", () => {
  let redis: PrivateRedis;
  let d: Deployment;
  let relay: RelayProcess;
  let api: ApiClient;
  let token: string;
  let keys: FuzzKeys;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    d = createDeployment({ redisUrl: redis.server.url, graphUrl: "http://127.0.0.1:9" });
    relay = await startRelayFor(d, "fuzz-api", ["api"]);
    api = createApiClient(relay.url("api"), d.apiKey);
    token = d.newAccessToken();
    for (const channel of API_CHANNELS) {
      await api.putChannel(channel.platform, channel.id, {
        accessToken: token,
        verify: false,
        subscribe: false,
        ...(channel.platform === "instagram" ? { pageId: "fzapi-page" } : {}),
      });
    }
    const createKey = async (access: keyof FuzzKeys) => {
      const res = await api.call("POST", "/v1/keys", {
        name: `fuzz ${access}`,
        access,
        channels: FUZZ_KEY_SCOPES[access],
      });
      if (res.status !== 201) throw new Error(`POST /v1/keys: ${res.status} ${res.text}`);
      return sensitive("scoped api key", (res.json as { key: string }).key);
    };
    keys = { send: await createKey("send"), read: await createKey("read") };
  });
  afterAll(async () => {
    await relay?.dispose();
    await redis?.stop();
  });

  it("answers only 2xx and 4xx, in the envelope, and never returns a token", async () => {
    const statuses = new Map<number, number>();
    const byLabel = new Map<string, Map<number, number>>();
    const wrong: { label: string; method: string; path: string; status: number; body: string }[] =
      [];
    const notEnvelope: string[] = [];
    const leaks: string[] = [];
    const keyLeaks: string[] = [];
    let keysCreated = 0;
    let done = 0;
    const memory = sampleMemory(relay, "api", () => done);
    const started = Date.now();

    for (let chunk = 0; chunk < CASES / CHUNK; chunk++) {
      const cases = fc.sample(apiCase(d.textMarker, token, keys), {
        seed: SEED + chunk,
        numRuns: CHUNK,
      });
      await mapLimit(cases, 8, async (c: ApiCase) => {
        const res = await api.call(c.method, c.path, c.body, c.key).catch((err: Error) => ({
          status: 0,
          text: (err.cause as Error | undefined)?.message ?? err.message,
          json: null,
        }));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const forLabel = byLabel.get(c.label) ?? new Map<number, number>();
        forLabel.set(res.status, (forLabel.get(res.status) ?? 0) + 1);
        byLabel.set(c.label, forLabel);
        if (!c.allowed.includes(res.status)) {
          wrong.push({
            label: c.label,
            method: c.method,
            path: c.path.slice(0, 200),
            status: res.status,
            body: res.text.slice(0, 300),
          });
        }
        if (res.status >= 400 && !isEnvelope(res.json))
          notEnvelope.push(`${c.method} ${c.path.slice(0, 80)} → ${res.status}`);
        if (res.text.includes(token)) leaks.push(`${c.method} ${c.path.slice(0, 80)}`);
        if (c.label === "create key" && res.status === 201) {
          // Every key the relay hands out is something no log line may contain.
          sensitive("scoped api key", (res.json as { key: string }).key);
          keysCreated += 1;
        } else if (SCOPED_KEY.test(res.text)) {
          keyLeaks.push(`${c.method} ${c.path.slice(0, 80)} → ${res.status}`);
        }
      });
      done = (chunk + 1) * CHUNK;
    }
    memory.stop();
    const seconds = (Date.now() - started) / 1000;
    const windows = await redis.keys(`${d.prefix}:w:*`);
    const growth = memoryGrowth(memory.samples);
    const health = await fetch(`${relay.url("api")}/healthz`).then(
      (r) => r.status,
      () => 0,
    );
    report({
      section: "02 fuzz: /v1 requests",
      figures: {
        "requests (fast-check seed)": `${CASES} (seeds ${SEED}..${SEED + CASES / CHUNK - 1})`,
        answers: [...statuses]
          .sort()
          .map(([s, n]) => `${s}: ${n}`)
          .join(", "),
        "answers not allowed": wrong.length,
        "5xx": [...statuses].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0),
        "4xx outside the error envelope": notEnvelope.length,
        "answers carrying an access token": leaks.length,
        "scoped keys created / answers carrying a key outside its creation": `${keysCreated} / ${keyLeaks.length}`,
        "window records written": windows.length,
        "relay crashes": relay.crashes.length,
        "RSS floor, after warm-up → second half": `${mib(growth.rss.from)} → ${mib(growth.rss.to)} (${percent(growth.rss.to - growth.rss.from, growth.rss.from)})`,
        "heap floor, after warm-up → second half": `${mib(growth.heap.from)} → ${mib(growth.heap.to)} (${percent(growth.heap.to - growth.heap.from, growth.heap.from)})`,
        "outside the V8 heap, floor, after warm-up → second half": `${mib(growth.outsideHeap.from)} → ${mib(growth.outsideHeap.to)} (${percent(growth.outsideHeap.to - growth.outsideHeap.from, growth.outsideHeap.from)})`,
        rate: `${(CASES / seconds).toFixed(0)} requests/s over ${seconds.toFixed(0)} s`,
        ...Object.fromEntries(
          [...byLabel].map(([label, counts]) => [
            `  ${label}`,
            [...counts]
              .sort()
              .map(([s, n]) => `${s}: ${n}`)
              .join(", "),
          ]),
        ),
      },
      table: {
        header: ["requests", "RSS MiB", "heap used MiB", "outside the heap MiB"],
        rows: memoryRows(memory.samples),
      },
    });
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(notEnvelope.slice(0, 5)).toEqual([]);
    expect(leaks).toEqual([]);
    expect(keyLeaks).toEqual([]);
    expect(keysCreated).toBeGreaterThan(0);
    expect(windows).toEqual([]);
    expect(relay.crashes).toEqual([]);
    expect(health).toBe(200);
    expect(growth.heap.to).toBeLessThan(growth.heap.from * 1.5);
    expect(growth.outsideHeap.to).toBeLessThan(growth.outsideHeap.from * 1.25);
  });
});

function isEnvelope(body: unknown): boolean {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
}
