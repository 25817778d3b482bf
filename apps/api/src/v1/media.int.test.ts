import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { freePort, startMetaSimulator, testRedisEnv, uniquePrefix } from "@meta-relay/testkit";
import type { MetaSimulator } from "@meta-relay/testkit";
import { waitFor } from "@meta-relay/testkit/testing";

// GET /v1/channels/whatsapp/{channelId}/media/{mediaId} against the API as it runs in production:
// its own process (built), real HTTP to it and from it to the fake Meta, real Redis. The process's
// own memory is read from /proc while a 100 MB file goes through it.

const ROOT = resolve(__dirname, "../../../..");
const KEY = "media-key-aaaaaaaaaaaa";
const TOKEN = "EAAG-whatsapp-token-for-media";
const PHONE = "106540352242922";
const MIB = 1024 * 1024;
const CAP = 110 * MIB;

const START_API = `
const { startApi } = require("@meta-relay/api");
const { loadConfig } = require("@meta-relay/config");
const { createLogger, createMetrics } = require("@meta-relay/observability");
startApi({ config: loadConfig(process.env, ["api"]), logger: createLogger({ level: "silent" }), metrics: createMetrics() })
  .catch((error) => { console.error(error); process.exit(1); });
`;

describe("GET /v1/channels/whatsapp/{channelId}/media/{mediaId}", () => {
  let sim: MetaSimulator;
  let child: ChildProcess;
  let base: string;
  const output: string[] = [];

  beforeAll(async () => {
    const build = spawnSync(
      "npx",
      ["turbo", "run", "build", "--filter=@meta-relay/api...", "--output-logs=errors-only"],
      { cwd: ROOT, encoding: "utf8", timeout: 300_000 },
    );
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
    sim = await startMetaSimulator();
    sim.addChannel({ platform: "whatsapp", channelId: PHONE, accessToken: TOKEN });
    const port = await freePort();
    child = spawn(process.execPath, ["-e", START_API], {
      cwd: ROOT,
      env: {
        ...testRedisEnv(),
        RELAY_KEY_PREFIX: uniquePrefix(),
        API_PORT: String(port),
        RELAY_API_KEYS: KEY,
        RELAY_ENCRYPTION_KEY: "d".repeat(64),
        DASHBOARD_USERNAME: "ops",
        DASHBOARD_PASSWORD: "password-1",
        META_GRAPH_URL: sim.graphUrl,
        GRAPH_TIMEOUT_MS: "2000",
        MEDIA_MAX_BYTES: String(CAP),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    base = `http://127.0.0.1:${port}`;
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`the API exited:\n${output.join("")}`);
      return fetch(`${base}/readyz`).then(
        (res) => res.ok,
        () => false,
      );
    }, 30_000);
    const put = await api("PUT", `/v1/channels/whatsapp/${PHONE}`, { accessToken: TOKEN });
    expect(put.status).toBe(201);
  }, 300_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await exited;
    }
    await sim?.close();
  });

  function api(method: string, path: string, body?: unknown, signal?: AbortSignal) {
    return fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
  }
  const mediaPath = (id: string, channel = PHONE) => `/v1/channels/whatsapp/${channel}/media/${id}`;

  async function sha256Of(res: Response): Promise<{ sha256: string; bytes: number }> {
    const hash = createHash("sha256");
    let bytes = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    return { sha256: hash.digest("hex"), bytes };
  }

  it("streams a 100 MB file byte for byte while the API's memory stays flat", async () => {
    const warmUp = sim.addMedia({ channelId: PHONE, size: 5 * MIB, mimeType: "video/mp4" });
    await sha256Of(await api("GET", mediaPath(warmUp.id)));
    const file = sim.addMedia({ channelId: PHONE, size: 100 * 1000 * 1000, mimeType: "video/mp4" });
    const expected = file.sha256();
    const baseline = rssOf(child);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(child))), 20);
    const res = await api("GET", mediaPath(file.id));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("video/mp4");
    expect(res.headers.get("content-length")).toBe(String(file.size));
    const got = await sha256Of(res).finally(() => clearInterval(sampler));
    expect(got).toEqual({ sha256: expected, bytes: file.size });
    const growth = peak - baseline;
    process.stdout.write(
      `media: 100 MB relayed; API RSS ${(baseline / MIB).toFixed(1)} MiB → peak ${(peak / MIB).toFixed(1)} MiB (+${(growth / MIB).toFixed(1)} MiB)\n`,
    );
    expect(growth).toBeLessThan(50 * MIB);
  }, 120_000);

  it("answers 404 media_not_found for an unknown or expired id", async () => {
    const expired = sim.addMedia({ channelId: PHONE, expired: true });
    for (const id of ["1234567890123456", expired.id]) {
      const res = await api("GET", mediaPath(id));
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe("media_not_found");
    }
  });

  it("answers 502 meta_error with Meta's code when Meta fails", async () => {
    const file = sim.addMedia({ channelId: PHONE });
    sim.inject({ kind: "error", code: 131000, status: 500, on: "media" });
    const res = await api("GET", mediaPath(file.id));
    expect(res.status).toBe(502);
    expect(await errorOf(res)).toMatchObject({
      code: "meta_error",
      details: { code: 131000, httpStatus: 500 },
    });
    sim.inject({ kind: "timeout", on: "media" });
    expect((await api("GET", mediaPath(file.id))).status).toBe(502);
  });

  it("answers 404 channel_not_found for a channel that is not connected", async () => {
    const res = await api("GET", mediaPath("1234567890123456", "555000111"));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("channel_not_found");
  });

  it("refuses a file over MEDIA_MAX_BYTES without downloading it", async () => {
    const file = sim.addMedia({ channelId: PHONE, size: CAP + 1 });
    const downloads = sim.mediaDownloads.length;
    const res = await api("GET", mediaPath(file.id));
    expect(res.status).toBe(502);
    expect((await errorOf(res)).code).toBe("media_too_large");
    expect(sim.mediaDownloads.length).toBe(downloads);
  });

  it("refuses a media id that is not an id, and a request without a key", async () => {
    expect((await api("GET", mediaPath("..%2F..%2Fme"))).status).toBe(400);
    const res = await fetch(`${base}${mediaPath("1234567890123456")}`);
    expect(res.status).toBe(401);
  });

  it("cancels Meta's download when the client goes away", async () => {
    const file = sim.addMedia({ channelId: PHONE, size: 80 * MIB });
    const abort = new AbortController();
    const res = await api("GET", mediaPath(file.id), undefined, abort.signal);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let read = 0;
    while (read < 2 * MIB) read += (await reader.read()).value?.length ?? 0;
    abort.abort();
    const download = sim.mediaDownloads.find((d) => d.mediaId === file.id);
    await waitFor(() => download?.aborted === true, 30_000);
    expect(download?.bytes).toBeLessThan(file.size);
  });

  it("counts what it relayed in /metrics", async () => {
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/relay_media_requests_total\{outcome="served"\} [1-9]/);
    expect(metrics).toMatch(/relay_media_requests_total\{outcome="media_not_found"\} 2/);
    expect(metrics).toMatch(/relay_media_requests_total\{outcome="meta_error"\} 2/);
    expect(metrics).toMatch(/relay_media_requests_total\{outcome="media_too_large"\} 1/);
    expect(metrics).toMatch(/relay_media_requests_total\{outcome="aborted"\} 1/);
    const bytes = Number(/relay_media_bytes_total (\d+)/.exec(metrics)?.[1]);
    expect(bytes).toBeGreaterThanOrEqual(105 * 1000 * 1000);
  });
});

async function errorOf(res: Response): Promise<{ code: string; details?: unknown }> {
  return ((await res.json()) as { error: { code: string; details?: unknown } }).error;
}

/** The process's resident memory, in bytes (Linux). */
function rssOf(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}
