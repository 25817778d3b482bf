import fc from "fast-check";
import { API_CHANNELS, apiCase, type ApiCase } from "./fuzz/api-cases";
import { createApiClient, type ApiClient } from "./support/api-client";
import { createDeployment, type Deployment } from "./support/deployment";
import { mib, percent, report } from "./support/figures";
import { memoryGrowth, memoryRows, sampleMemory } from "./support/memory-sampler";
import { startPrivateRedis, type PrivateRedis } from "./support/private-redis";
import { startRelayFor, type RelayProcess } from "./support/relay-process";
import { mapLimit } from "./support/wait";

// 10 000 generated /v1 requests — valid and broken bodies, garbage, oversized bodies, hostile path
// parameters — against the built API: only 2xx and 4xx answers, every 4xx in the error envelope,
// no access token in any answer, the process alive and its memory flat; no window is touched.

const CASES = 10_000;
const CHUNK = 250;
const SEED = 20_261_122;

describe("fuzzed /v1 requests", () => {
  let redis: PrivateRedis;
  let d: Deployment;
  let relay: RelayProcess;
  let api: ApiClient;
  let token: string;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    d = createDeployment({ redisUrl: redis.server.url, graphUrl: "http://127.0.0.1:9" });
    relay = await startRelayFor(d, "fuzz-api", ["api"]);
    api = createApiClient(relay.url("api"), d.apiKey);
    token = d.newAccessToken();
    for (const channel of API_CHANNELS) {
      await api.putChannel(channel.platform, channel.id, {
        accessToken: token,
        ...(channel.platform === "instagram" ? { pageId: "fzapi-page" } : {}),
      });
    }
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
    let done = 0;
    const memory = sampleMemory(relay, "api", () => done);
    const started = Date.now();

    for (let chunk = 0; chunk < CASES / CHUNK; chunk++) {
      const cases = fc.sample(apiCase(d.textMarker, token), { seed: SEED + chunk, numRuns: CHUNK });
      await mapLimit(cases, 8, async (c: ApiCase) => {
        const res = await api.call(c.method, c.path, c.body).catch((err: Error) => ({
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
        "window records written": windows.length,
        "relay crashes": relay.crashes.length,
        "RSS peak, after warm-up → last quarter": `${mib(growth.rss.from)} → ${mib(growth.rss.to)} (${percent(growth.rss.to - growth.rss.from, growth.rss.from)})`,
        "heap floor, after warm-up → last quarter": `${mib(growth.heap.from)} → ${mib(growth.heap.to)} (${percent(growth.heap.to - growth.heap.from, growth.heap.from)})`,
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
      table: { header: ["requests", "RSS MiB", "heap used MiB"], rows: memoryRows(memory.samples) },
    });
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(notEnvelope.slice(0, 5)).toEqual([]);
    expect(leaks).toEqual([]);
    expect(windows).toEqual([]);
    expect(relay.crashes).toEqual([]);
    expect(health).toBe(200);
    expect(growth.heap.to).toBeLessThan(growth.heap.from * 1.5);
    expect(growth.rss.to).toBeLessThan(growth.rss.from * 1.25);
  });
});

function isEnvelope(body: unknown): boolean {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === "string" && typeof error.message === "string";
}
