import { RelayError } from "@meta-relay/core";
import { createLogger, createMetrics } from "@meta-relay/observability";
import express from "express";
import { createHttpServer } from "./http-server";

async function withServer(ready: boolean, run: (base: string) => Promise<void>) {
  const metrics = createMetrics();
  const http = createHttpServer({
    role: "test",
    logger: createLogger({ level: "silent" }),
    metrics,
    ready: () => Promise.resolve(ready),
    live: () => ready,
  });
  http.app.post("/echo", express.json({ limit: 100 }), (req, res) => res.json(req.body));
  http.app.get("/boom", () => {
    throw new RelayError("channel_not_found", "No channel messenger/1 is connected.");
  });
  http.app.get("/crash", () => {
    throw new Error("secret internals");
  });
  const port = await http.listen(0, "127.0.0.1");
  try {
    await run(`http://127.0.0.1:${port}`);
  } finally {
    await http.close(1_000);
  }
  return metrics;
}

describe("createHttpServer", () => {
  it("serves health, readiness and metrics", async () => {
    const metrics = await withServer(true, async (base) => {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toContain(
        'relay_http_requests_total{role="test",method="GET",route="/healthz",status="200"} 1',
      );
    });
    expect(await metrics.registry.getSingleMetricAsString("relay_http_requests_total")).toContain(
      "/readyz",
    );
  });

  it("reports not ready and not live", async () => {
    await withServer(false, async (base) => {
      expect((await fetch(`${base}/readyz`)).status).toBe(503);
      expect((await fetch(`${base}/healthz`)).status).toBe(503);
    });
  });

  it("answers every error with the envelope", async () => {
    await withServer(true, async (base) => {
      const missing = await fetch(`${base}/nope`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({
        error: {
          code: "not_found",
          message: "No such route.",
          requestId: missing.headers.get("x-request-id"),
        },
      });
      const known = await fetch(`${base}/boom`);
      expect(known.status).toBe(404);
      expect(((await known.json()) as { error: { code: string } }).error.code).toBe(
        "channel_not_found",
      );
      const crash = await fetch(`${base}/crash`);
      expect(crash.status).toBe(500);
      expect(await crash.text()).not.toContain("secret internals");
      const big = await fetch(`${base}/echo`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ pad: "x".repeat(200) }),
      });
      expect(big.status).toBe(413);
      const bad = await fetch(`${base}/echo`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{",
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
    });
  });
});
