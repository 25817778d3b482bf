import { connect } from "node:net";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { createHttpServer } from "./http-server";

// A slow-loris client trickling its headers is cut off at the 10 s header deadline (answered 408),
// not up to 30 s later when Node would otherwise first look at its connections.

describe("a client that trickles its headers", () => {
  it("is answered 408 and disconnected shortly after the header deadline", async () => {
    const http = createHttpServer({
      role: "test",
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics(),
      ready: () => Promise.resolve(true),
    });
    const port = await http.listen(0, "127.0.0.1");
    try {
      const started = Date.now();
      const { closedAfterMs, answer } = await new Promise<{
        closedAfterMs: number;
        answer: string;
      }>((resolve) => {
        let answer = "";
        const socket = connect(port, "127.0.0.1", () => socket.write("GET /healthz HTTP/1.1\r\n"));
        const trickle = setInterval(() => socket.write("X"), 500);
        socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
        socket.on("error", () => undefined);
        socket.on("close", () => {
          clearInterval(trickle);
          resolve({ closedAfterMs: Date.now() - started, answer });
        });
      });
      expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 408 Request Timeout");
      expect(closedAfterMs).toBeGreaterThanOrEqual(9_000);
      expect(closedAfterMs).toBeLessThan(20_000);
    } finally {
      await http.close(1_000);
    }
  }, 40_000);
});
