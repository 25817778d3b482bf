import { Agent, request } from "node:http";
import { connect } from "node:net";
import { createLogger, createMetrics } from "@meta-relay/observability";
import express from "express";
import { refuseOversized } from "./body-limit";
import { sendError } from "./errors";
import { createHttpServer } from "./http-server";

// An oversized body is refused as soon as it is known to be too large: the server reads at most a
// few MiB more of it (so a client that writes its whole body first still reads the 413), never all.

const LIMIT = 64 * 1024;

async function withServer(run: (port: number) => Promise<void>) {
  const http = createHttpServer({
    role: "test",
    logger: createLogger({ level: "silent" }),
    metrics: createMetrics(),
    ready: () => Promise.resolve(true),
  });
  const refuse = (res: express.Response) => sendError(res, 413, "payload_too_large", "Too large.");
  http.app.post(
    "/in",
    refuseOversized(LIMIT, refuse),
    express.raw({ type: () => true, limit: LIMIT }),
    (req, res) => res.json({ bytes: (req.body as Buffer).length }),
  );
  http.app.get("/slow", (_req, res) => {
    setTimeout(() => res.json({ ok: true }), 1_500);
  });
  const port = await http.listen(0, "127.0.0.1");
  try {
    await run(port);
  } finally {
    await http.close(1_000);
  }
}

/** Sends `head`, then body bytes as fast as the server takes them; how much was written when it closed. */
function upload(port: number, head: string, frame: (chunk: Buffer) => Buffer) {
  return new Promise<{ answer: string; writtenBytes: number }>((resolve) => {
    let answer = "";
    let written = 0;
    const chunk = Buffer.alloc(16 * 1024, 120);
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(head);
      const pump = () => {
        while (!socket.destroyed && written < 256 * 1024 * 1024) {
          written += chunk.length;
          if (!socket.write(frame(chunk))) return void socket.once("drain", pump);
        }
      };
      pump();
    });
    socket.on("data", (data: Buffer) => (answer += data.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve({ answer, writtenBytes: written }));
  });
}

describe("refuseOversized", () => {
  it("answers 413 to a declared oversized body after reading at most a few MiB of it", async () => {
    await withServer(async (port) => {
      const head = `POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: ${256 * 1024 * 1024}\r\n\r\n`;
      const { answer, writtenBytes } = await upload(port, head, (c) => c);
      expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 413 Payload Too Large");
      expect(writtenBytes).toBeLessThan(64 * 1024 * 1024);
    });
  });

  it("closes the connection once a chunked body passes the limit", async () => {
    await withServer(async (port) => {
      const head = "POST /in HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
      const frame = (c: Buffer) =>
        Buffer.concat([Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from("\r\n")]);
      const { writtenBytes } = await upload(port, head, frame);
      expect(writtenBytes).toBeLessThan(64 * 1024 * 1024);
    });
  });

  it("keeps the connection of a refused body that was sent whole, for the client's next request", async () => {
    await withServer(async (port) => {
      // One kept-alive socket: the second request travels on the connection of the refused one.
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const call = (method: string, path: string, body?: Buffer) =>
        new Promise<number>((resolve, reject) => {
          const req = request({ host: "127.0.0.1", port, method, path, agent }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          });
          req.on("error", reject);
          req.end(body);
        });
      try {
        expect(await call("POST", "/in", Buffer.alloc(LIMIT * 2, 1))).toBe(413);
        // Still running when a hang-up would cut the connection.
        expect(await call("GET", "/slow")).toBe(200);
      } finally {
        agent.destroy();
      }
    });
  });

  it("answers 413, not a reset, to a client that sends a body of several MiB before reading", async () => {
    await withServer(async (port) => {
      // fetch writes the whole body before it reads the answer: an early close shows as EPIPE.
      const res = await fetch(`http://127.0.0.1:${port}/in`, {
        method: "POST",
        body: Buffer.alloc(6 * 1024 * 1024, 1),
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: "payload_too_large" } });
    });
  });

  it("keeps reading a refused body that arrives slowly, as long as no pause passes a second", async () => {
    await withServer(async (port) => {
      const size = 4 * LIMIT;
      const answer = await new Promise<string>((resolve) => {
        let text = "";
        const socket = connect(port, "127.0.0.1", () => {
          socket.write(`POST /in HTTP/1.1\r\nHost: x\r\nContent-Length: ${size}\r\n\r\n`);
          let sent = 0;
          // Four pieces 400 ms apart: 1.2 s in all, longer than any single pause the drain allows.
          const next = () => {
            if (socket.destroyed || sent >= size) return;
            socket.write(Buffer.alloc(LIMIT, 1));
            sent += LIMIT;
            setTimeout(next, 400);
          };
          next();
        });
        socket.on("data", (data: Buffer) => {
          text += data.toString("latin1");
          if (text.includes("payload_too_large")) {
            socket.destroy();
            resolve(text);
          }
        });
        socket.on("error", () => resolve(text));
        socket.on("close", () => resolve(text));
      });
      expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 413 Payload Too Large");
      // The whole body arrived, so the connection stays usable.
      expect(answer.toLowerCase()).toContain("connection: keep-alive");
    });
  });

  it("lets a body within the limit through, whole", async () => {
    await withServer(async (port) => {
      const res = await fetch(`http://127.0.0.1:${port}/in`, {
        method: "POST",
        body: Buffer.alloc(LIMIT, 1),
      });
      expect(await res.json()).toEqual({ bytes: LIMIT });
      const big = await fetch(`http://127.0.0.1:${port}/in`, {
        method: "POST",
        body: Buffer.alloc(LIMIT + 1, 1),
      });
      expect(big.status).toBe(413);
    });
  });
});
