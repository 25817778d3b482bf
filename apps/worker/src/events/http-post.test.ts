import http from "node:http";
import type { AddressInfo } from "node:net";
import { postOnce } from "./http-post";

describe("postOnce", () => {
  let server: http.Server;
  let base: URL;
  const seen: { headers: http.IncomingHttpHeaders; body: string; port: number }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
          port: req.socket.remotePort ?? 0,
        });
        if (req.url === "/redirect") {
          res.writeHead(302, { Location: "/elsewhere" }).end();
        } else if (req.url === "/busy") {
          res.writeHead(503, { "Retry-After": "7" }).end("try later");
        } else if (req.url === "/huge") {
          res.writeHead(200);
          const piece = Buffer.alloc(64 * 1024, 120);
          // Endless: the client must stop reading rather than wait for the end.
          const more = () => {
            while (res.write(piece));
          };
          res.on("drain", more);
          more();
        } else if (req.url === "/silent") {
          // Never answers.
        } else {
          res.writeHead(204).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const url = (path: string) => new URL(path, base);
  const opts = { headers: { "Content-Type": "application/json" }, timeoutMs: 2_000 };

  it("sends the exact body with its length and reuses the connection", async () => {
    seen.length = 0;
    const first = await postOnce(url("/ok"), Buffer.from('{"a":1}'), opts);
    const second = await postOnce(url("/ok"), Buffer.from('{"b":"é"}'), opts);
    expect([first.status, second.status]).toEqual([204, 204]);
    expect(seen.map((s) => s.body)).toEqual(['{"a":1}', '{"b":"é"}']);
    expect(seen[1]?.headers["content-length"]).toBe(String(Buffer.byteLength('{"b":"é"}')));
    expect(seen[1]?.port).toBe(seen[0]?.port);
  });

  it("does not follow a redirect and passes Retry-After on", async () => {
    expect(await postOnce(url("/redirect"), Buffer.from("{}"), opts)).toEqual({
      status: 302,
      retryAfter: null,
    });
    expect(await postOnce(url("/busy"), Buffer.from("{}"), opts)).toEqual({
      status: 503,
      retryAfter: "7",
    });
  });

  it("answers on the headers of an endless body, then drops that connection", async () => {
    const answer = await postOnce(url("/huge"), Buffer.from("{}"), opts);
    expect(answer.status).toBe(200);
    // The next attempt still works (on a fresh connection).
    expect((await postOnce(url("/ok"), Buffer.from("{}"), opts)).status).toBe(204);
  });

  it("fails with a TimeoutError when no answer comes in time", async () => {
    await expect(
      postOnce(url("/silent"), Buffer.from("{}"), { ...opts, timeoutMs: 200 }),
    ).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("fails with an AbortError when aborted, before or during the attempt", async () => {
    await expect(
      postOnce(url("/ok"), Buffer.from("{}"), { ...opts, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: "AbortError" });
    const controller = new AbortController();
    const attempt = postOnce(url("/silent"), Buffer.from("{}"), {
      ...opts,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    await expect(attempt).rejects.toMatchObject({ name: "AbortError" });
  });

  it("fails with the connection's error code when nothing listens", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      postOnce(new URL(`http://127.0.0.1:${port}/`), Buffer.from("{}"), opts),
    ).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });
});
