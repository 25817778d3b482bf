import { Writable } from "node:stream";
import { RelayError } from "@meta-relay/core";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { createHttpServer } from "./http-server";
import { requestLog } from "./request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function withServer(run: (base: string, lines: string[]) => Promise<void>) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  const logger = createLogger({ level: "debug", destination });
  const http = createHttpServer({
    role: "test",
    logger,
    metrics: createMetrics(),
    ready: () => Promise.resolve(true),
  });
  const routeLog = logger.child({ module: "orders" });
  http.app.post("/orders", (_req, res) => {
    requestLog(res, routeLog).info({ step: 1 }, "order checked");
    throw new RelayError("unavailable", "Try again.", { retryable: true });
  });
  http.app.get("/ok", (_req, res) => {
    requestLog(res, routeLog).info("all fine");
    res.json({ ok: true });
  });
  const port = await http.listen(0, "127.0.0.1");
  try {
    await run(`http://127.0.0.1:${port}`, lines);
  } finally {
    await http.close(1_000);
  }
}

const logged = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe("request ids", () => {
  it("keeps a sane incoming X-Request-Id: in the answer, the envelope and every log line", async () => {
    await withServer(async (base, lines) => {
      const res = await fetch(`${base}/orders`, {
        method: "POST",
        headers: { "X-Request-Id": "abc-123" },
      });
      expect(res.status).toBe(503);
      expect(res.headers.get("x-request-id")).toBe("abc-123");
      expect(await res.json()).toEqual({
        error: { code: "unavailable", message: "Try again.", requestId: "abc-123" },
      });
      const mine = logged(lines).filter((l) => l["requestId"] === "abc-123");
      expect(mine.map((l) => l["msg"])).toEqual(["order checked", "request failed"]);
      expect(mine[0]).toMatchObject({ module: "orders", step: 1 });
    });
  });

  it("gives every answer an id, a new one when none or an unusable one is sent", async () => {
    await withServer(async (base) => {
      const ids: string[] = [];
      const unusable = ["", "a b", "x".repeat(129), "abc\u00e9", "id,other", "{json}", "a/b"];
      for (const header of [undefined, ...unusable]) {
        const res = await fetch(`${base}/ok`, {
          headers: header === undefined ? {} : { "X-Request-Id": header },
        });
        const id = res.headers.get("x-request-id") ?? "";
        expect({ header, id: UUID.test(id) }).toEqual({ header, id: true });
        ids.push(id);
      }
      expect(new Set(ids).size).toBe(ids.length);
      for (const path of ["/healthz", "/readyz", "/metrics", "/no-such-route"]) {
        expect((await fetch(`${base}${path}`)).headers.get("x-request-id")).toMatch(UUID);
      }
      const longest = "A.b_c:d-9".repeat(14).slice(0, 128);
      const kept = await fetch(`${base}/ok`, { headers: { "X-Request-Id": longest } });
      expect(kept.headers.get("x-request-id")).toBe(longest);
    });
  });

  it("binds the generated id to the route's log lines too", async () => {
    await withServer(async (base, lines) => {
      const res = await fetch(`${base}/ok`);
      const id = res.headers.get("x-request-id");
      expect(logged(lines).find((l) => l["msg"] === "all fine")?.["requestId"]).toBe(id);
    });
  });
});
