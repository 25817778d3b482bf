import http from "node:http";
import https from "node:https";

export interface HttpCallOptions {
  method: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Milliseconds for the whole call, answer body included; then it fails with a TimeoutError. */
  timeoutMs?: number;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

// Kept-alive connections, closed after 4 s idle: under the 5 s a Node server keeps them, so a
// reused socket is rarely one the server is closing at that very moment.
const agents = {
  "http:": new http.Agent({ keepAlive: true, timeout: 4_000, scheduling: "lifo" }),
  "https:": new https.Agent({ keepAlive: true, timeout: 4_000, scheduling: "lifo" }),
};

/**
 * One HTTP call of a test's client over node:http. Load generators use it rather than `fetch`,
 * which costs several times more CPU per request on the machine the relay under test shares.
 * An answer that arrives while the body is still being written (a 413 before the end) is the
 * result: the write error that follows when the server closes is not.
 */
export function httpCall(target: string | URL, options: HttpCallOptions): Promise<HttpAnswer> {
  const url = typeof target === "string" ? new URL(target) : target;
  return new Promise((resolve, reject) => {
    let answered = false;
    const body =
      options.body === undefined
        ? undefined
        : Buffer.isBuffer(options.body)
          ? options.body
          : Buffer.from(options.body, "utf8");
    const headers = { ...options.headers };
    if (body !== undefined) headers["content-length"] = String(body.length);
    const transport = url.protocol === "https:" ? https : http;
    const req = transport.request(url, {
      method: options.method,
      headers,
      agent: url.protocol === "https:" ? agents["https:"] : agents["http:"],
    });
    const timer = setTimeout(() => {
      const error = new Error(`no answer within ${options.timeoutMs} ms`);
      error.name = "TimeoutError";
      req.destroy(error);
    }, options.timeoutMs ?? 30_000);
    req.on("error", (error) => {
      if (answered) return;
      clearTimeout(timer);
      reject(error);
    });
    req.once("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      res.once("end", () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        });
      });
    });
    req.end(body);
  });
}
