import { Agent, request } from "node:http";
import { createConnection } from "node:net";
import { createLogger, createMetrics } from "@meta-relay/observability";
import { createHttpServer, type HttpServer } from "./http-server";

interface Answer {
  status: number;
  body: string;
  connection: string | undefined;
}

function get(port: number, path: string, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("HttpServer.close", () => {
  let http: HttpServer;
  let port: number;
  let agent: Agent;

  beforeEach(async () => {
    http = createHttpServer({
      role: "test",
      logger: createLogger({ level: "silent" }),
      metrics: createMetrics(),
      ready: () => Promise.resolve(true),
    });
    http.app.get("/slow/:ms", (req, res) => {
      // Unref'd: a request cut at the deadline must not keep the test process alive.
      setTimeout(() => res.send("done"), Number(req.params.ms)).unref();
    });
    port = await http.listen(0, "127.0.0.1");
    agent = new Agent({ keepAlive: true });
  });
  afterEach(async () => {
    agent.destroy();
    await http.close(100);
  });

  it("finishes in-flight requests, refuses new connections, and does not wait for idle keep-alives", async () => {
    // One kept-alive connection that is idle when the shutdown starts, one busy.
    expect((await get(port, "/healthz", agent)).status).toBe(200);
    const inFlight = get(port, "/slow/600", new Agent({ keepAlive: true }));
    await sleep(100);
    const started = Date.now();
    const closing = http.close(20_000);
    await sleep(50);
    await expect(get(port, "/healthz", new Agent())).rejects.toThrow(/ECONNREFUSED/);
    expect(await inFlight).toEqual({ status: 200, body: "done", connection: "keep-alive" });
    await closing;
    // Well before the 5 s keep-alive timeout and the 20 s deadline: closed once the work was done.
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it("cuts requests that outlive the deadline", async () => {
    const stuck = get(port, "/slow/10000", agent);
    await sleep(100);
    await http.close(300);
    await expect(stuck).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it("answers a request that arrives on a busy connection during shutdown, then closes it", async () => {
    // A busy kept-alive connection: its client sends the next request once the shutdown began.
    const socket = createConnection({ host: "127.0.0.1", port });
    await new Promise((resolve) => socket.once("connect", resolve));
    let received = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (received += chunk));
    const ended = new Promise((resolve) => socket.once("close", resolve));
    socket.write("GET /slow/400 HTTP/1.1\r\nHost: x\r\n\r\n");
    await sleep(100);
    const closing = http.close(5_000);
    socket.write("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n");
    await closing;
    await ended;
    const answers = received.split(/(?=HTTP\/1\.1 )/);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 200/);
    expect(answers[0]).toContain("done");
    expect(answers[1]).toMatch(/^HTTP\/1\.1 503/);
    expect(answers[1]).toMatch(/connection: close/i);
  });
});
