import { createLogger, createMetrics } from "@meta-relay/observability";
import { createHttpServer } from "./http-server";

describe("client errors raised outside our handlers", () => {
  it("answers 400 in the envelope to a path parameter that is not valid percent-encoding", async () => {
    const http = createHttpServer({
      role: "test",
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics(),
      ready: () => Promise.resolve(true),
    });
    http.app.get("/items/:id", (req, res) => res.json({ id: req.params.id }));
    const port = await http.listen(0, "127.0.0.1");
    try {
      for (const bad of ["%", "%E0%A4%A", "%zz", "%C0%AF"]) {
        const res = await fetch(`http://127.0.0.1:${port}/items/${bad}`);
        expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe("invalid_request");
        expect(body.error.message).not.toContain(bad);
      }
      expect((await fetch(`http://127.0.0.1:${port}/items/%C3%A9`)).status).toBe(200);
    } finally {
      await http.close(1_000);
    }
  });
});
