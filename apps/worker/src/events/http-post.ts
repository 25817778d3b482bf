import http from "node:http";
import https from "node:https";

/** The part of the receiver's answer that decides an attempt. */
export interface PostAnswer {
  status: number;
  retryAfter: string | null;
}

export interface PostOptions {
  headers: Record<string, string>;
  /** Milliseconds until the answer's headers, after which the attempt fails with a TimeoutError. */
  timeoutMs: number;
  /** Aborts the attempt with an AbortError (the worker shutting down). */
  signal?: AbortSignal | undefined;
}

/** An answer body longer than this is not read to its end: the connection is dropped instead. */
const MAX_DISCARDED_BODY_BYTES = 64 * 1024;

// Kept-alive connections per process. An idle one is closed after 4 s, under the 5 s that common
// servers (Node's default among them) keep an idle connection, so a reused socket is rarely one the
// receiver is closing at that moment.
const agents = {
  "http:": new http.Agent({ keepAlive: true, timeout: 4_000, scheduling: "lifo" }),
  "https:": new https.Agent({ keepAlive: true, timeout: 4_000, scheduling: "lifo" }),
};

/**
 * One POST over node:http with kept-alive connections: resolves with the status once the answer's
 * headers arrive, and discards the answer's body. Redirects are not followed. It costs a fraction of
 * `fetch`, whose per-request signals, web streams and DOMExceptions made event delivery the worker's
 * largest cost.
 */
export function postOnce(url: URL, body: Buffer, options: PostOptions): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(namedError("AbortError", "attempt aborted"));
    const transport = url.protocol === "https:" ? https : http;
    const req = transport.request(url, {
      method: "POST",
      agent: url.protocol === "https:" ? agents["https:"] : agents["http:"],
      headers: { ...options.headers, "Content-Length": String(body.length) },
    });
    const timer = setTimeout(
      () => req.destroy(namedError("TimeoutError", "no answer in time")),
      options.timeoutMs,
    );
    const onAbort = () => req.destroy(namedError("AbortError", "attempt aborted"));
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const finish = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    };
    req.once("error", (error) => {
      finish();
      reject(error);
    });
    req.once("response", (res) => {
      finish();
      discard(res);
      const retryAfter = res.headers["retry-after"];
      resolve({ status: res.statusCode ?? 0, retryAfter: retryAfter ?? null });
    });
    req.end(body);
  });
}

/** Reads and drops a short body (so the connection is reused); a long one closes the connection. */
function discard(res: http.IncomingMessage): void {
  let read = 0;
  res.on("data", (chunk: Buffer) => {
    read += chunk.length;
    if (read > MAX_DISCARDED_BODY_BYTES) res.destroy();
  });
  res.on("error", () => undefined);
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
